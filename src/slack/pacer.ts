/**
 * Spaces out posts to one channel: Slack allows about one message per second per channel, with short
 * bursts. A burst of `burst` posts goes at once (opening a room posts a few cards), then one per
 * `intervalMs`. In-process only: pacing is politeness, not correctness, so several calma processes each
 * pacing their own posts is fine (Slack's 429 with Retry-After catches the rest).
 */
export class ChannelPacer {
  private readonly next = new Map<string, { at: number; credit: number }>();

  constructor(
    private readonly intervalMs = 1000,
    private readonly burst = 4,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a post to `channel` may go out. */
  async turn(channel: string): Promise<void> {
    const wait = this.reserve(channel);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** Books the next slot for `channel` and returns how long to wait for it. */
  reserve(channel: string): number {
    const now = this.now();
    const state = this.next.get(channel) ?? { at: now, credit: this.burst };
    // Credit comes back with time: one post per interval since the last booking, up to the burst.
    const earned = Math.floor(Math.max(0, now - state.at) / this.intervalMs);
    const credit = Math.min(this.burst, state.credit + earned);
    if (credit > 0) {
      this.next.set(channel, { at: Math.max(now, state.at), credit: credit - 1 });
      return 0;
    }
    const at = Math.max(now, state.at) + this.intervalMs;
    this.next.set(channel, { at, credit: 0 });
    return at - now;
  }
}
