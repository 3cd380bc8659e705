import type { approvalPage as en } from '../en/approval-page';
import type { Translated } from '../plural';

export const approvalPage: Translated<typeof en> = {
  approvalPage: {
    title: 'Aprobar el comunicado S{{n}}',
    incident: 'Incidente #{{seq}}: {{title}}',
    severity: 'Gravedad: {{severity}}',
    noSeverity: 'Gravedad: aún sin definir',
    statement: 'Comunicado S{{n}}, versión {{version}}',
    variants: 'Versiones para cada red',
    checklist: 'Lista de comprobación',
    writtenBy: 'Redactado por: {{who}}',
    approvedBy: 'Aprobado hasta ahora por: {{who}}',
    noApprovals: 'Todavía no hay ninguna aprobación.',
    youApprove: 'Se te pide ({{who}}) que lo apruebes como {{role}}.',
    expires: 'Este enlace solo sirve una vez y caduca el {{when}}.',
    seeIncident: 'Ver la crisis completa',
    approve: 'Aprobar S{{n}}',
    rejectHeading: 'O devuélvelo',
    reason: '¿Por qué lo rechazas? (obligatorio)',
    reject: 'Rechazar S{{n}}',
    approved: 'Gracias: has aprobado el comunicado S{{n}}. Aún falta: {{needed}}.',
    published: 'Gracias: has aprobado el comunicado S{{n}} y ya está publicado.',
    rejected: 'Has rechazado el comunicado S{{n}}. Su autor ya sabe por qué en el canal del incidente.',
    refusedTitle: 'Este enlace no se puede usar',
    doneTitle: 'Hecho',
    closeTab: 'Puedes cerrar esta página: este enlace ya no funciona.',
    why: {
      expired: 'Este enlace de aprobación ha caducado.',
      used: 'Este enlace de aprobación ya se usó: cada enlace sirve una sola vez.',
      voided:
        'El comunicado S{{n}} se editó después de enviarte este enlace: el texto que aprobarías ya no es el actual.',
      closed: 'El comunicado S{{n}} ya no espera aprobación: se publicó o se rechazó.',
      tampered: 'Este enlace de aprobación no es válido: puede que esté incompleto o alterado.',
      csrf: 'Este formulario no procede de la página de aprobación en este navegador (o la página es demasiado antigua). No se ha hecho nada.',
      off: 'Los enlaces de aprobación están desactivados en este calma.',
      unavailable:
        'calma no puede conectar ahora con su plataforma de chat. Vuelve a abrir el mismo enlace dentro de un minuto.',
      refused: 'calma no lo ha aceptado: {{reason}}',
      reasonRequired: 'Indica por qué lo rechazas: no se ha hecho nada.',
    },
    next: 'Para obtener un enlace nuevo, escribe `/crisis enlace S{{n}}` en el chat del incidente (en cualquier canal), o apruébalo allí con `/crisis aprobar S{{n}}`.',
    nextAny:
      'Para obtener un enlace nuevo, escribe `/crisis enlace S<n>` en el chat del incidente, o pídeselo a quien te lo envió.',
  },
  approvalLink: {
    usage: '¿Qué comunicado? `/crisis enlace S<n>`, p. ej. `/crisis enlace S1`.',
    yours:
      'Tu enlace de aprobación del comunicado S{{n}} (sirve una vez, solo para ti, hasta el {{when}} o hasta que cambie el comunicado): {{url}}',
    off: 'Los enlaces de aprobación están desactivados: calma necesita `public_url` en calma.yaml y `CALMA_LINK_SECRET` definido. Apruébalo en el chat: `/crisis aprobar S{{n}}`.',
    notPending: 'El comunicado S{{n}} no espera aprobación: no hay nada que aprobar.',
    sent: 'El comunicado S{{n}} necesita tu aprobación como {{role}} ({{incident}}). Abre este enlace para leerlo y aprobarlo o rechazarlo (sirve una vez, solo para ti, hasta el {{when}}): {{url}}',
    emailSubject: 'El comunicado S{{n}} necesita tu aprobación ({{incident}})',
    requestFailed:
      'No se pudo enviar a {{who}} la solicitud de aprobación del comunicado S{{n}} a través de {{target}} ({{error}}): puede obtener un enlace con `/crisis enlace S{{n}}`.',
  },
};
