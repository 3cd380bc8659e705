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
    email_subject: 'Asunto del correo',
    email_body: 'Cuerpo del correo',
    support_macro: 'Macro de soporte',
  },
  variant: {
    tooLong: 'La variante para {{network}} tiene {{length}} caracteres; {{network}} permite {{max}}.',
    subjectTooLong:
      'El asunto del correo tiene {{length}} caracteres; déjalo en {{max}} para que se lea entero en el móvil.',
    overCalma:
      'La variante para {{network}} tiene {{length}} caracteres; calma admite hasta {{max}} por variante, como en un comunicado.',
    usage:
      '¿Qué comunicado, qué red y qué texto? `/crisis variante S1 x <texto>` (redes: x, threads, bluesky, linkedin, instagram, facebook, asunto, correo, macro); con `-` como texto se quita esa variante.',
    unknownNetwork:
      'calma no conoce la red «{{network}}»: x, threads, bluesky, linkedin, instagram, facebook, asunto, correo o macro.',
    none: 'El comunicado S{{n}} no tiene variante para {{network}} que quitar.',
    heading: 'Listo para copiar, por red:',
    label: '{{network}} · {{length}}/{{max}}',
    field: '{{network}} (hasta {{max}})',
    fieldHint: 'Déjalo vacío si no hace falta. ¿No cabe aquí (emojis, enlaces largos)? /crisis variante',
  },
};
