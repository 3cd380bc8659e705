import type { Reminder, ReminderKind } from '../core/reminders';
import type { Incident } from '../core/types';

/** One queued reminder: which incident, and the reminder its state planned. */
export interface ReminderJob extends Reminder {
  workspace: string;
  seq: number;
}

/** What to sync: only these kinds of reminders, and the cadence's next beat after `after`. */
export interface SyncScope {
  kinds?: readonly ReminderKind[];
  /**
   * Epoch ms: a successor (of a fired or missed reminder) is planned after the reminder's own due time,
   * and is never one of the reminders missed while calma was away (their card has them).
   */
  after?: number;
}

/**
 * Timed behaviour (reminders, nags): implemented on BullMQ in `src/queue`. `sync` is called after every
 * change of an incident and queues what its new state wants: the next reminder of each kind (`step`,
 * `cadence`, `no-lead`…), replacing the one queued before; queuing the same reminder twice is a no-op. A
 * reminder that fires queues its kind's successor.
 */
export interface Scheduler {
  /** `scope` limits it to some kinds (after one fires, only its own kind's next reminder can be new). */
  sync(incident: Incident, scope?: SyncScope): Promise<void>;
  /** Removes every queued job of a closed incident (a job that still fires re-checks and does nothing). */
  cancel(incident: Incident): Promise<void>;
}
