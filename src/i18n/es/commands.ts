import type { commands as en } from '../en/commands';
import type { Translated } from '../plural';

export const commands: Translated<typeof en> = {
  list: {
    title: 'Crisis',
    none: 'Todavía no hay ninguna crisis.',
    noneOpen: 'No hay crisis abiertas. Bien.',
    allDone: 'todos los pasos hechos',
    step: 'paso {{step}}/{{count}}',
    hint: '`/crisis list all` muestra también las resueltas.',
  },
  help: {
    arg: {
      kinds: 'espera|actualizacion|final',
      playbook: 'protocolo',
      title: 'título',
      reason: 'motivo',
      user: 'usuario',
      role: 'rol',
      text: 'texto',
      network: 'red',
      link: 'enlace',
      note: 'nota',
      resolution: 'resolución',
      owner: 'responsable',
      days: 'días',
      scenario: 'escenario',
      time: 'hora',
      how: 'cómo',
    },
    title: 'calma: gestión de crisis, paso a paso',
    intro: 'Escribe `/crisis` seguido de uno de estos comandos:',
    open: 'abre una crisis: un canal, el protocolo y su primer paso',
    status: 'el resumen, el paso actual y lo último que ha pasado',
    list: 'las crisis abiertas (o todas)',
    step: 'muestra el paso actual, lo da por hecho, lo omite con un motivo o lo asigna a alguien',
    role: 'indica quién asume un rol',
    sev: 'cambia la gravedad (1 es la peor; ante la duda, elige la más alta)',
    note: 'añade una nota a la cronología',
    update:
      'redacta un comunicado público; solo `espera`, `actualizacion` o `final`: la plantilla de ese tipo del protocolo, ya rellenada (sin texto: un formulario)',
    approve: 'aprueba un comunicado (no puedes aprobar uno tuyo); la última aprobación lo publica',
    link: 'obtén tu propio enlace de un solo uso para aprobar un comunicado desde el navegador (para quien aprueba sin estar en el canal)',
    reject: 'devuelve un comunicado con un motivo',
    edit: 'reescribe un comunicado aún no publicado (las aprobaciones empiezan de cero)',
    variant:
      'fija la versión de un comunicado para una red (X, Bluesky, correo…), comprobada contra su límite; las aprobaciones empiezan de cero. Sin red: tu enlace a una página web con todas las redes y el recuento mientras escribes',
    question: 'registra una pregunta que se hace el público',
    answer:
      'responde a una pregunta: el texto se redacta como comunicado, público una vez aprobado; o indica uno ya publicado',
    evidence: 'guarda un enlace a lo publicado, antes de que puedan borrarlo',
    aware:
      'registra cuándo tuvimos constancia (en una brecha de datos, el plazo de 72 horas del RGPD cuenta desde ahí); repítelo para corregirlo',
    postmortem: 'comparte el análisis poscrisis tal como está, generado a partir de la cronología (Markdown)',
    fact: 'deja constancia de un hecho comprobado (datos personales, pagos, contraseñas, accesos) en el que pueda apoyarse un comunicado para tranquilizar',
    close:
      'resuelve la crisis: cómo terminó y si el público recibió una actualización final (sin texto, un formulario)',
    reopen: 'vuelve a abrir una crisis resuelta, diciendo por qué',
    followup:
      'añade una acción de seguimiento, antes o después de cerrar (se le recuerda a su responsable hasta que esté hecha), márcala como hecha o consúltalas',
    stats:
      'las crisis de los últimos 30 días (o N): cifras, tiempo mediano hasta el primer comunicado público y hasta la resolución; sin contar simulacros',
    lang: 'cambia el idioma de la crisis',
    help: 'esta ayuda',
    ownWords: '(`{{command}}`)',
    ownWordsAndVerbs: '(`{{command}}`: {{verbs}})',
    roles:
      'Roles: lead (responsable), comms (comunicación), approver (aprobación), scribe, listener (escucha), sme (técnico), support, legal, hr.',
    playbooks: 'Protocolos: {{playbooks}}.',
    incidentRef:
      'Dentro del canal de una crisis, los comandos se aplican a esa crisis; fuera, añade `#N` (p. ej. `/crisis status #3`).',
  },
  note: {
    added: 'Nota añadida a la cronología de la crisis #{{seq}}.',
    empty: 'Escribe la nota después del comando: `/crisis note <texto>`.',
  },
  sev: {
    changed: '{{who}} cambió la gravedad de {{from}} a {{to}}.',
    unchanged: 'La gravedad ya es SEV{{severity}}.',
    invalid:
      '«{{value}}» no es una gravedad. Usa de sev1 (la peor) a sev4: `/crisis sev 2`. Ante la duda, elige la más alta.',
  },
  role: {
    assigned: '{{user}} pasa a ser {{role}} (lo ha decidido {{who}}).',
    briefTitle: 'Eres {{role}} en la crisis #{{seq}}: {{title}}',
    briefSteps: 'Tus pasos en el protocolo «{{playbook}}»:',
    briefStep: '{{step}}. {{title}} (plazo: {{when}})',
    briefNoSteps:
      'Ningún paso del protocolo «{{playbook}}» es solo tuyo: sigue el canal y echa una mano cuando te lo pidan.',
    briefRoom: 'Todo pasa en {{room}}.',
    unchanged: '{{user}} ya es {{role}}.',
    usage: 'Indica el rol y la persona: `/crisis role lead @nombre`.',
    unknown:
      '«{{role}}» no es un rol. Roles: lead, comms, approver, scribe, listener, sme, support, legal, hr.',
    noUser: 'Indica quién asume el rol, con una @mención: `/crisis role {{id}} @nombre`.',
  },
  lang: {
    changed: 'Esta crisis se gestiona ahora en {{language}}.',
    unchanged: 'Esta crisis ya usa {{locale}}.',
    usage: 'Elige un idioma: {{locales}}. Por ejemplo `/crisis lang fr`.',
  },
  open: {
    opened: 'La crisis #{{seq}} está abierta en {{room}} con el protocolo «{{playbook}}».',
    severityUnset:
      'La gravedad no está definida. El protocolo sugiere {{suggested}}; ante la duda, elige la más alta.',
    whichPlaybook: '¿Qué protocolo encaja con «{{title}}»?',
    suggested: 'Los destacados coinciden con el título. Elige uno:',
    noSuggestion: 'El título no apunta a ningún protocolo en concreto. Elige uno:',
    draftGone: 'Esa elección ha caducado o ya se hizo. Vuelve a lanzar `/crisis open`.',
    unknownPlaybook: 'No existe el protocolo «{{playbook}}». Protocolos: {{playbooks}}.',
    emptyTitle: 'Dale a la crisis un título breve: `/crisis open [protocolo] [sev1-sev4] <título>`.',
  },
  forms: {
    skipTitle: 'Omitir el paso {{step}}',
    skipReason: '¿Por qué lo omites? (quedará en el análisis poscrisis)',
    assignTitle: 'Asignar el paso {{step}}',
    assignUser: '¿Quién se encarga?',
    required: 'Rellena este campo, por favor.',
    openTitle: 'Abrir una crisis',
    openWhat: '¿Qué está pasando? (un título breve)',
    openPlaybook: 'Protocolo',
    openSeverity: 'Gravedad',
    sevUnset: 'Aún no lo sé',
    openPrivate: 'Canal privado (solo quien necesite estar)',
    openDrill: 'Es un simulacro (solo práctica)',
    openLead: 'Responsable de la crisis',
    submit: 'Enviar',
    cancel: 'Cancelar',
    titleTooLong: 'El título debe tener menos de {{max}} caracteres; los detalles, en el canal.',
  },
  capture: {
    added: 'Añadido a la cronología de la crisis #{{seq}}: el mensaje de {{author}} del {{when}}.',
    empty: 'Ese mensaje no tiene texto que guardar.',
  },
  evidence: {
    added: 'Prueba guardada en la crisis #{{seq}} por {{who}}: {{url}}',
    usage:
      '¿Qué enlace? `/crisis evidence <enlace> [nota]`, p. ej. `/crisis evidence https://x.com/acme/status/123 post del atacante`',
    badUrl: '«{{url}}» no es un enlace web (http:// o https://).',
    tooLong: 'La nota debe tener menos de {{max}} caracteres.',
    title: 'Pruebas',
  },
  fact: {
    recorded:
      'Hecho comprobado registrado en la crisis #{{seq}} por {{who}}, sobre {{topics}}. Los comunicados ya pueden afirmarlo en público.',
    empty:
      '¿Qué has comprobado? `/crisis comprobado <el hecho>`, p. ej. `/crisis comprobado Los números de tarjeta nunca llegan a nuestros servidores: confirmado con la pasarela de pago a las 14:10`',
    tooLong: 'El hecho debe tener menos de {{max}} caracteres.',
    noTopic:
      'Ese hecho no dice de qué trata: nombra los datos personales, los datos de pago, las contraseñas o el acceso a cuentas o sistemas (`/crisis comprobado Los datos de pago no se han visto afectados: …`). Para todo lo demás, `/crisis nota`.',
    topic: {
      data: 'datos personales',
      payment: 'datos de pago',
      passwords: 'contraseñas',
      access: 'acceso a cuentas o sistemas',
    },
  },
  lockdown: {
    button: 'Pausar invitaciones y MD (24 h)',
    requestTitle: '🛡️ Bloqueo antirraid solicitado',
    requested:
      '{{who}} pide pausar las invitaciones y los mensajes directos del servidor durante {{hours}} horas.',
    askApprovers: 'Otra persona que pueda aprobar tiene que confirmarlo: {{who}}.',
    noApprover:
      'Todavía nadie tiene el rol de responsable o de aprobador: asigna uno (`/crisis role lead @alguien`) y que lo confirme.',
    confirm: 'Confirmar bloqueo',
    applied:
      '🛡️ Invitaciones y MD en pausa hasta {{until}}: lo confirmó {{who}}, lo pidió {{asker}}. Puedes levantarlo antes en Ajustes del servidor › Configuración de seguridad.',
    drill:
      'SIMULACRO: {{who}} confirmó el bloqueo que pidió {{asker}}, hasta {{until}}. En el servidor no ha cambiado nada.',
    unsupported: 'Este chat no tiene botón de bloqueo antirraid: haz este paso a mano.',
    pending: 'Ya se pidió un bloqueo: falta que otra persona lo confirme.',
    already: 'Las invitaciones y los MD ya están en pausa en este servidor.',
    noRequest: 'Nadie ha pedido un bloqueo en el #{{seq}}: pulsa primero el botón del paso.',
    ownRequest: 'Tú pediste este bloqueo: tiene que confirmarlo otra persona (cuatro ojos).',
    notApprover: 'Solo el responsable o un aprobador pueden confirmar un bloqueo: {{who}}.',
  },
  command: {
    unknown: '«{{name}}» no es un comando de calma. Esto es lo que calma entiende:',
    badOptions:
      'calma no ha podido leer las opciones de ese comando: vuelve a intentarlo o consulta `/crisis help`.',
  },
  errors: {
    unexpected:
      'Algo ha fallado por parte de calma. Consulta `/crisis status` antes de reintentarlo: puede que una parte ya se haya hecho. Si sigue fallando, avisa a quien administra calma.',
    platform:
      '{{platform}} ha rechazado la petición de calma ({{code}}). Consulta `/crisis status` antes de reintentarlo: puede que una parte ya se haya hecho. Si sigue fallando, avisa a quien administra calma.',
    platformTimeout:
      '{{platform}} no ha respondido a calma a tiempo. Consulta `/crisis status` antes de reintentarlo: puede que una parte ya se haya hecho o que aparezca dentro de un momento. Si vuelve a ocurrir, avisa a quien administra calma.',
    staleButton: 'Ese botón ya no hace nada. Usa `/crisis status` para ver el estado actual.',
    notRecorded:
      'calma no ha podido registrar tu petición: su base de datos no responde. No se ha cambiado nada. Vuelve a intentarlo en un minuto y, si sigue fallando, avisa a quien administra calma.',
    formExpired: 'No se ha podido abrir el formulario a tiempo. Vuelve a lanzar el comando.',
  },
};
