import type { Incident } from '../core/types';

/**
 * Timed behaviour (reminders, nags): implemented on BullMQ in `src/queue`. `sync` is called after every
 * change of an incident and queues what its new state wants; queuing the same reminder twice is a no-op.
 */
export interface Scheduler {
  sync(incident: Incident): Promise<void>;
  /** Removes every queued job of a closed incident (a job that still fires re-checks and does nothing). */
  cancel(incident: Incident): Promise<void>;
}
