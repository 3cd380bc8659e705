/**
 * Spaces out posts to one channel (Slack allows about one message per second per channel), or only
 * counts them where the platform's client waits on its own (Discord: five per five seconds). A burst of `burst` posts goes at once (opening a room posts a
 * few cards), then one per `intervalMs`. In-process only: pacing is politeness, not correctness, so
 * several calma processes each pacing their own posts is fine (the platform's 429 catches the rest).
 * A queue worker asks `wait` before starting a job that would post, and delays the job rather than
 * holding its slot while the channel's turn comes (docs/alerts.md, "Lanes and the posting pace").
 */
export class ChannelPacer {
  private readonly next = new Map<string, { at: number; credit: number }>();

  constructor(
    readonly intervalMs = 1000,
    private readonly burst = 4,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a post to `channel` may go out. */
  async turn(channel: string): Promise<void> {
    const wait = this.reserve(channel);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /** How long a post to `channel` would wait now (0: it would go at once); books nothing. */
  wait(channel: string): number {
    return this.book(channel).wait;
  }

  /** Books the next slot for `channel` and returns how long to wait for it. */
  reserve(channel: string): number {
    const { wait, state } = this.book(channel);
    this.next.set(channel, state);
    return wait;
  }

  private book(channel: string): { wait: number; state: { at: number; credit: number } } {
    const now = this.now();
    const state = this.next.get(channel) ?? { at: now, credit: this.burst };
    // Credit comes back with time: one post per interval since the last booking, up to the burst.
    const earned = Math.floor(Math.max(0, now - state.at) / this.intervalMs);
    const credit = Math.min(this.burst, state.credit + earned);
    if (credit > 0) return { wait: 0, state: { at: Math.max(now, state.at), credit: credit - 1 } };
    const at = Math.max(now, state.at) + this.intervalMs;
    return { wait: at - now, state: { at, credit: 0 } };
  }
}
