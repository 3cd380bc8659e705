import { defaultReminderPolicy } from '../../../src/config/schema';
import {
  approveStatement,
  type Destination,
  draftStatement,
  editStatement,
  missingApprovals,
  type PublishContext,
  pendingDeliveries,
  possibleApprovers,
  recordDelivery,
  rejectStatement,
} from '../../../src/core/statement';
import type { Incident, Role } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';
import { errorOf, successOf } from '../../support/result';

const OPENED = Date.parse('2026-11-22T10:00:00.000Z');
const at = (minutes: number) => new Date(OPENED + minutes * 60_000);

const context = (
  destinations: Destination[] = ['room', 'announcements', 'target:statuspage'],
): PublishContext => ({
  playbook: { steps: [] },
  policy: defaultReminderPolicy,
  minuteMs: 60_000,
  requires: ['approver'],
  configured: {},
  destinations,
});

/** A SEV1 where ana (comms) drafted S1; bob holds the approver role, lena is legal. */
function drafted(requires?: Role[], overrides: Partial<Incident> = {}): Incident {
  const incident = anIncident({
    severity: 1,
    openedAt: at(0).toISOString(),
    roles: { lead: 'U0LEAD', comms: 'U0ANA', approver: 'U0BOB', legal: 'U0LENA' },
    ...overrides,
  });
  return successOf(
    draftStatement(incident, {
      text: 'We are sorry: our account was hacked an hour ago. Do not click the links it posted.',
      by: 'U0ANA',
      targets: ['statuspage'],
      requires: requires ?? ['approver'],
      now: at(5),
    }),
  ).incident;
}

const approve = (incident: Incident, user: string, roles: Role[] = [], minutes = 10, version?: number) =>
  approveStatement(
    incident,
    1,
    { user, roles },
    // The policy as it stands: what S1 was drafted with.
    { ...context(), requires: incident.statements?.[0]?.requires ?? ['approver'] },
    at(minutes),
    version,
  );

describe('drafting', () => {
  test('GIVEN an open incident WHEN ana drafts THEN S1 waits for one approver, with its checklist on the timeline', () => {
    const incident = drafted();
    const s1 = incident.statements?.[0];

    expect(s1).toMatchObject({
      n: 1,
      status: 'pending',
      authors: ['U0ANA'],
      requires: ['approver'],
      version: 1,
    });
    expect(s1?.checklist.covered).toContain('apology');
    const change = successOf(
      draftStatement(incident, {
        text: 'Second one',
        by: 'U0ANA',
        targets: [],
        requires: ['approver'],
        now: at(6),
      }),
    );
    expect(change.incident.statements?.map((s) => s.n)).toEqual([1, 2]);
    expect(change.events[0]).toMatchObject({ kind: 'statement-drafted', n: 2, by: 'U0ANA' });
    expect((change.events[0] as { missing: string[] }).missing.length).toBeGreaterThan(5);
  });

  test.each([
    ['   ', 'statement.empty'],
    ['x'.repeat(3001), 'statement.tooLong'],
  ])('GIVEN the text %j WHEN drafted THEN it is refused with %s', (text, key) => {
    expect(
      errorOf(
        draftStatement(anIncident(), { text, by: 'U0ANA', targets: [], requires: ['approver'], now: at(1) }),
      ).key,
    ).toBe(key);
  });

  test('GIVEN a request that drafted S1 WHEN the same request runs again (its process died before it was done) THEN no second statement is drafted, and another request drafts S2', () => {
    const input = {
      text: 'We are sorry: our account was hacked.',
      by: 'U0ANA',
      targets: [],
      requires: ['approver' as Role],
      now: at(1),
      request: 'slack:T1:trigger:1.2.abc',
    };
    const first = successOf(draftStatement(anIncident(), input)).incident;
    const again = successOf(draftStatement(first, { ...input, now: at(2) }));
    expect(again.incident.statements?.map((s) => s.n)).toEqual([1]);
    expect(again.events).toEqual([]);
    const other = successOf(draftStatement(first, { ...input, request: 'slack:T1:trigger:3.4.def' }));
    expect(other.incident.statements?.map((s) => s.n)).toEqual([1, 2]);
  });

  test('GIVEN a resolved incident WHEN drafting THEN it is refused', () => {
    const result = draftStatement(anIncident({ status: 'resolved' }), {
      text: 'hi',
      by: 'U0ANA',
      targets: [],
      requires: ['approver'],
      now: at(1),
    });
    expect(errorOf(result).key).toBe('incident.closed');
  });
});

describe('four eyes', () => {
  test('GIVEN ana wrote S1 WHEN ana approves, even holding the approver role THEN she is refused', () => {
    const incident = drafted(undefined, { roles: { approver: 'U0ANA', comms: 'U0ANA' } });
    expect(errorOf(approve(incident, 'U0ANA', ['approver'])).key).toBe('statement.ownStatement');
  });

  test('GIVEN someone holding no approval role WHEN they approve THEN they are refused, told which roles can', () => {
    expect(errorOf(approve(drafted(), 'U0RANDOM'))).toEqual({
      key: 'statement.notApprover',
      params: { n: 1, roles: 'approver' },
    });
  });

  test('GIVEN bob holds the approver role on the incident WHEN he approves THEN S1 is published, its deliveries pending and the cadence restarts', () => {
    const outcome = successOf(approve(drafted(), 'U0BOB'));
    const s1 = outcome.incident.statements?.[0];

    expect(outcome.published).toBe(true);
    expect(s1?.status).toBe('published');
    expect(s1?.publishedAt).toBe(at(10).toISOString());
    expect(outcome.incident.lastUpdateAt).toBe(at(10).toISOString());
    // SEV1: the next update is due 20 min after this one.
    expect(s1?.nextUpdateAt).toBe(at(30).toISOString());
    expect(pendingDeliveries(outcome.incident)).toEqual([
      { n: 1, destination: 'room' },
      { n: 1, destination: 'announcements' },
      { n: 1, destination: 'target:statuspage' },
    ]);
    expect(outcome.events.map((e) => e.kind)).toEqual(['statement-approved', 'statement-published']);
  });

  test('GIVEN an approver from calma.yaml (not on the incident) WHEN she approves THEN it counts', () => {
    expect(successOf(approve(drafted(), 'U0EXEC', ['approver'])).published).toBe(true);
  });

  test('GIVEN a step needing approver + legal WHEN bob approves THEN it waits for legal; WHEN lena (legal) approves THEN it is published once', () => {
    const first = successOf(approve(drafted(['approver', 'legal']), 'U0BOB'));
    expect(first.published).toBe(false);
    expect(missingApprovals(first.incident.statements?.[0] ?? ({} as never))).toEqual(['legal']);
    expect(errorOf(approve(first.incident, 'U0BOB')).key).toBe('statement.alreadyApproved');

    const second = successOf(approve(first.incident, 'U0LENA'));
    expect(second.published).toBe(true);
    expect(second.incident.statements?.[0]?.approvals.map((a) => [a.by, a.as])).toEqual([
      ['U0BOB', 'approver'],
      ['U0LENA', 'legal'],
    ]);
    expect(errorOf(approve(second.incident, 'U0EXEC', ['approver'])).key).toBe('statement.alreadyPublished');
  });

  test('GIVEN one person holding both approver and legal WHEN they approve a two-approval statement THEN they fill one slot only', () => {
    const incident = drafted(['approver', 'legal'], {
      roles: { comms: 'U0ANA', approver: 'U0BOB', legal: 'U0BOB' },
    });
    const first = successOf(approve(incident, 'U0BOB'));
    expect(first.published).toBe(false);
    expect(errorOf(approve(first.incident, 'U0BOB')).key).toBe('statement.alreadyApproved');
  });

  test('GIVEN bob read version 1 WHEN ana edited it since THEN his approval of version 1 is refused', () => {
    const edited = successOf(editStatement(drafted(), 1, 'New text, still sorry.', 'U0ANA', at(7))).incident;
    expect(errorOf(approve(edited, 'U0BOB', [], 10, 1)).key).toBe('statement.changed');
    expect(successOf(approve(edited, 'U0BOB', [], 10, 2)).published).toBe(true);
  });

  test('GIVEN possible approvers WHEN listed THEN they come from calma.yaml and the incident, never the author', () => {
    const incident = drafted(undefined, { roles: { comms: 'U0ANA', approver: 'U0BOB' } });
    const s1 = incident.statements?.[0];
    if (!s1) throw new Error('no S1');
    expect(possibleApprovers(incident, s1, { approver: ['S0PR', 'U0ANA'] })).toEqual(['S0PR', 'U0BOB']);
  });
});

describe('edits and rejections', () => {
  test('GIVEN one of two approvals WHEN the text is edited THEN approvals start over and the editor becomes an author', () => {
    const half = successOf(approve(drafted(['approver', 'legal']), 'U0BOB')).incident;
    const edited = successOf(
      editStatement(half, 1, 'We apologise. Our account was hacked at 10:00.', 'U0LENA', at(12)),
    );
    const s1 = edited.incident.statements?.[0];

    expect(s1?.approvals).toEqual([]);
    expect(s1?.authors).toEqual(['U0ANA', 'U0LENA']);
    expect(s1?.version).toBe(2);
    expect(edited.events[0]).toMatchObject({ kind: 'statement-edited', n: 1, by: 'U0LENA' });
    // lena wrote part of it now: she cannot approve it.
    expect(errorOf(approve(edited.incident, 'U0LENA')).key).toBe('statement.ownStatement');
  });

  test('GIVEN a published statement WHEN someone edits it THEN it is refused: a correction is a new statement', () => {
    const published = successOf(approve(drafted(), 'U0BOB')).incident;
    expect(errorOf(editStatement(published, 1, 'Changed', 'U0ANA', at(11))).key).toBe('statement.published');
  });

  test('GIVEN a pending statement WHEN bob rejects it with a reason THEN it cannot be approved until edited', () => {
    const rejected = successOf(
      rejectStatement(drafted(), 1, 'Do not promise a time', { user: 'U0BOB', roles: [] }, at(8)),
    );
    expect(rejected.incident.statements?.[0]).toMatchObject({
      status: 'rejected',
      rejection: { by: 'U0BOB', reason: 'Do not promise a time' },
    });
    expect(errorOf(approve(rejected.incident, 'U0BOB')).key).toBe('statement.isRejected');

    const edited = successOf(editStatement(rejected.incident, 1, 'Better text', 'U0ANA', at(9))).incident;
    expect(edited.statements?.[0]?.status).toBe('pending');
    expect(edited.statements?.[0]?.rejection).toBeUndefined();
  });

  test('GIVEN no reason, or a non-approver WHEN rejecting THEN it is refused', () => {
    expect(errorOf(rejectStatement(drafted(), 1, ' ', { user: 'U0BOB', roles: [] }, at(8))).key).toBe(
      'statement.reasonRequired',
    );
    expect(errorOf(rejectStatement(drafted(), 1, 'no', { user: 'U0X', roles: [] }, at(8))).key).toBe(
      'statement.notApprover',
    );
  });
});

describe('deliveries', () => {
  test('GIVEN a drill WHEN published THEN no outbound target is among its deliveries', () => {
    const outcome = successOf(approve(drafted(undefined, { drill: true }), 'U0BOB'));
    expect(pendingDeliveries(outcome.incident).map((d) => d.destination)).toEqual(['room', 'announcements']);
  });

  test('GIVEN a pending delivery WHEN recorded twice THEN the second changes nothing', () => {
    const published = successOf(approve(drafted(), 'U0BOB')).incident;
    const first = recordDelivery(published, 1, 'room', { state: 'delivered' }, at(11));
    expect(first?.events[0]).toMatchObject({ kind: 'statement-delivered', n: 1, destination: 'room' });
    expect(first && recordDelivery(first.incident, 1, 'room', { state: 'delivered' }, at(12))).toBeNull();

    const failed = recordDelivery(
      published,
      1,
      'target:statuspage',
      { state: 'failed', error: 'HTTP 404' },
      at(11),
    );
    expect(failed?.incident.statements?.[0]?.deliveries?.['target:statuspage']).toEqual({
      state: 'failed',
      error: 'HTTP 404',
      at: at(11).toISOString(),
    });
  });
});

describe('statements and steps are one thing', () => {
  /** Step 0 opens, step 1 (holding) needs the lead's approval, step 2 drafts updates, step 3 is the recurring update. */
  const playbook: PublishContext['playbook'] = {
    steps: [
      { due: 0, role: 'lead' },
      { due: 15, role: 'comms', statement: 'holding' },
      { due: 20, role: 'comms', statement: 'update' },
      { due: 35, role: 'comms', statement: 'update', recurring: true },
    ],
  };
  const fourSteps = (): Incident['steps'] => [
    { state: 'open' },
    { state: 'open' },
    { state: 'open' },
    { state: 'open' },
  ];
  const draftFrom = (incident: Incident, step: number, minutes: number) =>
    successOf(
      draftStatement(incident, {
        text: 'Our account was hacked. Do not click its links. Next update at 11:00.',
        by: 'U0ANA',
        step,
        targets: [],
        requires: ['approver'],
        now: at(minutes),
      }),
    ).incident;
  const publishAs = (incident: Incident, n: number, minutes: number) =>
    successOf(
      approveStatement(
        incident,
        n,
        { user: 'U0BOB', roles: [] },
        { ...context(['room']), playbook },
        at(minutes),
      ),
    );

  test('GIVEN S1 drafted from the holding step WHEN bob approves it THEN that step is done by him at publication, on the record, in the same change', () => {
    const incident = draftFrom(
      anIncident({
        severity: 1,
        openedAt: at(0).toISOString(),
        roles: { approver: 'U0BOB' },
        steps: fourSteps(),
      }),
      1,
      5,
    );
    const outcome = publishAs(incident, 1, 9);

    expect(outcome.published).toBe(true);
    expect(outcome.incident.steps[1]).toEqual({ state: 'done', by: 'U0BOB', at: at(9).toISOString() });
    expect(outcome.incident.steps.filter((s) => s.state === 'done')).toHaveLength(1);
    expect(outcome.events.map((e) => e.kind)).toEqual([
      'statement-approved',
      'statement-published',
      'step-done',
    ]);
    expect(outcome.events.at(-1)).toMatchObject({ kind: 'step-done', step: 1, statement: 1, by: 'U0BOB' });
  });

  test('GIVEN a statement with no step WHEN published THEN no step changes', () => {
    const outcome = successOf(
      approveStatement(
        drafted(undefined, { steps: fourSteps() }),
        1,
        { user: 'U0BOB', roles: [] },
        { ...context(), playbook },
        at(10),
      ),
    );
    expect(outcome.incident.steps.every((s) => s.state === 'open')).toBe(true);
  });

  test('GIVEN an update drafted from a one-off update step WHEN published THEN that step and the recurring update step are done; a holding statement leaves the recurring one open', () => {
    const base = anIncident({
      severity: 1,
      openedAt: at(0).toISOString(),
      roles: { approver: 'U0BOB' },
      steps: fourSteps(),
    });
    const holding = publishAs(draftFrom(base, 1, 5), 1, 9).incident;
    expect(holding.steps[3]?.state).toBe('open');

    const update = publishAs(draftFrom(holding, 2, 30), 2, 32);
    expect(update.incident.steps.map((s) => s.state)).toEqual(['open', 'done', 'done', 'done']);
    expect(update.events.filter((e) => e.kind === 'step-done')).toMatchObject([
      { step: 2, statement: 2 },
      { step: 3, statement: 2 },
    ]);
  });

  test('GIVEN the step was already skipped WHEN its statement is published THEN the step stays skipped', () => {
    const base = anIncident({
      severity: 1,
      openedAt: at(0).toISOString(),
      roles: { approver: 'U0BOB' },
      steps: fourSteps(),
    });
    const skipped = {
      ...base,
      steps: base.steps.map((s, i) => (i === 1 ? { state: 'skipped' as const, reason: 'x' } : s)),
    };
    const outcome = publishAs(draftFrom(skipped, 1, 5), 1, 9);
    expect(outcome.incident.steps[1]?.state).toBe('skipped');
    expect(outcome.events.some((e) => e.kind === 'step-done')).toBe(false);
  });
});

describe('a promised next update', () => {
  const promise = { at: at(30).toISOString(), text: '10:30 UTC' };
  const draft = (text: string) =>
    successOf(
      draftStatement(
        anIncident({ severity: 1, openedAt: at(0).toISOString(), roles: { approver: 'U0BOB' } }),
        {
          text,
          by: 'U0ANA',
          targets: [],
          requires: ['approver'],
          now: at(5),
          promise,
        },
      ),
    ).incident;
  const publishAt = (incident: Incident, minutes: number) =>
    successOf(approveStatement(incident, 1, { user: 'U0BOB', roles: [] }, context(['room']), at(minutes)))
      .incident;

  test('GIVEN the text says 10:30 UTC, as calma filled it WHEN published at T+10 THEN the statement promises 10:30 and the incident holds the promise', () => {
    const published = publishAt(draft('Next update at 10:30 UTC.'), 10);
    expect(published.statements?.[0]).toMatchObject({ promise, nextUpdateAt: promise.at });
    expect(published.promisedUpdateAt).toBe(promise.at);
  });

  test('GIVEN an edit WHEN it keeps the time THEN the promise stays; WHEN it changes the time THEN it is gone and the cadence alone decides', () => {
    const kept = successOf(
      editStatement(draft('Next update at 10:30 UTC.'), 1, 'Next update at 10:30 UTC, here.', 'U0ANA', at(6)),
    ).incident;
    expect(kept.statements?.[0]?.promise).toEqual(promise);
    const changed = successOf(editStatement(kept, 1, 'Next update at 11:00 UTC.', 'U0ANA', at(7))).incident;
    expect(changed.statements?.[0]?.promise).toBeUndefined();
    const published = publishAt(changed, 12);
    expect(published.promisedUpdateAt).toBeUndefined();
    expect(published.statements?.[0]?.nextUpdateAt).toBe(at(32).toISOString());
  });

  test('GIVEN a promise already past WHEN published THEN it is not kept: the next update is the cadence’s', () => {
    const published = publishAt(draft('Next update at 10:30 UTC.'), 31);
    expect(published.promisedUpdateAt).toBeUndefined();
    expect(published.statements?.[0]?.nextUpdateAt).toBe(at(51).toISOString());
  });
});
