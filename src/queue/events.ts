/**
 * BullMQ's event stream of each queue (`<prefix>:<queue>:events`): calma listens to none of them, so each
 * keeps only the last few entries (BullMQ's default is 10,000 a queue, about 20 KB per incident for the
 * reminders). Every `Queue` of one name must say the same: each writes its bound into the queue's meta
 * when it starts, and the last one started wins.
 */
export const QUEUE_EVENTS_MAX_LEN = 100;

export const BOUNDED_EVENTS = { events: { maxLen: QUEUE_EVENTS_MAX_LEN } };
