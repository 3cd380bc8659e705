import { Queue } from 'bullmq';
import type { Alert } from '../core/alert';
import { type AlertRoute, routeAlert } from '../core/alert-route';
import { BOUNDED_EVENTS } from '../queue/events';
import type { RedisConnection } from '../redis/connect';

/**
 * One normalised alert waiting to be processed (routed, deduplicated, grouped) by the worker of the
 * queue `alerts-<platform>`. Produced by the alert endpoints (`src/http/alerts.ts`).
 */
export interface AlertJob {
  /** Its `dedupKey` and `groupKey` are unique within `alert.source` only: scope them by source. */
  alert: Alert;
  /**
   * The sender's delivery id: `pagerduty-<event.id>`; otherwise `<source>-<sha256 of the raw body>`,
   * so a retried delivery (same body) has the same id.
   */
  delivery: string;
  /** Position of this alert in its delivery (0-based). */
  index: number;
  /** ISO time calma received the delivery. */
  receivedAt: string;
}

/**
 * The two lanes of a platform's alerts: `open`, alerts a route opens an incident for, and `triage`,
 * everything else (triage cards, repeats, ignored alerts, digests). Each lane has its own queue and its
 * own worker slots, so an alert that opens a crisis never waits behind a storm of triage cards.
 */
export type AlertLane = 'open' | 'triage';

/**
 * The queue the alerts of one chat platform go through in a lane (`alerts-<platform>` for triage,
 * `alerts-<platform>-open` for open): the platform's worker is the only one that can post.
 */
export function alertQueueName(platform: string, lane: AlertLane = 'triage'): string {
  return laneQueueName(`alerts-${platform}`, lane);
}

/** The door's lane for an alert: `open` when the route it will take opens an incident. */
export function laneOf(routes: readonly AlertRoute[]): (alert: Alert) => AlertLane {
  return (alert) => (routeAlert(alert, routes).action === 'open' ? 'open' : 'triage');
}

/** The queue of a lane, from the triage lane's queue name (the name the intake and worker are given). */
export function laneQueueName(triageQueue: string, lane: AlertLane): string {
  return lane === 'open' ? `${triageQueue}-open` : triageQueue;
}

/**
 * BullMQ id of an alert job: `<delivery>.<index>`, with no ':' (BullMQ refuses them). Queuing the same
 * delivery again (a sender's retry) is a no-op while the first job is kept (a day after completion).
 */
export function alertJobId(job: Pick<AlertJob, 'delivery' | 'index'>): string {
  return `${job.delivery.replace(/[:\s]/g, '_')}.${job.index}`;
}

/** How every alert job is kept and retried. */
export const ALERT_JOB_OPTIONS = {
  // Kept a day: the job id is what makes a retried delivery a no-op.
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
} as const;

/**
 * The stream a lane's accepted alerts wait in until a relay (src/alerts/relay.ts) moves them into the
 * lane's BullMQ queue: `<prefix>:<queue>:intake`.
 */
export function intakeStreamKey(prefix: string, queue: string): string {
  return `${prefix}:${queue}:intake`;
}

export interface AlertIntakeSettings {
  /** Appends go on this connection (the door's own: adds fail fast when Redis is away). */
  connection: RedisConnection;
  /** BullMQ's key prefix (calma's `redis.key_prefix`). */
  prefix: string;
  /** The triage lane's queue (`alerts-<platform>`); the open lane's is named after it. */
  name: string;
}

export interface AlertIntakeOptions {
  /**
   * The lane of an alert: the door routes it as the worker will (`routeAlert` is pure), and alerts a
   * route opens an incident for go to the open lane. Default: every alert in the triage lane.
   */
  lane?: (alert: Alert) => AlertLane;
  /**
   * How long the first job of a batch waits for others before it is appended. Default 0: no timer, the
   * batch goes at once unless an append is already on its way, and then right after it (whatever came
   * meanwhile, in one append): batches grow with the load, and a quiet door adds no wait.
   */
  windowMs?: number;
  /** A batch this large is sent at once (default 500 jobs). */
  maxBatch?: number;
  /**
   * Connection errors of the queue (Redis down): reported here instead of crashing the process; the
   * `accept` calls they affect reject on their own.
   */
  onError?: (error: Error) => void;
}

interface Pending {
  jobs: AlertJob[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The door's side of the alert queue: `accept` resolves once the jobs are in Redis (durable), so an
 * endpoint answers 202 only for alerts that cannot be lost. Concurrent requests' jobs are gathered
 * into one XADD per lane (one round trip) while the previous one is on its way, which is what keeps an
 * alert storm cheap; the relay (src/alerts/relay.ts) adds them to the lane's BullMQ queue.
 */
export class AlertIntake {
  /** The triage lane's queue (`alerts-<platform>`). */
  readonly queue: Queue<AlertJob>;
  /** The open lane's queue (`alerts-<platform>-open`). */
  readonly openQueue: Queue<AlertJob>;
  private readonly lane: (alert: Alert) => AlertLane;
  private readonly connection: RedisConnection;
  /** Each lane's intake stream. */
  readonly streams: Record<AlertLane, string>;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private pending: Pending[] = [];
  private pendingJobs = 0;
  private timer: NodeJS.Timeout | null = null;
  private soon = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(settings: AlertIntakeSettings, options: AlertIntakeOptions = {}) {
    this.windowMs = options.windowMs ?? 0;
    this.maxBatch = options.maxBatch ?? 500;
    this.lane = options.lane ?? (() => 'triage');
    this.connection = settings.connection;
    const queue = (name: string) => {
      const made = new Queue<AlertJob>(name, {
        connection: settings.connection,
        prefix: settings.prefix,
        streams: BOUNDED_EVENTS,
        defaultJobOptions: ALERT_JOB_OPTIONS,
      });
      made.on('error', (error) => options.onError?.(error));
      return made;
    };
    this.queue = queue(settings.name);
    this.openQueue = queue(laneQueueName(settings.name, 'open'));
    this.streams = {
      open: intakeStreamKey(settings.prefix, this.openQueue.name),
      triage: intakeStreamKey(settings.prefix, this.queue.name),
    };
  }

  /** Removes everything of both lanes: their queues and streams (benches and tests start afresh). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
    await this.openQueue.obliterate({ force: true });
    await this.connection.del(...Object.values(this.streams));
  }

  /** Alerts accepted and not yet moved into their lane's queue by a relay. */
  async unrelayed(): Promise<number> {
    const byQueue = await this.unrelayedByQueue();
    return Object.values(byQueue).reduce((sum, count) => sum + count, 0);
  }

  /** The same, by the name of the lane's queue (what `/metrics` shows beside that queue's jobs). */
  async unrelayedByQueue(): Promise<Record<string, number>> {
    const byQueue: Record<string, number> = {};
    for (const [queue, stream] of [
      [this.openQueue.name, this.streams.open],
      [this.queue.name, this.streams.triage],
    ] as const) {
      let count = 0;
      for (const [, fields] of await this.connection.xrange(stream, '-', '+')) {
        const at = fields.indexOf('n');
        count += Number(at === -1 ? 0 : fields[at + 1]);
      }
      byQueue[queue] = count;
    }
    return byQueue;
  }

  /** Durably queues the jobs (resolves when Redis has them; rejects if it could not take them). */
  accept(jobs: AlertJob[]): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ jobs, resolve, reject });
      this.pendingJobs += jobs.length;
      if (this.pendingJobs >= this.maxBatch) this.flush();
      else if (this.windowMs > 0) this.timer ??= setTimeout(() => this.flush(), this.windowMs);
      else if (this.inFlight.size === 0 && !this.soon) {
        // Requests answered in this same turn of the event loop share the append.
        this.soon = true;
        queueMicrotask(() => {
          this.soon = false;
          if (this.inFlight.size === 0) this.flush();
        });
      }
    });
  }

  /** Waits for queued batches, then closes the queue's connection use. */
  async close(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([this.queue.close(), this.openQueue.close()]);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.pendingJobs = 0;
    const lanes: Record<AlertLane, AlertJob[]> = { open: [], triage: [] };
    for (const p of batch) for (const job of p.jobs) lanes[this.lane(job.alert)].push(job);
    // One XADD a lane for the whole batch (the relay adds the jobs to the queue under their ids); both
    // lanes' in one MULTI, so a request answered 503 has queued nothing. Open first.
    const appends = (['open', 'triage'] as const)
      .filter((lane) => lanes[lane].length > 0)
      .map(
        (lane) =>
          [
            this.streams[lane],
            '*',
            'n',
            String(lanes[lane].length),
            'jobs',
            JSON.stringify(lanes[lane]),
          ] as const,
      );
    const [first, second] = appends;
    const sent = (
      !first
        ? Promise.resolve()
        : !second
          ? this.connection.xadd(...first).then(() => undefined)
          : this.connection
              .multi()
              .xadd(...first)
              .xadd(...second)
              .exec()
              .then((replies) => {
                const failed = replies?.find(([error]) => error)?.[0];
                if (!replies || failed) throw failed ?? new Error('the append was aborted');
              })
    ).then(
      () => {
        for (const p of batch) p.resolve();
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
    this.inFlight.add(sent);
    void sent.finally(() => {
      this.inFlight.delete(sent);
      // What arrived while this append was on its way goes now, in one append.
      if (this.windowMs === 0 && this.inFlight.size === 0 && this.pending.length > 0) this.flush();
    });
  }
}
