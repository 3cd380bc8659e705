import { type Deadline, deadlineStep } from './deadline';
import { fail, ok, type Result } from './result';
import type { Change, Incident, ReminderState, Role, Severity, UserId } from './types';

/**
 * Which reminders an incident wants, computed from its state alone. The scheduler queues them as delayed
 * jobs; when a job fires, it asks again: a reminder that is no longer in the plan (the step was done,
 * the severity changed, it was snoozed or dismissed, the incident closed) does nothing. That one rule
 * keeps reminders right across restarts, retries and several processes.
 */

export const REMINDER_KINDS = [
  'step',
  'cadence',
  'no-lead',
  'no-severity',
  'stale',
  'approval',
  'followup',
  'inject',
  'archive',
  'deadline',
] as const;

export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  /** Playbook step index, for step reminders, and the step that meets a deadline for its reminders. */
  step?: number;
  /** Statement number, for approval reminders. */
  statement?: number;
  /** Follow-up number (F<n>), for follow-up reminders. */
  followup?: number;
  /** Index of a drill scenario's inject (a simulated message from the outside world). */
  inject?: number;
  /** 1 = first reminder; for steps 2 = escalation to the lead; for the cadence the n-th interval. */
  attempt: number;
  /** Epoch milliseconds. */
  dueAt: number;
}

export interface ReminderPolicy {
  /** Minutes between public updates, by severity; null: no cadence (SEV4). */
  cadence: Record<Severity, number | null>;
  /** After this many minutes an incident is long-running and its cadence slows by `longFactor`. */
  longAfter: number;
  longFactor: number;
  /** Minutes after a step's first reminder before the lead is told. */
  escalateAfter: number;
  noLeadAfter: number;
  noSeverityAfter: number;
  /** Minutes without any change before an open incident is called stale. */
  staleAfter: number;
  /** Minutes after closing before the incident's room is archived; null: never. */
  archiveAfter: number | null;
  /** Minutes a statement may wait for approval before every approver is reminded. */
  approvalAfter: number;
  /** Hygiene nags are sent at most this many times each. */
  maxNags: number;
  /** Minutes after a follow-up is added before its owner is reminded, and between reminders. */
  followupAfter: number;
}

/** The playbook facts reminders need. */
export interface PlaybookClock {
  /**
   * `statement`: the kind of statement a step's template drafts; `recurring`: the step is the status
   * update the cadence reminds, with no reminder of its own.
   */
  steps: {
    id?: string;
    due: number;
    role: Role;
    statement?: 'holding' | 'full' | 'update' | undefined;
    recurring?: boolean;
  }[];
  /** The playbook's own cadence, overriding calma.yaml's for its incidents. */
  cadence?: Partial<Record<`sev${Severity}`, number | null>> | undefined;
  /** A drill scenario's injects, in minutes from the opening (only drills have them). */
  injects?: readonly { at: number }[] | undefined;
  /** A notification deadline counting from awareness (src/core/deadline.ts). */
  deadline?: Deadline | undefined;
}

/** The key under which a reminder's snooze / dismissal / nags are kept: `step-3`, `cadence`, `no-lead`. */
export function reminderKey(
  reminder: Pick<Reminder, 'kind' | 'step' | 'statement' | 'followup' | 'inject'>,
): string {
  if (reminder.kind === 'step') return `step-${reminder.step ?? 0}`;
  if (reminder.kind === 'inject') return `inject-${reminder.inject ?? 0}`;
  if (reminder.kind === 'followup') return `followup-${reminder.followup ?? 0}`;
  if (reminder.kind === 'approval') return `approval-${reminder.statement ?? 0}`;
  return reminder.kind;
}

export const SNOOZE_MINUTES = [30, 60, 90] as const;

/**
 * The reminders of `incident` as of `at` (epoch ms). The cadence gives its next reminder not before `at`
 * (the current one when `at` is exactly its due time, which is how a firing job checks itself). Every
 * other reminder is wanted until it has been sent, even once its time has passed: one planned late (a
 * slow sync) is queued at once and sent late, once, rather than never.
 */
export function plan(
  incident: Incident,
  playbook: PlaybookClock,
  policy: ReminderPolicy,
  minuteMs: number,
  at: number,
): Reminder[] {
  // A resolved incident keeps only its follow-ups' reminders: the work after the crisis.
  if (incident.status !== 'open') {
    return [...followupReminders(incident, policy, minuteMs), ...archiveReminder(incident, policy, minuteMs)];
  }
  const opened = Date.parse(incident.openedAt);
  const state = (key: string) => incident.reminders?.[key] ?? {};
  const minutes = (n: number) => n * minuteMs;
  const reminders: Reminder[] = [];
  const push = (reminder: Reminder) => {
    const s = state(reminderKey(reminder));
    if (s.dismissed) return;
    const snoozed = s.snoozedUntil ? Date.parse(s.snoozedUntil) : 0;
    reminders.push({ ...reminder, dueAt: Math.max(reminder.dueAt, snoozed) });
  };

  const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NEGATIVE_INFINITY);
  // Reopening does not bring back the step reminders that fell due while the incident was closed.
  const reopened = time(incident.reopenedAt);
  playbook.steps.forEach((step, index) => {
    // A done step is not reminded; a recurring update step is the cadence, reminded as such.
    if (incident.steps[index]?.state !== 'open' || step.recurring) return;
    // A step due at opening is on screen already: its first reminder comes one playbook minute later.
    // A snooze moves the reminder, and the escalation keeps its distance behind it (both to be sent
    // again: what was sent before the snooze is older than their new due times).
    const { snoozedUntil, lastAt, escalatedAt } = state(`step-${index}`);
    const due = Math.max(opened + minutes(Math.max(step.due, 1)), time(snoozedUntil));
    const escalation = due + minutes(policy.escalateAfter);
    if (due > Math.max(time(lastAt), reopened)) push({ kind: 'step', step: index, attempt: 1, dueAt: due });
    if (escalation > Math.max(time(escalatedAt), reopened))
      push({ kind: 'step', step: index, attempt: 2, dueAt: escalation });
  });

  const cadence = nextCadence(incident, playbook, policy, minuteMs, at);
  if (cadence && !state('cadence').dismissed) reminders.push({ kind: 'cadence', ...cadence });

  // After a nag is sent the next one keeps a full interval from it (a snoozed nag is not followed at once).
  const nag = (
    kind: 'no-lead' | 'no-severity' | 'stale' | 'approval',
    from: number,
    every: number,
    statement?: number,
  ) => {
    const { nags: sent = 0, lastAt } = state(reminderKey({ kind, statement }));
    if (sent >= policy.maxNags) return;
    const due = Math.max(
      from + minutes(every) * (sent + 1),
      lastAt ? Date.parse(lastAt) + minutes(every) : 0,
    );
    push({ kind, attempt: sent + 1, dueAt: due, ...(statement === undefined ? {} : { statement }) });
  };
  if (!incident.roles.lead) nag('no-lead', opened, policy.noLeadAfter);
  if (!incident.severity) nag('no-severity', opened, policy.noSeverityAfter);
  nag('stale', Date.parse(incident.updatedAt), policy.staleAfter);
  // A statement waiting for approval: every approver is told, a bounded number of times.
  for (const statement of incident.statements ?? []) {
    if (statement.status !== 'pending') continue;
    const since = Date.parse(statement.editedAt ?? statement.createdAt);
    nag('approval', since, policy.approvalAfter, statement.n);
  }
  // A drill's scripted injects: each is wanted at its minute from the opening until it has been posted
  // (posting counts it like a nag), even once that minute has passed: the T+0 inject is due before the
  // first sync, and one that was due while calma was down is still posted, late, once.
  if (incident.drill) {
    playbook.injects?.forEach((inject, index) => {
      if (state(reminderKey({ kind: 'inject', inject: index })).nags) return;
      reminders.push({ kind: 'inject', inject: index, attempt: 1, dueAt: opened + minutes(inject.at) });
    });
  }
  deadlineReminders(incident, playbook, minuteMs).forEach(push);
  reminders.push(...followupReminders(incident, policy, minuteMs));
  return reminders;
}

/**
 * A deadline's reminders, at its minutes from awareness, while the step that meets it is open: each one
 * after the last sent (a reminder posted late covers the ones due before it, since it says the time left
 * as of its posting). Corrected awareness moves them: one due after the last sent comes again.
 */
function deadlineReminders(incident: Incident, playbook: PlaybookClock, minuteMs: number): Reminder[] {
  const step = deadlineStep(playbook);
  if (step === null || !playbook.deadline || !incident.awareness) return [];
  if (incident.steps[step]?.state !== 'open') return [];
  const aware = Date.parse(incident.awareness.at);
  const last = incident.reminders?.deadline?.lastAt;
  const sent = last ? Date.parse(last) : Number.NEGATIVE_INFINITY;
  return playbook.deadline.remind.flatMap((minutes, index): Reminder[] => {
    const dueAt = aware + minutes * minuteMs;
    return dueAt > sent ? [{ kind: 'deadline', step, attempt: index + 1, dueAt }] : [];
  });
}

/**
 * Each open follow-up reminds its owner `followupAfter` minutes after it was added, then every
 * `followupAfter` minutes, at most `maxNags` times, open incident or resolved, until it is done or its
 * reminder dismissed. A snooze moves the next one.
 */
export function followupReminders(incident: Incident, policy: ReminderPolicy, minuteMs: number): Reminder[] {
  const every = policy.followupAfter * minuteMs;
  return (incident.followups ?? []).flatMap((followup): Reminder[] => {
    if (followup.done) return [];
    const state = incident.reminders?.[reminderKey({ kind: 'followup', followup: followup.n })] ?? {};
    const sent = state.nags ?? 0;
    if (state.dismissed || sent >= policy.maxNags) return [];
    const due = Math.max(
      Date.parse(followup.at) + every * (sent + 1),
      state.lastAt ? Date.parse(state.lastAt) + every : 0,
      state.snoozedUntil ? Date.parse(state.snoozedUntil) : 0,
    );
    return [{ kind: 'followup', followup: followup.n, attempt: sent + 1, dueAt: due }];
  });
}

/** Minutes between status updates for the incident's severity (the playbook may override); null: none. */
export function cadenceMinutes(
  incident: Incident,
  playbook: PlaybookClock,
  policy: ReminderPolicy,
): number | null {
  if (!incident.severity) return null;
  const own = playbook.cadence?.[`sev${incident.severity}`];
  return (own === undefined ? policy.cadence[incident.severity] : own) ?? null;
}

/** Playbook minutes before a promised update that its reminder comes, to leave time to draft and approve. */
export const PROMISE_LEAD_MINUTES = 5;

/**
 * The first status-update reminder due at or after `at`. The reminders form one fixed sequence, so a job
 * planned long ago still finds itself in it: from the anchor (the last public update, else the opening)
 * one interval at a time, the interval slowing by `longFactor` once a due time is `longAfter` playbook
 * minutes past the opening. A snooze re-anchors the sequence at its end, which is itself a reminder.
 */
export function nextCadence(
  incident: Incident,
  playbook: PlaybookClock,
  policy: ReminderPolicy,
  minuteMs: number,
  at: number,
): { attempt: number; dueAt: number } | null {
  const cadence = cadenceMinutes(incident, playbook, policy);
  if (!cadence) return null;
  const opened = Date.parse(incident.openedAt);
  const base = incident.lastUpdateAt ? Date.parse(incident.lastUpdateAt) : opened;
  const snoozed = incident.reminders?.cadence?.snoozedUntil;
  const snoozedAt = snoozed ? Date.parse(snoozed) : Number.NEGATIVE_INFINITY;
  const long = opened + policy.longAfter * minuteMs;
  const short = cadence * minuteMs;
  const slow = short * policy.longFactor;
  // Due times: anchor + k·short while below `long`, then on by `slow`.
  const dueAfter = (anchor: number, n: number): number => {
    const shortSteps = anchor >= long ? 0 : Math.ceil((long - anchor) / short);
    return n <= shortSteps ? anchor + n * short : anchor + shortSteps * short + (n - shortSteps) * slow;
  };
  const firstFrom = (anchor: number, anchorIsDue: boolean) => {
    let n = anchorIsDue ? 0 : 1;
    // Jump close with the short interval, then walk: a few steps at most.
    if (at > anchor) n = Math.max(n, Math.floor((at - anchor) / (at >= long ? slow : short)) - 1);
    while (dueAfter(anchor, n) < at) n++;
    return { attempt: n + (anchorIsDue ? 1 : 0), dueAt: dueAfter(anchor, n) };
  };
  if (snoozedAt > base) return firstFrom(snoozedAt, true);
  // A promised next update earlier than the cadence's: the sequence starts before it, and goes on at the
  // cadence from there if nobody posts.
  if (incident.promisedUpdateAt) {
    const promised = Date.parse(incident.promisedUpdateAt);
    const early = promised - PROMISE_LEAD_MINUTES * minuteMs;
    // A promise closer than the lead time is reminded at the promise itself.
    const due = early > base ? early : promised;
    if (due > base && due < dueAfter(base, 1)) return firstFrom(due, true);
  }
  return firstFrom(base, false);
}

/** Whether a queued reminder is still wanted: it is, exactly, in the plan as of its own due time. */
export function stillWanted(
  incident: Incident,
  playbook: PlaybookClock,
  policy: ReminderPolicy,
  minuteMs: number,
  reminder: Reminder,
): boolean {
  return plan(incident, playbook, policy, minuteMs, reminder.dueAt).some(
    (r) =>
      r.kind === reminder.kind &&
      r.step === reminder.step &&
      r.statement === reminder.statement &&
      r.followup === reminder.followup &&
      r.inject === reminder.inject &&
      r.attempt === reminder.attempt &&
      r.dueAt === reminder.dueAt,
  );
}

/**
 * Who a reminder is for: a step's owner (or nobody yet), a follow-up's owner (else the lead, else who
 * added it), the status update the comms role's (else the lead's), else the lead; escalations go to the lead.
 */
export function reminderAudience(
  incident: Incident,
  playbook: PlaybookClock,
  reminder: Reminder,
): UserId | undefined {
  // A deadline is the work of the step that meets it: its owner is reminded, as for the step's own reminder.
  if ((reminder.kind === 'step' && reminder.attempt === 1) || reminder.kind === 'deadline') {
    const step = reminder.step ?? 0;
    const role = playbook.steps[step]?.role;
    return incident.steps[step]?.assignee ?? (role ? incident.roles[role] : undefined);
  }
  // Public updates are the comms role's work; the lead's when nobody holds it.
  if (reminder.kind === 'cadence') return incident.roles.comms ?? incident.roles.lead;
  if (reminder.kind === 'followup') {
    const followup = incident.followups?.find((f) => f.n === reminder.followup);
    return followup?.owner ?? incident.roles.lead ?? followup?.by;
  }
  return incident.roles.lead;
}

const withReminder = (incident: Incident, key: string, patch: ReminderState) => ({
  ...(incident.reminders ?? {}),
  [key]: { ...(incident.reminders?.[key] ?? {}), ...patch },
});

export function snooze(
  incident: Incident,
  key: string,
  minutes: number,
  minuteMs: number,
  by: UserId,
  now: Date,
): Result<Change> {
  if (!canChangeReminder(incident, key)) return fail('incident.closed', { seq: incident.seq });
  const until = new Date(now.getTime() + minutes * minuteMs).toISOString();
  return ok({
    incident: { ...incident, reminders: withReminder(incident, key, { snoozedUntil: until }) },
    events: [{ kind: 'reminder-snoozed', reminder: key, until, by, at: now.toISOString() }],
  });
}

export function dismiss(incident: Incident, key: string, by: UserId, now: Date): Result<Change> {
  if (!canChangeReminder(incident, key)) return fail('incident.closed', { seq: incident.seq });
  if (incident.reminders?.[key]?.dismissed) return fail('reminders.alreadyDismissed');
  return ok({
    incident: { ...incident, reminders: withReminder(incident, key, { dismissed: true }) },
    events: [{ kind: 'reminder-dismissed', reminder: key, by, at: now.toISOString() }],
  });
}

/** A resolved incident's reminders are gone, except its follow-ups', which can still be snoozed or dismissed. */
const canChangeReminder = (incident: Incident, key: string) =>
  incident.status === 'open' || key.startsWith('followup-');

/** Counts a hygiene nag as sent, so the next one is planned (up to the policy's maximum). */
export function countNag(incident: Incident, key: string, now: Date): Change {
  const sent = incident.reminders?.[key]?.nags ?? 0;
  const state = { nags: sent + 1, lastAt: now.toISOString() };
  return { incident: { ...incident, reminders: withReminder(incident, key, state) }, events: [] };
}

/**
 * Records that `reminder` was sent at `now`, so no later plan brings it back: a step's reminder or
 * escalation is marked sent, a nag or an inject is counted (the next nag is planned from it). The cadence
 * needs nothing: its next reminder is simply the next one due.
 */
export function countSent(incident: Incident, reminder: Reminder, now: Date): Change {
  const key = reminderKey(reminder);
  // Never before its own due time, even on a process whose clock runs a little behind.
  const at = new Date(Math.max(now.getTime(), reminder.dueAt)).toISOString();
  if (reminder.kind === 'cadence' || reminder.kind === 'archive') return { incident, events: [] };
  if (reminder.kind !== 'step') return countNag(incident, key, new Date(at));
  const state: ReminderState = reminder.attempt > 1 ? { escalatedAt: at } : { lastAt: at };
  return { incident: { ...incident, reminders: withReminder(incident, key, state) }, events: [] };
}

/** A closed incident's room is archived `archiveAfter` minutes after closing (once; never by default). */
function archiveReminder(incident: Incident, policy: ReminderPolicy, minuteMs: number): Reminder[] {
  if (policy.archiveAfter === null || !incident.room || incident.archivedAt || !incident.resolvedAt)
    return [];
  return [
    { kind: 'archive', attempt: 1, dueAt: Date.parse(incident.resolvedAt) + policy.archiveAfter * minuteMs },
  ];
}
