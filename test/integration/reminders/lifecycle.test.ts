/**
 * Lifecycle of an incident's jobs on a real BullMQ queue (one playbook minute = 40 ms): closing removes
 * them, a job of a closed incident does nothing, and scheduling the same incident again adds nothing.
 */

import type { Reminder } from '../../../src/core/reminders';
import type { Incident } from '../../../src/core/types';
import { PATIENCE_MS } from '../../support/patience';
import { MINUTE_MS, type ReminderWorld, stepReminder, useReminders, waitFor } from './reminder-world';

const { world, worker, startWorker } = useReminders();

/**
 * Marks an incident resolved in the store without removing its jobs, as when a job was queued by another
 * process at the moment it closed.
 */
async function resolveOnly(w: ReminderWorld, seq: number): Promise<Incident> {
  const stored = await w.store.update(w.workspace, seq, (current) => {
    const at = new Date().toISOString();
    return {
      change: {
        incident: { ...current, status: 'resolved' as const, resolvedAt: at, updatedAt: at },
        events: [],
      },
    };
  });
  const closed = stored?.change?.incident;
  if (!closed) throw new Error(`incident #${seq} could not be closed`);
  return closed;
}

/**
 * The ids of an incident's queued jobs: delayed, or waiting (one whose due time had passed when it was
 * queued, as step 1's 40 ms can on a slow machine, goes straight to waiting).
 */
const sortedIds = async (w: ReminderWorld, seq: number) =>
  (await w.pendingJobsOf(seq)).map((job) => job.id ?? '').sort();

describe('a closed incident', () => {
  test('GIVEN #1 reminded once and #2 open WHEN `/crisis close` resolves #1 THEN its delayed jobs are gone from the queue, #2 keeps its own, and #1 gets no more reminders', async () => {
    const w = world();
    const one = await w.open('sev1');
    const two = await w.open('sev1');
    // Step 1 is reminded one minute in: #1 was live before it closed.
    await waitFor(() => w.chat.reminders(one.room).length > 0);
    expect((await w.delayedJobsOf(one.seq)).length).toBeGreaterThan(0);

    // No job runs while #1 closes: one running meanwhile (step 2 is due at 5 min, 200 ms) could queue
    // its successor just after the close on a slow machine (it would stay silent: checked below).
    await worker().pause();
    await w.command(w.inRoom(w.ana, one), 'close The spam is gone and the account is ours again.');
    expect((await w.incident(one.seq)).status).toBe('resolved');
    const remindedBeforeClosing = w.chat.reminders(one.room).length;

    expect(await w.delayedJobsOf(one.seq)).toEqual([]);
    expect((await w.delayedJobsOf(two.seq)).length).toBeGreaterThan(0);
    worker().resume();
    // #2's first cadence reminder (20 min) comes after everything #1 had queued up to then.
    // Generous: only "it did come" (the worker has every job of both incidents to run first).
    await waitFor(() => w.chat.reminders(two.room).some((r) => r.key === 'cadence'), PATIENCE_MS);
    expect(w.chat.reminders(one.room)).toHaveLength(remindedBeforeClosing);
  });

  test('GIVEN an incident resolved without cancelling its jobs WHEN they fire THEN each re-checks the incident and posts nothing', async () => {
    const w = world();
    // Every job runs after the incident is resolved (step 1 is due at 1 min, 40 ms: on a slow machine it
    // could otherwise run before, and post).
    await worker().pause();
    const opened = await w.open('sev1');
    await resolveOnly(w, opened.seq);
    const before = w.chat.reminders(opened.room).length;
    worker().resume();

    await w.jobDone(opened.seq, stepReminder(opened, 1, 1, 5));
    await w.jobDone(opened.seq, { kind: 'cadence', attempt: 1, dueAt: opened.openedAt + 20 * MINUTE_MS });

    expect(w.chat.reminders(opened.room)).toHaveLength(before);
    // Nothing new was queued by the jobs that ran either.
    const queued = await w.delayedJobsOf(opened.seq);
    expect(queued.filter((job) => job.timestamp > opened.openedAt + 5 * MINUTE_MS)).toEqual([]);
  });
});

describe('scheduling twice', () => {
  test('GIVEN an incident just scheduled at opening WHEN it is synced twice more (once concurrently) THEN the queue holds the same jobs, the delayed count unchanged', async () => {
    const w = world();
    // A paused worker takes nothing off the queue, so its jobs only change if sync adds or replaces some.
    await worker().pause();
    try {
      const opened = await w.open('sev1');
      const ids = await sortedIds(w, opened.seq);
      // The next reminder of each kind: a step, the cadence, the no-lead and stale nags.
      expect(ids.length).toBeGreaterThanOrEqual(4);

      const incident = await w.incident(opened.seq);
      await Promise.all([w.scheduler.sync(incident), w.scheduler.sync(incident)]);
      await w.scheduler.sync(incident);

      expect(await sortedIds(w, opened.seq)).toEqual(ids);
    } finally {
      await worker().resume();
    }
  });

  test('GIVEN an incident synced three times and worked by two workers (two calma processes) WHEN its reminders come due THEN each is posted exactly once', async () => {
    const w = world();
    const second = await startWorker();
    // No job runs while the scene is set: on a loaded machine the no-lead nag (10 min, 400 ms) could
    // otherwise come before the lead is named.
    await Promise.all([worker().pause(), second.pause()]);
    const opened = await w.open('sev1');
    // With a lead there is no no-lead nag, whose repeats (10, 20 min) would read the same as a duplicate.
    await w.command(w.inRoom(w.ana, opened), 'role lead @U0LENA');
    const incident = await w.incident(opened.seq);
    await Promise.all([w.scheduler.sync(incident), w.scheduler.sync(incident)]);
    worker().resume();
    second.resume();

    // Step 1 reminded, step 2 escalated (15 min), the first cadence (20 min). An incident has one queued
    // job per kind, so its step reminders run one after another: on a loaded machine they fall behind
    // the cadence's, and each is waited for on its own.
    const stepOne = stepReminder(opened, 0, 1, 1);
    const stepTwoEscalated = stepReminder(opened, 1, 2, 15);
    const firstCadence: Reminder = { kind: 'cadence', attempt: 1, dueAt: opened.openedAt + 20 * MINUTE_MS };
    for (const reminder of [stepOne, stepTwoEscalated, firstCadence]) await w.jobDone(opened.seq, reminder);

    const posted = w.chat.reminders(opened.room);
    const planned = posted.map((post) => (post.job ? w.jobIdOf(opened.seq, post.job) : post.text));
    const postsOf = (reminder: Reminder) => {
      const id = w.jobIdOf(opened.seq, reminder);
      return posted.filter((_, i) => planned[i] === id).map((post) => post.card.title);
    };
    expect(postsOf(stepOne)).toEqual(['⏰ Step 1 is due: Open the incident and take the lead']);
    expect(postsOf(stepTwoEscalated)).toEqual([expect.stringMatching(/^⏰ Step 2 is still open/)]);
    expect(postsOf(firstCadence)).toEqual(['📣 Time for a public status update']);
    // Whichever worker ran it, whatever the syncs queued: no planned reminder was posted twice.
    expect(planned.filter((id, i) => planned.indexOf(id) !== i)).toEqual([]);
    expect(posted.filter((post) => post.key === 'no-lead')).toEqual([]);
  });
});
