import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { pendingDeliveries } from '../core/statement';
import type { Incident } from '../core/types';
import type { ApprovalRequestJob, Outbox, OutboxJob } from '../ports/outbox';
import { BOUNDED_EVENTS } from './events';
import type { QueueSettings } from './reminder-queue';

/** One delivery of a published statement, or (`guard`) the check that every delivery was queued. */

export interface OutboxSettings extends QueueSettings {
  /** First retry delay; each retry doubles it up to `maxRetryMs`. */
  retryBaseMs: number;
  maxRetryMs: number;
  attempts: number;
  /** How long after an approval its guard checks that the deliveries were queued. */
  guardDelayMs: number;
}

/**
 * Retries: 2, 4, 8… s, then every 5 minutes, 30 attempts in all: about two hours of a chat platform or
 * a target being down before a delivery is given up and reported in the room and in `/crisis status`.
 */
export const defaultOutboxTiming = {
  retryBaseMs: 2000,
  maxRetryMs: 5 * 60_000,
  attempts: 30,
  guardDelayMs: 15_000,
};

/** One id per delivery: queuing it again (a retried click, the guard) is a no-op. No ':' in BullMQ ids. */
export function deliveryId(job: OutboxJob): string {
  const workspace = encodeURIComponent(job.workspace).replace(/[.:]/g, '_');
  return [workspace, job.seq, `s${job.n}`, job.destination.replace(/:/g, '-')].join('.');
}

/** An approval request's id: one per approver and statement version. */
export function requestId(job: ApprovalRequestJob): string {
  const part = (text: string) => encodeURIComponent(text).replace(/[.:%]/g, '_');
  return [part(job.workspace), job.seq, `s${job.n}`, `v${job.version}`, `request-${part(job.user)}`].join(
    '.',
  );
}

export class BullOutbox implements Outbox {
  readonly queue: Queue<OutboxJob | ApprovalRequestJob>;

  constructor(private readonly settings: OutboxSettings) {
    this.queue = new Queue<OutboxJob | ApprovalRequestJob>(settings.name, {
      connection: settings.connection,
      prefix: settings.prefix,
      streams: BOUNDED_EVENTS,
      defaultJobOptions: {
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
        attempts: settings.attempts,
        backoff: { type: 'capped' },
      },
    });
  }

  async guard(incident: Incident, n: number): Promise<void> {
    const data: OutboxJob = { workspace: incident.workspace, seq: incident.seq, n, destination: 'guard' };
    // Unique: every approval that may publish gets its own check.
    await this.queue.add('guard', data, {
      jobId: `${deliveryId(data)}.${randomUUID()}`,
      delay: this.settings.guardDelayMs,
      attempts: 3,
      removeOnComplete: true,
    });
  }

  async deliver(incident: Incident, n: number): Promise<void> {
    const jobs = pendingDeliveries(incident)
      .filter((d) => d.n === n)
      .map(({ destination }) => ({ workspace: incident.workspace, seq: incident.seq, n, destination }));
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((data) => ({ name: 'deliver', data, opts: { jobId: deliveryId(data) } })),
    );
  }

  /** Retried like a delivery; gone once delivered, and a failed one once its link has expired. */
  async request(job: ApprovalRequestJob): Promise<void> {
    const keepSeconds = Math.max(1, Math.ceil((job.expires - Date.now()) / 1000));
    await this.queue.add('request', job, {
      jobId: requestId(job),
      removeOnComplete: true,
      removeOnFail: { age: keepSeconds },
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * Works the outbox: `run` delivers one job and is told whether this is its last attempt, so it can
 * record a delivery that failed for good. Several processes may work one queue; each job runs once.
 */
export function startOutboxWorker(
  settings: OutboxSettings,
  /** `rerun`: BullMQ started this job before (its process died, or its run failed). */
  run: (
    job: OutboxJob | ApprovalRequestJob,
    id: string,
    lastAttempt: boolean,
    rerun: boolean,
  ) => Promise<void>,
  concurrency = 8,
): Worker<OutboxJob | ApprovalRequestJob> {
  return new Worker<OutboxJob | ApprovalRequestJob>(
    settings.name,
    async (job: Job<OutboxJob | ApprovalRequestJob>) =>
      run(
        job.data,
        job.id ?? ('kind' in job.data ? requestId(job.data) : deliveryId(job.data)),
        job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
        job.attemptsStarted > 1,
      ),
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency,
      settings: {
        backoffStrategy: (attemptsMade: number) =>
          Math.min(settings.retryBaseMs * 2 ** Math.max(0, attemptsMade - 1), settings.maxRetryMs),
      },
    },
  );
}
