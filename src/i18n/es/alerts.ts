import type { alerts as en } from '../en/alerts';
import type { Translated } from '../plural';

export const alerts: Translated<typeof en> = {
  alerts: {
    firing: 'activa',
    resolved: 'resuelta',
    source: {
      alertmanager: 'Alertmanager',
      grafana: 'Grafana',
      pagerduty: 'PagerDuty',
      generic: 'Webhook',
    },
    triageTitle: '🔔 Alerta: {{title}}',
    triageIntro: '{{source}} avisa de algo que puede ser una crisis. Ábrela o descarta la alerta.',
    from: 'Origen',
    status: 'Estado',
    severity: 'Gravedad',
    severityUnknown: 'sin indicar',
    started: 'Empezó',
    labels: 'Etiquetas',
    link: 'Enlace',
    playbook: 'Playbook',
    choosePlaybook: 'Esta alerta no tiene playbook asignado: cada botón abre la crisis con el que indica.',
    ruleDefault: 'Ninguna regla coincide: el triaje es la opción por defecto (calma.yaml `alerts.routes`).',
    rule: 'La regla {{n}} la envía a triaje (calma.yaml `alerts.routes`).',
    count: 'Alertas recibidas: {{count}}, la última el {{when}}.',
    truncated: 'Alertas de este grupo que {{source}} no envió (por encima de su `max_alerts`): {{count}}.',
    resolvedAt: '✅ El origen la da por resuelta ({{when}}).',
    open: 'Abrir crisis',
    openWith: 'Abrir: {{playbook}}',
    dismiss: 'Descartar',
    openedBy: 'Abierta como incidente #{{seq}} por {{who}} ({{when}}): {{room}}',
    dismissedBy:
      'Descartada por {{who}} ({{when}}). Una nueva alerta de este grupo tendrá una tarjeta nueva.',
    alreadyOpened: 'Esta alerta ya se abrió como incidente #{{seq}}.',
    alreadyDismissed: '{{who}} ya descartó esta alerta.',
    beingOpened: 'Alguien está abriendo esta alerta ahora mismo: busca el nuevo canal del incidente.',
    dismissed: 'Alerta descartada.',
    openedTitle: '🔔 Abierto desde una alerta',
    openedLine: '{{source}}, {{status}}: «{{title}}»',
    fromTriage: '{{who}} lo abrió desde su tarjeta de triaje.',
    groupNote:
      'Las repeticiones de esta alerta van a la cronología; calma publica como mucho un mensaje sobre ellas cada {{minutes}} min.',
    noteFrom: 'de {{from}}: {{text}}',
    statusUpdateFrom: 'actualización de estado de {{from}}: {{text}}',
    again: '🔔 De nuevo una alerta de {{source}}, {{status}}: «{{title}}»',
    held_one: 'Y {{count}} alerta más de este grupo desde el {{since}}, en la cronología.',
    held_many: 'Y {{count}} alertas más de este grupo desde el {{since}}, en la cronología.',
    held_other: 'Y {{count}} alertas más de este grupo desde el {{since}}, en la cronología.',
    digest_one:
      '🔔 «{{group}}»: {{count}} alerta más desde el {{since}}. Está en la cronología (`/crisis status`).',
    digest_many:
      '🔔 «{{group}}»: {{count}} alertas más desde el {{since}}. Están en la cronología (`/crisis status`).',
    digest_other:
      '🔔 «{{group}}»: {{count}} alertas más desde el {{since}}. Están en la cronología (`/crisis status`).',
    resolvedInRoom:
      '✅ {{source}} da «{{title}}» por resuelta. El incidente sigue abierto: ciérralo con `/crisis close` cuando la crisis haya pasado.',
  },
};
