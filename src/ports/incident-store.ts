import type { Change, Incident, TimelineEntry } from '../core/types';

/** A platform write of an incident's that may change nothing: its target (`topic`, `summary`…), its content's digest. */
export interface PlatformWrite {
  target: string;
  digest: string;
}

/** A platform write begun: handed back to `endWrites` once the platform took it. */
export interface WriteTicket extends PlatformWrite {
  /** The generation of the target's writes it belongs to (one whose leases ran out no longer counts). */
  ticket: number;
}

/**
 * Where incidents live. Implemented on Redis in `src/store`. Every mutation of one incident is atomic:
 * `update` re-reads and re-applies `mutate` when another writer got there first.
 */
export interface IncidentStore {
  /**
   * Next per-workspace sequence number (1, 2, 3, ...). With `request` (the id of the request that opens
   * the incident), the same request always gets the same number: a request run again after its process
   * died resumes the incident it had begun instead of opening a second one.
   */
  nextSeq(workspace: string, request?: string): Promise<number>;
  /** Stores a new incident and its first timeline events; fails if that seq already exists. */
  create(change: Change): Promise<void>;
  get(workspace: string, seq: number): Promise<Incident | null>;
  /**
   * Atomically applies `mutate` to the stored incident. `mutate` is pure and may run more than once;
   * it returns the change to store, or a value with no change (e.g. a user error) to store nothing.
   * Resolves with whatever `mutate` returned last, or null when the incident does not exist.
   * Declare `mutate`'s return type (e.g. `{ change?: Change; error?: ... }`): TypeScript rejects an object
   * literal that has none of R's properties, such as a bare `{ error }`.
   */
  update<R extends { change?: Change }>(
    workspace: string,
    seq: number,
    mutate: (incident: Incident) => R,
  ): Promise<R | null>;
  /**
   * Deletes an incident for good: its state, timeline, place in the list and room index, atomically.
   * `allow` is checked on the stored state in the same compare-and-set as the deletion, so a change
   * that makes it false (a drill reopened meanwhile) wins: `refused`. `missing` when there is none.
   */
  delete(
    workspace: string,
    seq: number,
    allow?: (incident: Incident) => boolean,
  ): Promise<'deleted' | 'refused' | 'missing'>;
  /** All incidents of a workspace, newest first; only open ones unless `all`. */
  list(workspace: string, opts?: { all?: boolean }): Promise<Incident[]>;
  /** The incident whose chat room this is, if any. */
  findByRoom(workspace: string, room: string): Promise<Incident | null>;
  timeline(workspace: string, seq: number): Promise<TimelineEntry[]>;
  /**
   * Claims an idempotency key for `ttlSeconds`. True the first time, false when it was already claimed:
   * the caller then skips the effect (a retried Slack event, a webhook redelivery, a job run twice).
   */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back when its effect failed, so a retry can have it. */
  release(key: string): Promise<void>;
  /** Marks a claimed effect as done, remembered for `ttlSeconds` (a claim alone may be a crashed try). */
  confirm(key: string, ttlSeconds: number): Promise<void>;
  isConfirmed(key: string): Promise<boolean>;
  /**
   * Before writing to the platform: for each write, null when its target is known to show that digest
   * already and every write of it under way writes the same (skip it); 'busy' when another write of
   * the target is under way (nothing begun: try again once it is done, unless `force`); else a ticket.
   * Across processes.
   */
  beginWrites(
    workspace: string,
    seq: number,
    writes: PlatformWrite[],
    force?: boolean,
  ): Promise<(WriteTicket | 'busy' | null)[]>;
  /**
   * After the platform took the writes: records what their targets show, unless a write of the same
   * target with other content overlapped one (the platform may have applied them in either order: then
   * it is not known, and the next write goes through). A write that failed is not ended: its target is
   * not known until its lease runs out (`WRITE_LEASE_MS`).
   */
  endWrites(workspace: string, seq: number, done: WriteTicket[]): Promise<void>;
  /** Short-lived scratch values (e.g. an `/crisis open` waiting for its playbook choice). */
  putDraft(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  takeDraft<T>(key: string): Promise<T | null>;
}
