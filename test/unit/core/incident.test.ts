import {
  addNote,
  assignRole,
  assignStep,
  attachRoom,
  attachSummary,
  completeStep,
  currentStep,
  MAX_TITLE,
  type OpenInput,
  openIncident,
  type PlaybookSteps,
  setLocale,
  setSeverity,
  skipStep,
  stepOwner,
} from '../../../src/core/incident';
import type { Incident } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';
import { errorOf, successOf } from '../../support/result';

const NOW = new Date('2026-11-22T10:15:00.000Z');
const AT = NOW.toISOString();

/** Three steps: the last one is risky and needs the approver's (or legal's) four eyes. */
const playbook: PlaybookSteps = {
  id: 'hacked-account',
  steps: [
    { role: 'lead', approval: [] },
    { role: 'comms', approval: [] },
    { role: 'support', approval: ['approver', 'legal'] },
  ],
};

const threeOpenSteps = (): Incident['steps'] => [{ state: 'open' }, { state: 'open' }, { state: 'open' }];

function incident(overrides: Partial<Incident> = {}): Incident {
  return anIncident({ steps: threeOpenSteps(), ...overrides });
}

/** Freezes an object and everything it holds, so any in-place change throws (tests run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const openInput = (overrides: Partial<OpenInput> = {}): OpenInput => ({
  workspace: 'T0TEST',
  seq: 42,
  title: '  Hacked account posting spam  ',
  playbook,
  severity: 1,
  drill: false,
  locale: 'es',
  roomName: 'crisis-42-2026-11-22-hacked-account-posting-spam',
  by: 'U0ANA',
  now: NOW,
  ...overrides,
});

describe('openIncident', () => {
  it('GIVEN a title, playbook and severity WHEN an incident is opened THEN it is open with what was asked for', () => {
    const { incident: opened } = successOf(openIncident(openInput()));

    expect(opened).toEqual({
      workspace: 'T0TEST',
      seq: 42,
      title: 'Hacked account posting spam',
      playbook: 'hacked-account',
      severity: 1,
      status: 'open',
      roles: {},
      steps: [{ state: 'open' }, { state: 'open' }, { state: 'open' }],
      drill: false,
      locale: 'es',
      room: null,
      roomName: 'crisis-42-2026-11-22-hacked-account-posting-spam',
      summary: null,
      openedBy: 'U0ANA',
      openedAt: AT,
      updatedAt: AT,
    });
  });

  it('GIVEN a playbook with three steps WHEN an incident is opened THEN every step is open and the first is current', () => {
    const { incident: opened } = successOf(openIncident(openInput()));

    expect(opened.steps).toHaveLength(3);
    expect(opened.steps.every((s) => s.state === 'open')).toBe(true);
    expect(currentStep(opened)).toBe(0);
  });

  it('GIVEN no lead WHEN an incident is opened THEN the timeline starts with a single "opened" event', () => {
    const { events } = successOf(openIncident(openInput({ severity: null, drill: true })));

    expect(events).toEqual([
      {
        kind: 'opened',
        title: 'Hacked account posting spam',
        playbook: 'hacked-account',
        severity: null,
        drill: true,
        by: 'U0ANA',
        at: AT,
      },
    ]);
  });

  it('GIVEN a lead WHEN an incident is opened THEN the lead holds the role and the timeline says so', () => {
    const { incident: opened, events } = successOf(openIncident(openInput({ lead: 'U0BOB' })));

    expect(opened.roles).toEqual({ lead: 'U0BOB' });
    expect(events.map((e) => e.kind)).toEqual(['opened', 'role']);
    expect(events[1]).toEqual({ kind: 'role', role: 'lead', user: 'U0BOB', by: 'U0ANA', at: AT });
  });

  it.each(['', '   ', '\t\n '])(
    'GIVEN the blank title %j WHEN an incident is opened THEN it is refused with open.emptyTitle',
    (title) => {
      expect(errorOf(openIncident(openInput({ title })))).toEqual({ key: 'open.emptyTitle' });
    },
  );

  it('GIVEN a title one character over MAX_TITLE WHEN an incident is opened THEN it is refused; at MAX_TITLE it opens', () => {
    expect(errorOf(openIncident(openInput({ title: 'x'.repeat(MAX_TITLE + 1) })))).toEqual({
      key: 'forms.titleTooLong',
      params: { max: MAX_TITLE },
    });
    expect(successOf(openIncident(openInput({ title: 'x'.repeat(MAX_TITLE) }))).incident.title).toHaveLength(
      MAX_TITLE,
    );
  });
});

describe('setSeverity', () => {
  it('GIVEN a SEV1 incident WHEN the severity changes to 2 THEN it is SEV2 and the timeline records 1 → 2', () => {
    const { incident: changed, events } = successOf(setSeverity(incident({ severity: 1 }), 2, 'U0BOB', NOW));

    expect(changed.severity).toBe(2);
    expect(changed.updatedAt).toBe(AT);
    expect(events).toEqual([{ kind: 'severity', from: 1, to: 2, by: 'U0BOB', at: AT }]);
  });

  it('GIVEN an incident without severity WHEN one is set THEN the event goes from null', () => {
    const { events } = successOf(setSeverity(incident({ severity: null }), 3, 'U0BOB', NOW));

    expect(events).toEqual([{ kind: 'severity', from: null, to: 3, by: 'U0BOB', at: AT }]);
  });

  it('GIVEN a SEV2 incident WHEN the severity is set to 2 again THEN it is refused with sev.unchanged', () => {
    expect(errorOf(setSeverity(incident({ severity: 2 }), 2, 'U0BOB', NOW))).toEqual({
      key: 'sev.unchanged',
      params: { severity: 2 },
    });
  });

  it('GIVEN a resolved incident WHEN the severity changes THEN it is refused with incident.closed', () => {
    const closed = incident({ seq: 7, status: 'resolved' });

    expect(errorOf(setSeverity(closed, 3, 'U0BOB', NOW))).toEqual({
      key: 'incident.closed',
      params: { seq: 7 },
    });
  });
});

describe('assignRole', () => {
  it('GIVEN nobody is comms WHEN comms is assigned THEN the holder is recorded and the event has no previous holder', () => {
    const { incident: changed, events } = successOf(
      assignRole(incident({ roles: { lead: 'U0LEAD' } }), 'comms', 'U0CARA', 'U0LEAD', NOW),
    );

    expect(changed.roles).toEqual({ lead: 'U0LEAD', comms: 'U0CARA' });
    expect(events).toEqual([{ kind: 'role', role: 'comms', user: 'U0CARA', by: 'U0LEAD', at: AT }]);
  });

  it('GIVEN someone already leads WHEN the lead is handed over THEN the event names the previous lead', () => {
    const { incident: changed, events } = successOf(
      assignRole(incident({ roles: { lead: 'U0LEAD' } }), 'lead', 'U0BOB', 'U0LEAD', NOW),
    );

    expect(changed.roles.lead).toBe('U0BOB');
    expect(events).toEqual([
      { kind: 'role', role: 'lead', user: 'U0BOB', previous: 'U0LEAD', by: 'U0LEAD', at: AT },
    ]);
  });

  it('GIVEN Bob already leads WHEN Bob is named lead again THEN it is refused with role.unchanged', () => {
    expect(errorOf(assignRole(incident({ roles: { lead: 'U0BOB' } }), 'lead', 'U0BOB', 'U0X', NOW))).toEqual({
      key: 'role.unchanged',
      params: { role: 'lead', user: 'U0BOB' },
    });
  });

  it('GIVEN a resolved incident WHEN a role is assigned THEN it is refused with incident.closed', () => {
    expect(errorOf(assignRole(incident({ status: 'resolved' }), 'comms', 'U0CARA', 'U0X', NOW)).key).toBe(
      'incident.closed',
    );
  });
});

describe('currentStep', () => {
  it('GIVEN the first step is done and the second skipped WHEN asked THEN the third is current', () => {
    const steps: Incident['steps'] = [{ state: 'done' }, { state: 'skipped' }, { state: 'open' }];

    expect(currentStep(incident({ steps }))).toBe(2);
  });

  it('GIVEN every step is done or skipped WHEN asked THEN there is no current step', () => {
    const steps: Incident['steps'] = [{ state: 'done' }, { state: 'skipped' }, { state: 'done' }];

    expect(currentStep(incident({ steps }))).toBeNull();
  });
});

describe('completeStep', () => {
  it('GIVEN the first step is open WHEN it is done THEN it records who and when, and the next step is current', () => {
    const { incident: changed, events } = successOf(completeStep(incident(), playbook, 0, 'U0LEAD', NOW));

    expect(changed.steps[0]).toEqual({ state: 'done', by: 'U0LEAD', at: AT });
    expect(changed.steps.slice(1)).toEqual([{ state: 'open' }, { state: 'open' }]);
    expect(currentStep(changed)).toBe(1);
    expect(changed.updatedAt).toBe(AT);
    expect(events).toEqual([{ kind: 'step-done', step: 0, by: 'U0LEAD', at: AT }]);
  });

  it('GIVEN an assigned step WHEN it is done THEN the assignee is still on record', () => {
    const steps: Incident['steps'] = [
      { state: 'open', assignee: 'U0BOB' },
      { state: 'open' },
      { state: 'open' },
    ];

    const { incident: changed } = successOf(completeStep(incident({ steps }), playbook, 0, 'U0BOB', NOW));

    expect(changed.steps[0]).toEqual({ state: 'done', assignee: 'U0BOB', by: 'U0BOB', at: AT });
  });

  it('GIVEN a step already done WHEN it is done again THEN it is refused with step.already.done (1-based)', () => {
    const steps: Incident['steps'] = [
      { state: 'done', by: 'U0LEAD', at: AT },
      { state: 'open' },
      { state: 'open' },
    ];

    expect(errorOf(completeStep(incident({ steps }), playbook, 0, 'U0LEAD', NOW))).toEqual({
      key: 'step.already.done',
      params: { step: 1 },
    });
  });

  it('GIVEN a skipped step WHEN it is done THEN it is refused with step.already.skipped', () => {
    const steps: Incident['steps'] = [
      { state: 'open' },
      { state: 'skipped', reason: 'n/a' },
      { state: 'open' },
    ];

    expect(errorOf(completeStep(incident({ steps }), playbook, 1, 'U0LEAD', NOW))).toEqual({
      key: 'step.already.skipped',
      params: { step: 2 },
    });
  });

  it.each([3, 10, -1])(
    'GIVEN a playbook of three steps WHEN step index %i is done THEN it is refused with step.noSuchStep',
    (index) => {
      expect(errorOf(completeStep(incident(), playbook, index, 'U0LEAD', NOW))).toEqual({
        key: 'step.noSuchStep',
        params: { step: index + 1, count: 3 },
      });
    },
  );

  it('GIVEN a resolved incident WHEN a step is done THEN it is refused with incident.closed', () => {
    expect(errorOf(completeStep(incident({ status: 'resolved' }), playbook, 0, 'U0LEAD', NOW)).key).toBe(
      'incident.closed',
    );
  });

  describe('a step that needs approval', () => {
    it('GIVEN someone is approver WHEN the lead (not an approver) presses Done THEN it is refused with step.needsApproval', () => {
      const roles = { lead: 'U0LEAD', approver: 'U0APPR', support: 'U0SUP' };

      expect(errorOf(completeStep(incident({ roles }), playbook, 2, 'U0LEAD', NOW))).toEqual({
        key: 'step.needsApproval',
        params: { step: 3, roles: 'approver, legal' },
      });
    });

    it("GIVEN the step's own role holder is not an approver WHEN they press Done THEN it is refused", () => {
      const roles = { lead: 'U0LEAD', legal: 'U0LAW', support: 'U0SUP' };

      expect(errorOf(completeStep(incident({ roles }), playbook, 2, 'U0SUP', NOW)).key).toBe(
        'step.needsApproval',
      );
    });

    it('GIVEN nobody holds an approval role WHEN Done is pressed THEN it is refused with step.needsApprovalRoleless naming the role to fill', () => {
      const roles = { lead: 'U0LEAD', support: 'U0SUP' };

      expect(errorOf(completeStep(incident({ roles }), playbook, 2, 'U0LEAD', NOW))).toEqual({
        key: 'step.needsApprovalRoleless',
        params: { step: 3, roles: 'approver, legal', id: 'approver' },
      });
    });

    it.each([
      ['approver', 'U0APPR'],
      ['legal', 'U0LAW'],
    ])('GIVEN the caller is %s WHEN they press Done THEN the step is done', (_role, caller) => {
      const roles = { lead: 'U0LEAD', approver: 'U0APPR', legal: 'U0LAW' };

      const { incident: changed } = successOf(completeStep(incident({ roles }), playbook, 2, caller, NOW));

      expect(changed.steps[2]).toEqual({ state: 'done', by: caller, at: AT });
    });
  });
});

describe('skipStep', () => {
  it('GIVEN an open step WHEN it is skipped with a reason THEN the trimmed reason is kept on the step and in the event', () => {
    const { incident: changed, events } = successOf(
      skipStep(incident(), 1, '  no comms team today \n', 'U0LEAD', NOW),
    );

    expect(changed.steps[1]).toEqual({
      state: 'skipped',
      by: 'U0LEAD',
      at: AT,
      reason: 'no comms team today',
    });
    expect(events).toEqual([
      { kind: 'step-skipped', step: 1, reason: 'no comms team today', by: 'U0LEAD', at: AT },
    ]);
  });

  it('GIVEN the current step WHEN it is skipped THEN the next step becomes current', () => {
    const { incident: changed } = successOf(skipStep(incident(), 0, 'not needed', 'U0LEAD', NOW));

    expect(currentStep(changed)).toBe(1);
  });

  it.each(['', '   '])(
    'GIVEN the blank reason %j WHEN a step is skipped THEN it is refused with step.reasonRequired',
    (reason) => {
      expect(errorOf(skipStep(incident(), 1, reason, 'U0LEAD', NOW))).toEqual({
        key: 'step.reasonRequired',
        params: { step: 2 },
      });
    },
  );

  it('GIVEN a step already done WHEN it is skipped THEN it is refused with step.already.done', () => {
    const steps: Incident['steps'] = [{ state: 'done' }, { state: 'open' }, { state: 'open' }];

    expect(errorOf(skipStep(incident({ steps }), 0, 'why not', 'U0LEAD', NOW)).key).toBe('step.already.done');
  });
});

describe('assignStep and stepOwner', () => {
  it('GIVEN an open step WHEN it is assigned to Bob THEN Bob is recorded, the step stays open and the timeline says so', () => {
    const { incident: changed, events } = successOf(assignStep(incident(), 1, 'U0BOB', 'U0LEAD', NOW));

    expect(changed.steps[1]).toEqual({ state: 'open', assignee: 'U0BOB' });
    expect(currentStep(changed)).toBe(0);
    expect(events).toEqual([{ kind: 'step-assigned', step: 1, user: 'U0BOB', by: 'U0LEAD', at: AT }]);
  });

  it('GIVEN a comms holder WHEN the comms step is assigned to Bob THEN Bob owns it, not the comms holder', () => {
    const before = incident({ roles: { lead: 'U0LEAD', comms: 'U0CARA' } });
    expect(stepOwner(before, playbook, 1)).toBe('U0CARA');

    const { incident: changed } = successOf(assignStep(before, 1, 'U0BOB', 'U0LEAD', NOW));

    expect(stepOwner(changed, playbook, 1)).toBe('U0BOB');
  });

  it("GIVEN nobody holds the step's role and nobody is assigned WHEN asked THEN the step has no owner", () => {
    expect(stepOwner(incident({ roles: { lead: 'U0LEAD' } }), playbook, 2)).toBeUndefined();
  });

  it('GIVEN a skipped step WHEN it is assigned THEN it is refused with step.already.skipped', () => {
    const steps: Incident['steps'] = [
      { state: 'skipped', reason: 'x' },
      { state: 'open' },
      { state: 'open' },
    ];

    expect(errorOf(assignStep(incident({ steps }), 0, 'U0BOB', 'U0LEAD', NOW)).key).toBe(
      'step.already.skipped',
    );
  });
});

describe('addNote', () => {
  it('GIVEN an incident WHEN a note is added THEN the timeline gets the trimmed note and only updatedAt changes', () => {
    const before = incident();

    const { incident: changed, events } = successOf(
      addNote(before, '  Called the platform  ', 'U0SCRIBE', NOW),
    );

    expect(changed).toEqual({ ...before, updatedAt: AT });
    expect(events).toEqual([{ kind: 'note', text: 'Called the platform', by: 'U0SCRIBE', at: AT }]);
  });

  it.each(['', '  \n '])(
    'GIVEN the blank note %j WHEN it is added THEN it is refused with note.empty',
    (text) => {
      expect(errorOf(addNote(incident(), text, 'U0SCRIBE', NOW))).toEqual({ key: 'note.empty' });
    },
  );
});

describe('setLocale', () => {
  it('GIVEN an English incident WHEN the language is set to French THEN it speaks French and the timeline says so', () => {
    const { incident: changed, events } = successOf(
      setLocale(incident({ locale: 'en' }), 'fr', 'U0LEAD', NOW),
    );

    expect(changed.locale).toBe('fr');
    expect(events).toEqual([{ kind: 'locale', locale: 'fr', by: 'U0LEAD', at: AT }]);
  });

  it('GIVEN a Spanish incident WHEN the language is set to Spanish THEN it is refused with lang.unchanged', () => {
    expect(errorOf(setLocale(incident({ locale: 'es' }), 'es', 'U0LEAD', NOW))).toEqual({
      key: 'lang.unchanged',
      params: { locale: 'es' },
    });
  });
});

describe('attachRoom and attachSummary', () => {
  it('GIVEN an incident without a room WHEN its channel is created THEN the room and its name are recorded with an event', () => {
    const change = attachRoom(incident(), 'C0ROOM', 'crisis-1-2026-11-22-spam-2', 'U0BOT', NOW);

    expect(change.incident.room).toBe('C0ROOM');
    expect(change.incident.roomName).toBe('crisis-1-2026-11-22-spam-2');
    expect(change.events).toEqual([
      { kind: 'room', room: 'C0ROOM', name: 'crisis-1-2026-11-22-spam-2', by: 'U0BOT', at: AT },
    ]);
  });

  it('GIVEN an incident WHEN its pinned summary is remembered THEN nothing is added to the timeline', () => {
    const change = attachSummary(incident(), { room: 'C0ROOM', id: '1700000000.000100' });

    expect(change.incident.summary).toEqual({ room: 'C0ROOM', id: '1700000000.000100' });
    expect(change.events).toEqual([]);
  });
});

describe('purity', () => {
  const frozenPlaybook = deepFreeze(structuredClone(playbook));

  const rules: [string, (i: Incident) => unknown][] = [
    ['setSeverity', (i) => setSeverity(i, 2, 'U0X', NOW)],
    ['assignRole', (i) => assignRole(i, 'comms', 'U0CARA', 'U0X', NOW)],
    ['assignRole (replace)', (i) => assignRole(i, 'lead', 'U0BOB', 'U0X', NOW)],
    ['completeStep', (i) => completeStep(i, frozenPlaybook, 0, 'U0X', NOW)],
    ['completeStep (approval)', (i) => completeStep(i, frozenPlaybook, 2, 'U0APPR', NOW)],
    ['skipStep', (i) => skipStep(i, 1, 'no time', 'U0X', NOW)],
    ['assignStep', (i) => assignStep(i, 1, 'U0BOB', 'U0X', NOW)],
    ['addNote', (i) => addNote(i, 'hello', 'U0X', NOW)],
    ['setLocale', (i) => setLocale(i, 'fr', 'U0X', NOW)],
    ['attachRoom', (i) => attachRoom(i, 'C0ROOM', 'crisis-1', 'U0X', NOW)],
    ['attachSummary', (i) => attachSummary(i, { room: 'C0ROOM', id: '1' })],
    ['currentStep', (i) => currentStep(i)],
    ['stepOwner', (i) => stepOwner(i, frozenPlaybook, 1)],
  ];

  it.each(rules)(
    'GIVEN a deep-frozen incident WHEN %s runs THEN it does not throw and leaves the input as it was',
    (_name, rule) => {
      const original = incident({ roles: { lead: 'U0LEAD', approver: 'U0APPR' }, locale: 'en' });
      const copy = structuredClone(original);
      deepFreeze(original);

      expect(() => rule(original)).not.toThrow();
      expect(original).toEqual(copy);
    },
  );

  it('GIVEN deep-frozen open input WHEN an incident is opened THEN it does not throw and its steps are not shared with the playbook', () => {
    const input = deepFreeze(openInput({ playbook: frozenPlaybook, lead: 'U0BOB' }));

    const { incident: opened } = successOf(openIncident(input));

    expect(opened.steps).not.toBe(frozenPlaybook.steps);
    expect(Object.isFrozen(opened.steps)).toBe(false);
  });
});
