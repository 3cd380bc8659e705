/**
 * Follow-up reminders on a real BullMQ queue (one playbook minute = 40 ms), with `followup_after` at 5
 * minutes (200 ms) instead of a day: they nag the owner after the incident is closed, stop once the
 * follow-up is done or the reminder dismissed, and come at most `max_nags` times.
 */

import { defaultReminderPolicy } from '../../../src/config/schema';
import type { Reminder } from '../../../src/core/reminders';
import { PATIENCE_MS } from '../../support/patience';
import { button } from '../../support/recording-chat';
import {
  MINUTE_MS,
  type Opened,
  type PostedReminder,
  plannedDue,
  type ReminderWorld,
  useReminders,
  waitFor,
} from './reminder-world';

const FOLLOWUP_AFTER = 5;
const policy = { ...defaultReminderPolicy, followupAfter: FOLLOWUP_AFTER };
const { world, worker } = useReminders(policy);
const EVERY_MS = FOLLOWUP_AFTER * MINUTE_MS;

const nags = (w: ReminderWorld, opened: Opened, n = 1): PostedReminder[] =>
  w.chat.reminders(opened.room).filter((r) => r.key === `followup-${n}`);

const nth = (w: ReminderWorld, opened: Opened, n: number, followup = 1) =>
  waitFor(() => nags(w, opened, followup)[n - 1], PATIENCE_MS, `follow-up nag #${n}`);

async function addedAt(w: ReminderWorld, seq: number, n = 1): Promise<number> {
  const followup = (await w.incident(seq)).followups?.find((f) => f.n === n);
  if (!followup) throw new Error(`F${n} is not stored`);
  return Date.parse(followup.at);
}

/** The follow-up nag queued after the `sent`-th one went out, as the plan computes it. */
async function nextNag(w: ReminderWorld, seq: number, sent: number, n = 1): Promise<Reminder> {
  const state = (await w.incident(seq)).reminders?.[`followup-${n}`];
  const lastAt = Date.parse(state?.lastAt ?? '');
  const dueAt = Math.max((await addedAt(w, seq, n)) + EVERY_MS * (sent + 1), lastAt + EVERY_MS);
  return { kind: 'followup', followup: n, attempt: sent + 1, dueAt };
}

describe('follow-up reminders', () => {
  test('GIVEN a follow-up owned by bob WHEN the incident is closed right after THEN bob is reminded in the room after closing, every `followup_after` minutes, with Done / Snooze / Dismiss, and no more than `max_nags` times', async () => {
    const w = world();
    const opened = await w.open('sev1');
    const ana = w.inRoom(w.ana, opened);
    // Nothing runs until the incident is closed: on a loaded machine the close could otherwise take
    // longer than the 5 minutes (200 ms) the first nag waits, and the nag come while it is still open.
    await worker().pause();
    await w.command(ana, 'followup Rotate the scheduling tool API keys @U0BOB');
    await w.command(ana, 'close The spam is gone and the account is ours again.');
    const closedAt = Date.now();
    worker().resume();
    expect((await w.incident(opened.seq)).status).toBe('resolved');
    const added = await addedAt(w, opened.seq);

    const first = await nth(w, opened, 1);
    expect(first.at).toBeGreaterThanOrEqual(closedAt);
    // Planned `followup_after` after the follow-up was added exactly, and never posted before.
    expect(first.job).toMatchObject({ kind: 'followup', followup: 1, attempt: 1 });
    expect(plannedDue(first)).toBe(added + EVERY_MS);
    expect(first.at).toBeGreaterThanOrEqual(added + EVERY_MS);
    expect(first.text).toContain('Follow-up F1 is still open: Rotate the scheduling tool API keys');
    expect(first.text).toContain('<@U0BOB>, this one is yours');
    expect(first.card.buttons?.map((b) => b.label)).toEqual([
      'Done',
      'Snooze 30 min',
      'Snooze 60 min',
      'Snooze 90 min',
      'Dismiss',
    ]);

    const second = await nth(w, opened, 2);
    const third = await nth(w, opened, 3);
    // Each planned at least `followup_after` after the one before (as planned: the wall-clock gap would
    // shrink when one ran late), and never posted before its due time.
    for (const [prev, next] of [
      [first, second],
      [second, third],
    ] as const) {
      expect(plannedDue(next) - plannedDue(prev)).toBeGreaterThanOrEqual(EVERY_MS);
      expect(next.at).toBeGreaterThanOrEqual(plannedDue(next));
    }
    expect([second.job?.attempt, third.job?.attempt]).toEqual([2, 3]);
    // Once the third nag is counted and no follow-up job is left to run (none delayed, none under way),
    // no fourth can come, without waiting to see.
    await waitFor(
      async () =>
        (await w.incident(opened.seq)).reminders?.['followup-1']?.nags === policy.maxNags &&
        (await w.pendingJobsOf(opened.seq)).every((job) => job.data.kind !== 'followup'),
      PATIENCE_MS,
      'the third nag to be counted, and no follow-up job left',
    );
    expect(nags(w, opened)).toHaveLength(policy.maxNags);
    const queued = await w.delayedJobsOf(opened.seq);
    expect(queued.filter((job) => job.data.kind === 'followup')).toEqual([]);
  });

  test('GIVEN a follow-up added after closing WHEN lena presses Done on its first reminder THEN it is done on the record and the next reminder, already queued, stays silent', async () => {
    const w = world();
    // No job runs until the incident is closed: one running meanwhile (step 1 is due at 1 min, 40 ms)
    // could queue its successor just after the close, on a slow machine.
    await worker().pause();
    const opened = await w.open('sev1');
    const ana = w.inRoom(w.ana, opened);
    await w.command(ana, 'close The spam is gone.');
    // Nothing of the incident is left in the queue once it is closed without follow-ups.
    expect(await w.delayedJobsOf(opened.seq)).toEqual([]);
    worker().resume();

    // The next nag is held just before it runs until Done is pressed: pressed while the next one is
    // queued, however slow the machine (it is due only 5 min = 200 ms after the first).
    let release = () => {};
    const pressed = new Promise<void>((resolve) => {
      release = resolve;
    });
    w.beforeFire = async (job) => {
      if (job.kind === 'followup' && job.attempt === 2) await pressed;
    };
    let next: Reminder;
    try {
      await w.command(ana, 'followup Brief support on the refund policy @U0BOB');
      const first = await nth(w, opened, 1);
      await waitFor(
        async () => (await w.incident(opened.seq)).reminders?.['followup-1']?.nags === 1,
        PATIENCE_MS,
        'the first nag to be counted',
      );
      next = await nextNag(w, opened.seq, 1);
      await waitFor(
        async () =>
          (await w.pendingJobsOf(opened.seq)).some(
            (job) => job.data.kind === 'followup' && job.data.attempt === 2 && job.data.dueAt === next?.dueAt,
          ),
        PATIENCE_MS,
        'the next nag to be queued',
      );

      await w.press(w.inRoom(w.lena, opened), button(first.card, 'Done'));
    } finally {
      release();
    }
    const incident = await w.incident(opened.seq);
    expect(incident.status).toBe('resolved');
    expect(incident.followups?.[0]?.done).toMatchObject({ by: 'U0LENA' });
    expect((await w.timeline(opened.seq)).at(-1)).toMatchObject({
      kind: 'followup-done',
      n: 1,
      by: 'U0LENA',
    });
    expect(w.chat.textsIn(opened.room)).toContain(
      'Follow-up F1 marked done by <@U0LENA>: Brief support on the refund policy',
    );
    await w.jobDone(opened.seq, next);
    expect(nags(w, opened)).toHaveLength(1);
  });

  test('GIVEN two follow-ups of a closed incident WHEN bob dismisses the reminder of F1 THEN the dismissal is recorded, F1 stays silent and F2 keeps reminding', async () => {
    const w = world();
    const opened = await w.open('sev1');
    const ana = w.inRoom(w.ana, opened);
    await w.command(ana, 'close The spam is gone.');
    await w.command(ana, 'followup Rotate the API keys @U0BOB');
    await w.command(ana, 'followup Thank the customers who warned us @U0LENA');
    const first = await nth(w, opened, 1, 1);
    await waitFor(
      async () => (await w.incident(opened.seq)).reminders?.['followup-1']?.nags === 1,
      PATIENCE_MS,
      'the first nag of F1 to be counted',
    );
    const next = await nextNag(w, opened.seq, 1, 1);

    await w.press(w.inRoom(w.bob, opened), button(first.card, 'Dismiss'));
    expect((await w.timeline(opened.seq)).at(-1)).toMatchObject({
      kind: 'reminder-dismissed',
      reminder: 'followup-1',
      by: 'U0BOB',
    });

    await w.jobDone(opened.seq, next);
    await nth(w, opened, 2, 2);
    expect(nags(w, opened, 1)).toHaveLength(1);
    expect(nags(w, opened, 2)[0]?.text).toContain('<@U0LENA>, this one is yours');
  });
});
