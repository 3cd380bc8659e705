import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

export interface CommandQueueOptions {
  redisUrl: string;
  /** calma's key prefix, used as BullMQ's. */
  prefix: string;
  /** Each chat platform has its own queue, worked by the processes serving it. */
  platform: string;
  /** How long after its process stops pushing it back a guarded request runs elsewhere (tests shorten it). */
  lapseMs?: number;
}

/** How long the hand-off may take before the request is answered "not recorded" (Slack allows 3 s). */
export const HAND_OFF_TIMEOUT_MS = 1500;

/** A guarded request whose process stopped pushing it back is run elsewhere this long after. */
export const GUARD_LAPSE_MS = 20_000;

/** How many taken-over requests one process runs at once: one slow platform call holds one slot. */
export const COMMAND_CONCURRENCY = 16;

/** How long stopping waits for taken-over requests (they are bounded by the platforms' timeouts). */
const STOP_WAIT_MS = 15_000;

/** The request could not be written to Redis: it must be answered as failed, not acknowledged as taken. */
export class HandOffError extends Error {
  constructor(cause: unknown) {
    super(`the request could not be handed off to Redis: ${String(cause)}`);
    this.name = 'HandOffError';
  }
}

/** A request this process works on, written to Redis in case it dies. */
export interface Guard {
  /** The work is done: the request is removed from Redis. */
  done(): Promise<void>;
  /** This process leaves the request (another one holds it): stop pushing it back, leave it in Redis. */
  release(): void;
}

export interface CommandQueue<T> {
  /**
   * Writes a request this process is about to work on to Redis, due `lapseMs` from now, and keeps
   * pushing that back while the process lives; the work ends with `done()`. If the process dies first,
   * the request falls due and another calma process runs it (`work`). Rejects with `HandOffError` at once
   * when Redis is not connected, or after `HAND_OFF_TIMEOUT_MS`. One `key` is one request: writing it
   * again (a platform's retry) adds nothing.
   */
  guard(key: string, data: T): Promise<Guard>;
  /** Starts running the requests of processes that died. */
  work(run: (data: T) => Promise<void>, onError: (error: unknown, data: T | undefined) => void): void;
  readonly queue: Queue;
  stop(): Promise<void>;
}

/**
 * The durable hand-off of acknowledged requests (`commands-<platform>` on BullMQ). A request is run by
 * the process that received it, so a burst of requests costs one Redis write each and nothing else
 * (acknowledgements stay fast); the queue only holds it, delayed, for the case that process dies. Its
 * connection does not queue commands while Redis is away: a hand-off fails fast, so the person is told
 * right away instead of being acknowledged into the void.
 */
export async function commandQueue<T>(options: CommandQueueOptions): Promise<CommandQueue<T>> {
  const name = `commands-${options.platform}`;
  const lapseMs = options.lapseMs ?? GUARD_LAPSE_MS;
  const producer = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  producer.on('error', () => {}); // Reported to the requester by guard; the main connection logs outages.
  const queue = new Queue(name, {
    connection: producer,
    prefix: options.prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  queue.on('error', () => {}); // Same: the failed hand-off is the report.
  await queue.waitUntilReady();
  const keepAlives = new Set<NodeJS.Timeout>();
  let worker: Worker<T> | null = null;
  let consumer: Redis | null = null;

  return {
    queue,
    async guard(key, data) {
      if (producer.status !== 'ready') throw new HandOffError(`Redis is ${producer.status}`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${HAND_OFF_TIMEOUT_MS} ms`)),
          HAND_OFF_TIMEOUT_MS,
        );
      });
      let job: Job;
      try {
        // BullMQ ids may not contain ':'.
        const added = queue.add('run', data, { jobId: key.replaceAll(':', '.'), delay: lapseMs });
        job = await Promise.race([added, timeout]);
      } catch (error) {
        throw new HandOffError(error);
      } finally {
        clearTimeout(timer);
      }
      const keepAlive = setInterval(() => void job.changeDelay(lapseMs).catch(() => undefined), lapseMs / 4);
      keepAlive.unref();
      keepAlives.add(keepAlive);
      const release = () => {
        clearInterval(keepAlive);
        keepAlives.delete(keepAlive);
      };
      return {
        release,
        async done() {
          release();
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
      // Requests this process still holds are left to the others: they fall due after the lapse.
      for (const keepAlive of keepAlives) clearInterval(keepAlive);
      keepAlives.clear();
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_WAIT_MS);
      });
      const down = producer.status !== 'ready';
      // Running requests finish first; with Redis away, closing would wait for it forever.
      const closing = Promise.all([worker?.close(down), down ? undefined : queue.close()]);
      await Promise.race([closing, giveUp]);
      clearTimeout(timer);
      producer.disconnect();
      consumer?.disconnect();
    },
  };
}
