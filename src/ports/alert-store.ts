import type { Alert } from '../core/alert';
import type { Severity, UserId } from '../core/types';
import type { MessageRef } from './chat';

/** The two keys that make alerts "the same": Alertmanager's group key (else the dedup key) and the dedup key. */
export interface AlertKeys {
  group: string;
  dedup: string;
}

/**
 * What an alert group is linked to in a workspace: `incident:<seq>`, `triage:<id>`, or
 * `pending:<token>` while the job holding the token opens an incident or posts a triage card.
 */
export type AlertLink = string;

export const incidentLink = (seq: number): AlertLink => `incident:${seq}`;
export const triageLink = (id: string): AlertLink => `triage:${id}`;
export const pendingLink = (token: string): AlertLink => `pending:${token}`;
/** A storm digest card, as the target of its redraw job. */
export const stormLink = (id: string): AlertLink => `storm:${id}`;

/** An alert as kept on a triage card, with the time calma received it. */
export interface TriageAlert extends Alert {
  receivedAt: string;
}

/** A triage card: an alert (and its repeats) waiting for a person to open a crisis or dismiss it. */
export interface TriageCard {
  id: string;
  workspace: string;
  status: 'pending' | 'opening' | 'opened' | 'dismissed';
  createdAt: string;
  /** The routing decision: what "Open crisis" opens (no playbook: the card offers a choice). */
  route: { playbook: string | null; severity: Severity | null; rule: number | 'default' };
  /** The first alert (what the card shows), then the latest repeats (kept for the incident's timeline). */
  alerts: TriageAlert[];
  /** Alerts received in all, repeats included. */
  count: number;
  lastAt: string;
  /** When the source last reported it resolved (cleared by a new firing alert). */
  resolvedAt?: string;
  /** Every group and dedup key linked to the card (moved to the incident when it opens). */
  keys: AlertKeys[];
  card?: MessageRef;
  /** `alerts.group_window` when the card was posted (the incident it becomes says it). */
  windowMinutes: number;
  opening?: { by: UserId; at: string };
  opened?: { by: UserId; at: string; seq: number };
  dismissed?: { by: UserId; at: string };
  /**
   * Set when the group came in a storm: it has no message of its own (`card` stays unset) and is shown
   * on the storm's digest card `id`, where it is the `n`th new group of the window.
   */
  digest?: { id: string; n: number };
}

/** A storm's digest card: one per window of the storm rule, posted once, then updated in place. */
export interface StormDigest {
  id: string;
  workspace: string;
  /** The triage channel it is posted in. */
  channel: string;
  /** When the window of the storm rule started (epoch ms). */
  start: number;
  /** The rule in force when it was created (the card says it). */
  threshold: number;
  windowMinutes: number;
  card?: MessageRef;
  /** Alert groups on it, and their alerts in all. */
  groups: number;
  alerts: number;
}

/** What a digest card shows of one of its groups. */
export interface DigestGroup {
  /** The group's triage card (record only): what its *Open crisis* opens. */
  triage: string;
  /** Its number among the window's new groups (the first over the rule is `threshold + 1`). */
  n: number;
  count: number;
  title: string;
  source: Alert['source'];
  /** Its first alert's labels, as a few `key=value`. */
  labels: string;
  /** The playbook its route names; null: the person opening it picks one. */
  playbook: string | null;
  /** Its latest alert says resolved. */
  resolved: boolean;
  /** The group's triage card as it is now (opened, dismissed, resolved); null when it has expired. */
  card: TriageCard | null;
}

/** A digest and a slice of its groups, the largest first (then in order of arrival). */
export interface DigestPage {
  digest: StormDigest;
  groups: DigestGroup[];
}

/** Where the storm rule puts a new alert group. */
export interface StormCount {
  /** Its number among the window's new groups. */
  n: number;
  /** The digest card it goes on; null: it gets its own triage card. */
  digest: string | null;
}

/**
 * Whether an alert message may be posted now (it opened the window), and how many alerts were held back
 * before it; `since`: when the first of them came (epoch ms; 0 when none was held).
 */
export type WindowNote =
  | { post: true; held: number; since: number }
  | { post: false; held: number; endsInMs: number; since: number };

/**
 * Alert routing state, in Redis next to the incidents (same workspace hash tag). Every method is atomic
 * on its own: two jobs linking the same group at once see one winner.
 */
export interface AlertStore {
  /**
   * Claims an alert's keys for `token` unless one is linked to something live: resolves null when the
   * claim is ours (keys now `token`), else the live link. Links in `stale` (a closed incident, a dismissed
   * card) and our own `token` do not count as live and are overwritten.
   */
  claim(
    workspace: string,
    keys: AlertKeys,
    token: AlertLink,
    stale: AlertLink[],
    ttlMs: number,
  ): Promise<AlertLink | null>;
  /**
   * Points every one of `keys` that is linked to one of `from` (`''`: not linked at all) at `to`, or
   * unlinks it when `to` is null. Other keys are left alone.
   */
  relink(
    workspace: string,
    keys: AlertKeys[],
    from: AlertLink[],
    to: AlertLink | null,
    ttlMs: number,
  ): Promise<void>;
  /** What the keys are linked to (the group's link first), without claiming them; null: nothing. */
  linked(workspace: string, keys: AlertKeys): Promise<AlertLink | null>;
  createTriage(card: TriageCard): Promise<void>;
  triage(workspace: string, id: string): Promise<TriageCard | null>;
  /**
   * Applies `mutate` to the stored card atomically (re-applied when another writer got there first);
   * a result without `card` stores nothing. Null when there is no such card.
   */
  updateTriage<R>(
    workspace: string,
    id: string,
    mutate: (card: TriageCard) => { card?: TriageCard; result: R },
  ): Promise<R | null>;
  /**
   * One alert message of a group in a scope (an incident or a card): it may be posted when no message
   * went out in the last `windowMs` (the window then starts now, and `held` says how many were held back
   * before); otherwise it is counted as held back until the window ends, `endsInMs` from now.
   */
  note(workspace: string, scope: string, nowMs: number, windowMs: number): Promise<WindowNote>;
  /**
   * At a window's end: when alerts were held back and no message went out since, a new window starts and
   * `post` is true with their number; `held` 0 means there is nothing to say.
   */
  flush(workspace: string, scope: string, nowMs: number, windowMs: number): Promise<WindowNote>;
  /** Records `status` for a dedup key in a target; true when it differs from the last one recorded. */
  statusChanged(workspace: string, target: string, dedupKey: string, status: string): Promise<boolean>;
  /**
   * Counts a new alert group in the storm rule's window (started by the window's first group, `windowMs`
   * long): past `threshold` groups, it goes on the window's digest, which is `candidate` when it is the
   * first group over the rule (the digest record is then created).
   */
  stormGroup(
    workspace: string,
    nowMs: number,
    windowMs: number,
    candidate: Omit<StormDigest, 'start' | 'card' | 'groups' | 'alerts'>,
  ): Promise<StormCount>;
  /** Puts a group (its first alert) on a digest; a group already there is left as it is. */
  addDigestGroup(
    workspace: string,
    digest: string,
    group: Omit<DigestGroup, 'count' | 'card' | 'resolved'>,
  ): Promise<void>;
  /**
   * A repeat of an alert group linked to triage card `triage`. On a storm's digest, a pending card (or
   * one whose opening started before `abandonedBefore`) keeps it with the group's latest `keep` alerts
   * in the same atomic step: `added`, with the digest (then count it there). Any other card comes back
   * as it is, for the caller to update or decide on; null when there is no such card.
   */
  repeatTriage(
    workspace: string,
    triage: string,
    alert: TriageAlert,
    keep: number,
    abandonedBefore: Date,
  ): Promise<{ added: { id: string; n: number } } | { card: TriageCard } | null>;
  /**
   * A repeat counted on its digest, which is marked changed; true when no redraw is queued yet (the
   * caller queues one; the claim lapses after `queuedTtlMs` if it never does).
   */
  countOnDigest(
    workspace: string,
    digest: { id: string; n: number },
    triage: string,
    queuedTtlMs: number,
  ): Promise<boolean>;
  /** The latest alerts of a group on a digest (its triage card keeps only the first), oldest first. */
  recentAlerts(workspace: string, triage: string): Promise<TriageAlert[]>;
  /** The digest and `limit` of its groups from `offset` (largest first); null when there is no such digest. */
  digestPage(workspace: string, id: string, offset: number, limit: number): Promise<DigestPage | null>;
  setDigestCard(workspace: string, id: string, card: MessageRef): Promise<void>;
  /**
   * The digest changed and must be redrawn; true when no redraw is queued yet (the caller queues one,
   * and the claim lapses after `queuedTtlMs` if it never does).
   */
  touchDigest(workspace: string, id: string, queuedTtlMs: number): Promise<boolean>;
  /** The digest changed (without queuing a redraw: whoever redraws next shows it). */
  markDigest(workspace: string, id: string): Promise<void>;
  /** A queued redraw has started: the next change queues another one. */
  digestDequeued(workspace: string, id: string): Promise<void>;
  /**
   * Takes the digest's redraw lock (one redraw at a time: updates never land out of order) and clears
   * its changed flag; false when someone else holds it (they will see the flag when they let go).
   */
  lockDigest(workspace: string, id: string, token: string, ttlMs: number): Promise<boolean>;
  /** Lets go of the redraw lock; true when the digest changed meanwhile (it needs another redraw). */
  unlockDigest(workspace: string, id: string, token: string): Promise<boolean>;
}
