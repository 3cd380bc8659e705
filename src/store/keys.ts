/**
 * Redis key layout. Every key starts with `${prefix}:` so tests and tenants sharing one Redis never collide.
 *
 * Workspace keys wrap the workspace id in `{...}`: that is a Redis Cluster hash tag, so all keys of one
 * workspace live in the same slot and the multi-key commit script stays legal on a Cluster.
 * Ids come from chat platforms; they are URI-encoded anyway so a stray `:` or `{` cannot break the layout.
 */
export interface StoreKeys {
  /** INCR counter behind `nextSeq`. */
  seq(workspace: string): string;
  /** The incident as JSON. */
  incident(workspace: string, seq: number): string;
  /** Sorted set of the workspace's incident seqs, score = seq. */
  incidents(workspace: string): string;
  /** Chat room id → seq. */
  room(workspace: string, room: string): string;
  /** Redis Stream, one entry per TimelineEntry (field `event` = JSON). */
  timeline(workspace: string, seq: number): string;
  /** Idempotency claims (SET NX EX). Callers' keys are opaque and kept readable. */
  idem(key: string): string;
  /** Short-lived drafts (SET EX / GETDEL). */
  draft(key: string): string;
}

export function storeKeys(prefix = 'calma'): StoreKeys {
  const ws = (workspace: string): string => `${prefix}:ws:{${encodeURIComponent(workspace)}}`;
  return {
    seq: (workspace) => `${ws(workspace)}:seq`,
    incident: (workspace, seq) => `${ws(workspace)}:incident:${seq}`,
    incidents: (workspace) => `${ws(workspace)}:incidents`,
    room: (workspace, room) => `${ws(workspace)}:room:${encodeURIComponent(room)}`,
    timeline: (workspace, seq) => `${ws(workspace)}:incident:${seq}:timeline`,
    idem: (key) => `${prefix}:idem:${key}`,
    draft: (key) => `${prefix}:draft:${key}`,
  };
}
