import type { Catalogue } from './en';

/** Français (vouvoiement, registre professionnel). */
export const fr: Catalogue = {
  severity: {
    unset: 'non définie : `/crisis sev 1-4`',
  },
  status: { open: 'ouverte', resolved: 'résolue', recent: 'Derniers événements de la chronologie' },
  summary: {
    status: 'Statut',
    severity: 'Gravité',
    playbook: 'Procédure',
    lead: 'Responsable de crise',
    opened: 'Ouverte',
    openedBy: '{{when}} par {{who}}',
    progress: 'Avancement',
    progressValue: 'étape {{step}} sur {{count}} (faites : {{done}}, ignorées : {{skipped}})',
    allStepsDone: 'les {{count}} étapes sont faites ou ignorées',
    roles: 'Rôles',
    nobody: 'personne pour l’instant',
  },
  step: {
    title: 'Étape {{step}} sur {{count}} : {{title}}',
    who: '*Qui :* {{role}} ({{who}})',
    nobody: 'personne pour l’instant : cliquez sur Attribuer',
    due: '*Échéance :* {{minutes}} min après l’ouverture ({{when}})',
    approval: '*Validation requise :* {{roles}}. Seules ces personnes peuvent la marquer comme faite.',
    doneBy: 'Étape {{step}} faite par {{who}} : {{title}}',
    skippedBy: 'Étape {{step}} ignorée par {{who}} : {{title}}. Motif : {{reason}}',
    assignedTo: 'Étape {{step}} ({{title}}) attribuée à {{user}} par {{who}}',
    allDone: 'Toutes les étapes de la crise n°{{seq}} sont faites ou ignorées.',
    allDoneNow:
      'C’était la dernière étape de la procédure. Continuez à alimenter la chronologie avec `/crisis note`.',
    noSuchStep: 'Il n’y a pas d’étape {{step}} : cette procédure en compte {{count}}.',
    already: {
      open: 'L’étape {{step}} est encore en cours.',
      done: 'L’étape {{step}} est déjà faite.',
      skipped: 'L’étape {{step}} a déjà été ignorée.',
    },
    needsApproval:
      'L’étape {{step}} doit être validée par : {{roles}}. Demandez-leur de la marquer comme faite.',
    needsApprovalRoleless:
      'L’étape {{step}} doit être validée par : {{roles}}, et personne n’a encore ce rôle. Désignez d’abord quelqu’un : `/crisis role {{id}} @nom`.',
    reasonRequired:
      'Indiquez pourquoi vous ignorez l’étape {{step}} : le motif figurera dans le retour d’expérience.',
    skipUsage: 'Indiquez pourquoi vous ignorez l’étape : `/crisis step skip [N] <motif>`.',
    assignUsage: 'Indiquez qui prend l’étape : `/crisis step assign [N] @nom`.',
    usage:
      'Utilisez `/crisis step`, `/crisis step done [N]`, `/crisis step skip [N] <motif>` ou `/crisis step assign [N] @nom`.',
  },
  buttons: { done: 'Fait', skip: 'Ignorer', assign: 'Attribuer' },
  rules: { title: 'Procédure : {{playbook}}. Règles pour toute la cellule de crise' },
  timeline: {
    opened: 'a ouvert « {{title}} » avec la procédure {{playbook}}, {{severity}}',
    severity: 'gravité {{from}} → {{to}}',
    role: '{{user}} est {{role}}',
    stepDone: 'étape {{step}} faite',
    stepSkipped: 'étape {{step}} ignorée ({{reason}})',
    stepAssigned: 'étape {{step}} attribuée à {{user}}',
    note: 'note : {{text}}',
    locale: 'langue changée en {{language}}',
    room: 'canal #{{name}} créé',
  },
  languages: { en: 'anglais', es: 'espagnol', fr: 'français' },
  list: {
    title: 'Crises',
    none: 'Aucune crise pour l’instant.',
    noneOpen: 'Aucune crise ouverte. Tant mieux.',
    allDone: 'toutes les étapes faites',
    step: 'étape {{step}}/{{count}}',
    hint: '`/crisis list all` affiche aussi les crises résolues.',
  },
  help: {
    title: 'calma : la gestion de crise, étape par étape',
    intro: 'Tapez `/crisis` suivi de l’une de ces commandes :',
    open: 'ouvre une crise : un canal, la procédure et sa première étape',
    status: 'le résumé, l’étape en cours et les derniers événements',
    list: 'les crises ouvertes (ou toutes)',
    step: 'affiche l’étape en cours, marquez-la comme faite, ignorez-la avec un motif ou confiez-la à quelqu’un',
    role: 'désigne qui tient un rôle',
    sev: 'change la gravité (1 est la pire ; dans le doute, choisissez la plus haute)',
    note: 'ajoute une note à la chronologie',
    lang: 'change la langue de la crise',
    help: 'cette aide',
    roles:
      'Rôles : lead (responsable), comms (communication), approver (validation), scribe, listener (veille), sme (expert technique), support, legal, hr.',
    playbooks: 'Procédures : {{playbooks}}.',
    incidentRef:
      'Dans le canal d’une crise, les commandes s’appliquent à cette crise ; ailleurs, ajoutez `#N` (par ex. `/crisis status #3`).',
  },
  roles: {
    lead: 'responsable de crise',
    comms: 'responsable communication',
    approver: 'validateur·rice',
    scribe: 'secrétaire de crise',
    listener: 'veille sociale',
    sme: 'expert technique',
    support: 'service client / modération',
    legal: 'juridique / DPO',
    hr: 'RH',
  },
  incident: {
    notFound: 'Il n’y a pas de crise n°{{seq}}. `/crisis list all` les affiche toutes.',
    noneOpen: 'Aucune crise n’est ouverte. Ouvrez-en une avec `/crisis open <titre>`.',
    which:
      'Plusieurs crises sont ouvertes ({{open}}). Précisez laquelle : `/crisis status #N`, ou tapez la commande dans son canal.',
    closed: 'La crise n°{{seq}} est résolue : elle ne peut plus être modifiée.',
  },
  note: {
    added: 'Note ajoutée à la chronologie de la crise n°{{seq}}.',
    empty: 'Écrivez la note après la commande : `/crisis note <texte>`.',
  },
  sev: {
    changed: 'Gravité passée de {{from}} à {{to}} par {{who}}.',
    unchanged: 'La gravité est déjà SEV{{severity}}.',
    invalid:
      '« {{value}} » n’est pas une gravité. Utilisez sev1 (la pire) à sev4 : `/crisis sev 2`. Dans le doute, choisissez la plus haute.',
  },
  role: {
    assigned: '{{user}} est désormais {{role}} (désigné·e par {{who}}).',
    unchanged: '{{user}} est déjà {{role}}.',
    usage: 'Indiquez le rôle et la personne : `/crisis role lead @nom`.',
    unknown:
      '« {{role}} » n’est pas un rôle. Rôles : lead, comms, approver, scribe, listener, sme, support, legal, hr.',
    noUser: 'Indiquez qui prend le rôle, avec une @mention : `/crisis role {{id}} @nom`.',
  },
  lang: {
    changed: 'Cette crise est désormais gérée en {{language}}.',
    unchanged: 'Cette crise utilise déjà {{locale}}.',
    usage: 'Choisissez une langue : {{locales}}. Par exemple `/crisis lang es`.',
  },
  open: {
    opened: 'La crise n°{{seq}} est ouverte dans #{{room}} avec la procédure « {{playbook}} ».',
    severityUnset:
      'La gravité n’est pas définie. La procédure suggère {{suggested}} ; dans le doute, choisissez la plus haute.',
    whichPlaybook: 'Quelle procédure convient à « {{title}} » ?',
    suggested: 'Les procédures mises en avant correspondent au titre. Choisissez :',
    noSuggestion: 'Le titre ne désigne aucune procédure en particulier. Choisissez :',
    draftGone: 'Ce choix a expiré ou a déjà été fait. Relancez `/crisis open`.',
    unknownPlaybook: 'La procédure « {{playbook}} » n’existe pas. Procédures : {{playbooks}}.',
    emptyTitle: 'Donnez un titre court à la crise : `/crisis open [procédure] [sev1-sev4] <titre>`.',
  },
  forms: {
    skipTitle: 'Ignorer l’étape {{step}}',
    skipReason: 'Pourquoi l’ignorer ? (figurera dans le retour d’expérience)',
    assignTitle: 'Attribuer l’étape {{step}}',
    assignUser: 'Qui s’en charge ?',
  },
  command: { unknown: '« {{name}} » n’est pas une commande de calma. Voici ce que calma comprend :' },
  errors: {
    unexpected:
      'Un problème est survenu côté calma. Consultez `/crisis status` avant de réessayer : une partie a peut-être déjà été faite. Si cela persiste, prévenez la personne qui administre calma.',
    staleButton: 'Ce bouton ne sert plus. Tapez `/crisis status` pour voir l’état actuel.',
  },
  console: {
    welcome:
      'Console calma : un chat dans votre terminal. Tapez `/crisis help` pour commencer, `/quit` pour quitter.',
    you: 'Vous êtes {{user}} (changez avec `/as <nom>`).',
    room: 'Vous êtes maintenant dans #{{room}}.',
    choose: 'Tapez un numéro pour cliquer sur un bouton :',
    noSuchChoice: 'Il n’y a pas de bouton {{choice}}. Tapez l’un des numéros affichés, ou une commande.',
    notACommand: 'Les commandes commencent par `/crisis`. Tapez `/crisis help` pour la liste.',
    as: 'Vous êtes maintenant {{user}}.',
    bye: 'À bientôt. Vos crises sont conservées pour la prochaine fois.',
    formCancelled: 'Le formulaire est resté sans réponse ; votre commande est exécutée à la place.',
    pinned: '(épinglé)',
    invited: '{{users}} a rejoint #{{room}}.',
    topic: 'Sujet de #{{room}} : {{topic}}',
  },
};
