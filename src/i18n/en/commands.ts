/** What `/crisis` commands answer: help, usage and errors, forms, and the small commands. */
export const commands = {
  list: {
    title: 'Incidents',
    none: 'No incidents yet.',
    noneOpen: 'No open incidents. Good.',
    allDone: 'all steps done',
    step: 'step {{step}}/{{count}}',
    hint: '`/crisis list all` also shows resolved incidents.',
  },
  help: {
    arg: {
      kinds: 'holding|update|final',
      playbook: 'playbook',
      title: 'title',
      reason: 'reason',
      user: 'user',
      role: 'role',
      text: 'text',
      network: 'network',
      link: 'link',
      note: 'note',
      resolution: 'resolution',
      owner: 'owner',
      days: 'days',
      scenario: 'scenario',
      time: 'time',
      how: 'how',
    },
    title: 'calma: crisis response, step by step',
    intro: 'Type `/crisis` followed by one of these:',
    open: 'open a crisis: a channel, the playbook, and its first step',
    status: 'the summary, the current step and the latest events',
    list: 'open incidents (or all of them)',
    step: 'show the current step, mark it done, skip it with a reason, or give it to someone',
    role: 'name who holds a role',
    sev: 'change the severity (1 is the worst; when unsure, pick the higher level)',
    note: 'add a note to the timeline',
    update:
      'draft a public statement; `holding`, `update` or `final` alone: the playbook’s template of that kind, filled in (without text: a form)',
    approve: 'approve a statement (you cannot approve your own); the last approval publishes it',
    link: 'get your own single-use link to approve a statement from a browser (for approvers outside the channel)',
    reject: 'send a statement back with a reason',
    edit: 'rewrite a statement that is not published yet (approvals start over)',
    variant:
      'set a statement’s version for one network (X, Bluesky, email…), checked against its limit; approvals start over. With no network: your link to a web page with every network, counted as you type',
    question: 'log a question the public is asking',
    answer:
      'answer a question: a text is drafted as a statement, public once approved; or name a published one',
    evidence: 'keep a link to what was posted in public, before it can be deleted',
    aware:
      'record when we became aware (a data breach: the 72-hour GDPR clock counts from it); again to correct it',
    fact: 'record a fact the team has checked (personal data, payment, passwords, access) that a public reassurance can rest on',
    postmortem: 'share the postmortem as it stands, generated from the timeline (Markdown)',
    close:
      'resolve the incident: how it ended, and whether the public got a final update (a form without text)',
    reopen: 'open a resolved incident again, saying why',
    followup:
      'add a follow-up action, before or after closing (its owner is reminded until it is done), mark one done, or list them',
    stats:
      'incidents of the last 30 days (or N): counts, median time to the first public statement and to resolution; drills left out',
    lang: 'change the incident’s language',
    help: 'this help',
    ownWords: '(`{{command}}`)',
    ownWordsAndVerbs: '(`{{command}}`: {{verbs}})',
    roles: 'Roles: lead, comms, approver, scribe, listener, sme, support, legal, hr.',
    playbooks: 'Playbooks: {{playbooks}}.',
    incidentRef:
      'Inside an incident channel commands apply to that incident; elsewhere add `#N` (e.g. `/crisis status #3`).',
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
    briefTitle: 'You are {{role}} on incident #{{seq}}: {{title}}',
    briefSteps: 'Your steps in the playbook “{{playbook}}”:',
    briefStep: '{{step}}. {{title}} (due {{when}})',
    briefNoSteps:
      'No step of the playbook “{{playbook}}” is yours alone: follow the channel and help where asked.',
    briefRoom: 'Everything happens in {{room}}.',
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
    opened: 'Incident #{{seq}} is open in {{room}} with the playbook “{{playbook}}”.',
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
    required: 'Please fill this in.',
    openTitle: 'Open a crisis',
    openWhat: 'What is happening? (a short title)',
    openPlaybook: 'Playbook',
    openSeverity: 'Severity',
    sevUnset: 'Not sure yet',
    openPrivate: 'Private channel (need-to-know members only)',
    openDrill: 'This is a drill (practice only)',
    openLead: 'Incident lead',
    submit: 'Submit',
    cancel: 'Cancel',
    titleTooLong: 'Keep the title under {{max}} characters; details go in the channel.',
  },
  capture: {
    added: 'Added to the timeline of incident #{{seq}}: {{author}}’s message of {{when}}.',
    empty: 'That message has no text to keep.',
  },
  evidence: {
    added: 'Evidence kept on incident #{{seq}} by {{who}}: {{url}}',
    usage:
      'Which link? `/crisis evidence <link> [note]`, e.g. `/crisis evidence https://x.com/acme/status/123 attacker post`',
    badUrl: '“{{url}}” is not a web link (http:// or https://).',
    tooLong: 'Keep the note under {{max}} characters.',
    title: 'Evidence',
  },
  fact: {
    recorded:
      'Fact recorded on incident #{{seq}} by {{who}}, about {{topics}}. Statements may now say so in public.',
    empty:
      'Which fact? `/crisis fact <what you have established>`, e.g. `/crisis fact Card numbers never reach our servers: checked with our payment provider at 14:10`',
    tooLong: 'Keep the fact under {{max}} characters.',
    noTopic:
      'That fact does not say what it is about: name personal data, payment details, passwords or access to accounts or systems (`/crisis fact Payment details are not affected: …`). Anything else goes in `/crisis note`.',
    topic: {
      data: 'personal data',
      payment: 'payment details',
      passwords: 'passwords',
      access: 'access to accounts or systems',
    },
  },
  lockdown: {
    button: 'Pause invites and DMs (24 h)',
    requestTitle: '🛡️ Raid lockdown requested',
    requested: '{{who}} asks to pause the server’s invites and direct messages for {{hours}} hours.',
    askApprovers: 'Someone else who may approve must confirm it: {{who}}.',
    noApprover:
      'Nobody holds the lead or approver role yet: give one (`/crisis role lead @someone`), then they confirm.',
    confirm: 'Confirm lockdown',
    applied:
      '🛡️ Invites and DMs are paused until {{until}}: confirmed by {{who}}, asked by {{asker}}. Lift it early in Server Settings › Safety Setup.',
    drill:
      'DRILL: {{who}} confirmed the lockdown asked by {{asker}}, until {{until}}. Nothing changed on the server.',
    unsupported: 'This chat has no raid lockdown button: do this step by hand.',
    pending: 'A lockdown was already asked for: it is waiting for someone else to confirm it.',
    already: 'Invites and DMs are already paused on this server.',
    noRequest: 'Nobody has asked for a lockdown on #{{seq}}: press the step’s button first.',
    ownRequest: 'You asked for this lockdown: someone else must confirm it (four eyes).',
    notApprover: 'Only the lead or an approver may confirm a lockdown: {{who}}.',
  },
  command: {
    unknown: '“{{name}}” is not a calma command. Here is what calma understands:',
    badOptions: 'calma could not read that command’s options: try again, or see `/crisis help`.',
  },
  errors: {
    unexpected:
      'Something went wrong on calma’s side. Check `/crisis status` before trying again: part of it may have been done. If it keeps failing, tell whoever runs calma.',
    platform:
      '{{platform}} refused calma’s request ({{code}}). Check `/crisis status` before trying again: part of it may have been done. If it keeps failing, tell whoever runs calma.',
    platformTimeout:
      '{{platform}} did not answer calma in time. Check `/crisis status` before trying again: part of it may have been done, or may still appear in a moment. If it keeps happening, tell whoever runs calma.',
    staleButton: 'That button no longer does anything. Run `/crisis status` for the current state.',
    notRecorded:
      'calma could not record your request: its database is not answering. Nothing was changed. Try again in a minute; if it keeps failing, tell whoever runs calma.',
    formExpired: 'The form could not be opened in time. Run the command again.',
  },
};
