import type { reminders as en } from '../en/reminders';
import type { Translated } from '../plural';

export const reminders: Translated<typeof en> = {
  reminders: {
    snooze: 'Reporter de {{minutes}} min',
    dismiss: 'Écarter',
    late: 'Envoyé avec {{minutes}} min de retard : calma ne tournait pas à l’échéance.',
    nobody: 'personne pour l’instant',
    stepDue: '⏰ L’étape {{step}} arrive à échéance : {{title}}',
    stepOwner: '{{who}}, celle-ci est pour vous.',
    stepNobody: 'Personne n’a encore cette étape : qui s’en charge ?',
    stepEscalated: '⏰ L’étape {{step}} est toujours ouverte, {{minutes}} min après son échéance : {{title}}',
    stepNoLead:
      'Personne ne pilote encore cette crise : `/crisis role lead @nom`, puis faites-la, réattribuez-la ou passez-la avec un motif.',
    stepLead:
      '{{who}}, en tant que responsable de crise : faites-la aboutir, réattribuez-la ou passez-la avec un motif.',
    cadence: '📣 C’est l’heure d’un point public',
    sinceUpdate: 'Le dernier est parti il y a {{minutes}} min ({{when}}).',
    sinceOpen: 'Rien n’est parti depuis l’ouverture de la crise il y a {{minutes}} min ({{when}}).',
    cadenceHint:
      '{{who}} : dites ce qui a changé, ce que les gens doivent faire et quand viendra le prochain point.',
    cadenceWaiting:
      'S{{n}} attend l’approbation de {{approvers}} : l’approuver est le moyen le plus rapide de publier le point. {{who}} : si la situation a changé depuis, modifiez-le plutôt que d’en rédiger un autre.',
    sincePromise: 'Le dernier annonçait le prochain point pour le {{when}}.',
    noLead: 'La crise n°{{seq}} n’a pas encore de responsable',
    noLeadHint: 'Quelqu’un doit décider : `/crisis role lead @nom`.',
    noSeverity: 'La crise n°{{seq}} n’a toujours pas de gravité',
    noSeverityHint: 'Elle fixe la fréquence des points publics. Dans le doute, choisissez la plus haute.',
    stale: 'Rien ne s’est passé sur la crise n°{{seq}} depuis {{minutes}} min',
    staleHint: '{{who}} : est-elle toujours en cours ? Ajoutez une note, publiez un point ou clôturez-la.',
    approval: '⏳ Le communiqué S{{n}} attend son approbation depuis {{minutes}} min',
    approvalHint:
      '{{who}} : lisez-le dans sa carte ci-dessus, puis approuvez-le ou rejetez-le. Si nous nous taisons, la rumeur parle à notre place.',
    followup: '📌 L’action de suivi F{{n}} est toujours ouverte : {{text}}',
    followupHint:
      '{{who}}, elle est pour vous (ajoutée le {{when}}). Appuyez sur Fait une fois qu’elle est faite, ou reportez-la.',
    snoozed: 'Reporté jusqu’à {{until}} par {{who}}.',
    dismissed: 'Rappel écarté par {{who}}.',
    alreadyDismissed: 'Ce rappel était déjà écarté.',
    away: {
      title_one: '⏰ Pendant l’absence de calma, un rappel est arrivé à échéance',
      title_many: '⏰ Pendant l’absence de calma, {{count}} rappels sont arrivés à échéance',
      title_other: '⏰ Pendant l’absence de calma, {{count}} rappels sont arrivés à échéance',
      step: 'Étape {{step}} ({{title}})',
      cadence: 'Un point public',
      noLead: 'Désigner un responsable de crise',
      noSeverity: 'Fixer la gravité',
      stale: 'Vérifier que la crise est toujours en cours (rien ne s’y passait depuis un moment)',
      approval: 'L’approbation du communiqué S{{n}}',
      followup: 'Action de suivi F{{n}} ({{text}})',
      line: '{{what}} : en retard de {{late}}.',
      lineFor: '{{what}} : en retard de {{late}}, pour {{who}}.',
      minutes_one: '{{count}} minute',
      minutes_many: '{{count}} minutes',
      minutes_other: '{{count}} minutes',
      hours_one: '{{count}} heure',
      hours_many: '{{count}} heures',
      hours_other: '{{count}} heures',
      days_one: '{{count}} jour',
      days_many: '{{count}} jours',
      days_other: '{{count}} jours',
      footer: 'Ils comptent comme envoyés. Les rappels à venir arriveront normalement.',
    },
  },
};
