import type { Destination } from '../core/statement';
import type { Incident } from '../core/types';

/** One delivery of a published statement to one destination (or its guard). */
export interface OutboxJob {
  workspace: string;
  seq: number;
  n: number;
  destination: Destination | 'guard';
}

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
