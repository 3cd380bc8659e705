export interface QuietGateOptions {
  /** Work waits until no request has arrived for this long... */
  quietMs: number;
  /** ...but never longer than this. */
  maxDelayMs: number;
  /** How many requests' work runs at once. */
  concurrency: number;
  now?: () => number;
}

/**
 * Lets acknowledgements go first. Each `/crisis open` costs about 10 ms of event-loop time after its ack
 * (Web API calls, rendering); started at once, that work queues in front of the acks of the requests
 * still arriving in a burst, and their latency grows tenfold (docs/benchmarks.md). So the work of a
 * request waits at this gate until requests have been quiet for `quietMs` (or it has waited
 * `maxDelayMs`), and at most `concurrency` go through at once: a slow platform call (bounded by its own
 * time limit) holds one place, not the process.
 */
export class QuietGate {
  private readonly waiting: { since: number; enter: () => void }[] = [];
  private inside = 0;
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

  /** Resolves, once it is this work's turn, with the function to call when the work is over. */
  enter(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({
        since: this.now(),
        enter: () => {
          this.inside++;
          let left = false;
          resolve(() => {
            if (left) return;
            left = true;
            this.inside--;
            this.check();
          });
        },
      });
      this.check();
    });
  }

  private check(): void {
    const now = this.now();
    const quietFor = now - this.lastArrival;
    while (this.inside < this.options.concurrency) {
      const first = this.waiting[0];
      if (!first) return;
      const waited = now - first.since;
      if (quietFor < this.options.quietMs && waited < this.options.maxDelayMs) {
        this.wake(Math.min(this.options.quietMs - quietFor, this.options.maxDelayMs - waited));
        return;
      }
      this.waiting.shift();
      first.enter();
    }
  }

  private wake(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.check();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }
}
