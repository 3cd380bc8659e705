import { parseCommand } from '../../../handlers/index';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { addFollowup, completeFollowup, openFollowups } from '../../../src/core/followup';
import {
  dismiss,
  type PlaybookClock,
  plan,
  reminderAudience,
  reminderKey,
  snooze,
  stillWanted,
} from '../../../src/core/reminders';
import type { Result } from '../../../src/core/result';
import type { Incident } from '../../../src/core/types';
import { jobId } from '../../../src/queue/reminder-queue';
import { anIncident } from '../../support/fixtures';

const OPENED = Date.parse('2026-11-22T09:30:00.000Z');
const MINUTE = 60_000;
const policy = { ...defaultReminderPolicy, followupAfter: 60 };
const playbook: PlaybookClock = { steps: [{ due: 0, role: 'lead' }] };
const at = (minutes: number) => new Date(OPENED + minutes * MINUTE);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const parse = (text: string) => parseCommand(text, { playbooks: ['hacked-account'] });

/** An incident with F1 (bob's) added 10 minutes in and F2 (nobody's) 20 minutes in. */
function withFollowups(overrides: Partial<Incident> = {}): Incident {
  let incident = anIncident(overrides);
  incident = value(
    addFollowup(incident, { text: 'Rotate the keys', owner: 'U0BOB' }, 'U0ANA', at(10)),
  ).incident;
  return value(addFollowup(incident, { text: 'Thank customers' }, 'U0ANA', at(20))).incident;
}

const followupPlan = (incident: Incident, minutes: number) =>
  plan(incident, playbook, policy, MINUTE, OPENED + minutes * MINUTE).filter((r) => r.kind === 'followup');

describe('the followup grammar', () => {
  it.each([
    ['followup', { name: 'followup', verb: 'list' }],
    ['followup #3', { name: 'followup', incident: 3, verb: 'list' }],
    ['followup done F2', { name: 'followup', verb: 'done', followup: 2 }],
    ['followup #3 done f12', { name: 'followup', incident: 3, verb: 'done', followup: 12 }],
    ['followup done 4', { name: 'followup', verb: 'done', followup: 4 }],
    [
      'followup Rotate  the keys @ana',
      { name: 'followup', verb: 'add', text: 'Rotate  the keys', owner: 'ana' },
    ],
    [
      'followup Rotate the keys <@U0BOB|bob>',
      { name: 'followup', verb: 'add', text: 'Rotate the keys', owner: 'U0BOB' },
    ],
    ['followup Ask @ana about #12', { name: 'followup', verb: 'add', text: 'Ask @ana about #12' }],
    ['followup done deal review', { name: 'followup', verb: 'add', text: 'done deal review' }],
  ])('GIVEN `/crisis %s` WHEN parsed THEN %j', (text, expected) => {
    expect(parse(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['followup done', 'followup.doneUsage'],
    ['followup done F1 now', 'followup.doneUsage'],
    ['followup @ana', 'followup.empty'],
  ])('GIVEN `/crisis %s` WHEN parsed THEN the error %s', (text, key) => {
    expect(parse(text)).toEqual({ ok: false, error: { key } });
  });

  it.each([
    ['stats', 30],
    ['stats 7', 7],
    ['stats 365', 365],
  ])('GIVEN `/crisis %s` WHEN parsed THEN the period is %d days', (text, days) => {
    expect(parse(text)).toEqual({ ok: true, value: { name: 'stats', days } });
  });

  it.each(['stats 0', 'stats -3', 'stats week', 'stats 9999', 'stats 7 30'])(
    'GIVEN `/crisis %s` WHEN parsed THEN the usage error',
    (text) => {
      expect(parse(text)).toMatchObject({ ok: false, error: { key: 'stats.usage' } });
    },
  );
});

describe('follow-ups', () => {
  it('GIVEN an incident WHEN follow-ups are added THEN they are numbered from 1, with who, when and owner, on the timeline', () => {
    const incident = anIncident();
    const first = value(
      addFollowup(incident, { text: '  Rotate the keys ', owner: 'U0BOB' }, 'U0ANA', at(10)),
    );
    expect(first.incident.followups).toEqual([
      { n: 1, text: 'Rotate the keys', owner: 'U0BOB', by: 'U0ANA', at: at(10).toISOString() },
    ]);
    expect(first.events).toEqual([
      {
        kind: 'followup',
        n: 1,
        text: 'Rotate the keys',
        owner: 'U0BOB',
        by: 'U0ANA',
        at: at(10).toISOString(),
      },
    ]);
    const second = value(addFollowup(first.incident, { text: 'Thank customers' }, 'U0ANA', at(20)));
    expect(second.incident.followups?.[1]).toEqual({
      n: 2,
      text: 'Thank customers',
      by: 'U0ANA',
      at: at(20).toISOString(),
    });
  });

  it('GIVEN a resolved incident WHEN a follow-up is added and done THEN both are allowed', () => {
    const resolved = withFollowups({ status: 'resolved', resolvedAt: at(30).toISOString() });
    const done = value(completeFollowup(resolved, 2, 'U0LENA', at(40)));
    expect(done.incident.followups?.[1]?.done).toEqual({ by: 'U0LENA', at: at(40).toISOString() });
    expect(done.events).toEqual([{ kind: 'followup-done', n: 2, by: 'U0LENA', at: at(40).toISOString() }]);
    expect(openFollowups(done.incident).map((f) => f.n)).toEqual([1]);
  });

  it.each([
    [(i: Incident) => addFollowup(i, { text: '   ' }, 'U0ANA', at(1)), 'followup.empty'],
    [(i: Incident) => addFollowup(i, { text: 'x'.repeat(501) }, 'U0ANA', at(1)), 'followup.tooLong'],
    [(i: Incident) => completeFollowup(i, 9, 'U0ANA', at(1)), 'followup.notFound'],
    [
      (i: Incident) =>
        completeFollowup(value(completeFollowup(i, 1, 'U0BOB', at(1))).incident, 1, 'U0ANA', at(2)),
      'followup.alreadyDone',
    ],
  ])('GIVEN a mistake WHEN applied THEN the user error %#', (rule, key) => {
    const result = rule(withFollowups());
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.key).toBe(key === undefined ? '' : key);
  });
});

describe('follow-up reminders', () => {
  it('GIVEN two open follow-ups WHEN planned THEN each is due `followupAfter` after it was added, keyed per follow-up, with a distinct job id', () => {
    const incident = withFollowups();
    const reminders = followupPlan(incident, 0);
    expect(reminders).toEqual([
      { kind: 'followup', followup: 1, attempt: 1, dueAt: at(70).getTime() },
      { kind: 'followup', followup: 2, attempt: 1, dueAt: at(80).getTime() },
    ]);
    expect(reminders.map(reminderKey)).toEqual(['followup-1', 'followup-2']);
    const ids = reminders.map((r) => jobId({ workspace: 'T1', seq: 1, ...r }));
    expect(new Set(ids).size).toBe(2);
  });

  it('GIVEN a resolved incident with follow-ups WHEN planned THEN only the follow-ups are reminded', () => {
    const incident = withFollowups({ status: 'resolved', roles: {}, severity: null });
    const all = plan(incident, playbook, policy, MINUTE, OPENED);
    expect(all.map((r) => r.kind)).toEqual(['followup', 'followup']);
    expect(plan(anIncident({ status: 'resolved' }), playbook, policy, MINUTE, OPENED)).toEqual([]);
  });

  it('GIVEN nags sent WHEN planned THEN the next keeps a full interval after the last, and none comes after `maxNags`', () => {
    let incident = withFollowups();
    const sent = (n: number, minutes: number) => ({
      ...incident.reminders,
      'followup-1': { nags: n, lastAt: at(minutes).toISOString() },
    });
    incident = { ...incident, reminders: sent(1, 75) };
    expect(followupPlan(incident, 0)[0]).toEqual({
      kind: 'followup',
      followup: 1,
      attempt: 2,
      dueAt: at(135).getTime(),
    });
    incident = { ...incident, reminders: sent(policy.maxNags, 200) };
    expect(followupPlan(incident, 0).map((r) => r.followup)).toEqual([2]);
  });

  it('GIVEN a follow-up done, another dismissed WHEN their queued reminders fire THEN neither is wanted any more', () => {
    const incident = withFollowups({ status: 'resolved' });
    const [first, second] = followupPlan(incident, 0);
    if (!first || !second) throw new Error('expected two reminders');
    expect(stillWanted(incident, playbook, policy, MINUTE, first)).toBe(true);

    const done = value(completeFollowup(incident, 1, 'U0BOB', at(30))).incident;
    expect(stillWanted(done, playbook, policy, MINUTE, first)).toBe(false);
    const dismissed = value(dismiss(done, 'followup-2', 'U0LENA', at(30))).incident;
    expect(stillWanted(dismissed, playbook, policy, MINUTE, second)).toBe(false);
  });

  it('GIVEN a resolved incident WHEN a follow-up reminder is snoozed THEN it moves; other reminders of a resolved incident still refuse', () => {
    const incident = withFollowups({ status: 'resolved' });
    const snoozed = value(snooze(incident, 'followup-1', 90, MINUTE, 'U0BOB', at(70))).incident;
    expect(followupPlan(snoozed, 0)[0]?.dueAt).toBe(at(160).getTime());
    expect(snooze(incident, 'cadence', 30, MINUTE, 'U0BOB', at(70))).toMatchObject({
      ok: false,
      error: { key: 'incident.closed' },
    });
    expect(dismiss(incident, 'step-0', 'U0BOB', at(70))).toMatchObject({ ok: false });
  });

  it('GIVEN follow-ups with and without owner WHEN reminded THEN the owner, else the lead, else who added it, is told', () => {
    const incident = withFollowups();
    const reminder = (followup: number) => ({ kind: 'followup' as const, followup, attempt: 1, dueAt: 0 });
    expect(reminderAudience(incident, playbook, reminder(1))).toBe('U0BOB');
    expect(reminderAudience(incident, playbook, reminder(2))).toBe('U0LEAD');
    expect(reminderAudience({ ...incident, roles: {} }, playbook, reminder(2))).toBe('U0ANA');
  });
});
