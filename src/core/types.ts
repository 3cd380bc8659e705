/** Domain types shared by every layer. Pure data: no platform, no I/O. */

export const LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const SEVERITIES = [1, 2, 3, 4] as const;
/** SEV1 is the worst. `null` means "not set yet" and is shown as such. */
export type Severity = (typeof SEVERITIES)[number];

/** Roles from DOMAIN.md; one person may hold several. */
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
  locale: Locale;
  /** The incident's chat room (channel id) once created, and its name. */
  room: string | null;
  roomName: string;
  /** The pinned summary message in the room, kept up to date in place. */
  summary: { room: string; id: string } | null;
  /** When the last public update was published (the status-update cadence counts from it). */
  lastUpdateAt?: string;
  /** Snoozes, dismissals and nag counts of this incident's reminders, by reminder key. */
  reminders?: Record<string, ReminderState>;
  openedBy: UserId;
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
}

/** What happened, appended to the incident's timeline (a Redis Stream). */
export type TimelineEvent =
  | { kind: 'opened'; title: string; playbook: string; severity: Severity | null; drill: boolean }
  | { kind: 'severity'; from: Severity | null; to: Severity }
  | { kind: 'role'; role: Role; user: UserId; previous?: UserId }
  | { kind: 'step-done'; step: number }
  | { kind: 'step-skipped'; step: number; reason: string }
  | { kind: 'step-assigned'; step: number; user: UserId }
  | { kind: 'note'; text: string }
  | { kind: 'locale'; locale: Locale }
  | { kind: 'room'; room: string; name: string }
  | { kind: 'captured'; message: CapturedMessage }
  | { kind: 'reminder-snoozed'; reminder: string; until: string }
  | { kind: 'reminder-dismissed'; reminder: string }
  | { kind: 'public-update' };

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
  /** How many times a hygiene nag (no lead, no severity, no activity) was sent, and when last. */
  nags?: number;
  lastAt?: string;
}

/** A timeline event as stored: who, when, and the stream entry id once stored. */
export type TimelineEntry = TimelineEvent & { at: string; by: UserId; id?: string };

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
