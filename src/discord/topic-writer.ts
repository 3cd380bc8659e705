/**
 * Writes channel topics in the background, one write per channel at a time, the latest topic winning.
 * Discord allows two topic (or name) changes per channel per ten minutes; discord.js waits out the rate
 * limit, which must not hold up the person who changed the severity.
 */
export class TopicWriter {
  private readonly wanted = new Map<string, string>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly write: (room: string, topic: string) => Promise<void>,
    private readonly onError: (error: unknown, room: string) => void,
  ) {}

  set(room: string, topic: string): void {
    this.wanted.set(room, topic);
    if (!this.running.has(room)) this.running.set(room, this.drain(room));
  }

  /** Resolves once every wanted topic is written (or failed and reported). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  private async drain(room: string): Promise<void> {
    let written: string | undefined;
    for (
      let topic = this.wanted.get(room);
      topic !== undefined && topic !== written;
      topic = this.wanted.get(room)
    ) {
      try {
        await this.write(room, topic);
      } catch (error) {
        this.onError(error, room);
      }
      written = topic;
    }
    this.wanted.delete(room);
    this.running.delete(room);
  }
}
