import type { drills as en } from '../en/drills';
import type { Translated } from '../plural';

export const drills: Translated<typeof en> = {
  drill: {
    label: 'EXERCICE',
    usage:
      'Indiquez la procédure à travailler et, si vous voulez, un scénario : `/crisis drill <procédure> [scénario]`.',
    defaultTitle: 'Exercice : {{playbook}}',
    opened:
      '🎭 L’exercice n°{{seq}} est ouvert dans {{room}} avec la procédure « {{playbook}} ». Entraînement seulement : rien ne sort du chat.',
    unknownPlaybook: 'Il n’y a pas de procédure « {{playbook}} » à travailler. Procédures : {{playbooks}}.',
    unknownScenario:
      'Il n’y a pas de scénario « {{scenario}} » pour la procédure « {{playbook}} ». Ses scénarios : {{scenarios}}.',
    none: 'aucun pour l’instant',
    helpDrill:
      'ouvrir une crise d’entraînement, marquée EXERCICE, avec les messages programmés d’un scénario (seul : les procédures et scénarios)',
    helpDelete: 'supprimer un exercice clos (les vraies crises sont conservées pour de bon)',
    helpTitle: 'Exercices : s’entraîner avant la vraie crise',
    helpIntro:
      'Un exercice est une crise marquée EXERCICE partout : ses communiqués ne sortent jamais du chat, et un scénario publie des messages simulés du monde extérieur pendant qu’il se déroule. Tapez l’une de ces commandes :',
    helpScenario_one:
      '`/crisis drill {{playbook}} {{id}}` : {{title}} ({{count}} message en {{minutes}} min)',
    helpScenario_many:
      '`/crisis drill {{playbook}} {{id}}` : {{title}} ({{count}} messages en {{minutes}} min)',
    helpScenario_other:
      '`/crisis drill {{playbook}} {{id}}` : {{title}} ({{count}} messages en {{minutes}} min)',
    helpNoScenario: '`/crisis drill {{playbook}}` : « {{title}} » seule, sans messages simulés',
    helpAfter:
      '`/crisis close` termine un exercice avec son bilan ; `/crisis delete #N` le supprime ensuite.',
    introTitle: '🎭 EXERCICE : un entraînement, pas une vraie crise',
    introScenario: '*Scénario :* {{description}}',
    introInjects_one:
      'Un message simulé du monde extérieur arrivera ici pendant l’exercice, à T+{{first}} min. Répondez-y comme pour de vrai.',
    introInjects_many:
      '{{count}} messages simulés du monde extérieur arriveront ici pendant l’exercice, de T+{{first}} à T+{{last}} min. Répondez-y comme pour de vrai.',
    introInjects_other:
      '{{count}} messages simulés du monde extérieur arriveront ici pendant l’exercice, de T+{{first}} à T+{{last}} min. Répondez-y comme pour de vrai.',
    introNoScenario: 'Pas de scénario : suivez la procédure à votre rythme.',
    introRules:
      'Les communiqués sont rédigés, approuvés et publiés comme d’habitude, mais ne sortent jamais du chat. `/crisis close` termine l’exercice avec un bilan de ce qui a été fait à temps, en retard ou jamais.',
    injectTitle: '🎭 Message simulé de {{from}}',
    injectNote:
      'Message simulé du monde extérieur, T+{{at}} min après le début de l’exercice. Rien ne s’est passé en public : répondez comme pour de vrai.',
    injectLate: 'Il est arrivé avec {{minutes}} min de retard : calma ne tournait pas à l’heure prévue.',
    injectContext: '{{label}} · message {{n}} sur {{count}} · n°{{seq}} {{title}}',
    reportTitle: '📋 Bilan de l’exercice · n°{{seq}} {{title}}',
    reportDuration: 'L’exercice a duré {{minutes}} min ({{severity}}).',
    reportSteps: 'Étapes de la procédure',
    stepOnTime: '✅ {{n}}. {{title}} : faite à temps, à T+{{at}} min (échéance T+{{due}})',
    stepLate: '⚠️ {{n}}. {{title}} : faite avec {{late}} min de retard, à T+{{at}} min (échéance T+{{due}})',
    stepSkipped: '↪️ {{n}}. {{title}} : passée à T+{{at}} min : {{reason}}',
    stepNever: '❌ {{n}}. {{title}} : jamais faite (échéance T+{{due}})',
    stepNotDue: '⏸️ {{n}}. {{title}} : pas encore due à la fin de l’exercice (échéance T+{{due}})',
    reportTally: 'À temps : {{onTime}} · en retard : {{late}} · passées : {{skipped}} · jamais : {{never}}',
    reportStatements: 'Communiqués publics',
    statementsPublished: 'Publiés : {{published}} sur {{drafted}} rédigés. Aucun n’est sorti du chat.',
    firstOnTime: 'Premier communiqué à T+{{at}} min : dans l’objectif {{severity}} de {{target}} min.',
    firstLate:
      'Premier communiqué à T+{{at}} min : {{late}} min après l’objectif {{severity}} de {{target}} min.',
    firstNoTarget: 'Premier communiqué à T+{{at}} min ({{severity}} ne fixe pas de délai).',
    noneMissed: 'Aucun communiqué publié : en {{severity}}, le premier est attendu sous {{target}} min.',
    noneNoTarget: 'Aucun communiqué publié ({{severity}} ne fixe pas de délai).',
    reportInjects: 'Messages simulés',
    injectsPosted: '{{posted}} messages simulés sur {{count}} sont arrivés avant la fin de l’exercice.',
    reportQuestions: 'Questions du public consignées : {{asked}} ; avec réponse : {{answered}}.',
    reportContext:
      'Entraînement seulement : exclu des statistiques des crises. `/crisis delete #{{seq}}` le supprime.',
    deleted:
      '🗑️ Exercice n°{{seq}} supprimé par {{who}} : sa fiche, sa chronologie et ses rappels en attente n’existent plus.',
    deletedRoom: '🗑️ Cet exercice (n°{{seq}}) a été supprimé par {{who}}. calma archive ce canal maintenant.',
    deleteReal:
      'La crise n°{{seq}} est réelle : sa fiche est conservée pour de bon. Seuls les exercices peuvent être supprimés.',
    deleteOpen:
      'L’exercice n°{{seq}} est toujours en cours. Clôturez-le d’abord (`/crisis close #{{seq}} <comment ça s’est passé>`), puis supprimez-le.',
    deleteUsage: 'Indiquez l’exercice à supprimer : `/crisis delete #N` (`/crisis list all` les affiche).',
  },
};
