/**
 * Only the next reminder of each kind is queued, for real (BullMQ on Redis, one playbook minute = 40 ms,
 * the shipped hacked-account playbook): an incident's queue holds a handful of jobs, not its whole plan;
 * a fired job queues its successor; a job run again after its process died posts nothing twice and
 * still queues what comes next; and what an incident leaves in Redis stays small.
 */
import type { Redis } from 'ioredis';
import { fireReminder } from '../../../src/app/remind';
import { plan } from '../../../src/core/reminders';
import { chainId } from '../../../src/queue/reminder-queue';
import { incidentWorkload } from '../../support/incident-workload';
import { testRedis } from '../../support/redis';
import { stepReminder, until, useReminders, waitFor } from './reminder-world';

const { world, worker, startWorker, takeFailures } = useReminders();

let redis: Redis;
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  await redis.quit();
});

/** The bound for the incident of the workload (5 notes, 1 statement, 3 step changes). */
const MAX_BYTES = 20 * 1024;

describe('the next reminder of each kind, not the whole plan', () => {
  test('GIVEN a SEV1 that went through 5 notes, a statement and 3 step changes WHEN nothing has fallen due yet THEN its queue holds one job per kind of reminder, each the earliest its plan wants, far fewer than the plan', async () => {
    const w = world();
    await worker().pause();
    try {
      const seq = await incidentWorkload(w.deps, w.workspace);

      const incident = await w.incident(seq);
      const clock = w.deps.playbooks.clock(incident);
      if (!clock) throw new Error('no playbook clock');
      const wanted = plan(incident, clock, w.deps.policy, w.deps.minuteMs, Date.now());
      const queued = await w.pendingJobsOf(seq);
      const kinds = queued.map((job) => job.data.kind);
      expect(new Set(kinds).size).toBe(kinds.length);
      expect(new Set(kinds)).toEqual(new Set(wanted.map((r) => r.kind)));
      // A job due already (step 1's, a minute in) waits for the worker, which re-checks it then. The
      // cadence plans its next beat not before a given instant: one due already (the workload outran its
      // 20 min on a loaded machine) stays queued, and is the earliest of the plan as of its own due time.
      for (const job of await w.delayedJobsOf(seq)) {
        const asOf = plan(
          incident,
          clock,
          w.deps.policy,
          w.deps.minuteMs,
          Math.min(job.data.dueAt, Date.now()),
        );
        const earliest = Math.min(...asOf.filter((r) => r.kind === job.data.kind).map((r) => r.dueAt));
        expect(job.data.dueAt).toBe(earliest);
      }
      expect(queued.length).toBeLessThan(wanted.length / 2);
    } finally {
      worker().resume();
    }
  });

  test('GIVEN a SEV1 whose first step reminder (1 min) is its only step job WHEN it fires THEN the next step reminder (step 2, 5 min) is queued in its place, and posted on time', async () => {
    const w = world();
    await worker().pause();
    const opened = await w.open('sev1');
    const steps = async () =>
      (await w.pendingJobsOf(opened.seq)).filter((job) => job.data.kind === 'step').map((job) => job.id);
    expect(await steps()).toEqual([w.jobIdOf(opened.seq, stepReminder(opened, 0, 1, 1))]);
    worker().resume();

    await w.jobDone(opened.seq, stepReminder(opened, 0, 1, 1));
    expect(await steps()).toEqual([w.jobIdOf(opened.seq, stepReminder(opened, 1, 1, 5))]);
    await waitFor(() => w.chat.reminders(opened.room).some((r) => r.key === 'step-1'));
  });
});

describe('a process dying between a reminder and its successor', () => {
  test('GIVEN a process that posted step 1’s reminder and recorded it, then died before queuing what comes next WHEN another process runs the job again THEN step 1 is not posted twice, and the next step reminders still come, once each', async () => {
    const w = world();
    await worker().pause();
    const opened = await w.open('sev1');
    const first = stepReminder(opened, 0, 1, 1);
    await until(first.dueAt);
    // The dying process: it posts and records step 1, then its summary redraw (the step now shows as
    // overdue) fails and it is gone.
    w.chat.fail('update');
    await expect(
      fireReminder(
        w.deps,
        { workspace: w.workspace, seq: opened.seq, ...first },
        w.jobIdOf(opened.seq, first),
      ),
    ).rejects.toThrow();
    w.chat.heal('update');
    expect(w.chat.reminders(opened.room).map((r) => r.key)).toEqual(['step-0']);

    // Another process: the job is still queued, and runs.
    await startWorker();
    await w.jobDone(opened.seq, stepReminder(opened, 1, 1, 5));
    await waitFor(() => w.chat.reminders(opened.room).some((r) => r.key === 'step-1'));
    const keys = w.chat.reminders(opened.room).map((r) => r.key);
    expect(keys.filter((k) => k === 'step-0')).toHaveLength(1);
    expect(keys.filter((k) => k === 'step-1')).toHaveLength(1);
  });

  test('GIVEN a process that posted the no-lead nag (10 min) and died before recording it WHEN the job runs again THEN the nag is not posted again, counts once, and the next one comes an interval later', async () => {
    const w = world();
    await worker().pause();
    const opened = await w.open('sev1');
    const nag = { kind: 'no-lead' as const, attempt: 1, dueAt: opened.openedAt + 10 * w.deps.minuteMs };
    // What the dying process left: the nag's claim confirmed (it was posted), nothing recorded.
    await w.store.confirm(`reminder:${w.jobIdOf(opened.seq, nag)}`, 60);
    worker().resume();

    // The next nag comes an interval (10 min) after the first was counted, and is counted in turn.
    await waitFor(async () => (await w.incident(opened.seq)).reminders?.['no-lead']?.nags === 2);
    const nags = w.chat.reminders(opened.room).filter((r) => r.key === 'no-lead');
    expect(nags).toHaveLength(1);
    expect(nags[0]?.at).toBeGreaterThanOrEqual(opened.openedAt + 20 * w.deps.minuteMs);
  });
});

describe('a reminder given up', () => {
  test('GIVEN step 1’s reminder on its last attempt WHEN posting fails (the platform is down) THEN it is given up (never posted) and the step reminders go on: step 2’s comes once the platform is back', async () => {
    const w = world();
    await worker().pause();
    const opened = await w.open('sev1');
    const first = stepReminder(opened, 0, 1, 1);
    // Step 1's job as it is on its last attempt: one attempt left.
    // Delayed or waiting: on a slow machine step 1 (due at 40 ms) was already due when it was queued.
    for (const job of await w.pendingJobsOf(opened.seq)) if (job.data.kind === 'step') await job.remove();
    await w.queue.add(
      'step',
      { workspace: w.workspace, seq: opened.seq, ...first },
      {
        jobId: w.jobIdOf(opened.seq, first),
        attempts: 1,
        delay: Math.max(0, first.dueAt - Date.now()),
        deduplication: {
          id: chainId(w.workspace, opened.seq, 'step'),
          replace: true,
          keepLastIfActive: true,
        },
      },
    );
    w.chat.fail('post');
    worker().resume();

    await waitFor(() => takeFailures().length > 0);
    w.chat.heal('post');
    await waitFor(() => w.chat.reminders(opened.room).some((r) => r.key === 'step-1'));
    // Step 1's own reminder never came (its escalation, a reminder of its own, may have).
    const step1Due = w.chat
      .reminders(opened.room)
      .filter((r) => r.key === 'step-0' && r.text.includes('is due'));
    expect(step1Due).toEqual([]);
    takeFailures();
  });
});

describe('Redis memory of an incident', () => {
  test('GIVEN a SEV1 that went through 5 notes, a statement and 3 step changes WHEN its keys are weighed THEN they hold under 20 KB (the incident, its timeline, its reminder jobs)', async () => {
    const w = world();
    await worker().pause();
    try {
      await incidentWorkload(w.deps, w.workspace);
      // Every key of the incident names its workspace: the store's, and its reminder jobs in the queue.
      let bytes = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `*${w.workspace}*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) bytes += Number(await redis.memory('USAGE', key, 'SAMPLES', '0'));
      } while (cursor !== '0');
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(MAX_BYTES);
    } finally {
      worker().resume();
    }
  });
});
