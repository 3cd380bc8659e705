/** A source's allowance: `per_second` requests on average, up to `burst` at once. */
export interface RateLimit {
  per_second: number;
  burst: number;
}

/**
 * A token bucket: `burst` tokens, refilled at `per_second`; each request takes one. In memory, per
 * process: with several calma processes behind a load balancer each has its own allowance.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes a token: 0 when allowed, else the seconds until one is available (for `Retry-After`). */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + ((now - this.last) / 1000) * this.limit.per_second,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.limit.per_second));
  }
}
