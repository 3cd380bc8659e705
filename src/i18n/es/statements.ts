import type { statements as en } from '../en/statements';
import type { Translated } from '../plural';

export const statements: Translated<typeof en> = {
  statement: {
    drafted:
      '{{who}} redactó el comunicado S{{n}}. Queda pendiente de la aprobación de {{needed}}: léanlo y pulsen Aprobar, Rechazar o Editar.',
    edited:
      '{{who}} editó el comunicado S{{n}}. Las aprobaciones empiezan de cero: {{needed}}, lean el nuevo texto.',
    approvedOne:
      '{{who}} aprobó el comunicado S{{n}} ({{done}} de {{count}} aprobaciones). Falta la aprobación de {{needed}}.',
    moreApprovals: 'Con esta gravedad, el comunicado S{{n}} necesita más aprobaciones: {{needed}}.',
    publishing: '{{who}} aprobó el comunicado S{{n}}: queda publicado. Se está difundiendo en {{where}}.',
    stepDone: 'Paso {{step}} hecho al publicar S{{n}}.',
    rejected:
      '{{who}} rechazó el comunicado S{{n}}: {{reason}}. Edítalo para volver a enviarlo a aprobación.',
    queued:
      'La plataforma de chat no responde ahora mismo: calma lo publicará en cuanto vuelva. `/crisis status` muestra lo que sigue en camino.',
    deliveryFailed:
      '⚠️ No se pudo difundir el comunicado S{{n}} en {{where}} tras todos los reintentos ({{error}}). Publícalo allí a mano y avisa a quien administra calma.',
    title: {
      pending: '📝 Comunicado S{{n}}: pendiente de aprobación ({{done}} de {{count}})',
      rejected: '↩️ Comunicado S{{n}}: rechazado',
      published: '✅ Comunicado S{{n}}: publicado',
    },
    authors: 'Redactado por',
    approvals: 'Aprobado por',
    noApprovals: 'nadie todavía',
    slot: '{{role}} ({{who}})',
    nobodyHolds: 'nadie todavía: `/crisis role {{id}} @nombre`',
    waitingFor: 'Aprobaciones pendientes',
    answers: 'Responde a',
    rejectedBy: 'Rechazado por',
    buttons: {
      approve: 'Aprobar',
      reject: 'Rechazar',
      edit: 'Editar',
      useTemplate: 'Usar la plantilla',
      draftUpdate: 'Redactar actualización',
      draftHolding: 'Redactar primer comunicado',
    },
    checkNote: 'La lista de verificación orienta; no bloquea la aprobación',
    publishedAt: 'publicado el {{when}}',
    covered: '*Lista de verificación:* {{count}} de {{total}} puntos cubiertos: {{items}}',
    missing: '*Falta:* {{items}}',
    warning: '*Revisa:* {{warning}} («{{excerpt}}»)',
    nextUpdate: 'Próxima actualización a más tardar el {{when}}.',
    publicTitle: '📣 Comunicado público S{{n}} · crisis #{{seq}}: {{title}}',
    approvedBy: 'Aprobado por {{who}} · publicado el {{when}}',
    status: {
      title: 'Comunicados',
      pending: 'S{{n}} está pendiente de aprobación ({{done}} de {{count}})',
      rejected: 'S{{n}} fue rechazado: edítalo o redacta uno nuevo',
      delivering: 'S{{n}} aún se está difundiendo en {{where}}',
      failed: 'S{{n}} no se pudo difundir en {{where}}',
    },
    destinations: { room: 'el canal de la crisis', announcements: 'el canal de anuncios' },
    forms: {
      draftTitle: 'Comunicado público #{{seq}}',
      editTitle: 'Editar comunicado S{{n}}',
      rejectTitle: 'Rechazar comunicado S{{n}}',
      text: 'Lo que leerá el público',
      placeholder:
        'Pide disculpas, cuenta qué ha pasado y qué debe hacer la gente, y cuándo llega la próxima actualización.',
      sendTo: 'Difundir también en {{name}} una vez aprobado',
      reason: '¿Por qué? Quien lo redactó leerá esto',
      fillHint: 'Sustituye a {{placeholder}} en el texto',
      removable: '{{label}} («-»: quitar la línea)',
    },
    empty:
      'Un comunicado necesita texto: `/crisis update <texto>`, o solo `/crisis update` para el formulario.',
    tooLong:
      'Ese comunicado tiene {{length}} caracteres; debe tener menos de {{max}} (un solo mensaje de chat).',
    notFound: 'La crisis #{{seq}} no tiene ningún comunicado S{{n}}.',
    published:
      'El comunicado S{{n}} está publicado y ya no se puede modificar. Publica la corrección como un comunicado nuevo: `/crisis update <texto>`.',
    unchanged: 'El comunicado S{{n}} ya dice exactamente eso.',
    alreadyPublished: 'El comunicado S{{n}} ya está publicado.',
    placeholders_one:
      'Al comunicado S{{n}} todavía le falta un dato por rellenar: {{placeholders}}. Edítalo (botón Editar o `/crisis editar S{{n}} <texto>`) antes de que nadie pueda aprobarlo.',
    placeholders_many:
      'Al comunicado S{{n}} todavía le faltan datos por rellenar: {{placeholders}}. Edítalo (botón Editar o `/crisis editar S{{n}} <texto>`) antes de que nadie pueda aprobarlo.',
    placeholders_other:
      'Al comunicado S{{n}} todavía le faltan datos por rellenar: {{placeholders}}. Edítalo (botón Editar o `/crisis editar S{{n}} <texto>`) antes de que nadie pueda aprobarlo.',
    unfilled: 'Falta rellenar antes de poder aprobarlo: {{placeholders}}.',
    noTemplate:
      'El protocolo {{playbook}} no tiene plantilla de {{kind}}: redacta el comunicado con `/crisis comunicado <texto>`.',
    kind: { holding: 'primer comunicado', update: 'actualización', full: 'comunicado completo' },
    field: {
      account: 'Cuenta (nombre o @usuario)',
      affected: 'Quién o qué está afectado',
      not_affected: 'Qué no está afectado',
      channel: 'Dónde publicamos las novedades',
      end_time: 'Cuándo volvió a estar bajo control',
      what_happened: 'Qué pasó (verificado)',
      actions: 'Qué hacemos o cambiamos',
      changes: 'Qué cambiamos para que no se repita',
      change: 'Qué cambiamos para que no se repita',
      news: 'Qué ha cambiado desde la última',
      product: 'Producto afectado',
      service: 'Servicio, como lo llaman los clientes',
      topic: 'De qué trata (en términos neutros)',
      who: 'Quién lo publicó (como lo conoce el público)',
      where: 'Dónde se publicó',
      place: 'Dónde está pasando',
      update_page: 'Página web de las novedades',
      status_url: 'Dirección de la página de estado',
      spokesperson: 'Quién firma',
      spokesperson_role: 'Su cargo',
      name: 'Quién firma',
      signature: 'Firma (nombre y cargo)',
      contact: 'Dónde escribirnos',
      time: 'Cuándo empezó',
      start: 'Cuándo empezó',
      end: 'Cuándo terminó',
      symptom: 'Qué no puede hacer la gente',
      fix: 'Qué lo ha solucionado',
      what_to_do: 'Qué tiene que hacer la gente',
      data: 'Datos personales afectados',
      authority_line: 'La autoridad de protección de datos (di «notificada» solo cuando lo esté)',
    },
    isRejected: 'El comunicado S{{n}} fue rechazado: hay que editarlo antes de que nadie pueda aprobarlo.',
    ownStatement:
      'Has redactado todo o parte del comunicado S{{n}}, así que no puedes aprobarlo: tiene que hacerlo otra persona.',
    alreadyApproved: 'Ya aprobaste el comunicado S{{n}}; falta que lo apruebe otra persona.',
    notApprover:
      'El comunicado S{{n}} requiere la aprobación de: {{roles}}. No tienes ninguno de esos roles. Pueden aprobarlo: {{who}}.',
    noApprovers:
      'El comunicado S{{n}} requiere la aprobación de: {{roles}}, y nadie tiene ese rol todavía. Nombra a alguien: `/crisis role {{id}} @nombre`.',
    reasonRequired: 'Explica por qué se rechaza el comunicado S{{n}}: `/crisis reject S{{n}} <motivo>`.',
    changed:
      'El comunicado S{{n}} se editó después de que lo abrieras: lee el nuevo texto antes de aprobarlo.',
    changedSinceApproval:
      'El comunicado S{{n}} ya no dice lo mismo que cuando se aprobó, así que no se publica. Edítalo (`/crisis edit S{{n}}`) para pedir la aprobación del texto tal como está.',
    superseded:
      'El comunicado S{{n}} se editó: esta versión ya no vale. El nuevo texto está en la tarjeta de abajo.',
    approveUsage: '¿Qué comunicado? `/crisis approve S1`',
    rejectUsage: '¿Qué comunicado y por qué? `/crisis reject S1 <motivo>`',
    editUsage: '¿Qué comunicado? `/crisis edit S1 <texto nuevo>`',
  },
  checklist: {
    items: {
      apology: 'una disculpa',
      empathy: 'empatía con cómo se siente la gente',
      'what-happened': 'qué ha pasado, con la hora',
      'who-affected': 'a quién afecta y a quién no',
      actions: 'qué estamos haciendo',
      'user-actions': 'qué debe hacer la gente',
      data: 'qué datos están afectados y cuáles no',
      'where-updates': 'dónde se publican las actualizaciones',
      questions: 'cómo hacer preguntas, y el compromiso de responderlas',
      signature: 'la firma de una persona',
      'next-update': 'la hora de la próxima actualización',
    },
    warnings: {
      eta: 'un plazo de resolución prometido',
      blame: 'culpar a un tercero',
      'security-cliche': '«nos tomamos la seguridad muy en serio»',
      jargon: 'jerga interna o nombres de servidores',
      'named-victim': 'el nombre de una persona',
      speculation: 'especulaciones',
      'unbacked-reassurance':
        'una afirmación tranquilizadora sin un hecho comprobado que la respalde (`/crisis comprobado`)',
      'conditional-apology':
        'una disculpa por cómo se siente la gente, o con un «si»: la disculpa es por lo que hicimos',
    },
  },
  question: {
    asked: '{{who}} registró la pregunta Q{{n}}: «{{text}}». Respóndela con `/crisis answer Q{{n}} <texto>`.',
    answerDrafted:
      '{{who}} redactó el comunicado S{{n}}, que responde a la pregunta Q{{question}}. La respuesta solo se hará pública cuando la apruebe {{needed}}; Q{{question}} quedará respondida al publicarse.',
    answeredBy: '{{who}} respondió a la pregunta Q{{n}} con el comunicado S{{statement}}.',
    open: 'Preguntas sin responder',
    empty: '¿Qué pregunta? `/crisis question <lo que pregunta la gente>`',
    tooLong: 'La pregunta debe tener menos de {{max}} caracteres.',
    notFound: 'La crisis #{{seq}} no tiene ninguna pregunta Q{{n}}.',
    statementNotPublished:
      'El comunicado S{{n}} no está publicado: solo un comunicado publicado puede responder a una pregunta.',
    answerEmpty:
      'Escribe la respuesta: `/crisis answer Q{{n}} <texto>`, o `/crisis answer Q{{n}} S<comunicado>`.',
    answerUsage: '¿Qué pregunta y qué respuesta? `/crisis answer Q1 <texto>` o `/crisis answer Q1 S2`.',
  },
};
