import { createHash } from 'node:crypto';

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
  /** The request that took a seq → that seq (a day): `nextSeq` gives a repeated request the same one. */
  request(workspace: string, request: string): string;
  /** Chat room id → seq. */
  room(workspace: string, room: string): string;
  /** Redis Stream, one entry per TimelineEntry (field `event` = JSON). */
  timeline(workspace: string, seq: number): string;
  /** Idempotency claims (SET NX EX). Callers' keys are opaque and kept readable. */
  idem(key: string): string;
  /** Short-lived drafts (SET EX / GETDEL). */
  draft(key: string): string;
  /**
   * What an alert group or dedup key is linked to (`incident:<seq>`, `triage:<id>`, `pending:<token>`);
   * the source's key is hashed (Alertmanager group keys are long).
   */
  alertLink(workspace: string, kind: 'group' | 'dedup', key: string): string;
  /** A triage card's record (JSON). */
  alertTriage(workspace: string, id: string): string;
  /** An alert group's message window in an incident or triage card (SET NX PX), and its held-back count. */
  alertWindow(workspace: string, scope: string): string;
  alertHeld(workspace: string, scope: string): string;
  /** Hash: hashed dedup key → last status reported, per incident or triage card. */
  alertStatus(workspace: string, target: string): string;
  /** List: the latest alerts of a triage card on a storm digest, newest first (JSON each). */
  alertRecent(workspace: string, id: string): string;
  /** Hash: the storm rule's window of new alert groups (`n` groups so far, `digest` once over the rule). */
  alertStorm(workspace: string): string;
  /**
   * A storm digest card: `alertDigest(ws, id)` is a hash (channel, message, totals); `:<part>` its
   * groups' counts, their names, and the redraw's dirty flag, queued flag and lock.
   */
  alertDigest(workspace: string, id: string, part?: 'groups' | 'info' | 'dirty' | 'queued' | 'lock'): string;
  /**
   * Hash: reminder job id → the job, of an incident's reminders missed while calma was away, waiting for
   * their card; `:batch` counts the cards, `:<batch>` is the batch a card took.
   */
  missedReminders(workspace: string, seq: number): string;
  /**
   * Hash: platform target of an incident (`topic`, `summary`, `announcement`) → what it is known to show
   * (a digest) and the writes under way, so a write that changes nothing is skipped.
   */
  written(workspace: string, seq: number): string;
}

const digest = (text: string): string => createHash('sha1').update(text).digest('hex');

export function storeKeys(prefix = 'calma'): StoreKeys {
  const ws = (workspace: string): string => `${prefix}:ws:{${encodeURIComponent(workspace)}}`;
  return {
    seq: (workspace) => `${ws(workspace)}:seq`,
    incident: (workspace, seq) => `${ws(workspace)}:incident:${seq}`,
    incidents: (workspace) => `${ws(workspace)}:incidents`,
    request: (workspace, request) => `${ws(workspace)}:request:${digest(request)}`,
    room: (workspace, room) => `${ws(workspace)}:room:${encodeURIComponent(room)}`,
    timeline: (workspace, seq) => `${ws(workspace)}:incident:${seq}:timeline`,
    idem: (key) => `${prefix}:idem:${key}`,
    draft: (key) => `${prefix}:draft:${key}`,
    alertLink: (workspace, kind, key) => `${ws(workspace)}:alert:${kind}:${digest(key)}`,
    alertTriage: (workspace, id) => `${ws(workspace)}:alert:triage:${encodeURIComponent(id)}`,
    alertWindow: (workspace, scope) => `${ws(workspace)}:alert:window:${digest(scope)}`,
    alertHeld: (workspace, scope) => `${ws(workspace)}:alert:held:${digest(scope)}`,
    alertStatus: (workspace, target) => `${ws(workspace)}:alert:status:${encodeURIComponent(target)}`,
    alertRecent: (workspace, id) => `${ws(workspace)}:alert:triage:${encodeURIComponent(id)}:recent`,
    alertStorm: (workspace) => `${ws(workspace)}:alert:storm`,
    alertDigest: (workspace, id, part) =>
      `${ws(workspace)}:alert:digest:${encodeURIComponent(id)}${part ? `:${part}` : ''}`,
    missedReminders: (workspace, seq) => `${ws(workspace)}:incident:${seq}:missed`,
    written: (workspace, seq) => `${ws(workspace)}:incident:${seq}:written`,
  };
}
