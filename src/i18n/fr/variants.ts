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
      'Quel communiqué, quel réseau et quel texte ? `/crisis version S1 x <texte>` (réseaux : x, threads, bluesky, linkedin, instagram, facebook, objet, email, macro) ; `-` comme texte retire cette version.',
    unknownNetwork:
      'calma ne connaît pas le réseau « {{network}} » : x, threads, bluesky, linkedin, instagram, facebook, objet, email ou macro.',
    none: 'Le communiqué S{{n}} n’a pas de version {{network}} à retirer.',
    heading: 'Prêt à copier, par réseau :',
    label: '{{network}} · {{length}}/{{max}}',
    field: '{{network}} ({{max}} max.)',
    fieldHint: 'Laissez vide si inutile. Trop long pour ce champ (emoji, liens longs) ? /crisis version',
  },
};
