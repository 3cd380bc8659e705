import type { reminders as en } from '../en/reminders';
import type { Translated } from '../plural';

export const reminders: Translated<typeof en> = {
  reminders: {
    snooze: 'Aplazar {{minutes}} min',
    dismiss: 'Descartar',
    late: 'Enviado con {{minutes}} min de retraso: calma no estaba en marcha cuando tocaba.',
    nobody: 'nadie todavía',
    stepDue: '⏰ Toca el paso {{step}}: {{title}}',
    stepOwner: '{{who}}, este es tuyo.',
    stepNobody: 'Nadie tiene este paso todavía: ¿quién se encarga?',
    stepEscalated: '⏰ El paso {{step}} sigue pendiente {{minutes}} min después de su plazo: {{title}}',
    stepNoLead:
      'Nadie lidera aún esta crisis: `/crisis role lead @nombre`, y luego hazlo, reasígnalo u omítelo con un motivo.',
    stepLead:
      '{{who}}, como responsable de la crisis: haz que se complete, reasígnalo u omítelo con un motivo.',
    cadence: '📣 Toca publicar una actualización',
    sinceUpdate: 'La última salió hace {{minutes}} min ({{when}}).',
    sinceOpen: 'No ha salido nada desde que se abrió la crisis hace {{minutes}} min ({{when}}).',
    cadenceHint:
      '{{who}}: cuenta qué ha cambiado, qué debe hacer la gente y cuándo llega la próxima actualización.',
    noLead: 'La crisis #{{seq}} aún no tiene responsable',
    noLeadHint: 'Alguien tiene que decidir: `/crisis role lead @nombre`.',
    noSeverity: 'La crisis #{{seq}} sigue sin gravedad',
    noSeverityHint: 'De ella depende cada cuánto informamos al público. Ante la duda, elige la más alta.',
    stale: 'No ha pasado nada en la crisis #{{seq}} desde hace {{minutes}} min',
    staleHint: '{{who}}: ¿sigue abierta? Añade una nota, publica una actualización o ciérrala.',
    approval: '⏳ El comunicado S{{n}} lleva {{minutes}} min esperando aprobación',
    approvalHint:
      '{{who}}: léelo más arriba, en su tarjeta, y apruébalo o recházalo. Si callamos, el rumor habla por nosotros.',
    followup: '📌 La acción de seguimiento F{{n}} sigue pendiente: {{text}}',
    followupHint: '{{who}}, esta es tuya (añadida el {{when}}). Pulsa Hecho cuando esté hecha, o aplázala.',
    snoozed: '{{who}} lo ha aplazado hasta {{until}}.',
    dismissed: '{{who}} ha descartado el recordatorio.',
    alreadyDismissed: 'Ese recordatorio ya estaba descartado.',
  },
};
