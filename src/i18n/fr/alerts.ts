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
    playbook: 'Procédure',
    choosePlaybook:
      'Aucune procédure n’est prévue pour cette alerte : chaque bouton ouvre la crise avec celle qu’il nomme.',
    ruleDefault: 'Aucune règle ne correspond : le tri est le choix par défaut (calma.yaml `alerts.routes`).',
    rule: 'La règle {{n}} l’envoie au tri (calma.yaml `alerts.routes`).',
    count: 'Alertes reçues : {{count}}, la dernière le {{when}}.',
    truncated:
      'Alertes de ce groupe que {{source}} n’a pas envoyées (au-delà de son `max_alerts`) : {{count}}.',
    resolvedAt: '✅ La source la déclare résolue ({{when}}).',
    open: 'Ouvrir la crise',
    openWith: 'Ouvrir : {{playbook}}',
    dismiss: 'Écarter',
    openedBy: 'Ouverte comme crise n°{{seq}} par {{who}} ({{when}}) : {{room}}',
    dismissedBy: 'Écartée par {{who}} ({{when}}). Une nouvelle alerte de ce groupe aura une nouvelle carte.',
    alreadyOpened: 'Cette alerte a déjà été ouverte comme crise n°{{seq}}.',
    alreadyDismissed: '{{who}} a déjà écarté cette alerte.',
    beingOpened: 'Quelqu’un ouvre cette alerte en ce moment : cherchez le nouveau canal de la crise.',
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
      '✅ {{source}} déclare « {{title}} » résolue. La crise reste ouverte : clôturez-la avec `/crisis close` une fois qu’elle est passée.',
    stormTitle_one: 'Tempête d’alertes : {{n}} groupe d’alertes sur cette carte',
    stormTitle_other: 'Tempête d’alertes : {{n}} groupes d’alertes sur cette carte',
    stormTitle_many: 'Tempête d’alertes : {{n}} de groupes d’alertes sur cette carte',
    stormIntro:
      'Plus de {{threshold}} nouveaux groupes d’alertes sont arrivés en {{minutes}} min (à partir du {{since}}). Pour que ce canal reste lisible, les suivants sont rassemblés ici au lieu d’avoir chacun leur carte, et cette carte est mise à jour au fil des alertes.',
    stormTotals: 'Pour l’instant : {{groups}}, {{alerts}}. Les plus gros d’abord :',
    stormGroups_one: '{{n}} groupe',
    stormGroups_other: '{{n}} groupes',
    stormGroups_many: '{{n}} de groupes',
    stormAlerts_one: '{{n}} alerte',
    stormAlerts_other: '{{n}} alertes',
    stormAlerts_many: '{{n}} d’alertes',
    stormGroup: '*{{rank}}.* {{title}} · {{alerts}} · {{source}}{{labels}}{{fate}}',
    stormOpened: '→ ouvert comme crise n°{{seq}} par {{who}}',
    stormDismissed: '→ écarté par {{who}}',
    stormOpening: '→ en cours d’ouverture',
    stormResolved: '→ ✅ résolu d’après la source',
    stormMore_one: '… et {{n}} autre groupe, absent de cette liste : *Tous les groupes* l’affiche.',
    stormMore_other:
      '… et {{n}} autres groupes, absents de cette liste : *Tous les groupes* les affiche {{size}} par {{size}}.',
    stormMore_many:
      '… et {{n}} d’autres groupes, absents de cette liste : *Tous les groupes* les affiche {{size}} par {{size}}.',
    stormOpen: '{{rank}}. Ouvrir la crise : {{title}}',
    stormAll: 'Tous les groupes',
    stormRule:
      'Règle de tempête : `alerts.storm` dans calma.yaml. *Ouvrir la crise* fonctionne comme sur une carte de tri : les alertes suivantes du groupe rejoignent la crise.',
    stormPageTitle: 'Groupes d’alertes {{from}} à {{to}} sur {{n}}',
    stormPageEmpty: 'Plus aucun groupe sur cette carte.',
    stormNext: 'Groupes suivants',
    stormGone: 'Cette carte de tempête n’est plus conservée (elle l’est un mois après sa dernière alerte).',
  },
};
