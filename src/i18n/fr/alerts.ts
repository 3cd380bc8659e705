import type { alerts as en } from '../en/alerts';
import type { Translated } from '../plural';

export const alerts: Translated<typeof en> = {
  alerts: {
    firing: 'active',
    resolved: 'résolue',
    source: {
      alertmanager: 'Alertmanager',
      grafana: 'Grafana',
      pagerduty: 'PagerDuty',
      generic: 'Webhook',
    },
    triageTitle: '🔔 Alerte : {{title}}',
    triageIntro: '{{source}} signale ce qui pourrait être une crise. Ouvrez-la, ou écartez l’alerte.',
    from: 'Source',
    status: 'État',
    severity: 'Gravité',
    severityUnknown: 'non précisée',
    started: 'Début',
    labels: 'Étiquettes',
    link: 'Lien',
    playbook: 'Playbook',
    choosePlaybook:
      'Aucun playbook n’est prévu pour cette alerte : chaque bouton ouvre la crise avec celui qu’il nomme.',
    ruleDefault: 'Aucune règle ne correspond : le tri est le choix par défaut (calma.yaml `alerts.routes`).',
    rule: 'La règle {{n}} l’envoie au tri (calma.yaml `alerts.routes`).',
    count: 'Alertes reçues : {{count}}, la dernière le {{when}}.',
    truncated:
      'Alertes de ce groupe que {{source}} n’a pas envoyées (au-delà de son `max_alerts`) : {{count}}.',
    resolvedAt: '✅ La source la déclare résolue ({{when}}).',
    open: 'Ouvrir la crise',
    openWith: 'Ouvrir : {{playbook}}',
    dismiss: 'Écarter',
    openedBy: 'Ouverte comme incident #{{seq}} par {{who}} ({{when}}) : {{room}}',
    dismissedBy: 'Écartée par {{who}} ({{when}}). Une nouvelle alerte de ce groupe aura une nouvelle carte.',
    alreadyOpened: 'Cette alerte a déjà été ouverte comme incident #{{seq}}.',
    alreadyDismissed: '{{who}} a déjà écarté cette alerte.',
    beingOpened: 'Quelqu’un ouvre cette alerte en ce moment : cherchez le nouveau canal de l’incident.',
    dismissed: 'Alerte écartée.',
    openedTitle: '🔔 Ouvert depuis une alerte',
    openedLine: '{{source}}, {{status}} : « {{title}} »',
    fromTriage: 'Ouvert depuis sa carte de tri par {{who}}.',
    groupNote:
      'Les répétitions de cette alerte vont dans la chronologie ; calma publie au plus un message à leur sujet toutes les {{minutes}} min.',
    noteFrom: 'de {{from}} : {{text}}',
    statusUpdateFrom: 'point de situation de {{from}} : {{text}}',
    again: '🔔 Nouvelle alerte {{source}}, {{status}} : « {{title}} »',
    held_one: 'Et {{count}} alerte de plus de ce groupe depuis le {{since}}, dans la chronologie.',
    held_many: 'Et {{count}} alertes de plus de ce groupe depuis le {{since}}, dans la chronologie.',
    held_other: 'Et {{count}} alertes de plus de ce groupe depuis le {{since}}, dans la chronologie.',
    digest_one:
      '🔔 « {{group}} » : {{count}} alerte de plus depuis le {{since}}. Elle est dans la chronologie (`/crisis status`).',
    digest_many:
      '🔔 « {{group}} » : {{count}} alertes de plus depuis le {{since}}. Elles sont dans la chronologie (`/crisis status`).',
    digest_other:
      '🔔 « {{group}} » : {{count}} alertes de plus depuis le {{since}}. Elles sont dans la chronologie (`/crisis status`).',
    resolvedInRoom:
      '✅ {{source}} déclare « {{title}} » résolue. L’incident reste ouvert : fermez-le avec `/crisis close` une fois la crise passée.',
  },
};
