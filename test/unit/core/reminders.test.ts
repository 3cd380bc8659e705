import fc from 'fast-check';
import { defaultReminderPolicy } from '../../../src/config/schema';
import {
  cadenceMinutes,
  countNag,
  countSent,
  dismiss,
  type PlaybookClock,
  plan,
  type Reminder,
  type ReminderPolicy,
  reminderAudience,
  reminderKey,
  snooze,
  stillWanted,
} from '../../../src/core/reminders';
import type { Incident, Severity } from '../../../src/core/types';
import type { ReminderJob } from '../../../src/ports/scheduler';
import { jobId } from '../../../src/queue/reminder-queue';
import { anIncident } from '../../support/fixtures';
import { errorOf, successOf } from '../../support/result';

/** The fixture incident opens at this instant; every time below is counted from it. */
const OPENED = Date.parse('2026-11-22T09:30:00.000Z');
const policy = defaultReminderPolicy;

/**
 * Three steps, like the start of a real playbook: one due at opening (reminded one minute later, never
 * at once), one due at 5 minutes, one at 30.
 */
const playbook: PlaybookClock = {
  steps: [
    { due: 0, role: 'lead' },
    { due: 5, role: 'sme' },
    { due: 30, role: 'comms' },
  ],
};

const threeOpenSteps = (): Incident['steps'] => [{ state: 'open' }, { state: 'open' }, { state: 'open' }];

/** An open SEV1 incident with a lead, three open steps and nothing changed since opening. */
function incident(overrides: Partial<Incident> = {}): Incident {
  return anIncident({ steps: threeOpenSteps(), ...overrides });
}

// Every rule counts in playbook minutes: run them at real minutes and at a test-sized minute, since
// `CALMA_MINUTE_MS` must scale everything (nothing may assume 60 000 ms).
describe.each([
  { minuteMs: 60_000, label: 'real minutes' },
  { minuteMs: 50, label: 'CALMA_MINUTE_MS=50' },
])('reminders with $label', ({ minuteMs }) => {
  /** The instant `n` playbook minutes after opening. */
  const min = (n: number) => OPENED + n * minuteMs;
  const iso = (n: number) => new Date(min(n)).toISOString();
  /** A reminder's due time back in playbook minutes after opening, for readable expectations. */
  function minutesOf(reminder: Reminder): number;
  function minutesOf(reminder: Reminder | undefined): number | undefined;
  function minutesOf(reminder: Reminder | undefined): number | undefined {
    return reminder === undefined ? undefined : (reminder.dueAt - OPENED) / minuteMs;
  }
  const planAt = (i: Incident, n: number, p: PlaybookClock = playbook, rules: ReminderPolicy = policy) =>
    plan(i, p, rules, minuteMs, min(n));
  const find = (reminders: Reminder[], kind: Reminder['kind'], extra: Partial<Reminder> = {}) =>
    reminders.find(
      (r) => r.kind === kind && Object.entries(extra).every(([k, v]) => r[k as keyof Reminder] === v),
    );
  const stepsOf = (reminders: Reminder[], step: number) =>
    reminders.filter((r) => r.kind === 'step' && r.step === step).map((r) => [r.attempt, minutesOf(r)]);
  const cadenceAt = (i: Incident, n: number, p: PlaybookClock = playbook) =>
    minutesOf(find(planAt(i, n, p), 'cadence'));

  test('GIVEN an update published at T+10 promising the next at T+22 WHEN planning THEN the cadence reminds at T+17 (5 min before), then every 20 min from there; a promise at T+12 is reminded at T+12; one past the cadence changes nothing', () => {
    const published = (promise: number) =>
      anIncident({
        openedAt: iso(0),
        updatedAt: iso(10),
        lastUpdateAt: iso(10),
        promisedUpdateAt: iso(promise),
      });
    expect(cadenceAt(published(22), 10)).toBe(17);
    expect(cadenceAt(published(22), 18)).toBe(37);
    expect(cadenceAt(published(12), 10)).toBe(12);
    expect(cadenceAt(published(60), 10)).toBe(30);
  });

  test('GIVEN a recurring status-update step WHEN planning THEN it gets no reminder nor escalation of its own: the cadence reminds it', () => {
    const withUpdates: PlaybookClock = {
      steps: [...playbook.steps, { due: 35, role: 'comms', statement: 'update', recurring: true }],
    };
    const incident = anIncident({
      openedAt: iso(0),
      updatedAt: iso(0),
      steps: [...threeOpenSteps(), { state: 'open' }],
    });
    const reminders = planAt(incident, 0, withUpdates);

    expect(stepsOf(reminders, 3)).toEqual([]);
    expect(stepsOf(reminders, 2)).toEqual([
      [1, 30],
      [2, 30 + policy.escalateAfter],
    ]);
    expect(find(reminders, 'cadence')).toBeDefined();
  });

  test('GIVEN a step done by publishing its statement WHEN planning THEN neither its reminder nor its escalation is planned', () => {
    const steps = threeOpenSteps().map((s, i) =>
      i === 2 ? { state: 'done' as const, by: 'U0BOB', at: iso(20) } : s,
    );
    const reminders = planAt(anIncident({ openedAt: iso(0), updatedAt: iso(0), steps }), 20);
    expect(stepsOf(reminders, 2)).toEqual([]);
  });
  /** `i` after `reminder` was sent at minute `n`, as a firing job records it. */
  const sent = (i: Incident, reminder: Reminder, n: number) =>
    countSent(i, reminder, new Date(min(n))).incident;
  const step = (index: number, attempt: number, n: number): Reminder => ({
    kind: 'step',
    step: index,
    attempt,
    dueAt: min(n),
  });

  describe('plan for a fresh incident', () => {
    test('GIVEN a SEV1 just opened with no lead WHEN planning at opening THEN every reminder is there: steps at their due time (never before 1 min) and their escalation 10 min later, cadence at 20, no-lead at 10, stale at 120', () => {
      const fresh = incident({ roles: {} });

      const reminders = planAt(fresh, 0);

      const readable = reminders
        .map((r) => ({ kind: r.kind, step: r.step, attempt: r.attempt, at: minutesOf(r) }))
        .sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind) || (a.step ?? 0) - (b.step ?? 0));
      expect(readable).toEqual([
        { kind: 'step', step: 0, attempt: 1, at: 1 },
        { kind: 'step', step: 1, attempt: 1, at: 5 },
        { kind: 'no-lead', step: undefined, attempt: 1, at: 10 },
        { kind: 'step', step: 0, attempt: 2, at: 11 },
        { kind: 'step', step: 1, attempt: 2, at: 15 },
        { kind: 'cadence', step: undefined, attempt: 1, at: 20 },
        { kind: 'step', step: 2, attempt: 1, at: 30 },
        { kind: 'step', step: 2, attempt: 2, at: 40 },
        { kind: 'stale', step: undefined, attempt: 1, at: 120 },
      ]);
    });

    test('GIVEN a SEV1 with a lead and a severity WHEN planning THEN neither the no-lead nor the no-severity nag is planned', () => {
      const reminders = planAt(incident(), 0);

      expect(find(reminders, 'no-lead')).toBeUndefined();
      expect(find(reminders, 'no-severity')).toBeUndefined();
    });

    test('GIVEN an incident opened without a severity WHEN planning THEN the no-severity nag is at 5 min and there is no cadence', () => {
      const reminders = planAt(incident({ severity: null }), 0);

      expect(minutesOf(find(reminders, 'no-severity'))).toBe(5);
      expect(find(reminders, 'cadence')).toBeUndefined();
    });

    test('GIVEN a step due at opening WHEN planning half a minute in THEN its first reminder is still at 1 min, not in the past', () => {
      expect(stepsOf(planAt(incident(), 0.5), 0)).toEqual([
        [1, 1],
        [2, 11],
      ]);
    });

    test('GIVEN step 2 is due at 5 min WHEN planning exactly at 5 min THEN its first reminder is in the plan (that is how a firing job checks itself) WHEN it has been sent THEN only the escalation is left, and once that is sent, nothing', () => {
      expect(stepsOf(planAt(incident(), 5), 1)).toEqual([
        [1, 5],
        [2, 15],
      ]);
      const reminded = sent(incident(), { kind: 'step', step: 1, attempt: 1, dueAt: min(5) }, 5.1);
      expect(stepsOf(planAt(reminded, 5.5), 1)).toEqual([[2, 15]]);
      const escalated = sent(reminded, { kind: 'step', step: 1, attempt: 2, dueAt: min(15) }, 15.1);
      expect(stepsOf(planAt(escalated, 15.5), 1)).toEqual([]);
    });
  });

  describe('a reminder planned after its due time', () => {
    test('GIVEN step 2 (due at 5 min) never planned before 7 min (a slow sync) WHEN planning THEN its reminder is planned, once, at its own due time, so it is queued to go out at once; planned again at 8 it is the same job', () => {
      const late = planAt(incident(), 7);

      expect(stepsOf(late, 1)).toEqual([
        [1, 5],
        [2, 15],
      ]);
      const first = find(late, 'step', { step: 1, attempt: 1 });
      const again = find(planAt(incident(), 8), 'step', { step: 1, attempt: 1 });
      if (!first || !again) throw new Error('step 2 has no reminder planned');
      const job = (r: Reminder) => jobId({ workspace: 'T1', seq: 1, ...r });
      expect(job(again)).toBe(job(first));
      expect(stillWanted(incident(), playbook, policy, minuteMs, first)).toBe(true);
    });

    test('GIVEN that late reminder sent at 7 min WHEN planning again THEN it is not planned a second time; its escalation still is', () => {
      const reminded = sent(incident(), { kind: 'step', step: 1, attempt: 1, dueAt: min(5) }, 7);

      expect(stepsOf(planAt(reminded, 8), 1)).toEqual([[2, 15]]);
      expect(stillWanted(reminded, playbook, policy, minuteMs, step(1, 1, 5))).toBe(false);
    });

    test('GIVEN step 2’s reminder and escalation both overdue WHEN the escalation is sent first THEN the reminder is still wanted: one does not stand in for the other', () => {
      const escalated = sent(incident(), step(1, 2, 15), 20);

      expect(stepsOf(planAt(escalated, 20), 1)).toEqual([[1, 5]]);
      expect(stillWanted(escalated, playbook, policy, minuteMs, step(1, 1, 5))).toBe(true);
      expect(stillWanted(escalated, playbook, policy, minuteMs, step(1, 2, 15))).toBe(false);
    });

    test('GIVEN step 2’s reminder sent at 5 min WHEN bob snoozes it 30 min at 6 THEN it comes again at 36 and its escalation at 46', () => {
      const reminded = sent(incident(), step(1, 1, 5), 5);
      const snoozed = successOf(snooze(reminded, 'step-1', 30, minuteMs, 'U0BOB', new Date(min(6)))).incident;

      expect(stepsOf(planAt(snoozed, 6), 1)).toEqual([
        [1, 36],
        [2, 46],
      ]);
    });

    test('GIVEN an incident closed at 3 min and reopened at 35 WHEN planning THEN the step reminders that fell due while it was closed are not brought back; those due later are', () => {
      const reopened = incident({ reopenedAt: iso(35), updatedAt: iso(35) });
      const reminders = planAt(reopened, 35);

      expect(stepsOf(reminders, 0)).toEqual([]);
      expect(stepsOf(reminders, 1)).toEqual([]);
      expect(stepsOf(reminders, 2)).toEqual([[2, 40]]);
    });

    test('GIVEN the no-lead nag due at 10 min never planned before 12 (a slow sync) WHEN planning THEN it is planned at 10, and once sent the next one comes a full interval after it', () => {
      const noLead = incident({ roles: {} });

      expect(minutesOf(find(planAt(noLead, 12), 'no-lead'))).toBe(10);
      const nagged = sent(noLead, { kind: 'no-lead', attempt: 1, dueAt: min(10) }, 12);
      expect(minutesOf(find(planAt(nagged, 12), 'no-lead'))).toBe(22);
    });
  });

  describe('the status-update cadence', () => {
    test.each<[Severity | null, number | null]>([
      [1, 20],
      [2, 30],
      [3, 60],
      [4, null],
      [null, null],
    ])('GIVEN severity %p WHEN asking the cadence THEN it is %p minutes', (severity, minutes) => {
      const i = incident({ severity });

      expect(cadenceMinutes(i, playbook, policy)).toBe(minutes);
      expect(cadenceAt(i, 0)).toBe(minutes ?? undefined);
    });

    test('GIVEN a playbook with its own SEV1 cadence of 5 min WHEN planning a SEV1 THEN the cadence reminder is at 5 min', () => {
      const own: PlaybookClock = { ...playbook, cadence: { sev1: 5 } };

      expect(cadenceMinutes(incident(), own, policy)).toBe(5);
      expect(cadenceAt(incident(), 0, own)).toBe(5);
    });

    test('GIVEN a playbook that turns the SEV1 cadence off (null) WHEN planning a SEV1 THEN there is no cadence reminder', () => {
      const off: PlaybookClock = { ...playbook, cadence: { sev1: null } };

      expect(cadenceMinutes(incident(), off, policy)).toBeNull();
      expect(cadenceAt(incident(), 0, off)).toBeUndefined();
    });

    test('GIVEN a playbook that only sets SEV2 WHEN planning a SEV1 THEN calma.yaml’s SEV1 cadence (20) applies', () => {
      const sev2Only: PlaybookClock = { ...playbook, cadence: { sev2: 10 } };

      expect(cadenceAt(incident(), 0, sev2Only)).toBe(20);
      expect(cadenceAt(incident({ severity: 2 }), 0, sev2Only)).toBe(10);
    });

    test('GIVEN a playbook that turns SEV4 on (15 min) WHEN planning a SEV4 THEN it has a cadence although calma.yaml has none', () => {
      const sev4On: PlaybookClock = { ...playbook, cadence: { sev4: 15 } };

      expect(cadenceAt(incident({ severity: 4 }), 0, sev4On)).toBe(15);
    });

    test('GIVEN a SEV1 WHEN its cadence reminder fires and the plan is made again a moment later THEN the next one is 20 min after the last (attempt 2 at 40)', () => {
      const next = find(plan(incident(), playbook, policy, minuteMs, min(20) + 1), 'cadence');

      expect(next?.attempt).toBe(2);
      expect(minutesOf(next)).toBe(40);
    });

    // Asked through plan, which takes the playbook minute: "120 minutes" means playbook minutes.
    test('GIVEN a SEV1 with no update WHEN planning before and after 120 min (long_after) THEN the reminders come every 20 min up to 120, then every 40', () => {
      expect(cadenceAt(incident(), 101)).toBe(120);
      expect(cadenceAt(incident(), 121)).toBe(160);
    });

    test('GIVEN a SEV1 open for 125 playbook minutes WHEN planning THEN the next cadence reminder is at 160 (every 40 min from opening)', () => {
      expect(cadenceAt(incident(), 125)).toBe(160);
    });

    test('GIVEN a long incident whose last update went out at 130 min WHEN planning at 131 THEN the next cadence reminder is 40 min after the update', () => {
      expect(cadenceAt(incident({ lastUpdateAt: iso(130) }), 131)).toBe(170);
    });

    test('GIVEN the cadence reminder queued at 101 min, due at 120 (long_after) WHEN it fires THEN it is still wanted (otherwise it posts nothing, queues nothing, and the cadence stops for good)', () => {
      const queued = find(planAt(incident(), 101), 'cadence');
      if (!queued) throw new Error('no cadence reminder planned at 101 min');

      expect(minutesOf(queued)).toBe(120);
      expect(stillWanted(incident(), playbook, policy, minuteMs, queued)).toBe(true);
    });
  });

  describe('archiving after closing', () => {
    const closed = (overrides: Partial<Incident> = {}) =>
      incident({ status: 'resolved', resolvedAt: iso(60), room: 'C1', ...overrides });

    test('GIVEN archive_after 30 WHEN a closed incident is planned THEN its room is archived 30 min after closing, and only that', () => {
      const reminders = planAt(closed(), 61, playbook, { ...policy, archiveAfter: 30 });
      expect(reminders).toEqual([{ kind: 'archive', attempt: 1, dueAt: min(90) }]);
    });

    test.each<[string, Partial<Incident>, number | null]>([
      ['archive_after is null (the default)', {}, null],
      ['the room is already archived', { archivedAt: iso(90) }, 30],
      ['it never had a room', { room: null }, 30],
    ])('GIVEN %s WHEN planned THEN nothing archives it', (_, overrides, archiveAfter) => {
      expect(planAt(closed(overrides), 61, playbook, { ...policy, archiveAfter })).toEqual([]);
    });

    test('GIVEN an open incident WHEN planned THEN nothing archives it', () => {
      expect(
        find(planAt(incident({ room: 'C1' }), 0, playbook, { ...policy, archiveAfter: 30 }), 'archive'),
      ).toBeUndefined();
    });
  });

  describe('a published update (lastUpdateAt)', () => {
    const published = () => incident({ lastUpdateAt: iso(30), updatedAt: iso(30) });

    test('GIVEN a SEV1 whose last update went out at 30 min WHEN planning THEN the cadence counts from it (next at 50), the stale clock too', () => {
      const reminders = planAt(published(), 30);
      expect(find(reminders, 'cadence')).toMatchObject({ attempt: 1 });
      expect(minutesOf(find(reminders, 'cadence'))).toBe(50);
      expect(minutesOf(find(reminders, 'stale'))).toBe(150);
    });

    test('GIVEN the cadence reminder queued for 40 min WHEN an update goes out at 30 THEN that queued reminder is no longer wanted', () => {
      const queued = find(planAt(incident(), 21), 'cadence');
      if (!queued) throw new Error('no cadence reminder planned at 21 min');
      const updated = published();

      expect(stillWanted(updated, playbook, policy, minuteMs, queued)).toBe(false);
    });
  });

  describe('steps that are done or skipped', () => {
    test.each<['done' | 'skipped']>([['done'], ['skipped']])(
      'GIVEN step 2 is %s WHEN planning THEN it has no reminder and no escalation, the others keep theirs',
      (state) => {
        const i = incident({ steps: [{ state: 'open' }, { state }, { state: 'open' }] });

        const reminders = planAt(i, 0);

        expect(stepsOf(reminders, 1)).toEqual([]);
        expect(stepsOf(reminders, 0)).toEqual([
          [1, 1],
          [2, 11],
        ]);
        expect(stepsOf(reminders, 2)).toEqual([
          [1, 30],
          [2, 40],
        ]);
      },
    );
  });

  describe('snooze', () => {
    test('GIVEN step 2’s reminder fired at 5 min WHEN bob snoozes it 30 min THEN it comes back at 35, its escalation stays 10 min behind (45), and the timeline says who and until when', () => {
      const change = successOf(snooze(incident(), 'step-1', 30, minuteMs, 'U0BOB', new Date(min(5))));

      expect(change.incident.reminders?.['step-1']).toEqual({ snoozedUntil: iso(35) });
      expect(change.events).toEqual([
        { kind: 'reminder-snoozed', reminder: 'step-1', until: iso(35), by: 'U0BOB', at: iso(5) },
      ]);
      expect(stepsOf(planAt(change.incident, 5), 1)).toEqual([
        [1, 35],
        [2, 45],
      ]);
      // Only that step moved.
      expect(stepsOf(planAt(change.incident, 5), 2)).toEqual([
        [1, 30],
        [2, 40],
      ]);
    });

    test('GIVEN step 2 snoozed until 35 WHEN the reminder queued for 5 min and the escalation queued for 15 fire THEN neither is wanted; the snoozed ones are, at their own time', () => {
      const original = planAt(incident(), 0).filter((r) => r.kind === 'step' && r.step === 1);
      const snoozed = successOf(
        snooze(incident(), 'step-1', 30, minuteMs, 'U0BOB', new Date(min(5))),
      ).incident;
      const moved = planAt(snoozed, 5).filter((r) => r.kind === 'step' && r.step === 1);

      expect(original.map((r) => stillWanted(snoozed, playbook, policy, minuteMs, r))).toEqual([
        false,
        false,
      ]);
      expect(moved.map((r) => stillWanted(snoozed, playbook, policy, minuteMs, r))).toEqual([true, true]);
    });

    test('GIVEN the cadence reminder fired at 20 min WHEN it is snoozed 30 min THEN the next cadence reminder is at 50', () => {
      const snoozed = successOf(
        snooze(incident(), 'cadence', 30, minuteMs, 'U0LEAD', new Date(min(20))),
      ).incident;

      expect(cadenceAt(snoozed, 20)).toBe(50);
    });

    test('GIVEN the cadence snoozed at 20 min for 30 WHEN the snoozed reminder comes due at 50 THEN it is still wanted (otherwise the cadence stops for good after a snooze)', () => {
      const snoozed = successOf(
        snooze(incident(), 'cadence', 30, minuteMs, 'U0LEAD', new Date(min(20))),
      ).incident;
      const queued = find(planAt(snoozed, 20), 'cadence');
      if (!queued) throw new Error('no cadence reminder planned after the snooze');

      expect(minutesOf(queued)).toBe(50);
      expect(stillWanted(snoozed, playbook, policy, minuteMs, queued)).toBe(true);
    });

    test('GIVEN a resolved incident WHEN snoozing THEN it is refused as closed', () => {
      const closed = incident({ status: 'resolved' });

      expect(errorOf(snooze(closed, 'cadence', 30, minuteMs, 'U0LEAD', new Date(min(20))))).toEqual({
        key: 'incident.closed',
        params: { seq: 1 },
      });
    });
  });

  describe('dismiss', () => {
    test('GIVEN step 2’s reminder WHEN bob dismisses it THEN step 2 has no reminder nor escalation any more, everything else stays, and the timeline says who', () => {
      const change = successOf(dismiss(incident(), 'step-1', 'U0BOB', new Date(min(5))));

      expect(change.events).toEqual([
        { kind: 'reminder-dismissed', reminder: 'step-1', by: 'U0BOB', at: iso(5) },
      ]);
      const before = planAt(incident(), 5);
      const after = planAt(change.incident, 5);
      expect(stepsOf(after, 1)).toEqual([]);
      expect(after).toEqual(before.filter((r) => !(r.kind === 'step' && r.step === 1)));
    });

    test('GIVEN the cadence is dismissed WHEN planning much later THEN it never comes back, and the steps keep theirs', () => {
      const dismissed = successOf(dismiss(incident(), 'cadence', 'U0LEAD', new Date(min(20)))).incident;

      expect(cadenceAt(dismissed, 20)).toBeUndefined();
      expect(cadenceAt(dismissed, 300)).toBeUndefined();
      expect(stepsOf(planAt(dismissed, 20), 2)).toEqual([
        [1, 30],
        [2, 40],
      ]);
    });

    test('GIVEN a dismissed reminder WHEN it is dismissed again THEN it is refused', () => {
      const dismissed = successOf(dismiss(incident(), 'cadence', 'U0LEAD', new Date(min(20)))).incident;

      expect(errorOf(dismiss(dismissed, 'cadence', 'U0BOB', new Date(min(21))))).toEqual({
        key: 'reminders.alreadyDismissed',
      });
    });

    test('GIVEN a resolved incident WHEN dismissing THEN it is refused as closed', () => {
      expect(
        errorOf(dismiss(incident({ status: 'resolved' }), 'cadence', 'U0LEAD', new Date(min(20)))),
      ).toEqual({
        key: 'incident.closed',
        params: { seq: 1 },
      });
    });
  });

  describe('hygiene nags', () => {
    test('GIVEN no lead and max_nags 3 WHEN each nag is counted as sent THEN they come at 10, 20 and 30 min and then stop', () => {
      let current = incident({ roles: {} });
      const seen: (number | undefined)[] = [];
      for (let sent = 0; sent < 5; sent++) {
        const nag = find(planAt(current, 0), 'no-lead');
        seen.push(minutesOf(nag));
        // Each nag is sent at its due time.
        current = countNag(current, 'no-lead', new Date(min(10 * (sent + 1)))).incident;
      }

      expect(seen).toEqual([10, 20, 30, undefined, undefined]);
      expect(current.reminders?.['no-lead']?.nags).toBe(5);
    });

    test('GIVEN max_nags 0 WHEN planning an incident with no lead, no severity and no activity THEN no nag at all', () => {
      const quiet = { ...policy, maxNags: 0 };

      const kinds = planAt(incident({ roles: {}, severity: null }), 0, playbook, quiet).map((r) => r.kind);

      expect(kinds).not.toContain('no-lead');
      expect(kinds).not.toContain('no-severity');
      expect(kinds).not.toContain('stale');
    });

    test('GIVEN a nag WHEN it is counted THEN nothing goes on the timeline and the incident’s activity time does not move (or the stale nag would reset itself)', () => {
      const change = countNag(incident(), 'stale', new Date(min(120)));

      expect(change.events).toEqual([]);
      expect(change.incident.updatedAt).toBe(incident().updatedAt);
      expect(minutesOf(find(planAt(change.incident, 0), 'stale'))).toBe(240);
    });

    test('GIVEN the no-lead nag sent at 10 and snoozed 30 min WHEN the snoozed nag is sent at 40 THEN the next one is not due at once (no second identical nag in the same moment)', () => {
      const sentOnce = countNag(incident({ roles: {} }), 'no-lead', new Date(min(10))).incident;
      const snoozed = successOf(
        snooze(sentOnce, 'no-lead', 30, minuteMs, 'U0LEAD', new Date(min(10))),
      ).incident;
      expect(minutesOf(find(planAt(snoozed, 10), 'no-lead'))).toBe(40);

      const sentTwice = countNag(snoozed, 'no-lead', new Date(min(40))).incident;
      const next = find(plan(sentTwice, playbook, policy, minuteMs, min(40) + 1), 'no-lead');

      expect(next?.attempt).toBe(3);
      expect(next?.dueAt).toBeGreaterThan(min(40) + 1);
    });
  });

  describe('closed incidents', () => {
    test('GIVEN a resolved incident with open steps, no lead and no severity WHEN planning THEN nothing is planned and nothing queued is wanted', () => {
      const open = incident({ roles: {}, severity: null });
      const queued = planAt(open, 0);
      const closed = { ...open, status: 'resolved' as const, resolvedAt: iso(3) };

      expect(planAt(closed, 0)).toEqual([]);
      expect(planAt(closed, 3)).toEqual([]);
      expect(queued.filter((r) => stillWanted(closed, playbook, policy, minuteMs, r))).toEqual([]);
    });
  });

  describe('stillWanted', () => {
    test('GIVEN the reminders planned at opening WHEN each fires at its own due time and nothing changed THEN each is still wanted', () => {
      const fresh = incident({ roles: {}, severity: 2 });
      const reminders = planAt(fresh, 0);

      expect(reminders.length).toBeGreaterThan(5);
      for (const reminder of reminders) {
        expect({ reminder, wanted: stillWanted(fresh, playbook, policy, minuteMs, reminder) }).toEqual({
          reminder,
          wanted: true,
        });
      }
    });

    test('GIVEN step 2’s reminders WHEN the step was done before they fire THEN neither is wanted', () => {
      const [first, escalation] = planAt(incident(), 0).filter((r) => r.kind === 'step' && r.step === 1);
      const done = incident({
        steps: [{ state: 'open' }, { state: 'done', by: 'U0BOB' }, { state: 'open' }],
      });

      expect(first && stillWanted(done, playbook, policy, minuteMs, first)).toBe(false);
      expect(escalation && stillWanted(done, playbook, policy, minuteMs, escalation)).toBe(false);
    });

    test('GIVEN the SEV1 cadence reminder due at 20 WHEN severity became SEV3 THEN it is not wanted, and the SEV3 one (at 60) is', () => {
      const sev1 = find(planAt(incident(), 0), 'cadence');
      const sev3 = incident({ severity: 3 });
      const next = find(planAt(sev3, 1), 'cadence');

      expect(sev1 && stillWanted(sev3, playbook, policy, minuteMs, sev1)).toBe(false);
      expect(minutesOf(next)).toBe(60);
      expect(next && stillWanted(sev3, playbook, policy, minuteMs, next)).toBe(true);
    });

    test('GIVEN the cadence reminder due at 20 WHEN it was dismissed THEN it is not wanted', () => {
      const queued = find(planAt(incident(), 0), 'cadence');
      const dismissed = successOf(dismiss(incident(), 'cadence', 'U0LEAD', new Date(min(10)))).incident;

      expect(queued && stillWanted(dismissed, playbook, policy, minuteMs, queued)).toBe(false);
    });

    test('GIVEN a reminder carrying a different due time than the plan (moved since it was queued) WHEN checked THEN it is not wanted', () => {
      const queued = find(planAt(incident(), 0), 'step', { step: 1, attempt: 1 });
      if (!queued) throw new Error('no step 2 reminder planned');

      expect(
        stillWanted(incident(), playbook, policy, minuteMs, { ...queued, dueAt: queued.dueAt + 1 }),
      ).toBe(false);
    });

    /**
     * What the whole design rests on: a reminder queued from the plan, with nothing changed since, is
     * recognised as wanted when it fires (else it posts nothing and nothing re-queues its kind).
     */
    test('PROPERTY: for any open incident and any moment, every planned reminder is still wanted at its own due time', () => {
      const reminderState = fc.record(
        {
          snoozedUntil: fc.integer({ min: 0, max: 300 }).map((n) => iso(n)),
          dismissed: fc.boolean(),
          nags: fc.integer({ min: 0, max: 4 }),
          lastAt: fc.integer({ min: 0, max: 300 }).map((n) => iso(n)),
          escalatedAt: fc.integer({ min: 0, max: 300 }).map((n) => iso(n)),
        },
        { requiredKeys: [] },
      );
      const stepState = fc.constantFrom<'open' | 'done' | 'skipped'>('open', 'done', 'skipped');
      fc.assert(
        fc.property(
          fc.constantFrom<Severity | null>(1, 2, 3, 4, null),
          fc.boolean(),
          fc.tuple(stepState, stepState, stepState),
          fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
          fc.dictionary(
            fc.constantFrom('step-0', 'step-1', 'step-2', 'cadence', 'no-lead', 'no-severity', 'stale'),
            reminderState,
          ),
          fc.integer({ min: 0, max: 300 }),
          fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
          (severity, hasLead, steps, updateAt, reminders, at, reopenedAt) => {
            const now = Math.max(at, updateAt ?? 0, reopenedAt ?? 0);
            const i = incident({
              severity,
              roles: hasLead ? { lead: 'U0LEAD' } : {},
              steps: steps.map((state) => ({ state })),
              reminders,
              ...(updateAt === undefined ? {} : { lastUpdateAt: iso(updateAt), updatedAt: iso(updateAt) }),
              ...(reopenedAt === undefined ? {} : { reopenedAt: iso(reopenedAt) }),
            });
            for (const reminder of planAt(i, now)) {
              if (!stillWanted(i, playbook, policy, minuteMs, reminder)) {
                throw new Error(
                  `planned at ${now} min but not wanted at its due time: ${JSON.stringify(reminder)}`,
                );
              }
            }
          },
        ),
      );
    });
  });

  describe('reminderAudience', () => {
    const due = (r: Omit<Reminder, 'dueAt'>): Reminder => ({ ...r, dueAt: min(5) });

    test('GIVEN step 2 is assigned to dana and bob holds sme WHEN its first reminder fires THEN it is for dana', () => {
      const i = incident({
        roles: { lead: 'U0LEAD', sme: 'U0BOB' },
        steps: [{ state: 'open' }, { state: 'open', assignee: 'U0DANA' }, { state: 'open' }],
      });

      expect(reminderAudience(i, playbook, due({ kind: 'step', step: 1, attempt: 1 }))).toBe('U0DANA');
    });

    test('GIVEN bob holds sme and nobody is assigned WHEN step 2’s first reminder fires THEN it is for bob', () => {
      const i = incident({ roles: { lead: 'U0LEAD', sme: 'U0BOB' } });

      expect(reminderAudience(i, playbook, due({ kind: 'step', step: 1, attempt: 1 }))).toBe('U0BOB');
    });

    test('GIVEN nobody holds sme WHEN step 2’s first reminder fires THEN it is for nobody (the card asks who takes it)', () => {
      expect(
        reminderAudience(incident(), playbook, due({ kind: 'step', step: 1, attempt: 1 })),
      ).toBeUndefined();
    });

    test('GIVEN step 2 assigned to dana WHEN its escalation fires THEN it goes to the lead', () => {
      const i = incident({
        roles: { lead: 'U0LEAD', sme: 'U0BOB' },
        steps: [{ state: 'open' }, { state: 'open', assignee: 'U0DANA' }, { state: 'open' }],
      });

      expect(reminderAudience(i, playbook, due({ kind: 'step', step: 1, attempt: 2 }))).toBe('U0LEAD');
    });

    test.each<Reminder['kind']>(['cadence', 'no-severity', 'stale'])(
      'GIVEN a %s reminder WHEN it fires THEN it is for the lead',
      (kind) => {
        expect(reminderAudience(incident(), playbook, due({ kind, attempt: 1 }))).toBe('U0LEAD');
      },
    );
  });
});

describe('reminderKey', () => {
  test('GIVEN reminders of each kind WHEN keyed THEN steps are keyed by index and the others by kind', () => {
    expect(reminderKey({ kind: 'step', step: 3 })).toBe('step-3');
    expect(reminderKey({ kind: 'cadence' })).toBe('cadence');
    expect(reminderKey({ kind: 'no-lead' })).toBe('no-lead');
  });
});

describe('jobId', () => {
  const job: ReminderJob = {
    workspace: 'T0ACME',
    seq: 12,
    kind: 'step',
    step: 3,
    attempt: 2,
    dueAt: OPENED + 15 * 60_000,
  };

  test('GIVEN a reminder job WHEN its id is made twice, from objects built in a different order THEN it is the same id', () => {
    const reordered: ReminderJob = {
      dueAt: job.dueAt,
      attempt: 2,
      step: 3,
      kind: 'step',
      seq: 12,
      workspace: 'T0ACME',
    };

    expect(jobId(job)).toBe(jobId(reordered));
    expect(jobId(job)).toBe(jobId({ ...job }));
  });

  test('GIVEN workspaces with ":" and "." and odd characters WHEN making ids THEN no id contains ":" (BullMQ refuses it)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1_000_000 }), (workspace, seq) => {
        expect(jobId({ ...job, workspace, seq })).not.toContain(':');
      }),
    );
    expect(jobId({ ...job, workspace: 'guild:1.2' })).not.toContain(':');
  });

  test('GIVEN the same reminder moved (snoozed) or another attempt, step, kind or incident WHEN making ids THEN each id differs', () => {
    const ids = [
      job,
      { ...job, dueAt: job.dueAt + 1 },
      { ...job, attempt: 1 },
      { ...job, step: 4 },
      { ...job, seq: 13 },
      { ...job, workspace: 'T0OTHER' },
      { ...job, kind: 'cadence' as const, step: undefined },
      { ...job, kind: 'no-lead' as const, step: undefined },
    ].map(jobId);

    expect(new Set(ids).size).toBe(ids.length);
  });

  test('GIVEN incident 1 and incident 11 WHEN making ids THEN neither id starts with the other’s incident part (cancel matches ids by prefix)', () => {
    const one = jobId({ ...job, seq: 1 });
    const eleven = jobId({ ...job, seq: 11 });

    expect(eleven.startsWith(`${one.split('.').slice(0, 2).join('.')}.`)).toBe(false);
  });
});
