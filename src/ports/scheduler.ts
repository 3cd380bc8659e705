import type { Reminder } from '../core/reminders';
import type { Incident } from '../core/types';

/** One queued reminder: which incident, and the reminder its state planned. */
export interface ReminderJob extends Reminder {
  workspace: string;
  seq: number;
}

/**
 * Timed behaviour (reminders, nags): implemented on BullMQ in `src/queue`. `sync` is called after every
 * change of an incident and queues what its new state wants; queuing the same reminder twice is a no-op.
 */
export interface Scheduler {
  /** `only` limits it to some reminders (after one fires, only its own next attempt can be new). */
  sync(incident: Incident, only?: (reminder: Reminder) => boolean): Promise<void>;
  /** Removes every queued job of a closed incident (a job that still fires re-checks and does nothing). */
  cancel(incident: Incident): Promise<void>;
}
