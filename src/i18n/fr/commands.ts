import type { commands as en } from '../en/commands';
import type { Translated } from '../plural';

export const commands: Translated<typeof en> = {
  list: {
    title: 'Crises',
    none: 'Aucune crise pour l’instant.',
    noneOpen: 'Aucune crise ouverte. Tant mieux.',
    allDone: 'toutes les étapes faites',
    step: 'étape {{step}}/{{count}}',
    hint: '`/crisis list all` affiche aussi les crises résolues.',
  },
  help: {
    arg: {
      kinds: 'attente|point|final',
      playbook: 'procédure',
      title: 'titre',
      reason: 'motif',
      user: 'utilisateur',
      role: 'rôle',
      text: 'texte',
      network: 'réseau',
      link: 'lien',
      note: 'note',
      resolution: 'résolution',
      owner: 'responsable',
      days: 'jours',
      scenario: 'scénario',
      time: 'heure',
      how: 'comment',
    },
    title: 'calma : la gestion de crise, étape par étape',
    intro: 'Tapez `/crisis` suivi de l’une de ces commandes :',
    open: 'ouvre une crise : un canal, la procédure et sa première étape',
    status: 'le résumé, l’étape en cours et les derniers événements',
    list: 'les crises ouvertes (ou toutes)',
    step: 'affiche l’étape en cours, la marque comme faite, la passe avec un motif ou l’attribue à quelqu’un',
    role: 'désigne qui tient un rôle',
    sev: 'change la gravité (1 est la pire ; dans le doute, choisissez la plus haute)',
    note: 'ajoute une note à la chronologie',
    update:
      'rédige un communiqué public ; `attente`, `point` ou `final` seul : le modèle de ce type de la procédure, déjà rempli (sans texte : un formulaire)',
    approve: 'approuve un communiqué (pas le vôtre) ; la dernière approbation le publie',
    link: 'obtenir votre lien à usage unique pour approuver un communiqué depuis un navigateur (pour qui approuve hors du canal)',
    reject: 'renvoie un communiqué avec un motif',
    edit: 'réécrit un communiqué pas encore publié (les approbations repartent de zéro)',
    variant:
      'fixe la version d’un communiqué pour un réseau (X, Bluesky, e-mail…), vérifiée selon sa limite ; les approbations repartent de zéro. Sans réseau : votre lien vers une page web avec tous les réseaux et le décompte au fil de la frappe',
    question: 'consigne une question que se pose le public',
    answer:
      'répond à une question : le texte devient un projet de communiqué, public une fois approuvé ; ou indiquez-en un déjà publié',
    evidence: 'conserve un lien vers ce qui a été publié, avant qu’il puisse être supprimé',
    aware:
      'consigne le moment où nous en avons pris connaissance (pour une fuite de données, le délai de 72 heures du RGPD court à partir de là) ; à refaire pour le corriger',
    fact: 'consigne un constat vérifié (données personnelles, paiement, mots de passe, accès) sur lequel un communiqué peut s’appuyer pour rassurer',
    postmortem: 'partage le retour d’expérience en l’état, généré à partir de la chronologie (Markdown)',
    close:
      'clôt la crise : comment elle s’est terminée et si le public a eu un point final (sans texte, un formulaire)',
    reopen: 'rouvre une crise résolue, en disant pourquoi',
    followup:
      'ajoute une action de suivi, avant ou après la clôture (sa ou son responsable reçoit des rappels jusqu’à ce qu’elle soit faite), la marque comme faite, ou les liste',
    stats:
      'les crises des 30 derniers jours (ou de N) : nombres, délai médian jusqu’au premier communiqué public et jusqu’à la résolution ; exercices exclus',
    lang: 'change la langue de la crise',
    help: 'cette aide',
    ownWords: '(`{{command}}`)',
    ownWordsAndVerbs: '(`{{command}}` : {{verbs}})',
    roles:
      'Rôles : lead (responsable), comms (communication), approver (validation), scribe, listener (veille), sme (expert technique), support, legal, hr.',
    playbooks: 'Procédures : {{playbooks}}.',
    incidentRef:
      'Dans le canal d’une crise, les commandes s’appliquent à cette crise ; ailleurs, ajoutez `#N` (par ex. `/crisis status #3`).',
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
    briefTitle: 'Vous êtes {{role}} sur la crise n°{{seq}} : {{title}}',
    briefSteps: 'Vos étapes dans la procédure « {{playbook}} » :',
    briefStep: '{{step}}. {{title}} (échéance : {{when}})',
    briefNoSteps:
      'Aucune étape de la procédure « {{playbook}} » ne vous revient seul·e : suivez le canal et aidez quand on vous le demande.',
    briefRoom: 'Tout se passe dans {{room}}.',
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
    opened: 'La crise n°{{seq}} est ouverte dans {{room}} avec la procédure « {{playbook}} ».',
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
    skipTitle: 'Passer l’étape {{step}}',
    skipReason: 'Pourquoi la passer ? (figurera dans le retour d’expérience)',
    assignTitle: 'Attribuer l’étape {{step}}',
    assignUser: 'Qui s’en charge ?',
    required: 'Merci de remplir ce champ.',
    openTitle: 'Ouvrir une crise',
    openWhat: 'Que se passe-t-il ? (un titre court)',
    openPlaybook: 'Procédure',
    openSeverity: 'Gravité',
    sevUnset: 'Je ne sais pas encore',
    openPrivate: 'Canal privé (uniquement les personnes concernées)',
    openDrill: 'C’est un exercice (entraînement)',
    openLead: 'Responsable de crise',
    submit: 'Valider',
    cancel: 'Annuler',
    titleTooLong: 'Le titre doit faire moins de {{max}} caractères ; les détails vont dans le canal.',
  },
  capture: {
    added: 'Ajouté à la chronologie de la crise n°{{seq}} : le message de {{author}} du {{when}}.',
    empty: 'Ce message ne contient aucun texte à conserver.',
  },
  evidence: {
    added: 'Preuve conservée sur la crise n°{{seq}} par {{who}} : {{url}}',
    usage:
      'Quel lien ? `/crisis evidence <lien> [note]`, par ex. `/crisis evidence https://x.com/acme/status/123 post de l’attaquant`',
    badUrl: '« {{url}} » n’est pas un lien web (http:// ou https://).',
    tooLong: 'La note doit faire moins de {{max}} caractères.',
    title: 'Preuves',
  },
  fact: {
    recorded:
      'Constat consigné sur la crise n°{{seq}} par {{who}}, au sujet de : {{topics}}. Les communiqués peuvent désormais l’affirmer publiquement.',
    empty:
      'Quel constat ? `/crisis constat <ce que vous avez établi>`, par ex. `/crisis constat Les numéros de carte ne passent jamais par nos serveurs : vérifié auprès du prestataire de paiement à 14 h 10`',
    tooLong: 'Le constat doit faire moins de {{max}} caractères.',
    noTopic:
      'Ce constat ne dit pas sur quoi il porte : nommez les données personnelles, les données de paiement, les mots de passe ou l’accès aux comptes ou aux systèmes (`/crisis constat Les données de paiement ne sont pas concernées : …`). Pour le reste, `/crisis note`.',
    topic: {
      data: 'données personnelles',
      payment: 'données de paiement',
      passwords: 'mots de passe',
      access: 'accès aux comptes ou aux systèmes',
    },
  },
  lockdown: {
    button: 'Suspendre invitations et MP (24 h)',
    requestTitle: '🛡️ Verrouillage anti-raid demandé',
    requested:
      '{{who}} demande de suspendre les invitations et les messages privés du serveur pendant {{hours}} heures.',
    askApprovers: 'Une autre personne habilitée à valider doit confirmer : {{who}}.',
    noApprover:
      'Personne n’a encore le rôle de responsable ou de validation : attribuez-en un (`/crisis role lead @quelqu’un`), puis faites confirmer.',
    confirm: 'Confirmer le verrouillage',
    applied:
      '🛡️ Invitations et MP suspendus jusqu’à {{until}} : confirmé par {{who}}, demandé par {{asker}}. Levez-le plus tôt dans Paramètres du serveur › Configuration de la sécurité.',
    drill:
      'EXERCICE : {{who}} a confirmé le verrouillage demandé par {{asker}}, jusqu’à {{until}}. Rien n’a changé sur le serveur.',
    unsupported: 'Ce chat n’a pas de bouton de verrouillage anti-raid : faites cette étape à la main.',
    pending: 'Un verrouillage a déjà été demandé : il attend qu’une autre personne le confirme.',
    already: 'Les invitations et les MP sont déjà suspendus sur ce serveur.',
    noRequest:
      'Personne n’a demandé de verrouillage sur le #{{seq}} : appuyez d’abord sur le bouton de l’étape.',
    ownRequest:
      'C’est vous qui avez demandé ce verrouillage : une autre personne doit le confirmer (principe des quatre yeux).',
    notApprover:
      'Seuls le responsable ou une personne qui valide peuvent confirmer un verrouillage : {{who}}.',
  },
  command: {
    unknown: '« {{name}} » n’est pas une commande de calma. Voici ce que calma comprend :',
    badOptions:
      'calma n’a pas pu lire les options de cette commande : réessayez, ou consultez `/crisis help`.',
  },
  errors: {
    unexpected:
      'Un problème est survenu côté calma. Consultez `/crisis status` avant de réessayer : une partie a peut-être déjà été faite. Si cela persiste, prévenez la personne qui administre calma.',
    platform:
      '{{platform}} a refusé la demande de calma ({{code}}). Consultez `/crisis status` avant de réessayer : une partie a peut-être déjà été faite. Si cela persiste, prévenez la personne qui administre calma.',
    platformTimeout:
      '{{platform}} n’a pas répondu à calma à temps. Consultez `/crisis status` avant de réessayer : une partie a peut-être déjà été faite, ou peut encore apparaître dans un instant. Si cela se reproduit, prévenez la personne qui administre calma.',
    staleButton: 'Ce bouton ne sert plus. Tapez `/crisis status` pour voir l’état actuel.',
    notRecorded:
      'calma n’a pas pu enregistrer votre demande : sa base de données ne répond pas. Rien n’a été modifié. Réessayez dans une minute ; si le problème persiste, prévenez la personne qui administre calma.',
    formExpired: 'Le formulaire n’a pas pu s’ouvrir à temps. Relancez la commande.',
  },
};
