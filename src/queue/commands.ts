import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface CommandQueueOptions {
  redisUrl: string;
  /** calma's key prefix, used as BullMQ's. */
  prefix: string;
  /** Each chat platform has its own queue, worked by the processes serving it. */
  platform: string;
}

/** How long the hand-off may take before the request is answered "not recorded" (Slack allows 3 s). */
export const HAND_OFF_TIMEOUT_MS = 1500;

/**
 * Work of one request taken at once: several run in parallel so that one slow platform call (bounded by
 * its own timeout) holds one slot, not the whole process.
 */
export const COMMAND_CONCURRENCY = 16;

/** A guarded request whose process stopped pushing it back is run this long after (see `guard`). */
export const GUARD_LAPSE_MS = 20_000;

/** How long stopping waits for running requests (they are bounded by the platforms' timeouts). */
const STOP_WAIT_MS = 15_000;

/** How long a worker holds a request without renewing its lock (it renews every half of it). */
const LOCK_MS = 10_000;

/** The request could not be written to Redis: it must be answered as failed, not acknowledged as taken. */
export class HandOffError extends Error {
  constructor(cause: unknown) {
    super(`the request could not be handed off to Redis: ${String(cause)}`);
    this.name = 'HandOffError';
  }
}

export interface CommandQueue<T> {
  /**
   * Writes the request to Redis; resolves once it is stored, so any calma process serving the platform
   * will run it even if this one dies. A request handed off twice under the same `key` (a platform's
   * retry) runs once. Rejects with `HandOffError` at once when Redis is not connected, or after
   * `HAND_OFF_TIMEOUT_MS`.
   */
  handOff(key: string | null, data: T): Promise<void>;
  /**
   * For a request this process works on itself (a Discord interaction it deferred): writes it to Redis
   * to run `GUARD_LAPSE_MS` from now, and keeps pushing that back while the process lives. `done()`
   * removes it. If the process dies first, the job falls due and another process runs it.
   */
  guard(key: string, data: T): Promise<{ done(): Promise<void> }>;
  /** Starts working the queue (this process may also only hand off). */
  work(run: (data: T) => Promise<void>, onError: (error: unknown, data: T | undefined) => void): void;
  readonly queue: Queue;
  stop(): Promise<void>;
}

/**
 * The durable hand-off of acknowledged requests (`commands-<platform>` on BullMQ). The queue's own
 * connection does not queue commands while Redis is away: a hand-off fails fast instead of waiting, so
 * the person is told right away instead of being acknowledged into the void.
 */
export async function commandQueue<T>(options: CommandQueueOptions): Promise<CommandQueue<T>> {
  const name = `commands-${options.platform}`;
  const producer = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  producer.on('error', () => {}); // Reported to the requester by handOff; the main connection logs outages.
  const queue = new Queue(name, {
    connection: producer,
    prefix: options.prefix,
    defaultJobOptions: {
      // Kept an hour so a platform's retry of the same request (same key) is recognised and dropped.
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  queue.on('error', () => {}); // Same: the failed hand-off is the report.
  await queue.waitUntilReady();
  let worker: Worker<T> | null = null;
  let consumer: Redis | null = null;

  return {
    queue,
    async handOff(key, data) {
      if (producer.status !== 'ready') throw new HandOffError(`Redis is ${producer.status}`);
      // BullMQ ids may not contain ':'.
      const jobId = key ? key.replaceAll(':', '.') : randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${HAND_OFF_TIMEOUT_MS} ms`)),
          HAND_OFF_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([queue.add('run', data, { jobId }), timeout]);
      } catch (error) {
        throw new HandOffError(error);
      } finally {
        clearTimeout(timer);
      }
    },
    async guard(key, data) {
      const job = await queue.add('run', data, { jobId: key.replaceAll(':', '.'), delay: GUARD_LAPSE_MS });
      const keepAlive = setInterval(
        () => void job.changeDelay(GUARD_LAPSE_MS).catch(() => undefined),
        GUARD_LAPSE_MS / 4,
      ).unref();
      return {
        async done() {
          clearInterval(keepAlive);
          await job.remove().catch(() => undefined);
        },
      };
    },
    work(run, onError) {
      // A worker blocks on its connection while waiting for jobs: it needs its own, with no retry limit.
      consumer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
      worker = new Worker<T>(name, async (job: Job<T>) => run(job.data), {
        connection: consumer,
        prefix: options.prefix,
        concurrency: COMMAND_CONCURRENCY,
        // A process that dies holding a request lets it go within ~15 s: another one runs it again.
        lockDuration: LOCK_MS,
        stalledInterval: LOCK_MS / 2,
      });
      worker.on('failed', (job, error) => onError(error, job?.data));
      // While Redis is away the worker reports each reconnection attempt: say it once per cause.
      let last = '';
      worker.on('error', (error) => {
        if (error.message !== last) onError(error, undefined);
        last = error.message;
      });
    },
    async stop() {
      // Running requests finish first; with Redis away, closing would wait for it forever.
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_WAIT_MS);
      });
      const down = producer.status !== 'ready';
      const closing = Promise.all([worker?.close(down), down ? undefined : queue.close()]);
      await Promise.race([closing, giveUp]);
      clearTimeout(timer);
      producer.disconnect();
      consumer?.disconnect();
    },
  };
}
