import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker } from 'bullmq';
import { type RedisConnection, redisClient } from '../redis/connect';
import { slotReadiness } from '../redis/slot';
import { BOUNDED_EVENTS } from './events';
import { oncePerOutage } from './outage-log';

export interface CommandQueueOptions {
  redisUrl: string;
  /** calma's key prefix, used as BullMQ's. */
  prefix: string;
  /** Each chat platform has its own queue, worked by the processes serving it. */
  platform: string;
  /**
   * How long a process may stay silent before the requests it holds are run elsewhere
   * (CALMA_HANDOFF_LAPSE_MS; tests shorten it). Also the lock of the jobs it runs from the queue.
   */
  lapseMs?: number;
}

/** How long the hand-off may take before the request is answered "not recorded" (Slack allows 3 s). */
export const HAND_OFF_TIMEOUT_MS = 1500;

/** A process silent this long is taken for dead: the requests it held are run elsewhere. */
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
  /** The request was already in flight (a platform's retry of it): the one holding it runs it. */
  duplicate: boolean;
  /** The work is done: the request is removed from Redis. */
  done(): Promise<void>;
  /** The work failed here: the request is left for another process to run again. */
  release(): Promise<void>;
}

export interface CommandQueue<T> {
  /**
   * Writes a request this process is about to work on to Redis, under this process's name; the work
   * ends with `done()`. If the process dies first (it stops saying it is alive for `lapseMs`), another
   * calma process runs the request (`work`). Rejects with `HandOffError` at once when Redis is not
   * connected, or after `HAND_OFF_TIMEOUT_MS`. One `key` is one request: while it is in flight, writing
   * it again (a platform's retry) gives a `duplicate` guard.
   */
  guard(key: string, data: T): Promise<Guard>;
  /**
   * Whether Redis is connected now (no round trip): when not, a hand-off would fail at once. On a
   * Cluster, whether the node serving calma's slot is.
   */
  ready(): boolean;
  /** Starts running the requests of processes that died (and looking for them). */
  work(run: (data: T) => Promise<void>, onError: (error: unknown, data: T | undefined) => void): void;
  readonly queue: Queue;
  stop(): Promise<void>;
}

/** A request in flight, as stored: who holds it, since when, and what it is. */
interface InFlight<T> {
  holder: string;
  at: number;
  data: T;
}

/**
 * The durable hand-off of acknowledged requests. On the acknowledgement's path a request costs one
 * HSET: it is run by the process that received it, which says every few seconds that it is alive. A
 * `sweep` job (a BullMQ job scheduler, so one process at a time) moves the requests of a process that
 * fell silent onto `commands-<platform>` (BullMQ), where any process runs them; BullMQ's own locks cover
 * a process dying while it runs one. A BullMQ job per request on the acknowledgement's path cost a
 * burst of `/crisis open` more than the ack bench's budget (docs/benchmarks.md): one HSET does not.
 * The hand-off's connection does not queue commands while Redis is away: a hand-off fails fast, so the
 * person is told right away instead of being acknowledged into the void.
 */
export async function commandQueue<T>(options: CommandQueueOptions): Promise<CommandQueue<T>> {
  const name = `commands-${options.platform}`;
  const lapseMs = options.lapseMs ?? GUARD_LAPSE_MS;
  // One hash slot for the in-flight hash and the heartbeats (Redis Cluster).
  const base = `${options.prefix}:{${name}}`;
  const inFlightKey = `${base}:in-flight`;
  const aliveKey = (holder: string) => `${base}:alive:${holder}`;
  const holder = randomUUID();

  // A write not answered within HAND_OFF_TIMEOUT_MS fails (ioredis' commandTimeout), as one sent while
  // Redis is away does at once (no offline queue).
  const producer = redisClient(options.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: HAND_OFF_TIMEOUT_MS,
  });
  // Its connection errors are reported to the requester by guard (redisClient listens, so none is unhandled).
  const queue = new Queue(name, {
    connection: producer,
    prefix: options.prefix,
    streams: BOUNDED_EVENTS,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
  });
  queue.on('error', () => {}); // Same: the failed hand-off is the report.
  await queue.waitUntilReady();
  const ready = await slotReadiness(producer, inFlightKey);

  const beat = () => producer.set(aliveKey(holder), '1', 'PX', lapseMs).catch(() => undefined);
  await beat();
  // After a Redis outage every process's alive key may have lapsed: each says so again at once, and no
  // process sweeps before the others have had time to.
  let connectedAt = Date.now();
  producer.on('ready', () => {
    connectedAt = Date.now();
    void beat();
  });
  const heartbeat = setInterval(() => void beat(), lapseMs / 4);
  heartbeat.unref();
  let worker: Worker | null = null;
  let consumer: RedisConnection | null = null;
  let stopped = false;

  /** Puts the requests of silent processes on the queue; the job id (the request's key) makes it once. */
  const sweep = async () => {
    if (Date.now() - connectedAt < lapseMs / 2) return;
    const all = await producer.hgetall(inFlightKey);
    for (const [key, raw] of Object.entries(all)) {
      const entry = JSON.parse(raw) as InFlight<T>;
      if (entry.holder && (await producer.exists(aliveKey(entry.holder))) === 1) continue;
      // BullMQ ids may not contain ':'.
      await queue.add('run', entry.data, { jobId: key.replaceAll(':', '.') });
      await producer.hdel(inFlightKey, key);
    }
  };

  return {
    queue,
    ready,
    async guard(key, data) {
      if (!ready()) throw new HandOffError('Redis is not connected');
      const entry: InFlight<T> = { holder, at: Date.now(), data };
      let added: number;
      try {
        added = await producer.hsetnx(inFlightKey, key, JSON.stringify(entry));
      } catch (error) {
        // The person is told nothing was done: a write that lands late must not be run by a sweep. Sent
        // on the same connection, this follows the write whenever that is carried out.
        void producer.hdel(inFlightKey, key).catch(() => undefined);
        throw new HandOffError(error);
      }
      if (added === 0) return { duplicate: true, done: async () => {}, release: async () => {} };
      return {
        duplicate: false,
        async done() {
          await producer.hdel(inFlightKey, key).catch(() => undefined);
        },
        async release() {
          // Held by nobody: the next sweep puts it on the queue. Tried until it lands (Redis failing
          // over): left under this live process's name, no sweep would ever run it.
          const released = JSON.stringify({ ...entry, holder: '' });
          for (let wait = 250; !stopped; wait = Math.min(2 * wait, 5000)) {
            if (
              await producer.hset(inFlightKey, key, released).then(
                () => true,
                () => false,
              )
            )
              return;
            await new Promise((resolve) => setTimeout(resolve, wait));
          }
        },
      };
    },
    work(run, onError) {
      // A worker blocks on its connection while waiting for jobs: it needs its own, with no retry limit.
      consumer = redisClient(options.redisUrl, { maxRetriesPerRequest: null });
      worker = new Worker(name, async (job: Job) => (job.name === 'sweep' ? sweep() : run(job.data as T)), {
        connection: consumer,
        prefix: options.prefix,
        concurrency: COMMAND_CONCURRENCY,
        // A job whose worker fell silent for the lapse is run elsewhere, as a request whose process did:
        // its lock (renewed every half of it while the event loop runs) lapses, and the next stalled
        // check, within half a lapse, takes it back. With BullMQ's 30 s and 30 s, a sweep job left
        // active by a lost connection held up the sweeps (each is scheduled from the one before) for up
        // to a minute. A taken-over request is bounded by the platforms' timeouts, not by the lock.
        lockDuration: lapseMs,
        stalledInterval: lapseMs / 2,
      });
      worker.on('failed', (job, error) =>
        onError(error, job && job.name !== 'sweep' ? (job.data as T) : undefined),
      );
      // While Redis is away the worker reports each reconnection attempt: said once per outage.
      worker.on(
        'error',
        oncePerOutage(consumer, (error) => onError(error, undefined)),
      );
      void queue
        .upsertJobScheduler('sweep', { every: lapseMs / 4 }, { name: 'sweep', opts: { removeOnFail: 10 } })
        .catch((error: unknown) => onError(error, undefined));
    },
    async stop() {
      stopped = true;
      clearInterval(heartbeat);
      // Gone: what this process still holds is for the others to run, from the next sweep.
      await producer.del(aliveKey(holder)).catch(() => undefined);
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
