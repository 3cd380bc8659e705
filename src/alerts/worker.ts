import { createHash, randomBytes } from 'node:crypto';
import { DelayedError, type Job, Queue, Worker } from 'bullmq';
import type { Deps } from '../app/deps';
import { routeAlert } from '../core/alert-route';
import type { AlertStore } from '../ports/alert-store';
import { BOUNDED_EVENTS } from '../queue/events';
import { outageLog } from '../queue/outage-log';
import { redisClient } from '../redis/connect';
import { type AlertJob, type AlertLane, alertQueueName, intakeStreamKey } from './intake';
import {
  type AlertDesk,
  type AlertOutcome,
  type AlertSettings,
  type DigestJob,
  keysOf,
  processAlert,
  runDigest,
} from './process';
import { AlertRelay } from './relay';

/** The job name of a digest (alert jobs are named after their source). */
const DIGEST = 'digest';

export interface AlertWorkerOptions {
  redisUrl: string;
  /** BullMQ's key prefix (calma's `redis.key_prefix`). */
  prefix: string;
  /** Works `alerts-<platform>`: the queue the door fills for this chat platform. */
  platform: string;
  /** Triage-lane alerts processed at once (default 16): repeats of one group queue on the incident anyway. */
  concurrency?: number;
  /** Open-lane alerts processed at once (default 16): each opens an incident (or joins one). */
  openConcurrency?: number;
}

export interface AlertWorkerService {
  /** Starts working the queue with these dependencies (they carry the chat that posts). */
  work(deps: Deps & { alerts: AlertStore }, settings: AlertSettings): void;
  /** Resolves when no alert job is waiting, running or due later, in either lane (digests aside): for tests and benches. */
  idle(timeoutMs?: number): Promise<void>;
  /** Called with each processed alert's outcome (tests, benches, metrics). */
  onProcessed(listener: (outcome: AlertOutcome, job: AlertJob) => void): void;
  stop(): Promise<void>;
}

/**
 * The workers of a platform's two alert lanes (docs/alerts.md, "Lanes and the posting pace"): the open
 * lane `alerts-<platform>-open` and the triage lane `alerts-<platform>`, each with its own slots, plus
 * the digests scheduled in the triage lane (one delayed job per group window that held alerts back: only
 * the first alert held back queues it). Several processes may work the queues: what one alert does is
 * decided in Redis (AlertStore), never in memory.
 *
 * A triage-lane alert that would post a new card while the triage channel's pace is more than a turn
 * away gives its slot back: before doing anything, the job is moved to delayed until the channel's
 * backlog has gone out, and then runs from the start (asking again).
 */
export function alertWorkerService(options: AlertWorkerOptions): AlertWorkerService {
  const name = alertQueueName(options.platform);
  const openName = alertQueueName(options.platform, 'open');
  const connection = redisClient(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<AlertJob | DigestJob>(name, {
    connection,
    prefix: options.prefix,
    streams: BOUNDED_EVENTS,
  });
  const openQueue = new Queue<AlertJob>(openName, {
    connection,
    prefix: options.prefix,
    streams: BOUNDED_EVENTS,
  });
  const listeners: ((outcome: AlertOutcome, job: AlertJob) => void)[] = [];
  const workers: Worker<AlertJob | DigestJob>[] = [];
  const streams = [name, openName].map((queueName) => intakeStreamKey(options.prefix, queueName));
  let relay: AlertRelay | null = null;

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
      /** When a triage-lane job that would post a new triage card should run instead of now; 0: now. */
      const turn = async (data: AlertJob): Promise<number> => {
        const channel = settings.triageChannel;
        const pace = channel ? deps.chat.pace?.(channel) : undefined;
        // Within a turn: post (a wait of up to one interval is the pace itself, not a backlog).
        if (!channel || !pace || pace.waitMs <= pace.intervalMs) return 0;
        const { alert } = data;
        if (alert.status !== 'firing' || alert.note) return 0;
        if (routeAlert(alert, settings.routes).action !== 'triage') return 0;
        // A repeat joins what its group has: no new card, nothing to wait for.
        if ((await deps.alerts.linked(await settings.workspace(), keysOf(alert))) !== null) return 0;
        // Back when the channel's backlog has gone out, spread over a turn so returning cards do not
        // all ask at once. Only the pace decides, never a count of deferred jobs: most alerts of a storm
        // may post nothing (a storm digest), and must not be spaced out a turn each.
        return Date.now() + pace.waitMs + Math.floor(Math.random() * pace.intervalMs);
      };
      const lane = (which: AlertLane) => async (job: Job<AlertJob | DigestJob>, token?: string) => {
        if (job.name === DIGEST) return runDigest(desk, job.data as DigestJob);
        const data = job.data as AlertJob;
        const later = which === 'triage' && token ? await turn(data) : 0;
        if (later > 0) {
          // Its slot goes to the next alert; the job comes back (not a failed attempt) at its turn.
          await job.moveToDelayed(later, token);
          throw new DelayedError();
        }
        const outcome = await processAlert(desk, data, job.id ?? `${data.delivery}.${data.index}`);
        for (const listener of listeners) listener(outcome, data);
        return outcome.kind;
      };
      workers.push(
        new Worker<AlertJob | DigestJob>(openName, lane('open'), {
          connection,
          prefix: options.prefix,
          concurrency: options.openConcurrency ?? 16,
        }),
        new Worker<AlertJob | DigestJob>(name, lane('triage'), {
          connection,
          prefix: options.prefix,
          concurrency: options.concurrency ?? 16,
        }),
      );
      relay = new AlertRelay({
        connection,
        prefix: options.prefix,
        queues: { open: openQueue, triage: queue },
        onError: outageLog(deps.log, 'alert relay', connection),
      });
      relay.start();
      const unreachable = outageLog(deps.log, 'alert workers', connection);
      queue.on('error', unreachable);
      openQueue.on('error', unreachable);
      for (const worker of workers) worker.on('error', unreachable);
      for (const worker of workers) {
        worker.on('failed', (job, error) =>
          deps.log.warn(
            { err: error, job: job?.id, queue: worker.name, attempts: job?.attemptsMade },
            'alert processing failed',
          ),
        );
      }
    },
    async idle(timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      let quiet = 0;
      for (;;) {
        // The relay moves alerts from the streams into the queues: read the streams first, so an alert
        // moving meanwhile is counted in its queue. Idle twice in a row: a job between two states is
        // counted in neither.
        const unrelayed = await Promise.all(streams.map((stream) => connection.xlen(stream)));
        const counts = await Promise.all(
          [queue, openQueue].map(async (q: Queue<AlertJob | DigestJob> | Queue<AlertJob>) => {
            const [waiting, active, delayed] = await Promise.all([
              q.getWaitingCount(),
              q.getActiveCount(),
              q.getJobs(['delayed']),
            ]);
            // A failed attempt waits (delayed) for its retry, a triage card for its turn: still to do.
            // Digests are the queue's own business.
            return waiting + active + delayed.filter((job) => job.name !== DIGEST).length;
          }),
        );
        quiet = [...unrelayed, ...counts].every((n) => n === 0) ? quiet + 1 : 0;
        if (quiet === 2) return;
        if (Date.now() > until) throw new Error(`alerts still queued after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    onProcessed(listener) {
      listeners.push(listener);
    },
    async stop() {
      await relay?.stop();
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([queue.close(), openQueue.close()]);
      connection.disconnect();
    },
  };
}
