import { fail, ok, type Result } from './result';
import type {
  CapturedMessage,
  Change,
  Incident,
  Locale,
  Role,
  Severity,
  TimelineEntry,
  TimelineEvent,
  UserId,
} from './types';

/**
 * The rules of an incident's life. Each function takes the current state and a command and returns the
 * new state plus the timeline events it produced, or a user error. Pure: time comes in as `now`.
 */

/** The part of a playbook the rules need (kept small so core does not depend on the YAML format). */
export interface PlaybookSteps {
  id: string;
  steps: { role: Role; approval: Role[] }[];
}

/** The longest incident title: it heads the summary card, and Slack's headers hold 150 characters. */
export const MAX_TITLE = 150;

export interface OpenInput {
  workspace: string;
  seq: number;
  title: string;
  playbook: PlaybookSteps;
  severity: Severity | null;
  drill: boolean;
  /** A drill's scenario id: its injects are planned from the opening. Ignored unless `drill`. */
  scenario?: string;
  locale: Locale;
  roomName: string;
  private?: boolean;
  codename?: string;
  audit?: boolean;
  lead?: UserId;
  by: UserId;
  now: Date;
}

const entry = (event: TimelineEvent, by: UserId, now: Date): TimelineEntry => ({
  ...event,
  by,
  at: now.toISOString(),
});

/** How an incident is named where people outside it may read: its codename when it has one. */
export const publicName = (incident: Pick<Incident, 'title' | 'codename'>): string =>
  incident.codename ?? incident.title;

export function openIncident(input: OpenInput): Result<Change> {
  const title = input.title.trim();
  if (!title) return fail('open.emptyTitle');
  if (title.length > MAX_TITLE) return fail('forms.titleTooLong', { max: MAX_TITLE });
  const at = input.now.toISOString();
  const incident: Incident = {
    workspace: input.workspace,
    seq: input.seq,
    title,
    playbook: input.playbook.id,
    severity: input.severity,
    status: 'open',
    roles: input.lead ? { lead: input.lead } : {},
    steps: input.playbook.steps.map(() => ({ state: 'open' })),
    drill: input.drill,
    ...(input.drill && input.scenario ? { scenario: input.scenario } : {}),
    locale: input.locale,
    ...(input.private ? { private: true } : {}),
    ...(input.audit ? { audit: true } : {}),
    ...(input.codename ? { codename: input.codename } : {}),
    room: null,
    roomName: input.roomName,
    summary: null,
    openedBy: input.by,
    openedAt: at,
    updatedAt: at,
  };
  const events: TimelineEntry[] = [
    entry(
      { kind: 'opened', title, playbook: input.playbook.id, severity: input.severity, drill: input.drill },
      input.by,
      input.now,
    ),
  ];
  if (input.lead) events.push(entry({ kind: 'role', role: 'lead', user: input.lead }, input.by, input.now));
  return ok({ incident, events });
}

function change(
  incident: Incident,
  patch: Partial<Incident>,
  event: TimelineEvent,
  by: UserId,
  now: Date,
): Change {
  return {
    incident: { ...incident, ...patch, updatedAt: now.toISOString() },
    events: [entry(event, by, now)],
  };
}

function whileOpen(incident: Incident): Result<true> {
  return incident.status === 'open' ? ok(true) : fail('incident.closed', { seq: incident.seq });
}

export function setSeverity(incident: Incident, severity: Severity, by: UserId, now: Date): Result<Change> {
  const open = whileOpen(incident);
  if (!open.ok) return open;
  if (incident.severity === severity) return fail('sev.unchanged', { severity });
  return ok(
    change(incident, { severity }, { kind: 'severity', from: incident.severity, to: severity }, by, now),
  );
}

export function assignRole(
  incident: Incident,
  role: Role,
  user: UserId,
  by: UserId,
  now: Date,
): Result<Change> {
  const open = whileOpen(incident);
  if (!open.ok) return open;
  const previous = incident.roles[role];
  if (previous === user) return fail('role.unchanged', { role, user });
  const event: TimelineEvent = previous
    ? { kind: 'role', role, user, previous }
    : { kind: 'role', role, user };
  return ok(change(incident, { roles: { ...incident.roles, [role]: user } }, event, by, now));
}

/** Index of the first step still open, or null when every step is done or skipped. */
export function currentStep(incident: Incident): number | null {
  const index = incident.steps.findIndex((s) => s.state === 'open');
  return index === -1 ? null : index;
}

function openStep(incident: Incident, step: number): Result<true> {
  const open = whileOpen(incident);
  if (!open.ok) return open;
  const progress = incident.steps[step];
  if (!progress) return fail('step.noSuchStep', { step: step + 1, count: incident.steps.length });
  if (progress.state !== 'open') return fail(`step.already.${progress.state}`, { step: step + 1 });
  return ok(true);
}

function withStep(incident: Incident, step: number, patch: Incident['steps'][number]): Partial<Incident> {
  return { steps: incident.steps.map((s, i) => (i === step ? patch : s)) };
}

/**
 * Marks a step done. A step that needs approval can only be completed by someone holding one of its
 * approval roles: pressing Done is their approval (four eyes on risky actions such as deleting posts).
 */
export function completeStep(
  incident: Incident,
  playbook: PlaybookSteps,
  step: number,
  by: UserId,
  now: Date,
): Result<Change> {
  const valid = openStep(incident, step);
  if (!valid.ok) return valid;
  const approval = playbook.steps[step]?.approval ?? [];
  if (approval.length > 0 && !approval.some((role) => incident.roles[role] === by)) {
    const holders = approval.filter((role) => incident.roles[role]);
    return holders.length > 0
      ? fail('step.needsApproval', { step: step + 1, roles: approval.join(', ') })
      : fail('step.needsApprovalRoleless', {
          step: step + 1,
          roles: approval.join(', '),
          id: approval[0] ?? '',
        });
  }
  const progress = { ...incident.steps[step], state: 'done' as const, by, at: now.toISOString() };
  return ok(change(incident, withStep(incident, step, progress), { kind: 'step-done', step }, by, now));
}

/**
 * Marks done the open steps among `steps` because statement `n`, which they asked for, was published:
 * "step N done by publishing S<n>". No approval check: the statement's approvals were the step's.
 * Steps already done or skipped stay as they are.
 */
export function completeByPublication(
  incident: Incident,
  steps: number[],
  n: number,
  by: UserId,
  now: Date,
): Change {
  const at = now.toISOString();
  const done = [...new Set(steps)]
    .filter((step) => incident.steps[step]?.state === 'open')
    .sort((a, b) => a - b);
  if (done.length === 0) return { incident, events: [] };
  return {
    incident: {
      ...incident,
      steps: incident.steps.map((s, i) => (done.includes(i) ? { ...s, state: 'done' as const, by, at } : s)),
      updatedAt: at,
    },
    events: done.map((step) => entry({ kind: 'step-done', step, statement: n }, by, now)),
  };
}

export function skipStep(
  incident: Incident,
  step: number,
  reason: string,
  by: UserId,
  now: Date,
): Result<Change> {
  const valid = openStep(incident, step);
  if (!valid.ok) return valid;
  const why = reason.trim();
  if (!why) return fail('step.reasonRequired', { step: step + 1 });
  const progress = {
    ...incident.steps[step],
    state: 'skipped' as const,
    by,
    at: now.toISOString(),
    reason: why,
  };
  return ok(
    change(
      incident,
      withStep(incident, step, progress),
      { kind: 'step-skipped', step, reason: why },
      by,
      now,
    ),
  );
}

export function assignStep(
  incident: Incident,
  step: number,
  user: UserId,
  by: UserId,
  now: Date,
): Result<Change> {
  const valid = openStep(incident, step);
  if (!valid.ok) return valid;
  const progress = { ...incident.steps[step], state: 'open' as const, assignee: user };
  return ok(
    change(incident, withStep(incident, step, progress), { kind: 'step-assigned', step, user }, by, now),
  );
}

export function addNote(incident: Incident, text: string, by: UserId, now: Date): Result<Change> {
  const note = text.trim();
  if (!note) return fail('note.empty');
  return ok(change(incident, {}, { kind: 'note', text: note }, by, now));
}

/** Keeps a chat message on the timeline, with its author and time, as posted. */
export function captureMessage(
  incident: Incident,
  message: CapturedMessage,
  by: UserId,
  now: Date,
): Result<Change> {
  if (!message.text.trim()) return fail('capture.empty');
  return ok(change(incident, {}, { kind: 'captured', message }, by, now));
}

export function setLocale(incident: Incident, locale: Locale, by: UserId, now: Date): Result<Change> {
  if (incident.locale === locale) return fail('lang.unchanged', { locale });
  return ok(change(incident, { locale }, { kind: 'locale', locale }, by, now));
}

export function attachRoom(incident: Incident, room: string, name: string, by: UserId, now: Date): Change {
  return change(incident, { room, roomName: name }, { kind: 'room', room, name }, by, now);
}

/** Remembers the pinned summary message; not a timeline event (nothing happened to the crisis). */
export function attachSummary(incident: Incident, summary: { room: string; id: string }): Change {
  return { incident: { ...incident, summary }, events: [] };
}

/** Who is expected to act on a step: its assignee, else the holder of the step's role. */
export function stepOwner(incident: Incident, playbook: PlaybookSteps, step: number): UserId | undefined {
  const role = playbook.steps[step]?.role;
  return incident.steps[step]?.assignee ?? (role ? incident.roles[role] : undefined);
}

export const MAX_RESOLUTION_CHARS = 3000;
/** Longest note kept with a piece of evidence. */
export const MAX_EVIDENCE_NOTE = 1000;

/**
 * Resolves the incident with a summary of how it ended and whether the public got a final update. Its
 * reminders stop (the plan of a resolved incident is empty); statements in delivery still arrive.
 */
export function closeIncident(
  incident: Incident,
  input: { resolution: string; finalUpdate: boolean },
  by: UserId,
  now: Date,
): Result<Change> {
  if (incident.status !== 'open') return fail('close.already', { seq: incident.seq });
  const resolution = input.resolution.trim();
  if (!resolution) return fail('close.resolutionRequired');
  if (resolution.length > MAX_RESOLUTION_CHARS) return fail('close.tooLong', { max: MAX_RESOLUTION_CHARS });
  return ok(
    change(
      incident,
      { status: 'resolved', resolvedAt: now.toISOString(), resolution },
      { kind: 'closed', resolution, finalUpdate: input.finalUpdate },
      by,
      now,
    ),
  );
}

/** Opens a resolved incident again (the crisis flared up): reminders resume from now. */
export function reopenIncident(incident: Incident, reason: string, by: UserId, now: Date): Result<Change> {
  if (incident.status === 'open') return fail('close.notClosed', { seq: incident.seq });
  // Its channel is gone from the team's sidebar and calma cannot bring it back: start afresh.
  if (incident.archivedAt) return fail('close.archived', { seq: incident.seq });
  const why = reason.trim();
  if (!why) return fail('close.reopenReason', { seq: incident.seq });
  const { resolvedAt: _resolvedAt, ...rest } = incident;
  const reopened = { ...rest, status: 'open', reopenedAt: now.toISOString() } as Incident;
  return ok(change(reopened, {}, { kind: 'reopened', reason: why }, by, now));
}

/** Remembers the incident's post in the announcements channel (not an event: nothing happened). */
export function attachAnnouncement(incident: Incident, announcement: { room: string; id: string }): Change {
  return { incident: { ...incident, announcement }, events: [] };
}

/**
 * Keeps a link to something posted in public (the attacker's post, a viral complaint) with a note, before
 * it can be deleted. Allowed after closing too: evidence often turns up late.
 */
export function addEvidence(
  incident: Incident,
  input: { url: string; note: string },
  by: UserId,
  now: Date,
): Result<Change> {
  const url = input.url.trim();
  if (!isWebLink(url)) return fail('evidence.badUrl', { url: url.slice(0, 80) });
  const note = input.note.trim();
  if (note.length > MAX_EVIDENCE_NOTE) return fail('evidence.tooLong', { max: MAX_EVIDENCE_NOTE });
  return ok(change(incident, {}, { kind: 'evidence', url, ...(note ? { note } : {}) }, by, now));
}

function isWebLink(text: string): boolean {
  if (text.length > 2000) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Records that the incident's room was archived: from now on nothing is posted there. */
export function markArchived(incident: Incident, now: Date): Change {
  const at = now.toISOString();
  return {
    incident: { ...incident, archivedAt: at },
    events: [{ kind: 'archived', room: incident.room ?? '', by: 'calma', at }],
  };
}
