import type { approvalPage as en } from '../en/approval-page';
import type { Translated } from '../plural';

export const approvalPage: Translated<typeof en> = {
  approvalPage: {
    title: 'Approuver le communiqué S{{n}}',
    incident: 'Incident n° {{seq}} : {{title}}',
    severity: 'Gravité : {{severity}}',
    noSeverity: 'Gravité : pas encore définie',
    statement: 'Communiqué S{{n}}, version {{version}}',
    variants: 'Versions pour chaque réseau',
    checklist: 'Liste de contrôle',
    writtenBy: 'Rédigé par : {{who}}',
    approvedBy: 'Déjà approuvé par : {{who}}',
    noApprovals: 'Aucune approbation pour l’instant.',
    youApprove: 'Il vous est demandé ({{who}}) d’approuver en tant que {{role}}.',
    expires: 'Ce lien ne sert qu’une fois et expire le {{when}}.',
    seeIncident: 'Voir la crise en entier',
    approve: 'Approuver S{{n}}',
    rejectHeading: 'Ou le renvoyer',
    reason: 'Pourquoi le rejetez-vous ? (obligatoire)',
    reject: 'Rejeter S{{n}}',
    approved: 'Merci : vous avez approuvé le communiqué S{{n}}. Il manque encore : {{needed}}.',
    published: 'Merci : vous avez approuvé le communiqué S{{n}}, et il est publié.',
    rejected:
      'Vous avez rejeté le communiqué S{{n}}. Son auteur en connaît la raison dans le canal de l’incident.',
    refusedTitle: 'Ce lien ne peut pas être utilisé',
    doneTitle: 'C’est fait',
    closeTab: 'Vous pouvez fermer cette page : ce lien ne fonctionne plus.',
    why: {
      expired: 'Ce lien d’approbation a expiré.',
      used: 'Ce lien d’approbation a déjà servi : un lien ne sert qu’une fois.',
      voided:
        'Le communiqué S{{n}} a été modifié après l’envoi de ce lien : le texte que vous approuveriez n’est plus le texte actuel.',
      closed: 'Le communiqué S{{n}} n’attend plus d’approbation : il a été publié ou rejeté.',
      tampered: 'Ce lien d’approbation n’est pas valide : il a peut-être été tronqué ou modifié.',
      csrf: 'Ce formulaire ne vient pas de la page d’approbation ouverte dans ce navigateur (ou la page est trop ancienne). Rien n’a été fait.',
      off: 'Les liens d’approbation sont désactivés sur ce calma.',
      unavailable:
        'calma ne joint pas sa plateforme de discussion pour le moment. Rouvrez le même lien dans une minute.',
      refused: 'calma a refusé : {{reason}}',
      reasonRequired: 'Indiquez pourquoi vous le rejetez : rien n’a été fait.',
    },
    next: 'Pour obtenir un nouveau lien, tapez `/crisis lien S{{n}}` dans la discussion de l’incident (dans n’importe quel canal), ou approuvez-le là-bas avec `/crisis approuver S{{n}}`.',
    nextAny:
      'Pour obtenir un nouveau lien, tapez `/crisis lien S<n>` dans la discussion de l’incident, ou demandez-le à la personne qui vous l’a envoyé.',
  },
  approvalLink: {
    usage: 'Quel communiqué ? `/crisis lien S<n>`, par ex. `/crisis lien S1`.',
    yours:
      'Votre lien d’approbation du communiqué S{{n}} (ne sert qu’une fois, pour vous seul, jusqu’au {{when}} ou jusqu’à ce que le communiqué change) : {{url}}',
    off: 'Les liens d’approbation sont désactivés : calma a besoin de `public_url` dans calma.yaml et de `CALMA_LINK_SECRET`. Approuvez dans la discussion : `/crisis approuver S{{n}}`.',
    notPending: 'Le communiqué S{{n}} n’attend pas d’approbation : il n’y a rien à approuver.',
    sent: 'Le communiqué S{{n}} attend votre approbation en tant que {{role}} ({{incident}}). Ouvrez ce lien pour le lire, puis l’approuver ou le rejeter (ne sert qu’une fois, pour vous seul, jusqu’au {{when}}) : {{url}}',
    emailSubject: 'Le communiqué S{{n}} attend votre approbation ({{incident}})',
    requestFailed:
      'La demande d’approbation du communiqué S{{n}} n’a pas pu être envoyée à {{who}} via {{target}} ({{error}}) : cette personne peut obtenir un lien avec `/crisis lien S{{n}}`.',
  },
};
