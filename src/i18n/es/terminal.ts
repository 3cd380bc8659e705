import type { terminal as en } from '../en/terminal';
import type { Translated } from '../plural';

export const terminal: Translated<typeof en> = {
  console: {
    archived: '#{{room}} está archivado.',
    attached: 'Adjunto: {{title}} ({{filename}})',
    file: 'Archivo compartido en #{{room}}: {{title}} ({{filename}})',
    welcome:
      'Consola de calma: un chat en tu terminal. Escribe `/crisis help` para empezar y `/quit` para salir.',
    you: 'Eres {{user}} (cámbialo con `/as <nombre>`).',
    room: 'Ahora estás en #{{room}}.',
    choose: 'Escribe un número para pulsar un botón:',
    noSuchChoice: 'No hay ningún botón {{choice}}. Escribe uno de los números que aparecen, o un comando.',
    notACommand: 'Los comandos empiezan por `/crisis`. Escribe `/crisis help` para ver la lista.',
    as: 'Ahora eres {{user}}.',
    bye: 'Hasta luego. Tus crisis se conservan para la próxima vez.',
    formCancelled: 'El formulario ha quedado sin responder; se ejecuta tu comando.',
    dm: 'Mensaje directo a {{user}} ›',
    link: 'Enlace añadido a #{{room}}: {{title}} ({{url}})',
    yesNo: 's/n',
    enterKeeps: 'Intro mantiene: {{value}}',
    endWithDot: 'puedes escribir varias líneas: termina con una línea que solo tenga «.»',
    dotKeeps: '«.» solo mantiene: {{value}}',
    enterSkips: 'Intro para omitir',
    badAnswer: 'No es ninguna de las opciones: escribe su número (o s / n).',
    pinned: '(fijado)',
    invited: '{{users}} se ha unido a #{{room}}.',
    topic: 'Tema de #{{room}}: {{topic}}',
  },
};
