/** Reminders: steps due, status-update cadence, approvals waiting, follow-ups. */
export const reminders = {
  reminders: {
    snooze: 'Snooze {{minutes}} min',
    dismiss: 'Dismiss',
    late: 'Sent {{minutes}} min late: calma was not running when it was due.',
    nobody: 'nobody yet',
    stepDue: '⏰ Step {{step}} is due: {{title}}',
    stepOwner: '{{who}}, this one is yours.',
    stepNobody: 'Nobody has this step yet: who takes it?',
    stepEscalated: '⏰ Step {{step}} is still open, {{minutes}} min after it was due: {{title}}',
    stepNoLead:
      'Nobody leads this incident yet: `/crisis role lead @name`, then get it done, reassign it or skip it with a reason.',
    stepLead: '{{who}}, as incident lead: get it done, reassign it or skip it with a reason.',
    cadence: '📣 Time for a public status update',
    sinceUpdate: 'The last one went out {{minutes}} min ago ({{when}}).',
    sinceOpen: 'Nothing has gone out since the incident opened {{minutes}} min ago ({{when}}).',
    cadenceHint: '{{who}}: say what changed, what people should do, and when the next update comes.',
    noLead: 'Incident #{{seq}} has no lead yet',
    noLeadHint: 'Someone has to decide: `/crisis role lead @name`.',
    noSeverity: 'Incident #{{seq}} still has no severity',
    noSeverityHint: 'It sets how often the public hears from us. When unsure, pick the higher level.',
    stale: 'Nothing has happened on incident #{{seq}} for {{minutes}} min',
    staleHint: '{{who}}: is it still going? Add a note, post an update, or close it.',
    approval: '⏳ Statement S{{n}} has waited {{minutes}} min for approval',
    approvalHint:
      '{{who}}: read it in its card above and approve or reject it. Silence lets the rumour speak for us.',
    followup: '📌 Follow-up F{{n}} is still open: {{text}}',
    followupHint: '{{who}}, this one is yours (added {{when}}). Press Done once it is done, or snooze it.',
    snoozed: 'Snoozed until {{until}} by {{who}}.',
    dismissed: 'Reminder dismissed by {{who}}.',
    alreadyDismissed: 'That reminder was already dismissed.',
  },
};
