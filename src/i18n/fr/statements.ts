import type { statements as en } from '../en/statements';
import type { Translated } from '../plural';

export const statements: Translated<typeof en> = {
  statement: {
    drafted:
      'Communiqué S{{n}} rédigé par {{who}}. Il attend l’approbation de {{needed}} : lisez-le, puis Approuver, Rejeter ou Modifier.',
    edited:
      'Communiqué S{{n}} modifié par {{who}}. Les approbations repartent de zéro : {{needed}}, lisez le nouveau texte.',
    approvedOne:
      'Communiqué S{{n}} approuvé par {{who}} (approbations : {{done}} sur {{count}}). Reste à approuver par {{needed}}.',
    moreApprovals: 'À ce niveau de gravité, le communiqué S{{n}} demande d’autres approbations : {{needed}}.',
    publishing: 'Communiqué S{{n}} approuvé par {{who}} : il est publié. Diffusion en cours sur {{where}}.',
    stepDone: 'Étape {{step}} faite par la publication de S{{n}}.',
    rejected:
      'Communiqué S{{n}} rejeté par {{who}} : {{reason}}. Modifiez-le pour le soumettre de nouveau à approbation.',
    queued:
      'La plateforme de chat ne répond pas pour le moment : calma le publiera dès son retour. `/crisis status` montre ce qui est encore en route.',
    deliveryFailed:
      '⚠️ Le communiqué S{{n}} n’a pas pu être diffusé sur {{where}} malgré toutes les tentatives ({{error}}). Publiez-le vous-même à cet endroit et prévenez la personne qui administre calma.',
    title: {
      pending: '📝 Communiqué S{{n}} : en attente d’approbation ({{done}} sur {{count}})',
      rejected: '↩️ Communiqué S{{n}} : rejeté',
      published: '✅ Communiqué S{{n}} : publié',
    },
    authors: 'Rédigé par',
    approvals: 'Approuvé par',
    noApprovals: 'personne pour l’instant',
    slot: '{{role}} ({{who}})',
    nobodyHolds: 'personne pour l’instant : `/crisis role {{id}} @nom`',
    waitingFor: 'Approbations manquantes',
    answers: 'Répond à',
    rejectedBy: 'Rejeté par',
    buttons: {
      approve: 'Approuver',
      reject: 'Rejeter',
      edit: 'Modifier',
      useTemplate: 'Utiliser le modèle',
      draftUpdate: 'Rédiger un point',
      draftHolding: 'Rédiger le communiqué d’attente',
    },
    checkNote: 'La liste de contrôle informe ; elle ne bloque pas l’approbation',
    publishedAt: 'publié le {{when}}',
    covered: '*Liste de contrôle :* {{count}} points couverts sur {{total}} : {{items}}',
    missing: '*Il manque :* {{items}}',
    warning: '*À reconsidérer :* {{warning}} (« {{excerpt}} »)',
    nextUpdate: 'Prochain point de situation au plus tard le {{when}}.',
    publicTitle: '📣 Communiqué S{{n}} · crise n°{{seq}} : {{title}}',
    approvedBy: 'Approuvé par {{who}} · publié le {{when}}',
    status: {
      title: 'Communiqués',
      pending: 'S{{n}} attend son approbation ({{done}} sur {{count}})',
      rejected: 'S{{n}} a été rejeté : modifiez-le ou rédigez-en un nouveau',
      delivering: 'S{{n}} toujours en cours de diffusion sur {{where}}',
      failed: 'S{{n}} n’a pas pu être diffusé sur {{where}}',
    },
    destinations: { room: 'le canal de la crise', announcements: 'le canal des annonces' },
    forms: {
      draftTitle: 'Communiqué, crise n°{{seq}}',
      editTitle: 'Modifier communiqué S{{n}}',
      rejectTitle: 'Rejeter communiqué S{{n}}',
      text: 'Ce que le public lira',
      placeholder:
        'Présentez vos excuses, dites ce qui s’est passé, ce que les gens doivent faire et quand viendra le prochain point.',
      sendTo: 'Diffuser aussi sur {{name}} une fois approuvé',
      reason: 'Pourquoi ? La personne qui l’a rédigé lira ceci',
      fillHint: 'Remplace {{placeholder}} dans le texte',
      removable: '{{label}} (« - » : retirer la ligne)',
    },
    empty:
      'Un communiqué doit avoir un texte : `/crisis update <texte>`, ou `/crisis update` seul pour le formulaire.',
    tooLong:
      'Ce communiqué fait {{length}} caractères ; il doit en faire moins de {{max}} (un seul message de chat).',
    notFound: 'La crise n°{{seq}} n’a pas de communiqué S{{n}}.',
    published:
      'Le communiqué S{{n}} est publié et ne peut plus être modifié. Publiez le rectificatif dans un nouveau communiqué : `/crisis update <texte>`.',
    unchanged: 'Le communiqué S{{n}} dit déjà exactement cela.',
    alreadyPublished: 'Le communiqué S{{n}} est déjà publié.',
    placeholders_one:
      'Le communiqué S{{n}} contient encore un champ à remplir : {{placeholders}}. Modifiez-le (bouton Modifier ou `/crisis modifier S{{n}} <texte>`) avant que quiconque puisse l’approuver.',
    placeholders_many:
      'Le communiqué S{{n}} contient encore des champs à remplir : {{placeholders}}. Modifiez-le (bouton Modifier ou `/crisis modifier S{{n}} <texte>`) avant que quiconque puisse l’approuver.',
    placeholders_other:
      'Le communiqué S{{n}} contient encore des champs à remplir : {{placeholders}}. Modifiez-le (bouton Modifier ou `/crisis modifier S{{n}} <texte>`) avant que quiconque puisse l’approuver.',
    unfilled: 'À remplir avant toute approbation : {{placeholders}}.',
    noTemplate:
      'La procédure {{playbook}} n’a pas de modèle de {{kind}} : rédigez le communiqué avec `/crisis communiqué <texte>`.',
    kind: { holding: 'communiqué d’attente', update: 'point de situation', full: 'communiqué complet' },
    field: {
      account: 'Compte (nom ou @identifiant)',
      affected: 'Qui ou quoi est concerné',
      not_affected: 'Ce qui n’est pas concerné',
      channel: 'Où nous publions les points',
      end_time: 'Quand la situation a été reprise en main',
      what_happened: 'Ce qui s’est passé (vérifié)',
      actions: 'Ce que nous faisons ou changeons',
      changes: 'Ce que nous changeons pour éviter une récidive',
      change: 'Ce que nous changeons pour éviter une récidive',
      news: 'Ce qui a changé depuis le dernier point',
      product: 'Produit concerné',
      service: 'Service, dans les mots des clients',
      topic: 'Le sujet (en termes neutres)',
      who: 'Qui l’a publié (tel que le public le connaît)',
      where: 'Où cela a été publié',
      place: 'Où cela se passe',
      update_page: 'Page web des points de situation',
      status_url: 'Adresse de la page de statut',
      spokesperson: 'Qui signe',
      spokesperson_role: 'Sa fonction',
      name: 'Qui signe',
      signature: 'Signature (nom et fonction)',
      contact: 'Où nous écrire',
      time: 'Quand cela a commencé',
      start: 'Quand cela a commencé',
      end: 'Quand cela s’est terminé',
      symptom: 'Ce que les gens ne peuvent plus faire',
      fix: 'Ce qui a tout rétabli',
      what_to_do: 'Ce que les gens doivent faire',
      data: 'Données personnelles concernées',
      authority_line: 'L’autorité de protection des données (« notifiée » seulement une fois que c’est fait)',
      date: 'Date',
      next_update: 'Heure du prochain point',
      role: 'Sa fonction',
      consequences: 'Ce que cela peut entraîner pour eux (hameçonnage, fraude…)',
      dpo_contact: 'Comment joindre notre délégué à la protection des données',
      timeline: 'Ce qui s’est passé et quand, en quelques lignes',
      offer: 'Ce que nous proposons aux personnes concernées',
      sent: 'Ce qui a été envoyé depuis notre compte',
      harmed: 'Qui a été le plus blessé',
      post_date: 'Date de publication',
      decision: 'Ce que nous avons décidé (validé par les RH et le juridique)',
      wrong_price: 'Le prix erroné affiché',
      right_price: 'Le bon prix',
      reply_by: 'Quand chaque client aura de nos nouvelles',
      orders: 'Combien de commandes',
      remedy: 'Ce que reçoivent les clients concernés (validé par le juridique)',
      impact: 'Ce que les gens ne peuvent pas faire',
      components: 'Quelles parties sont en panne',
      regions: 'Où',
      working: 'Ce qui fonctionne encore',
      data_outcome: 'Si des données ont été perdues, clairement',
      report_date: 'Quand viendra le rapport complet',
      claim: 'L’affirmation fausse, énoncée une seule fois',
      fact: 'Les faits, en une phrase',
      evidence: 'Comment chacun peut le vérifier',
      what_we_know: 'Ce qui est confirmé à ce stade',
    },
    isRejected:
      'Le communiqué S{{n}} a été rejeté : il doit être modifié avant que quiconque puisse l’approuver.',
    ownStatement:
      'Vous avez rédigé tout ou partie du communiqué S{{n}}, vous ne pouvez donc pas l’approuver : une autre personne doit le faire.',
    alreadyApproved:
      'Vous avez déjà approuvé le communiqué S{{n}} ; il attend l’approbation de quelqu’un d’autre.',
    notApprover:
      'Le communiqué S{{n}} doit être approuvé par : {{roles}}. Vous n’avez aucun de ces rôles. Peuvent l’approuver : {{who}}.',
    noApprovers:
      'Le communiqué S{{n}} doit être approuvé par : {{roles}}, et personne n’a encore ce rôle. Désignez quelqu’un : `/crisis role {{id}} @nom`.',
    reasonRequired: 'Indiquez pourquoi le communiqué S{{n}} est rejeté : `/crisis reject S{{n}} <motif>`.',
    changed:
      'Le communiqué S{{n}} a été modifié depuis que vous l’avez ouvert : lisez le nouveau texte avant de l’approuver.',
    changedSinceApproval:
      'Le communiqué S{{n}} ne dit plus ce qu’il disait lorsqu’il a été approuvé : il n’est donc pas publié. Modifiez-le (`/crisis edit S{{n}}`) pour faire approuver le texte tel qu’il est.',
    superseded:
      'Le communiqué S{{n}} a été modifié : cette version n’est plus valable. Le nouveau texte figure dans la carte ci-dessous.',
    approveUsage: 'Quel communiqué ? `/crisis approve S1`',
    rejectUsage: 'Quel communiqué, et pourquoi ? `/crisis reject S1 <motif>`',
    editUsage: 'Quel communiqué ? `/crisis edit S1 <nouveau texte>`',
  },
  checklist: {
    items: {
      apology: 'des excuses',
      empathy: 'de l’empathie pour ce que ressentent les gens',
      'what-happened': 'ce qui s’est passé, avec l’heure',
      'who-affected': 'qui est concerné et qui ne l’est pas',
      actions: 'ce que nous faisons',
      'user-actions': 'ce que les gens doivent faire',
      data: 'quelles données sont touchées ou non',
      'where-updates': 'où sont publiés les points de situation',
      questions: 'comment poser des questions, et l’engagement d’y répondre',
      signature: 'la signature d’une personne',
      'next-update': 'l’heure du prochain point',
    },
    warnings: {
      eta: 'un délai de résolution promis',
      blame: 'rejeter la faute sur un tiers',
      'security-cliche': '« nous prenons la sécurité très au sérieux »',
      jargon: 'du jargon interne ou des noms de serveurs',
      'named-victim': 'le nom d’une personne',
      speculation: 'des spéculations',
      'unbacked-reassurance':
        'une affirmation rassurante qu’aucun constat consigné n’étaye (`/crisis constat`)',
      'conditional-apology':
        'des excuses pour ce que les gens ressentent, ou avec un « si » : les excuses portent sur ce que nous avons fait',
    },
  },
  question: {
    asked:
      'Question Q{{n}} enregistrée par {{who}} : « {{text}} ». Répondez-y avec `/crisis answer Q{{n}} <texte>`.',
    answerDrafted:
      'Communiqué S{{n}}, en réponse à la question Q{{question}}, rédigé par {{who}}. La réponse ne sera publique qu’une fois approuvée par {{needed}} ; Q{{question}} aura sa réponse à la publication.',
    answeredBy: 'Réponse de {{who}} à la question Q{{n}} : le communiqué S{{statement}}.',
    open: 'Questions sans réponse',
    empty: 'Quelle question ? `/crisis question <ce que les gens demandent>`',
    tooLong: 'La question doit faire moins de {{max}} caractères.',
    notFound: 'La crise n°{{seq}} n’a pas de question Q{{n}}.',
    statementNotPublished:
      'Le communiqué S{{n}} n’est pas publié : seul un communiqué publié peut répondre à une question.',
    answerEmpty:
      'Donnez la réponse : `/crisis answer Q{{n}} <texte>`, ou `/crisis answer Q{{n}} S<communiqué>`.',
    answerUsage:
      'Quelle question, et quelle réponse ? `/crisis answer Q1 <texte>` ou `/crisis answer Q1 S2`.',
  },
};
