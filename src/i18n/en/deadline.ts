/** A notification deadline counting from awareness (GDPR art. 33): `/crisis aware`, its countdown and reminders. */
export const deadline = {
  aware: {
    usage:
      'When did we become aware? `/crisis aware <time> [how]`, e.g. `/crisis aware 09:30`, `/crisis aware yesterday 21:15 the DPO confirmed it`, `/crisis aware 2026-12-06 21:15` or `/crisis aware now`.',
    recorded: '🕘 {{who}} recorded when we became aware: {{when}}. {{name}}: due {{due}}.',
    corrected:
      '🕘 {{who}} corrected when we became aware: {{when}} (was {{previous}}). {{name}}: now due {{due}}.',
    noDeadline:
      'The {{playbook}} playbook has no deadline counting from awareness: keep the moment on the timeline with `/crisis note`.',
    unchanged: 'Incident #{{seq}} already has that moment as when we became aware.',
    tooLong: 'Keep how we became aware under {{max}} characters.',
  },
  time: {
    unreadable:
      '“{{text}}” is not a time calma can read. Try `09:30`, `yesterday 21:15`, `2026-12-06 21:15` or `now`.',
    future: '{{when}} has not come yet: give the moment we became aware, which has passed.',
  },
  deadline: {
    notStarted: 'Clock not started: record when we became aware with `/crisis aware <time>`.',
    running: 'Due {{due}}: {{hours}} h left at {{now}}. Aware since {{aware}}.',
    lastHour: 'Due {{due}}: less than an hour left at {{now}}. Aware since {{aware}}.',
    overdue: 'Overdue: it was due {{due}}, {{hours}} h ago at {{now}}. Do it now and record why it is late.',
    met: 'Met: step {{step}} done {{when}}, {{hours}} h after we became aware.',
    skipped: 'Step {{step}} skipped: {{reason}}',
    reminder: '⏳ {{name}}: {{hours}} h left (due {{due}})',
    reminderLastHour: '⏳ {{name}}: less than an hour left (due {{due}})',
    reminderOverdue: '⏳ {{name}}: overdue since {{due}}',
    reminderStep: 'To do: step {{step}}, {{title}}. {{who}}, this one is yours: press Done once it is done.',
    reminderNobody: 'To do: step {{step}}, {{title}}. Nobody holds it yet: who takes it?',
    away: '{{name}}',
    postmortemUnrecorded: 'When we became aware was never recorded (`/crisis aware`).',
    postmortemMet:
      'Aware {{aware}} (recorded by {{who}}); met: step {{step}} done {{when}}, {{hours}} h after we became aware.',
    postmortemOpen: 'Aware {{aware}} (recorded by {{who}}), due {{due}}; step {{step}} not done.',
    timeline: 'recorded when we became aware: {{when}}',
    timelineCorrected: 'corrected when we became aware: {{when}} (was {{previous}})',
    timelineHow: '{{text}} (how: {{how}})',
  },
};
