/**
 * The status-update cadence, for real (BullMQ on Redis, one playbook minute = 40 ms): 20 min for SEV1
 * (0.8 s), 60 for SEV3 (2.4 s), none for SEV4 (calma.yaml's defaults; the shipped playbook keeps them).
 */

import type { Incident } from '../../../src/core/types';
import { ONE_APPROVER } from '../../support/approval-policy';
import { PATIENCE_MS } from '../../support/patience';
import { button } from '../../support/recording-chat';
import {
  MINUTE_MS,
  type Opened,
  plannedDue,
  type ReminderWorld,
  stepReminder,
  until,
  useReminders,
  waitFor,
} from './reminder-world';

const { world, worker } = useReminders();

const cadenceReminders = (w: ReminderWorld, opened: Opened) =>
  w.chat.reminders(opened.room).filter((r) => r.key === 'cadence');

/** The n-th (1-based) cadence reminder of the room, once it is there. */
const nthCadence = (w: ReminderWorld, opened: Opened, n: number, timeoutMs = PATIENCE_MS) =>
  waitFor(() => cadenceReminders(w, opened)[n - 1], timeoutMs, `cadence reminder #${n}`);

/** The minutes a cadence reminder reads ("... 20 min ago"): how late the job ran can add a few. */
const minutesAgo = (text: string) => Number(/(\d+) min ago/.exec(text)?.[1]);
/**
 * The most minutes a reminder posted at `at` can read since `since`: it counts them when it is sent,
 * before it is posted (a loaded machine may send it late, and then it says so).
 */
const minutesBy = (at: number, since: number) => Math.round((at - since) / MINUTE_MS);

/** Publishes a public update as a team does: ana drafts it, the approver `by` approves it. */
async function publishUpdate(w: ReminderWorld, opened: Opened, by: string): Promise<Incident> {
  const ana = w.inRoom(w.ana, opened);
  // One approval publishes: these tests are about the cadence, not the approval policy.
  w.deps.approvalPolicy = ONE_APPROVER;
  await w.command(ana, `role approver @${by}`);
  await w.command(ana, 'update We are still working on it. Next update in 20 minutes.');
  const n = (await w.store.get(w.workspace, opened.seq))?.statements?.length ?? 0;
  await w.command({ ...ana, user: by }, `approve S${n}`);
  const updated = await w.store.get(w.workspace, opened.seq);
  if (updated?.statements?.[n - 1]?.status !== 'published') throw new Error('the update was not published');
  return updated;
}

describe('the SEV1 cadence', () => {
  test('GIVEN a SEV1 led by lena WHEN 20 min pass with no update THEN the room is asked for a public update, saying how long since opening, for lena', async () => {
    const w = world();
    const opened = await w.open('sev1');
    await w.command(w.inRoom(w.ana, opened), 'role lead @U0LENA');

    const first = await nthCadence(w, opened, 1);

    // Planned for 20 min after the opening exactly, and never posted before.
    const due = opened.openedAt + 20 * MINUTE_MS;
    expect(first.job).toMatchObject({ kind: 'cadence' });
    expect(plannedDue(first)).toBe(due);
    expect(first.at).toBeGreaterThanOrEqual(due);
    expect(first.card.title).toBe('📣 Time for a public status update');
    expect(first.text).toMatch(
      /Nothing has gone out since the incident opened \d+ min ago \(\d{1,2} [A-Z][a-z]{2,3} \d{4} \d\d:\d\d UTC\)/,
    );
    expect(minutesAgo(first.text)).toBeGreaterThanOrEqual(20);
    expect(minutesAgo(first.text)).toBeLessThanOrEqual(minutesBy(first.at, opened.openedAt));
    expect(first.text).toContain(
      '<@U0LENA>: say what changed, what people should do, and when the next update comes.',
    );
    // Nothing published yet: the first word is the holding statement, its template one press away.
    expect(button(first.card, 'Draft holding statement').action).toEqual({
      kind: 'statement.draft',
      args: [String(opened.seq), '5'],
    });
  });

  test('GIVEN the first cadence reminder came WHEN an update is published 10 min later THEN the next reminder comes 20 min after the update (not 40 after opening) and says how long since the update', async () => {
    const w = world();
    const opened = await w.open('sev1');
    const first = await nthCadence(w, opened, 1);

    // Halfway through the interval, so "from the update" and "from the opening" fall 10 min apart.
    await until(first.at + 10 * MINUTE_MS);
    // The update is out before the reminder planned from the opening (at 40 min) can run, however slow
    // the machine: no job runs while it is published (the test is about the plan, not about speed).
    await worker().pause();
    const updated = await publishUpdate(w, opened, 'U0LENA');
    worker().resume();
    const updateAt = Date.parse(updated.lastUpdateAt ?? '');

    const second = await nthCadence(w, opened, 2);

    // Planned for 20 min after the update exactly (not 40 after opening), and never posted before.
    expect(second.job).toMatchObject({ kind: 'cadence' });
    expect(plannedDue(second)).toBe(updateAt + 20 * MINUTE_MS);
    expect(second.at).toBeGreaterThanOrEqual(updateAt + 20 * MINUTE_MS);
    expect(second.text).toMatch(/The last one went out \d+ min ago/);
    // Once one is out, the update template (step 8, "Post an update every 20 minutes").
    expect(button(second.card, 'Draft update').action).toEqual({
      kind: 'statement.draft',
      args: [String(opened.seq), '7'],
    });
    expect(minutesAgo(second.text)).toBeGreaterThanOrEqual(20);
    expect(minutesAgo(second.text)).toBeLessThanOrEqual(minutesBy(second.at, updateAt));
    expect((await w.timeline(opened.seq)).at(-1)).toMatchObject({
      kind: 'statement-published',
      by: 'U0LENA',
    });
    // The reminder planned from the opening (40 min) ran and stayed silent.
    await w.jobDone(opened.seq, { kind: 'cadence', attempt: 2, dueAt: opened.openedAt + 40 * MINUTE_MS });
    expect(cadenceReminders(w, opened)).toHaveLength(2);
  });
});

describe('a severity change', () => {
  test('GIVEN a SEV1 whose first cadence reminder came at 20 min WHEN `/crisis sev 3` THEN no SEV1-paced reminder follows (none at 40) and the next comes at 60 min, the SEV3 cadence', async () => {
    const w = world();
    const opened = await w.open('sev1');
    await nthCadence(w, opened, 1);

    const reply = await w.command(w.inRoom(w.ana, opened), 'sev 3');
    expect(reply.cards).toEqual([]);
    expect((await w.incident(opened.seq)).severity).toBe(3);

    const next = await nthCadence(w, opened, 2);

    // Planned for 60 min after the opening exactly (the SEV3 pace), and never posted before.
    const due = opened.openedAt + 60 * MINUTE_MS;
    expect(next.job).toMatchObject({ kind: 'cadence' });
    expect(plannedDue(next)).toBe(due);
    expect(next.at).toBeGreaterThanOrEqual(due);
    expect(minutesAgo(next.text)).toBeGreaterThanOrEqual(60);
  });

  test('GIVEN a SEV4 WHEN well past the SEV1 pace (25 min) THEN no cadence reminder was ever queued or posted', async () => {
    const w = world();
    const opened = await w.open('sev4');

    const queued = await w.delayedJobsOf(opened.seq);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.filter((job) => job.data.kind === 'cadence')).toEqual([]);

    // Step 6 (15 min) escalates at 25 min: once that job ran, the clock is past any SEV1-paced cadence.
    await w.jobDone(opened.seq, stepReminder(opened, 5, 2, 25));
    expect(w.chat.reminders(opened.room).map((r) => r.key)).toContain('step-5');
    expect(cadenceReminders(w, opened)).toEqual([]);
  });
});

describe('a change while the status-update reminder is due', () => {
  test('GIVEN the first cadence reminder due (20 min) while no worker is free WHEN the incident changes THEN it still comes as planned, not an interval later', async () => {
    const w = world();
    // The worker held past the due time: as when every worker is busy with other reminders then.
    await worker().pause();
    const opened = await w.open('sev1');
    const due = opened.openedAt + 20 * MINUTE_MS;
    await until(due + MINUTE_MS);
    await w.command(w.inRoom(w.ana, opened), 'role lead @U0LENA');
    worker().resume();

    const first = await nthCadence(w, opened, 1);

    expect(plannedDue(first)).toBe(due);
  });
});
