import type { Destination } from '../core/statement';
import type { Incident, Role, UserId } from '../core/types';

/** One delivery of a published statement to one destination (or its guard). */
export interface OutboxJob {
  workspace: string;
  seq: number;
  n: number;
  destination: Destination | 'guard';
}

/**
 * One approval request to a webhook target (calma.yaml `approval_requests`): an approver outside the
 * channel, their own link, for a team's mail relay to email. The link is in the job (Redis) only until
 * it is delivered or expires.
 */
export interface ApprovalRequestJob {
  kind: 'approval.requested';
  target: string;
  workspace: string;
  seq: number;
  n: number;
  version: number;
  user: UserId;
  role: Role;
  url: string;
  /** The link's expiry, ms since the epoch: past it, the request is dropped. */
  expires: number;
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
  /** Queues an approval request; the same approver's for the same version, while it waits, is a no-op. */
  request?(job: ApprovalRequestJob): Promise<void>;
}
