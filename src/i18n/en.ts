/**
 * English messages: the reference catalogue. `es.ts` and `fr.ts` are typed against it, so a key missing
 * in either fails the typecheck. Placeholders use i18next's `{{name}}`. Markup: `*bold*` only.
 */
export const en = {
  severity: {
    unset: 'not set yet: `/crisis sev 1-4`',
  },
  status: { open: 'open', resolved: 'resolved', recent: 'Latest on the timeline' },
  summary: {
    status: 'Status',
    severity: 'Severity',
    playbook: 'Playbook',
    lead: 'Incident lead',
    opened: 'Opened',
    openedBy: '{{when}} by {{who}}',
    progress: 'Progress',
    progressValue: 'step {{step}} of {{count}} (done: {{done}}, skipped: {{skipped}})',
    allStepsDone: 'all {{count}} steps done or skipped',
    roles: 'Roles',
    nobody: 'nobody yet',
  },
  step: {
    title: 'Step {{step}} of {{count}}: {{title}}',
    who: '*Who:* {{role}} ({{who}})',
    nobody: 'nobody yet: press Assign',
    due: '*Due:* {{minutes}} min after opening ({{when}})',
    approval: '*Needs approval by:* {{roles}}. Only they can mark it done.',
    doneBy: 'Step {{step}} done by {{who}}: {{title}}',
    skippedBy: 'Step {{step}} skipped by {{who}}: {{title}}. Reason: {{reason}}',
    assignedTo: 'Step {{step}} ({{title}}) assigned to {{user}} by {{who}}',
    allDone: 'Every step of incident #{{seq}} is done or skipped.',
    allDoneNow: 'That was the last step of the playbook. Keep the timeline going with `/crisis note`.',
    noSuchStep: 'There is no step {{step}}: this playbook has {{count}} steps.',
    already: {
      open: 'Step {{step}} is still open.',
      done: 'Step {{step}} is already done.',
      skipped: 'Step {{step}} was already skipped.',
    },
    needsApproval: 'Step {{step}} needs approval by: {{roles}}. Ask them to mark it done.',
    needsApprovalRoleless:
      'Step {{step}} needs approval by: {{roles}}, and nobody holds that role yet. Name someone first: `/crisis role {{id}} @name`.',
    reasonRequired: 'Say why you skip step {{step}}: the reason goes into the postmortem.',
    skipUsage: 'Say why you skip the step: `/crisis step skip [N] <reason>`.',
    assignUsage: 'Say who takes the step: `/crisis step assign [N] @name`.',
    usage:
      'Use `/crisis step`, `/crisis step done [N]`, `/crisis step skip [N] <reason>` or `/crisis step assign [N] @name`.',
  },
  buttons: { done: 'Done', skip: 'Skip', assign: 'Assign' },
  rules: { title: 'Playbook: {{playbook}}. Rules for everyone on this incident' },
  timeline: {
    opened: 'opened “{{title}}” with playbook {{playbook}}, {{severity}}',
    severity: 'severity {{from}} → {{to}}',
    role: '{{user}} is {{role}}',
    stepDone: 'step {{step}} done',
    stepSkipped: 'step {{step}} skipped ({{reason}})',
    stepAssigned: 'step {{step}} assigned to {{user}}',
    note: 'note: {{text}}',
    locale: 'language set to {{language}}',
    room: 'channel #{{name}} created',
  },
  languages: { en: 'English', es: 'Spanish', fr: 'French' },
  list: {
    title: 'Incidents',
    none: 'No incidents yet.',
    noneOpen: 'No open incidents. Good.',
    allDone: 'all steps done',
    step: 'step {{step}}/{{count}}',
    hint: '`/crisis list all` also shows resolved incidents.',
  },
  help: {
    title: 'calma: crisis response, step by step',
    intro: 'Type `/crisis` followed by one of these:',
    open: 'open a crisis: a channel, the playbook, and its first step',
    status: 'the summary, the current step and the latest events',
    list: 'open incidents (or all of them)',
    step: 'show the current step, mark it done, skip it with a reason, or give it to someone',
    role: 'name who holds a role',
    sev: 'change the severity (1 is the worst; when unsure, pick the higher level)',
    note: 'add a note to the timeline',
    lang: 'change the incident’s language',
    help: 'this help',
    roles: 'Roles: lead, comms, approver, scribe, listener, sme, support, legal, hr.',
    playbooks: 'Playbooks: {{playbooks}}.',
    incidentRef:
      'Inside an incident channel commands apply to that incident; elsewhere add `#N` (e.g. `/crisis status #3`).',
  },
  roles: {
    lead: 'incident lead',
    comms: 'comms lead',
    approver: 'approver',
    scribe: 'scribe',
    listener: 'social listener',
    sme: 'technical owner',
    support: 'support / moderation',
    legal: 'legal / DPO',
    hr: 'HR',
  },
  incident: {
    notFound: 'There is no incident #{{seq}}. `/crisis list all` shows them all.',
    noneOpen: 'No incident is open. Start one with `/crisis open <title>`.',
    which:
      'Several incidents are open ({{open}}). Say which one: `/crisis status #N`, or type the command in its channel.',
    closed: 'Incident #{{seq}} is resolved: it can no longer be changed.',
  },
  note: {
    added: 'Note added to the timeline of incident #{{seq}}.',
    empty: 'Write the note after the command: `/crisis note <text>`.',
  },
  sev: {
    changed: 'Severity changed from {{from}} to {{to}} by {{who}}.',
    unchanged: 'The severity is already SEV{{severity}}.',
    invalid:
      '“{{value}}” is not a severity. Use sev1 (worst) to sev4: `/crisis sev 2`. When unsure, pick the higher level.',
  },
  role: {
    assigned: '{{user}} is now {{role}} (named by {{who}}).',
    unchanged: '{{user}} already is {{role}}.',
    usage: 'Say which role and who: `/crisis role lead @name`.',
    unknown:
      '“{{role}}” is not a role. Roles: lead, comms, approver, scribe, listener, sme, support, legal, hr.',
    noUser: 'Say who takes the role, with an @mention: `/crisis role {{id}} @name`.',
  },
  lang: {
    changed: 'This incident now speaks {{language}}.',
    unchanged: 'This incident already uses {{locale}}.',
    usage: 'Choose a language: {{locales}}. For example `/crisis lang es`.',
  },
  open: {
    opened: 'Incident #{{seq}} is open in #{{room}} with the playbook “{{playbook}}”.',
    severityUnset:
      'Severity is not set. The playbook suggests {{suggested}}; when unsure, pick the higher level.',
    whichPlaybook: 'Which playbook fits “{{title}}”?',
    suggested: 'The highlighted ones match the title. Pick one:',
    noSuggestion: 'Nothing in the title points to one playbook. Pick one:',
    draftGone: 'That choice has expired or was already made. Run `/crisis open` again.',
    unknownPlaybook: 'There is no playbook “{{playbook}}”. Playbooks: {{playbooks}}.',
    emptyTitle: 'Give the crisis a short title: `/crisis open [playbook] [sev1-sev4] <title>`.',
  },
  forms: {
    skipTitle: 'Skip step {{step}}',
    skipReason: 'Why skip it? (goes into the postmortem)',
    assignTitle: 'Assign step {{step}}',
    assignUser: 'Who takes it?',
  },
  command: { unknown: '“{{name}}” is not a calma command. Here is what calma understands:' },
  errors: {
    unexpected:
      'Something went wrong on calma’s side. Check `/crisis status` before trying again: part of it may have been done. If it keeps failing, tell whoever runs calma.',
    staleButton: 'That button no longer does anything. Run `/crisis status` for the current state.',
  },
  console: {
    welcome: 'calma console: a chat in your terminal. Type `/crisis help` to start, `/quit` to leave.',
    you: 'You are {{user}} (change with `/as <name>`).',
    room: 'You are now in #{{room}}.',
    choose: 'Type a number to press a button:',
    noSuchChoice: 'There is no button {{choice}}. Type one of the numbers shown, or a command.',
    notACommand: 'Commands start with `/crisis`. Type `/crisis help` for the list.',
    as: 'You are now {{user}}.',
    bye: 'Bye. Your incidents are kept for next time.',
    formCancelled: 'The form was left unanswered; running your command instead.',
    pinned: '(pinned)',
    invited: '{{users}} joined #{{room}}.',
    topic: 'Topic of #{{room}}: {{topic}}',
  },
};

/** The shape every language must fill in. */
export type Catalogue = typeof en;
