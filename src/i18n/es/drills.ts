import type { drills as en } from '../en/drills';
import type { Translated } from '../plural';

export const drills: Translated<typeof en> = {
  drill: {
    label: 'SIMULACRO',
    usage:
      'Indica qué protocolo quieres practicar y, si quieres, un escenario: `/crisis drill <protocolo> [escenario]`.',
    defaultTitle: 'Simulacro: {{playbook}}',
    opened:
      '🎭 El simulacro #{{seq}} está abierto en {{room}} con el protocolo «{{playbook}}». Es solo práctica: nada sale del chat.',
    unknownPlaybook: 'No hay ningún protocolo «{{playbook}}» que practicar. Protocolos: {{playbooks}}.',
    unknownScenario:
      'No hay ningún escenario «{{scenario}}» para el protocolo «{{playbook}}». Sus escenarios: {{scenarios}}.',
    none: 'ninguno todavía',
    helpDrill:
      'abrir una crisis de práctica, marcada SIMULACRO, con mensajes programados de un escenario (sin más: los protocolos y escenarios)',
    helpDelete: 'borrar un simulacro cerrado (las crisis reales se conservan siempre)',
    helpTitle: 'Simulacros: practicar antes de la crisis de verdad',
    helpIntro:
      'Un simulacro es una crisis marcada SIMULACRO en todas partes: sus comunicados nunca salen del chat, y un escenario publica mensajes simulados del mundo exterior mientras dura. Escribe uno de estos:',
    helpScenario_one: '`/crisis drill {{playbook}} {{id}}`: {{title}} ({{count}} mensaje en {{minutes}} min)',
    helpScenario_many:
      '`/crisis drill {{playbook}} {{id}}`: {{title}} ({{count}} mensajes en {{minutes}} min)',
    helpScenario_other:
      '`/crisis drill {{playbook}} {{id}}`: {{title}} ({{count}} mensajes en {{minutes}} min)',
    helpNoScenario: '`/crisis drill {{playbook}}`: «{{title}}» solo, sin mensajes simulados',
    helpAfter: '`/crisis close` termina un simulacro con su informe; después, `/crisis delete #N` lo borra.',
    introTitle: '🎭 SIMULACRO: es una práctica, no una crisis real',
    introScenario: '*Escenario:* {{description}}',
    introInjects_one:
      'Durante el simulacro llegará aquí un mensaje simulado del mundo exterior, en T+{{first}} min. Respóndelo como lo harías de verdad.',
    introInjects_many:
      'Durante el simulacro llegarán aquí {{count}} mensajes simulados del mundo exterior, de T+{{first}} a T+{{last}} min. Respóndelos como lo harías de verdad.',
    introInjects_other:
      'Durante el simulacro llegarán aquí {{count}} mensajes simulados del mundo exterior, de T+{{first}} a T+{{last}} min. Respóndelos como lo harías de verdad.',
    introNoScenario: 'Sin escenario: recorre el protocolo a tu ritmo.',
    introRules:
      'Los comunicados se redactan, aprueban y publican como siempre, pero nunca salen del chat. `/crisis close` termina el simulacro con un informe de lo que se hizo a tiempo, tarde o nunca.',
    injectTitle: '🎭 Mensaje simulado de {{from}}',
    injectNote:
      'Mensaje simulado del mundo exterior, T+{{at}} min tras el inicio del simulacro. No ha pasado nada en público: responde como lo harías de verdad.',
    injectLate: 'Ha llegado con {{minutes}} min de retraso: calma no estaba en marcha a su hora.',
    injectContext: '{{label}} · mensaje {{n}} de {{count}} · #{{seq}} {{title}}',
    reportTitle: '📋 Informe del simulacro · #{{seq}} {{title}}',
    reportDuration: 'El simulacro duró {{minutes}} min ({{severity}}).',
    reportSteps: 'Pasos del protocolo',
    stepOnTime: '✅ {{n}}. {{title}}: hecho a tiempo, en T+{{at}} min (vencía en T+{{due}})',
    stepLate: '⚠️ {{n}}. {{title}}: hecho con {{late}} min de retraso, en T+{{at}} min (vencía en T+{{due}})',
    stepSkipped: '↪️ {{n}}. {{title}}: omitido en T+{{at}} min: {{reason}}',
    stepNever: '❌ {{n}}. {{title}}: nunca se hizo (vencía en T+{{due}})',
    stepNotDue: '⏸️ {{n}}. {{title}}: aún no vencía cuando terminó el simulacro (T+{{due}})',
    reportTally: 'A tiempo: {{onTime}} · tarde: {{late}} · omitidos: {{skipped}} · nunca: {{never}}',
    reportStatements: 'Comunicados públicos',
    statementsPublished: 'Publicados: {{published}} de {{drafted}} redactados. Ninguno salió del chat.',
    firstOnTime: 'Primer comunicado en T+{{at}} min: dentro del objetivo de {{severity}}, {{target}} min.',
    firstLate:
      'Primer comunicado en T+{{at}} min: {{late}} min después del objetivo de {{severity}}, {{target}} min.',
    firstNoTarget: 'Primer comunicado en T+{{at}} min ({{severity}} no fija plazo para él).',
    noneMissed: 'No se publicó ningún comunicado: con {{severity}} el primero debe salir en {{target}} min.',
    noneNoTarget: 'No se publicó ningún comunicado ({{severity}} no fija plazo para él).',
    reportInjects: 'Mensajes simulados',
    injectsPosted: 'Llegaron {{posted}} de {{count}} mensajes simulados antes del final del simulacro.',
    reportQuestions: 'Preguntas del público registradas: {{asked}}; respondidas: {{answered}}.',
    reportContext:
      'Solo práctica: queda fuera de las estadísticas de crisis. `/crisis delete #{{seq}}` lo borra.',
    deleted:
      '🗑️ {{who}} ha borrado el simulacro #{{seq}}: su registro, su cronología y sus recordatorios pendientes ya no existen.',
    deletedRoom: '🗑️ {{who}} ha borrado este simulacro (#{{seq}}). calma archiva este canal ahora.',
    deleteReal:
      'La #{{seq}} es una crisis real: su registro se conserva siempre. Solo se pueden borrar simulacros.',
    deleteOpen:
      'El simulacro #{{seq}} sigue en curso. Ciérralo primero (`/crisis close #{{seq}} <cómo fue>`) y luego bórralo.',
    deleteUsage: 'Indica qué simulacro borrar: `/crisis delete #N` (`/crisis list all` los muestra).',
  },
};
