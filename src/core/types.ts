import type { NetworkId } from './networks';
/** Domain types shared by every layer. Pure data: no platform, no I/O. */

export const LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const SEVERITIES = [1, 2, 3, 4] as const;
/** SEV1 is the worst. `null` means "not set yet" and is shown as such. */
export type Severity = (typeof SEVERITIES)[number];

/** Roles of docs/crisis-craft.md; one person may hold several. */
export const ROLES = [
  'lead',
  'comms',
  'approver',
  'scribe',
  'listener',
  'sme',
  'support',
  'legal',
  'hr',
] as const;
export type Role = (typeof ROLES)[number];

export type IncidentStatus = 'open' | 'resolved';

/** A platform user id (Slack `U123`, Discord snowflake, console name). Adapters render mentions. */
export type UserId = string;

/** Who calma's own entries are by (reminders, deliveries, alerts): never a person, never invited. */
export const CALMA_USER: UserId = 'calma';

export interface StepProgress {
  state: 'open' | 'done' | 'skipped';
  /** Who takes the step when it is not the playbook role's holder. */
  assignee?: UserId;
  by?: UserId;
  at?: string;
  reason?: string;
}

export interface Incident {
  /** Slack team id, Discord guild id, or `console`: sequence numbers count per workspace. */
  workspace: string;
  seq: number;
  title: string;
  playbook: string;
  severity: Severity | null;
  status: IncidentStatus;
  roles: Partial<Record<Role, UserId>>;
  steps: StepProgress[];
  drill: boolean;
  /** A drill's scenario id (`playbooks/scenarios/<id>.yaml`): its injects are posted as the drill runs. */
  scenario?: string;
  locale: Locale;
  /** A scheduled audit (preparedness checklist), not a crisis: left out of crisis metrics. */
  audit?: boolean;
  /** Opened in a private room: only the people let in see it, and its announcement has no Join button. */
  private?: boolean;
  /** Said instead of the title wherever others may read it (channel name, announcement, lists). */
  codename?: string;
  /** The incident's chat room (channel id) once created, and its name. */
  room: string | null;
  roomName: string;
  /**
   * What the team has established and stands behind (`/crisis fact`, or a template field that records
   * one): a public reassurance on a topic needs one of that topic, or the checklist warns.
   */
  facts?: Fact[];
  /** The pinned summary message in the room, kept up to date in place. */
  summary: { room: string; id: string } | null;
  /** When the last public update was published (the status-update cadence counts from it). */
  lastUpdateAt?: string;
  /** The next update the last published statement promised, if it named one: the cadence reminds before it. */
  promisedUpdateAt?: string;
  /** Public statements, numbered from 1 in the order they were drafted. */
  statements?: Statement[];
  /** Questions the public is asking, numbered from 1 (seed 000: answer every question). */
  questions?: Question[];
  /** Follow-up actions (F1, F2…), added before or after closing; their owners are nagged until done. */
  followups?: Followup[];
  /** Snoozes, dismissals and nag counts of this incident's reminders, by reminder key. */
  reminders?: Record<string, ReminderState>;
  openedBy: UserId;
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  /** When it was last reopened: step reminders that fell due while it was closed stay behind. */
  reopenedAt?: string;
  /** When its room was archived (`channels.archive_after` after closing): nothing is posted there since. */
  archivedAt?: string;
  /** What the lead wrote when closing: how it ended. */
  resolution?: string;
  /** A raid lockdown asked for (and, once someone else confirmed it, applied until `until`). */
  lockdown?: { requestedBy: UserId; requestedAt: string; approvedBy?: UserId; until?: string };
  /** The incident's post in the announcements channel, updated when it closes or reopens. */
  announcement?: { room: string; id: string };
  /**
   * When the organisation became aware (`/crisis aware`): a playbook's notification deadline counts from
   * it (GDPR art. 33: 72 hours). `by` recorded it at `recordedAt`; a correction replaces it.
   */
  awareness?: { at: string; by: UserId; recordedAt: string; note?: string };
}

/** Where alerts come from: each source's webhook is normalised into one `Alert` (`alert.ts`). */
export const ALERT_SOURCES = ['alertmanager', 'grafana', 'pagerduty', 'generic'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** What happened, appended to the incident's timeline (a Redis Stream). */
export type TimelineEvent =
  | { kind: 'opened'; title: string; playbook: string; severity: Severity | null; drill: boolean }
  | { kind: 'severity'; from: Severity | null; to: Severity }
  | { kind: 'role'; role: Role; user: UserId; previous?: UserId }
  /** `statement`: done by publishing that statement (S<n>), which the step asked for. */
  | { kind: 'step-done'; step: number; statement?: number }
  | { kind: 'step-skipped'; step: number; reason: string }
  | { kind: 'step-assigned'; step: number; user: UserId }
  | { kind: 'note'; text: string }
  | { kind: 'locale'; locale: Locale }
  | { kind: 'room'; room: string; name: string }
  | { kind: 'captured'; message: CapturedMessage }
  | { kind: 'evidence'; url: string; note?: string }
  /** When the organisation became aware (`since`); `previous`: the moment it corrects. */
  | { kind: 'aware'; since: string; previous?: string; note?: string }
  | { kind: 'fact'; text: string; topics: FactTopic[] }
  | { kind: 'reminder-snoozed'; reminder: string; until: string }
  | { kind: 'reminder-dismissed'; reminder: string }
  | { kind: 'statement-drafted'; n: number; missing: string[]; warnings: string[] }
  | { kind: 'statement-edited'; n: number; missing: string[]; warnings: string[] }
  /** `via: 'link'`: from the browser page of an approval link (src/http/approval-page.ts), not chat. */
  | { kind: 'statement-approved'; n: number; as: Role; via?: 'link' }
  | { kind: 'statement-rejected'; n: number; reason: string; via?: 'link' }
  | { kind: 'statement-published'; n: number; nextUpdateAt?: string }
  | { kind: 'statement-delivered'; n: number; destination: string }
  | { kind: 'statement-delivery-failed'; n: number; destination: string; error: string }
  | { kind: 'closed'; resolution: string; finalUpdate: boolean }
  | { kind: 'reopened'; reason: string }
  | { kind: 'archived'; room: string }
  | { kind: 'question'; n: number; text: string }
  | { kind: 'question-answered'; n: number; text: string; statement?: number }
  | { kind: 'followup'; n: number; text: string; owner?: UserId }
  | { kind: 'followup-done'; n: number }
  | { kind: 'lockdown-requested'; hours: number }
  | { kind: 'lockdown'; until: string; requestedBy: UserId; drill: boolean }
  /** A webhook alert about this incident; `opening`: the alert that opened it (or its triage card). */
  | {
      kind: 'alert';
      source: AlertSource;
      status: 'firing' | 'resolved';
      title: string;
      url: string | null;
      dedupKey: string;
      opening?: boolean;
    };

/** What the statement checklist (`checklist.ts`) finds in a statement: kept with the statement. */
export const CHECKLIST_ITEMS = [
  'apology',
  'empathy',
  'what-happened',
  'who-affected',
  'actions',
  'user-actions',
  'data',
  'where-updates',
  'questions',
  'signature',
  'next-update',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_WARNINGS = [
  'eta',
  'blame',
  'security-cliche',
  'jargon',
  'named-victim',
  'speculation',
  'unbacked-reassurance',
  'conditional-apology',
] as const;
export type ChecklistWarning = (typeof CHECKLIST_WARNINGS)[number];

export interface ChecklistWarningHit {
  kind: ChecklistWarning;
  /** The matched words as written in the statement, whitespace collapsed, at most 60 characters. */
  excerpt: string;
}

export interface ChecklistResult {
  /** In CHECKLIST_ITEMS order. */
  covered: ChecklistItem[];
  /**
   * In CHECKLIST_ITEMS order: the expected items not covered (what is expected depends on the statement's
   * kind and the playbook's posture; with neither known, every item).
   */
  missing: ChecklistItem[];
  /** In the order they occur in the statement; overlapping hits of one kind are reported once. */
  warnings: ChecklistWarningHit[];
}

/** A public statement and its way through approval to publication. */
export interface Statement {
  n: number;
  text: string;
  /**
   * The same statement cut for each network the team publishes on (calma.yaml `networks`), each within
   * that network's limit (`networks.ts`). Approved with the text: one approval covers them all.
   */
  variants?: Partial<Record<NetworkId, string>>;
  /** The request that drafted it (`Caller.request`): run again after its process died, it drafts nothing new. */
  request?: string;
  /** Everyone who wrote it (the drafter, then editors): none of them may approve it. */
  authors: UserId[];
  createdAt: string;
  editedAt?: string;
  /** Playbook step index it was drafted from (its template). */
  step?: number;
  /** The public question it answers (`/crisis answer Q<n> <text>`): answered when it is published. */
  answers?: number;
  /** Names of the outbound targets it goes to once published (the form lets the author choose). */
  targets: string[];
  /** Approval slots, one person each: `['approver']`, or `['approver', 'legal']` for a two-approval step. */
  requires: Role[];
  /** Each with the SHA-256 (hex) of the exact text approved: publication refuses any other text. */
  approvals: { by: UserId; as: Role; at: string; sha256: string }[];
  status: 'pending' | 'rejected' | 'published';
  /** Bumped by every edit: approvals and the approval nag belong to one version. */
  version: number;
  rejection?: { by: UserId; at: string; reason: string };
  checklist: ChecklistResult;
  publishedAt?: string;
  /** When the next public update is due, as the published statement says. */
  nextUpdateAt?: string;
  /**
   * The next update its text promises, known because calma filled the template's `{next_update}` with
   * `text` (`13:00 UTC+1`): kept while the text still says it, so a publication knows what it promised.
   */
  promise?: { at: string; text: string };
  /** Where it is being delivered, by destination (`room`, `announcements`, `target:<name>`). */
  deliveries?: Record<string, Delivery>;
  /** The statement's card in the incident room, redrawn as approvals come in. */
  card?: { room: string; id: string };
}

export type Delivery =
  | { state: 'pending' }
  | { state: 'delivered'; at: string }
  | { state: 'failed'; at: string; error: string };

export interface Question {
  n: number;
  text: string;
  askedBy: UserId;
  askedAt: string;
  answer?: { text: string; by: UserId; at: string; statement?: number };
}

/** A follow-up action: what is left to do once the fire is out, and who does it. */
export interface Followup {
  n: number;
  text: string;
  owner?: UserId;
  /** Who added it, and when (its reminders count from then). */
  by: UserId;
  at: string;
  done?: { by: UserId; at: string };
}

/** A chat message kept as evidence before it can be edited or deleted (pushpin, message shortcut). */
export interface CapturedMessage {
  author: UserId;
  text: string;
  /** When the message was posted. */
  postedAt: string;
  link?: string;
}

export interface ReminderState {
  snoozedUntil?: string;
  dismissed?: boolean;
  /**
   * How many times a hygiene nag (no lead, no severity, no activity) was sent, and when last; for a
   * step, when its reminder was sent (`lastAt`) and when its escalation was (`escalatedAt`).
   */
  nags?: number;
  lastAt?: string;
  escalatedAt?: string;
}

/**
 * What a public reassurance can be about: personal data, payment details, passwords, or access to
 * accounts and systems ("nothing was hacked"). A reassurance on one needs a recorded fact on it.
 */
export const FACT_TOPICS = ['data', 'payment', 'passwords', 'access'] as const;
export type FactTopic = (typeof FACT_TOPICS)[number];

/** Something the team has established, in its own words, with who recorded it and when. */
export interface Fact {
  text: string;
  topics: FactTopic[];
  by: UserId;
  at: string;
}

/** A timeline event as stored: who, when, and the stream entry id once stored. */
export type TimelineEntry = TimelineEvent & { at: string; by: UserId; id?: string };

/**
 * A change computed by core from the current state: the incident as it is to be stored, and the timeline
 * entries to append (their `id` is ignored; the store assigns the stream id).
 */
export interface Change {
  incident: Incident;
  events: TimelineEntry[];
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
