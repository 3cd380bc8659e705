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
      '¿Qué comunicado, qué red y qué texto? `/crisis variante S1 x <texto>` (redes: x, threads, bluesky, linkedin, instagram, facebook, asunto, correo, macro); con `-` como texto se quita esa variante; `/crisis variante S1` sin más te da tu enlace al editor web.',
    unknownNetwork:
      'calma no conoce la red «{{network}}»: x, threads, bluesky, linkedin, instagram, facebook, asunto, correo o macro.',
    none: 'El comunicado S{{n}} no tiene variante para {{network}} que quitar.',
    heading: 'Listo para copiar, por red:',
    label: '{{network}} · {{length}}/{{max}}',
    field: '{{network}} (hasta {{max}})',
    fieldHint: 'Déjalo vacío si no hace falta. ¿No cabe aquí (emojis, enlaces largos)? /crisis variante',
  },
  variantLink: {
    yours:
      'Tu enlace para escribir las versiones del comunicado S{{n}} para cada red, con el recuento mientras escribes (solo para ti, hasta el {{when}}): {{url}}',
    off: 'El editor web está desactivado: calma necesita `public_url` en calma.yaml y `CALMA_LINK_SECRET`. Fija cada versión aquí: `/crisis variante S{{n}} x <texto>`.',
  },
  draftPage: {
    title: 'Versiones del comunicado S{{n}} para cada red',
    status: 'Estado del comunicado S{{n}}: {{state}}.',
    pending: 'pendiente de aprobación',
    rejected: 'devuelto para corregir',
    intro:
      'Una versión por red, cada una dentro del límite de esa red y contada como la cuenta la red. Deja un campo vacío si no hace falta versión.',
    voids:
      'Guardar un cambio es una edición: las aprobaciones dadas hasta ahora empiezan de cero, igual que al cambiar el texto.',
    noNetworks: 'calma.yaml no indica ninguna red (`networks:`): aquí no hay versiones que escribir.',
    count: '{{length}} de {{max}}',
    countOver: '{{length}} de {{max}}: sobran {{over}}',
    howWeighted: 'Como cuenta X: un enlace vale 23; un emoji o un carácter chino, japonés o coreano, 2.',
    howGraphemes: 'Como se ven los caracteres: un emoji o una letra con tilde cuentan como uno.',
    save: 'Guardar las versiones de S{{n}}',
    saved:
      'Guardado: el comunicado S{{n}} pasa a la versión {{version}} y vuelve a esperar aprobación. Se ha avisado en el canal del incidente.',
    unchanged: 'No hay nada que guardar: las versiones siguen igual.',
    errorTitle: 'Error: {{title}}',
    refused: 'No se ha guardado nada. Corrige lo que se indica abajo: lo que escribiste sigue aquí.',
    changed:
      'El comunicado S{{n}} ha cambiado desde que abriste esta página (otra persona u otra pestaña). No se ha guardado nada: lo que escribiste sigue aquí y, bajo cada campo distinto, la versión guardada ahora. Vuelve a guardar para sustituirlas.',
    savedNow: 'Guardado ahora:',
    expires:
      'Este enlace es solo tuyo y funciona hasta el {{when}}. `/crisis variante S{{n}}` te da uno nuevo.',
    refusedTitle: 'Este enlace no se puede usar',
    next: 'Para obtener un enlace nuevo, escribe `/crisis variante S{{n}}` en el chat del incidente.',
    nextAny: 'Para obtener un enlace nuevo, escribe `/crisis variante S<n>` en el chat del incidente.',
    why: {
      expired: 'Este enlace del editor ha caducado.',
      tampered: 'Este enlace del editor no es válido: puede que esté cortado o modificado.',
      published:
        'El comunicado S{{n}} ya está publicado, y un comunicado publicado no cambia. Para corregirlo, redacta un comunicado nuevo.',
      closed: 'Este incidente está cerrado: sus comunicados ya no cambian.',
      csrf: 'Este formulario no viene de la página del editor en este navegador (o la página es demasiado antigua). No se ha guardado nada.',
      tooLarge: 'El formulario era demasiado grande para leerlo. No se ha guardado nada.',
      off: 'El editor web está desactivado en este calma.',
      unavailable:
        'calma no puede conectar ahora con su plataforma de chat. Vuelve a probar el mismo enlace dentro de un minuto.',
    },
  },
};
