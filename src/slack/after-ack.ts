import type { Logger } from '../log';

export interface AfterAckOptions {
  /** How many requests' work runs at once. */
  concurrency: number;
  /** Work waits until no request has arrived for this long... */
  quietMs: number;
  /** ...but never longer than this. */
  maxDelayMs: number;
  now?: () => number;
}

/**
 * Runs the work of acknowledged requests so that acknowledgements come first. Each `/crisis open` costs
 * about 10 ms of event-loop time after its ack (Web API calls, rendering); started at once, that work
 * queues in front of the acks of the requests still arriving in a burst, and their latency grows tenfold
 * (docs/benchmarks.md). So work starts only once requests have been quiet for `quietMs` (or it has
 * waited `maxDelayMs`), and at most `concurrency` run at a time.
 */
export class AfterAck {
  private readonly waiting: { task: () => Promise<void>; since: number }[] = [];
  private running = 0;
  private lastArrival = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private readonly idle: (() => void)[] = [];
  private readonly now: () => number;

  constructor(
    private readonly options: AfterAckOptions,
    private readonly log: Logger,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** A request arrived: give its acknowledgement the way. */
  arrived(): void {
    this.lastArrival = this.now();
  }

  /** Queues the work of an acknowledged request. */
  run(task: () => Promise<void>): void {
    this.waiting.push({ task, since: this.now() });
    this.pump();
  }

  /** Resolves when every queued and running task has finished (for a clean shutdown). */
  drained(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const now = this.now();
      const quietFor = now - this.lastArrival;
      const oldest = this.waiting[0]?.since ?? now;
      if (quietFor < this.options.quietMs && now - oldest < this.options.maxDelayMs) {
        this.wake(Math.min(this.options.quietMs - quietFor, this.options.maxDelayMs - (now - oldest)));
        return;
      }
      const next = this.waiting.shift();
      if (next) this.start(next.task);
    }
    if (this.running === 0 && this.waiting.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  private start(task: () => Promise<void>): void {
    this.running++;
    task()
      .catch((error: unknown) => this.log.error({ err: error }, 'work after an acknowledgement failed'))
      .finally(() => {
        this.running--;
        this.pump();
      });
  }

  private wake(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }
}
