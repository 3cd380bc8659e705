import { defaultReminderPolicy } from '../../../src/config/schema';
import { type PlaybookClock, plan, reminderKey, stillWanted } from '../../../src/core/reminders';
import type { Incident } from '../../../src/core/types';
import { jobId } from '../../../src/queue/reminder-queue';
import { anIncident } from '../../support/fixtures';

const MINUTE = 40;
const opened = Date.parse('2026-11-22T09:30:00.000Z');
const min = (n: number) => opened + n * MINUTE;

/** The Buffer scenario's clock: one step, injects at T+0, 10, 15, 45, 60 and 90. */
const clock: PlaybookClock = {
  steps: [{ due: 0, role: 'lead' }],
  injects: [0, 10, 15, 45, 60, 90].map((at) => ({ at })),
};

const aDrill = (overrides: Partial<Incident> = {}) =>
  anIncident({ drill: true, scenario: 'buffer-2013', steps: [{ state: 'open' }], ...overrides });
const injectsOf = (incident: Incident, at: number) =>
  plan(incident, clock, defaultReminderPolicy, MINUTE, at).filter((r) => r.kind === 'inject');

describe('injects in the reminder plan', () => {
  test('GIVEN a drill with a scenario WHEN planned just after opening THEN every inject is due at its minute, the T+0 one included', () => {
    expect(injectsOf(aDrill(), opened + 5)).toEqual(
      [0, 10, 15, 45, 60, 90].map((at, inject) => ({ kind: 'inject', inject, attempt: 1, dueAt: min(at) })),
    );
  });

  test('GIVEN a real incident with the same clock THEN no inject is planned', () => {
    expect(injectsOf(anIncident({ steps: [{ state: 'open' }] }), opened)).toEqual([]);
  });

  test('GIVEN injects 0 and 1 already posted WHEN planned again THEN only the others are wanted, and a queued job of a posted one is not', () => {
    const posted = aDrill({
      reminders: { 'inject-0': { nags: 1, lastAt: new Date(min(0)).toISOString() }, 'inject-1': { nags: 1 } },
    });

    expect(injectsOf(posted, min(12)).map((r) => r.inject)).toEqual([2, 3, 4, 5]);
    expect(
      stillWanted(posted, clock, defaultReminderPolicy, MINUTE, injectsOf(aDrill(), opened)[1] ?? never()),
    ).toBe(false);
  });

  test('GIVEN an inject whose minute has passed while calma was down THEN it is still wanted, once, at its own due time', () => {
    const queued = injectsOf(aDrill(), opened)[3] ?? never();

    expect(stillWanted(aDrill(), clock, defaultReminderPolicy, MINUTE, queued)).toBe(true);
    expect(injectsOf(aDrill(), min(200)).map((r) => r.inject)).toContain(3);
  });

  test('GIVEN a closed drill THEN no inject is wanted any more', () => {
    const closed = aDrill({ status: 'resolved', resolvedAt: new Date(min(20)).toISOString() });
    const queued = injectsOf(aDrill(), opened);

    expect(injectsOf(closed, min(20))).toEqual([]);
    expect(queued.filter((r) => stillWanted(closed, clock, defaultReminderPolicy, MINUTE, r))).toEqual([]);
  });

  test('GIVEN two injects at the same minute THEN their keys and BullMQ job ids differ', () => {
    const twin: PlaybookClock = { ...clock, injects: [{ at: 10 }, { at: 10 }] };
    const [a, b] = plan(aDrill(), twin, defaultReminderPolicy, MINUTE, opened).filter(
      (r) => r.kind === 'inject',
    );
    if (!a || !b) throw new Error('expected two injects');

    expect(reminderKey(a)).toBe('inject-0');
    expect(reminderKey(b)).toBe('inject-1');
    const ids = [a, b].map((r) => jobId({ workspace: 'T0TEST', seq: 1, ...r }));
    expect(ids[0]).toBe(`T0TEST.1.inject.0.1.${min(10)}`);
    expect(new Set(ids).size).toBe(2);
  });
});

function never(): never {
  throw new Error('missing reminder');
}
