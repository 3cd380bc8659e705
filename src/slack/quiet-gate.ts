export interface QuietGateOptions {
  /** Work waits until no request has arrived for this long... */
  quietMs: number;
  /** ...but never longer than this. */
  maxDelayMs: number;
  now?: () => number;
}

/**
 * Lets acknowledgements go first. Each `/crisis open` costs about 10 ms of event-loop time after its ack
 * (Web API calls, rendering); started at once, that work queues in front of the acks of the requests
 * still arriving in a burst, and their latency grows tenfold (docs/benchmarks.md). So the work of a
 * handed-off request waits at this gate until requests have been quiet for `quietMs` (or it has waited
 * `maxDelayMs`). How many run at once is the command queue's concurrency, not the gate's.
 */
export class QuietGate {
  private readonly waiting: { since: number; open: () => void }[] = [];
  private lastArrival = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: QuietGateOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** A request arrived: give its acknowledgement the way. */
  arrived(): void {
    this.lastArrival = this.now();
  }

  /** Resolves once requests have been quiet long enough, or this call has waited `maxDelayMs`. */
  wait(): Promise<void> {
    return new Promise((open) => {
      this.waiting.push({ since: this.now(), open });
      this.check();
    });
  }

  private check(): void {
    const now = this.now();
    const quietFor = now - this.lastArrival;
    let next = Number.POSITIVE_INFINITY;
    for (const waiter of this.waiting.splice(0)) {
      const waited = now - waiter.since;
      if (quietFor >= this.options.quietMs || waited >= this.options.maxDelayMs) waiter.open();
      else {
        this.waiting.push(waiter);
        next = Math.min(next, this.options.quietMs - quietFor, this.options.maxDelayMs - waited);
      }
    }
    if (this.waiting.length > 0 && !this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.check();
        },
        Math.max(1, Math.ceil(next)),
      );
    }
  }
}
