import type { deadline as en } from '../en/deadline';
import type { Translated } from '../plural';

export const deadline: Translated<typeof en> = {
  aware: {
    usage:
      'Quand en avons-nous pris connaissance ? `/crisis aware <heure> [comment]`, par ex. `/crisis aware 09:30`, `/crisis aware hier 21h15 confirmé par le DPO`, `/crisis aware 2026-12-06 21:15` ou `/crisis aware maintenant`.',
    recorded:
      '🕘 {{who}} a consigné le moment où nous en avons pris connaissance : {{when}}. {{name}} : échéance le {{due}}.',
    corrected:
      '🕘 {{who}} a corrigé le moment où nous en avons pris connaissance : {{when}} (au lieu de {{previous}}). {{name}} : échéance désormais le {{due}}.',
    noDeadline:
      'La procédure {{playbook}} n’a pas de délai qui court à partir de la prise de connaissance : consignez ce moment dans la chronologie avec `/crisis note`.',
    unchanged: 'L’incident #{{seq}} a déjà ce moment comme prise de connaissance.',
    tooLong: 'Décrivez la prise de connaissance en moins de {{max}} caractères.',
  },
  time: {
    unreadable:
      'calma ne sait pas lire « {{text}} » comme une heure. Essayez `09:30`, `hier 21h15`, `2026-12-06 21:15` ou `maintenant`.',
    future:
      '{{when}} n’est pas encore passé : indiquez le moment où nous en avons pris connaissance, qui est déjà passé.',
  },
  deadline: {
    notStarted:
      'Le délai n’a pas commencé à courir : consignez le moment où nous en avons pris connaissance avec `/crisis aware <heure>`.',
    running: 'Échéance le {{due}} : il reste {{hours}} h à {{now}}. Prise de connaissance le {{aware}}.',
    lastHour:
      'Échéance le {{due}} : il reste moins d’une heure à {{now}}. Prise de connaissance le {{aware}}.',
    overdue:
      'Délai dépassé : l’échéance était le {{due}}, il y a {{hours}} h à {{now}}. Faites-le maintenant et consignez la raison du retard.',
    met: 'Respecté : étape {{step}} faite le {{when}}, {{hours}} h après la prise de connaissance.',
    skipped: 'Étape {{step}} passée : {{reason}}',
    reminder: '⏳ {{name}} : il reste {{hours}} h (échéance le {{due}})',
    reminderLastHour: '⏳ {{name}} : il reste moins d’une heure (échéance le {{due}})',
    reminderOverdue: '⏳ {{name}} : délai dépassé depuis le {{due}}',
    reminderStep:
      'À faire : étape {{step}}, {{title}}. {{who}}, c’est pour vous : appuyez sur Fait une fois l’étape faite.',
    reminderNobody: 'À faire : étape {{step}}, {{title}}. Personne ne s’en charge encore : qui la prend ?',
    away: '{{name}}',
    postmortemUnrecorded: 'La prise de connaissance n’a jamais été consignée (`/crisis aware`).',
    postmortemMet:
      'Prise de connaissance le {{aware}} (consignée par {{who}}) ; respecté : étape {{step}} faite le {{when}}, {{hours}} h après la prise de connaissance.',
    postmortemOpen:
      'Prise de connaissance le {{aware}} (consignée par {{who}}), échéance le {{due}} ; étape {{step}} non faite.',
    timeline: 'a consigné la prise de connaissance : {{when}}',
    timelineCorrected: 'a corrigé la prise de connaissance : {{when}} (au lieu de {{previous}})',
    timelineHow: '{{text}} (comment : {{how}})',
  },
};
