import type { variants as en } from '../en/variants';
import type { Translated } from '../plural';

export const variants: Translated<typeof en> = {
  network: {
    x: 'X',
    threads: 'Threads',
    bluesky: 'Bluesky',
    linkedin: 'LinkedIn',
    instagram: 'Instagram',
    facebook: 'Facebook',
    email_subject: 'Objet de l’e-mail',
    email_body: 'Corps de l’e-mail',
    support_macro: 'Macro du support',
  },
  variant: {
    tooLong: 'La version {{network}} fait {{length}} caractères ; {{network}} en autorise {{max}}.',
    subjectTooLong:
      'L’objet de l’e-mail fait {{length}} caractères ; restez à {{max}} pour qu’il se lise en entier sur un téléphone.',
    overCalma:
      'La version {{network}} fait {{length}} caractères ; calma limite une version à {{max}}, comme un communiqué.',
    usage:
      'Quel communiqué, quel réseau et quel texte ? `/crisis version S1 x <texte>` (réseaux : x, threads, bluesky, linkedin, instagram, facebook, objet, email, macro) ; `-` comme texte retire cette version ; `/crisis version S1` seul donne votre lien vers l’éditeur web.',
    unknownNetwork:
      'calma ne connaît pas le réseau « {{network}} » : x, threads, bluesky, linkedin, instagram, facebook, objet, email ou macro.',
    none: 'Le communiqué S{{n}} n’a pas de version {{network}} à retirer.',
    heading: 'Prêt à copier, par réseau :',
    label: '{{network}} · {{length}}/{{max}}',
    field: '{{network}} ({{max}} max.)',
    fieldHint: 'Laissez vide si inutile. Trop long pour ce champ (emoji, liens longs) ? /crisis version',
  },
  variantLink: {
    yours:
      'Votre lien pour rédiger les versions du communiqué S{{n}} pour chaque réseau, avec le décompte au fil de la frappe (pour vous seul, jusqu’au {{when}}) : {{url}}',
    off: 'L’éditeur web est désactivé : calma a besoin de `public_url` dans calma.yaml et de `CALMA_LINK_SECRET`. Fixez chaque version ici : `/crisis version S{{n}} x <texte>`.',
  },
  draftPage: {
    title: 'Versions du communiqué S{{n}} pour chaque réseau',
    status: 'État du communiqué S{{n}} : {{state}}.',
    pending: 'en attente d’approbation',
    rejected: 'renvoyé pour correction',
    intro:
      'Une version par réseau, chacune dans la limite de ce réseau et comptée comme il compte. Laissez un champ vide s’il n’en faut pas.',
    voids:
      'Enregistrer un changement revient à modifier le communiqué : les approbations déjà données repartent de zéro, comme pour le texte.',
    noNetworks: 'calma.yaml n’indique aucun réseau (`networks:`) : il n’y a pas de version à rédiger ici.',
    count: '{{length}} sur {{max}}',
    countOver: '{{length}} sur {{max}} : {{over}} de trop',
    howWeighted:
      'Comme compte X : un lien vaut 23 ; un emoji ou un caractère chinois, japonais ou coréen, 2.',
    howGraphemes: 'Comme on voit les caractères : un emoji ou une lettre accentuée compte pour un.',
    save: 'Enregistrer les versions de S{{n}}',
    saved:
      'Enregistré : le communiqué S{{n}} passe en version {{version}} et attend de nouveau l’approbation. Le canal de l’incident a été prévenu.',
    unchanged: 'Rien à enregistrer : les versions sont inchangées.',
    errorTitle: 'Erreur : {{title}}',
    refused:
      'Rien n’a été enregistré. Corrigez ce qui est signalé ci-dessous : ce que vous avez saisi est toujours là.',
    changed:
      'Le communiqué S{{n}} a changé depuis l’ouverture de cette page (quelqu’un d’autre, ou un autre onglet). Rien n’a été enregistré : ce que vous avez saisi est toujours là, avec sous chaque champ qui diffère la version enregistrée à présent. Enregistrez de nouveau pour les remplacer.',
    savedNow: 'Enregistré à présent :',
    expires:
      'Ce lien n’est qu’à vous et fonctionne jusqu’au {{when}}. `/crisis version S{{n}}` en donne un nouveau.',
    refusedTitle: 'Ce lien ne peut pas être utilisé',
    next: 'Pour obtenir un nouveau lien, tapez `/crisis version S{{n}}` dans le chat de l’incident.',
    nextAny: 'Pour obtenir un nouveau lien, tapez `/crisis version S<n>` dans le chat de l’incident.',
    why: {
      expired: 'Ce lien vers l’éditeur a expiré.',
      tampered: 'Ce lien vers l’éditeur n’est pas valide : il a peut-être été tronqué ou modifié.',
      published:
        'Le communiqué S{{n}} est publié, et un communiqué publié ne change plus. Pour une correction, rédigez un nouveau communiqué.',
      closed: 'Cet incident est clos : ses communiqués ne changent plus.',
      csrf: 'Ce formulaire ne vient pas de la page de l’éditeur dans ce navigateur (ou la page est trop ancienne). Rien n’a été enregistré.',
      tooLarge: 'Le formulaire était trop volumineux pour être lu. Rien n’a été enregistré.',
      off: 'L’éditeur web est désactivé sur ce calma.',
      unavailable:
        'calma ne joint pas sa plateforme de chat pour le moment. Réessayez le même lien dans une minute.',
    },
  },
};
