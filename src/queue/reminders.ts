import type { Worker } from 'bullmq';
import { postMissed } from '../app/catch-up';
import type { Deps } from '../app/deps';
import { fireReminder, giveUpReminder } from '../app/remind';
import { plan, type ReminderPolicy } from '../core/reminders';
import type { PlaybookRegistry } from '../playbook/registry';
import type { ReminderJob } from '../ports/scheduler';
import { redisClient } from '../redis/connect';
import { CatchUp } from './catch-up';
import { outageLog } from './outage-log';
import { jobId, type QueueSettings, ReminderScheduler, startReminderWorker } from './reminder-queue';

export interface RemindersOptions {
  redisUrl: string;
  /** calma's key prefix, used as BullMQ's. */
  prefix: string;
  /** `console`, `slack`, `discord`: each platform has its own queue, worked by the processes serving it. */
  platform: string;
  playbooks: PlaybookRegistry;
  policy: ReminderPolicy;
  minuteMs: number;
  /** How long the card of missed reminders waits for their burst to end (src/queue/catch-up.ts). */
  gatherMs?: number;
}

export interface Reminders {
  scheduler: ReminderScheduler;
  /** Starts working the queue: reminders are posted through `deps.chat`. */
  work(deps: Deps): void;
  stop(): Promise<void>;
}

/**
 * The reminders of `job`'s kind that fell due after it and at or before `cutoff` (epoch ms), as the
 * incident plans them: the later steps and escalations, the cadence's later beats. They were never
 * queued (a fired job queues its successor), so the card of missed reminders takes them with it.
 */
async function missedAlong(
  deps: Deps,
  job: ReminderJob,
  cutoff: number,
): Promise<{ job: ReminderJob; id: string }[]> {
  const incident = await deps.store.get(job.workspace, job.seq);
  const clock = incident && deps.playbooks.clock(incident);
  if (!incident || !clock) return [];
  const along: ReminderJob[] = [];
  let last = job.dueAt;
  // The cadence plans one beat at a time (the next one not before `at`); the others plan all of theirs.
  for (let beat = 0; beat < 100; beat++) {
    const later = plan(incident, clock, deps.policy, deps.minuteMs, last + 1)
      .filter((r) => r.kind === job.kind && r.dueAt > last && r.dueAt <= cutoff)
      .sort((a, b) => a.dueAt - b.dueAt || a.attempt - b.attempt);
    if (later.length === 0) break;
    along.push(...later.map((r) => ({ ...r, workspace: job.workspace, seq: job.seq })));
    last = later[later.length - 1]?.dueAt ?? cutoff;
  }
  return along.map((r) => ({ job: r, id: jobId(r) }));
}

/** The reminder queue of one chat platform and, once `work` is called, its worker. */
export function reminders(options: RemindersOptions): Reminders {
  // BullMQ blocks on its connection while waiting for jobs: it needs its own, with no retry limit.
  const connection = redisClient(options.redisUrl, { maxRetriesPerRequest: null });
  const settings: QueueSettings = {
    connection,
    prefix: options.prefix,
    name: `reminders-${options.platform}`,
  };
  const scheduler = new ReminderScheduler(settings, options.playbooks, options.policy, options.minuteMs);
  let worker: Worker | null = null;
  let catchUp: CatchUp | null = null;
  return {
    scheduler,
    work(deps) {
      const now = () => deps.clock.now().getTime();
      scheduler.latest = (workspace, seq) => deps.store.get(workspace, seq);
      // What fell due well before this moment was missed while calma was away: one card per incident.
      catchUp = new CatchUp(settings, connection, now(), options.minuteMs, now, options.gatherMs);
      const missed = catchUp;
      scheduler.missedUntil = missed.cutoff;
      worker = startReminderWorker(
        settings,
        async (job, id, rerun) => {
          if (!missed.missed(job)) return fireReminder(deps, job, id, rerun);
          // Only the next reminder of a kind had a job: its later ones missed as well join it.
          const along = await missedAlong(deps, job, missed.cutoff);
          for (const m of [{ job, id }, ...along]) await missed.keep(m.job, m.id);
          // What comes after them is queued now, to come on time, not when the card is posted.
          const incident = await deps.store.get(job.workspace, job.seq);
          if (incident) await scheduler.sync(incident, { kinds: [job.kind], after: job.dueAt + 1 });
        },
        {
          giveUp: async (job) => {
            deps.log.error({ workspace: job.workspace, seq: job.seq, kind: job.kind }, 'reminder given up');
            await giveUpReminder(deps, job);
          },
          catchUp: (job, token) =>
            missed.run(job, token, (jobs, id) =>
              postMissed(deps, job.data.workspace, job.data.seq, jobs, id),
            ),
        },
      );
      worker.on('failed', (job, error) => deps.log.error({ err: error, job: job?.id }, 'reminder failed'));
      const unreachable = outageLog(deps.log, 'reminders queue', connection);
      scheduler.queue.on('error', unreachable);
      missed.queue.on('error', unreachable);
      worker.on('error', unreachable);
    },
    async stop() {
      await worker?.close();
      await catchUp?.close();
      await scheduler.close();
      connection.disconnect();
    },
  };
}
