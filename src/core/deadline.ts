import { fail, ok, type Result } from './result';
import type { Change, Incident, UserId } from './types';

/**
 * A legal notification deadline that counts from awareness, not from the opening: GDPR art. 33(1) gives
 * 72 hours "after having become aware of" a personal data breach. A playbook states it as data
 * (`deadline` in its YAML: the step that meets it, how long, when to remind); the team records the moment
 * with `/crisis aware <time>`, and a correction replaces it.
 */

/** The longest note kept with the awareness (how we became aware). */
export const MAX_AWARE_NOTE = 1000;

/** A playbook's deadline, in playbook minutes from awareness. */
export interface Deadline {
  /** Id of the step that meets the deadline (notifying the authority). */
  step: string;
  within: number;
  /** When to remind, in minutes from awareness, each before `within`. */
  remind: readonly number[];
}

/** What the deadline needs of a playbook. */
export interface DeadlinePlaybook {
  steps: readonly { id?: string }[];
  deadline?: Deadline | undefined;
}

/** The index of the step that meets the playbook's deadline; null without a deadline. */
export function deadlineStep(playbook: DeadlinePlaybook): number | null {
  const id = playbook.deadline?.step;
  const index = id === undefined ? -1 : playbook.steps.findIndex((step) => step.id === id);
  return index === -1 ? null : index;
}

/**
 * Whole hours in `ms`, with a playbook minute's grace: a reminder planned 48 hours after awareness and
 * posted a moment later says 24 hours left, not 23.
 */
export const wholeHours = (ms: number, minuteMs: number): number =>
  Math.floor((ms + minuteMs) / (60 * minuteMs));

/** Where an incident stands against its playbook's deadline, at `now` (epoch ms). */
export type DeadlineState =
  | { state: 'not-started' }
  | { state: 'running'; step: number; aware: number; dueAt: number; leftMs: number }
  | { state: 'overdue'; step: number; aware: number; dueAt: number; lateMs: number }
  | { state: 'met'; step: number; aware: number; dueAt: number; at: number }
  | { state: 'skipped'; step: number; reason: string };

/** Null when the playbook has no deadline. */
export function deadlineState(
  incident: Incident,
  playbook: DeadlinePlaybook,
  minuteMs: number,
  now: number,
): DeadlineState | null {
  const step = deadlineStep(playbook);
  if (step === null || !playbook.deadline) return null;
  const progress = incident.steps[step];
  if (progress?.state === 'skipped') return { state: 'skipped', step, reason: progress.reason ?? '' };
  if (!incident.awareness) return { state: 'not-started' };
  const aware = Date.parse(incident.awareness.at);
  const dueAt = aware + playbook.deadline.within * minuteMs;
  if (progress?.state === 'done') {
    return { state: 'met', step, aware, dueAt, at: Date.parse(progress.at ?? incident.updatedAt) };
  }
  return now <= dueAt
    ? { state: 'running', step, aware, dueAt, leftMs: dueAt - now }
    : { state: 'overdue', step, aware, dueAt, lateMs: now - dueAt };
}

/**
 * Records when the organisation became aware (`at`, already checked to be past), or corrects it: the
 * timeline keeps both. Only for an open incident whose playbook has a deadline.
 */
export function recordAwareness(
  incident: Incident,
  playbook: DeadlinePlaybook & { id: string },
  input: { at: Date; note: string },
  by: UserId,
  now: Date,
): Result<Change> {
  if (incident.status !== 'open') return fail('incident.closed', { seq: incident.seq });
  if (deadlineStep(playbook) === null) return fail('aware.noDeadline', { playbook: playbook.id });
  const since = input.at.toISOString();
  const previous = incident.awareness?.at;
  if (previous === since) return fail('aware.unchanged', { seq: incident.seq });
  const note = input.note.trim();
  if (note.length > MAX_AWARE_NOTE) return fail('aware.tooLong', { max: MAX_AWARE_NOTE });
  const at = now.toISOString();
  return ok({
    incident: {
      ...incident,
      awareness: { at: since, by, recordedAt: at, ...(note ? { note } : {}) },
      updatedAt: at,
    },
    events: [
      {
        kind: 'aware',
        since,
        ...(previous ? { previous } : {}),
        ...(note ? { note } : {}),
        by,
        at,
      },
    ],
  });
}
