import { createHash, randomBytes } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Deps } from '../app/deps';
import type { AlertStore } from '../ports/alert-store';
import { type AlertJob, alertQueueName } from './intake';
import {
  type AlertDesk,
  type AlertOutcome,
  type AlertSettings,
  type DigestJob,
  processAlert,
  runDigest,
} from './process';

/** The job name of a digest (alert jobs are named after their source). */
const DIGEST = 'digest';

export interface AlertWorkerOptions {
  redisUrl: string;
  /** BullMQ's key prefix (calma's `redis.key_prefix`). */
  prefix: string;
  /** Works `alerts-<platform>`: the queue the door fills for this chat platform. */
  platform: string;
  /** Alerts processed at once (default 16): repeats of one group queue on the incident anyway. */
  concurrency?: number;
}

export interface AlertWorkerService {
  /** Starts working the queue with these dependencies (they carry the chat that posts). */
  work(deps: Deps & { alerts: AlertStore }, settings: AlertSettings): void;
  /** Resolves when no alert job is waiting or running (digests aside): for tests and benches. */
  idle(timeoutMs?: number): Promise<void>;
  /** Called with each processed alert's outcome (tests, benches, metrics). */
  onProcessed(listener: (outcome: AlertOutcome, job: AlertJob) => void): void;
  stop(): Promise<void>;
}

/**
 * The worker of the alert queue `alerts-<platform>` and the digests it schedules there (one delayed job
 * per group window that held alerts back: only the first alert held back queues it). Several processes may work the queue: what one
 * alert does is decided in Redis (AlertStore), never in memory.
 */
export function alertWorkerService(options: AlertWorkerOptions): AlertWorkerService {
  const name = alertQueueName(options.platform);
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<AlertJob | DigestJob>(name, { connection, prefix: options.prefix });
  const listeners: ((outcome: AlertOutcome, job: AlertJob) => void)[] = [];
  let worker: Worker<AlertJob | DigestJob> | null = null;

  const digest = async (job: DigestJob, delayMs: number) => {
    const key = createHash('sha1')
      .update(`${job.workspace}|${job.target}|${job.group}`)
      .digest('hex')
      .slice(0, 12);
    await queue.add(DIGEST, job, {
      jobId: `${DIGEST}.${key}.${Date.now()}.${randomBytes(3).toString('hex')}`,
      delay: Math.max(0, delayMs),
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    });
  };

  return {
    work(deps, settings) {
      const desk: AlertDesk = { deps, alerts: deps.alerts, settings, digest };
      worker = new Worker<AlertJob | DigestJob>(
        name,
        async (job: Job<AlertJob | DigestJob>) => {
          if (job.name === DIGEST) return runDigest(desk, job.data as DigestJob);
          const data = job.data as AlertJob;
          const outcome = await processAlert(desk, data, job.id ?? `${data.delivery}.${data.index}`);
          for (const listener of listeners) listener(outcome, data);
          return outcome.kind;
        },
        { connection, prefix: options.prefix, concurrency: options.concurrency ?? 16 },
      );
      worker.on('failed', (job, error) =>
        deps.log.warn({ err: error, job: job?.id, attempts: job?.attemptsMade }, 'alert processing failed'),
      );
    },
    async idle(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [waiting, active, delayed] = await Promise.all([
          queue.getWaitingCount(),
          queue.getActiveCount(),
          queue.getJobs(['delayed']),
        ]);
        // A failed attempt waits (delayed) for its retry: still to do. Digests are the queue's own business.
        const retries = delayed.filter((job) => job.name !== DIGEST).length;
        if (waiting + active + retries === 0) return;
        if (Date.now() > until) throw new Error(`alerts still queued after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    onProcessed(listener) {
      listeners.push(listener);
    },
    async stop() {
      await worker?.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
