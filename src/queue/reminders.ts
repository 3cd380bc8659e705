import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { postMissed } from '../app/catch-up';
import type { Deps } from '../app/deps';
import { fireReminder } from '../app/remind';
import type { ReminderPolicy } from '../core/reminders';
import type { PlaybookRegistry } from '../playbook/registry';
import { CatchUp } from './catch-up';
import { type QueueSettings, ReminderScheduler, startReminderWorker } from './reminder-queue';

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

/** The reminder queue of one chat platform and, once `work` is called, its worker. */
export function reminders(options: RemindersOptions): Reminders {
  // BullMQ blocks on its connection while waiting for jobs: it needs its own, with no retry limit.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
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
      // What fell due well before this moment was missed while calma was away: one card per incident.
      catchUp = new CatchUp(settings, connection, now(), options.minuteMs, now, options.gatherMs);
      const missed = catchUp;
      worker = startReminderWorker(
        settings,
        (job, id) => (missed.missed(job) ? missed.keep(job, id) : fireReminder(deps, job, id)),
        {
          catchUp: (job, token) =>
            missed.run(job, token, (jobs, id) =>
              postMissed(deps, job.data.workspace, job.data.seq, jobs, id),
            ),
        },
      );
      worker.on('failed', (job, error) => deps.log.error({ err: error, job: job?.id }, 'reminder failed'));
    },
    async stop() {
      await worker?.close();
      await catchUp?.close();
      await scheduler.close();
      connection.disconnect();
    },
  };
}
