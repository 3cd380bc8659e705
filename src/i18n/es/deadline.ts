import type { deadline as en } from '../en/deadline';
import type { Translated } from '../plural';

export const deadline: Translated<typeof en> = {
  aware: {
    usage:
      '¿Cuándo tuvimos constancia? `/crisis aware <hora> [cómo]`, p. ej. `/crisis aware 09:30`, `/crisis aware ayer 21:15 lo confirmó el delegado de protección de datos`, `/crisis aware 2026-12-06 21:15` o `/crisis aware ahora`.',
    recorded: '🕘 {{who}} ha registrado cuándo tuvimos constancia: {{when}}. {{name}}: vence el {{due}}.',
    corrected:
      '🕘 {{who}} ha corregido cuándo tuvimos constancia: {{when}} (antes, {{previous}}). {{name}}: ahora vence el {{due}}.',
    noDeadline:
      'El protocolo {{playbook}} no tiene ningún plazo que cuente desde que se tiene constancia: deja el momento en la cronología con `/crisis note`.',
    unchanged: 'La crisis #{{seq}} ya tiene ese momento como el de la constancia.',
    tooLong: 'Cuenta cómo tuvimos constancia en menos de {{max}} caracteres.',
  },
  time: {
    unreadable:
      'calma no entiende «{{text}}» como una hora. Prueba con `09:30`, `ayer 21:15`, `2026-12-06 21:15` o `ahora`.',
    future: '{{when}} todavía no ha llegado: indica el momento en que tuvimos constancia, que ya ha pasado.',
  },
  deadline: {
    notStarted:
      'El plazo no ha empezado a correr: registra cuándo tuvimos constancia con `/crisis aware <hora>`.',
    running: 'Vence el {{due}}: quedan {{hours}} h a las {{now}}. Tuvimos constancia el {{aware}}.',
    lastHour: 'Vence el {{due}}: queda menos de una hora a las {{now}}. Tuvimos constancia el {{aware}}.',
    overdue:
      'Plazo vencido: vencía el {{due}}, hace {{hours}} h a las {{now}}. Hazlo ya y deja constancia del motivo del retraso.',
    met: 'Cumplido: paso {{step}} hecho el {{when}}, {{hours}} h después de tener constancia.',
    skipped: 'Paso {{step}} omitido: {{reason}}',
    reminder: '⏳ {{name}}: quedan {{hours}} h (vence el {{due}})',
    reminderLastHour: '⏳ {{name}}: queda menos de una hora (vence el {{due}})',
    reminderOverdue: '⏳ {{name}}: vencido desde el {{due}}',
    reminderStep:
      'Pendiente: paso {{step}}, {{title}}. {{who}}, te toca a ti: pulsa Hecho cuando esté hecho.',
    reminderNobody: 'Pendiente: paso {{step}}, {{title}}. Nadie se ha hecho cargo todavía: ¿quién lo asume?',
    away: '{{name}}',
    postmortemUnrecorded: 'Nunca se registró cuándo tuvimos constancia (`/crisis aware`).',
    postmortemMet:
      'Tuvimos constancia el {{aware}} (lo registró {{who}}); cumplido: paso {{step}} hecho el {{when}}, {{hours}} h después de tener constancia.',
    postmortemOpen:
      'Tuvimos constancia el {{aware}} (lo registró {{who}}), plazo hasta el {{due}}; paso {{step}} sin hacer.',
    timeline: 'registró cuándo tuvimos constancia: {{when}}',
    timelineCorrected: 'corrigió cuándo tuvimos constancia: {{when}} (antes, {{previous}})',
    timelineHow: '{{text}} (cómo: {{how}})',
  },
};
