/** Drills: scenarios, injects and the drill report. */
export const drills = {
  drill: {
    label: 'DRILL',
    usage:
      'Say which playbook to practise, and optionally a scenario: `/crisis drill <playbook> [scenario]`.',
    defaultTitle: 'Drill: {{playbook}}',
    opened:
      '🎭 Drill #{{seq}} is open in {{room}} with the playbook “{{playbook}}”. Practice only: nothing is sent outside the chat.',
    unknownPlaybook: 'There is no playbook “{{playbook}}” to practise. Playbooks: {{playbooks}}.',
    unknownScenario:
      'There is no scenario “{{scenario}}” for the playbook “{{playbook}}”. Its scenarios: {{scenarios}}.',
    none: 'none yet',
    helpDrill:
      'open a practice incident, marked DRILL, with timed messages from a scenario (alone: the playbooks and scenarios)',
    helpDelete: 'delete a closed drill (real incidents are kept for good)',
    helpTitle: 'Drills: practise before the real crisis',
    helpIntro:
      'A drill is an incident marked DRILL everywhere: its statements never leave the chat, and a scenario posts simulated messages from the outside world as it runs. Type one of these:',
    helpScenario_one:
      '`/crisis drill {{playbook}} {{id}}`: {{title}} ({{count}} inject over {{minutes}} min)',
    helpScenario_other:
      '`/crisis drill {{playbook}} {{id}}`: {{title}} ({{count}} injects over {{minutes}} min)',
    helpNoScenario: '`/crisis drill {{playbook}}`: “{{title}}” alone, without injects',
    helpAfter: '`/crisis close` ends a drill with its report; `/crisis delete #N` then removes it.',
    introTitle: '🎭 DRILL: practice, not a real crisis',
    introScenario: '*Scenario:* {{description}}',
    introInjects_one:
      'One simulated message from the outside world will arrive here during the drill, at T+{{first}} min. Respond to it as you would for real.',
    introInjects_other:
      '{{count}} simulated messages from the outside world will arrive here as the drill runs, from T+{{first}} to T+{{last}} min. Respond to them as you would for real.',
    introNoScenario: 'No scenario: work through the playbook at your own pace.',
    introRules:
      'Statements are drafted, approved and published as usual, but never leave the chat. `/crisis close` ends the drill with a report of what was done on time, late or never.',
    injectTitle: '🎭 Inject from {{from}}',
    injectNote:
      'Simulated message from the outside world, T+{{at}} min into the drill. Nothing happened in public: respond as you would for real.',
    injectLate: 'It arrived {{minutes}} min late: calma was not running when it was due.',
    injectContext: '{{label}} · inject {{n}} of {{count}} · #{{seq}} {{title}}',
    reportTitle: '📋 Drill report · #{{seq}} {{title}}',
    reportDuration: 'The drill lasted {{minutes}} min ({{severity}}).',
    reportSteps: 'Playbook steps',
    stepOnTime: '✅ {{n}}. {{title}}: done on time at T+{{at}} min (due T+{{due}})',
    stepLate: '⚠️ {{n}}. {{title}}: done {{late}} min late, at T+{{at}} min (due T+{{due}})',
    stepSkipped: '↪️ {{n}}. {{title}}: skipped at T+{{at}} min: {{reason}}',
    stepNever: '❌ {{n}}. {{title}}: never done (due T+{{due}})',
    stepNotDue: '⏸️ {{n}}. {{title}}: not due yet when the drill ended (due T+{{due}})',
    reportTally: 'On time: {{onTime}} · late: {{late}} · skipped: {{skipped}} · never: {{never}}',
    reportStatements: 'Public statements',
    statementsPublished: 'Published: {{published}} of {{drafted}} drafted. None left the chat.',
    firstOnTime: 'First statement at T+{{at}} min: within the {{severity}} target of {{target}} min.',
    firstLate:
      'First statement at T+{{at}} min: {{late}} min past the {{severity}} target of {{target}} min.',
    firstNoTarget: 'First statement at T+{{at}} min ({{severity}} sets no deadline for it).',
    noneMissed: 'No statement was published: {{severity}} wants the first one within {{target}} min.',
    noneNoTarget: 'No statement was published ({{severity}} sets no deadline for one).',
    reportInjects: 'Simulated messages',
    injectsPosted: '{{posted}} of {{count}} injects arrived before the drill ended.',
    reportQuestions: 'Questions from the public logged: {{asked}}; answered: {{answered}}.',
    reportContext:
      'Practice only: kept out of the incident statistics. `/crisis delete #{{seq}}` removes it.',
    deleted: '🗑️ Drill #{{seq}} deleted by {{who}}: its record, timeline and pending reminders are gone.',
    deletedRoom: '🗑️ This drill (#{{seq}}) was deleted by {{who}}. calma archives this channel now.',
    deleteReal:
      'Incident #{{seq}} is a real incident: its record is kept for good. Only drills can be deleted.',
    deleteOpen:
      'Drill #{{seq}} is still running. Close it first (`/crisis close #{{seq}} <how it went>`), then delete it.',
    deleteUsage: 'Say which drill to delete: `/crisis delete #N` (`/crisis list all` shows them).',
  },
};
