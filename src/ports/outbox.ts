import type { Incident } from '../core/types';

/**
 * Delivery of published statements (the room, the announcements channel, outbound webhooks): each
 * delivery is a queued job with retries and backoff, implemented on BullMQ in `src/queue`.
 */
export interface Outbox {
  /**
   * Called before an approval that may publish: a delayed check that queues the statement's pending
   * deliveries later if this process dies between publishing and `deliver` (nothing accepted is lost).
   */
  guard(incident: Incident, n: number): Promise<void>;
  /** Queues the pending deliveries of published statement `n`; queuing one twice is a no-op. */
  deliver(incident: Incident, n: number): Promise<void>;
}
