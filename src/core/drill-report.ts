import { reminderKey } from './reminders';
import type { Incident, Severity } from './types';

/**
 * What a drill shows the team about itself when it ends: which playbook steps were done on time, late
 * (and by how much), skipped or never done; when the first public statement came against the severity's
 * target; how many injects arrived. Pure: from the stored incident alone.
 *
 * Times are whole playbook minutes from the opening (T+n, rounded down), the way the playbook states
 * its due times: a step due at T+15 done at T+15 min 40 s is on time, at T+16 it is one minute late.
 */

/** Minutes within which the first public statement is due, by severity (docs/crisis-craft.md); null: no deadline. */
export const FIRST_STATEMENT_TARGET: Record<Severity, number | null> = { 1: 15, 2: 60, 3: null, 4: null };

export type StepOutcome =
  | { step: number; outcome: 'on-time'; due: number; at: number }
  | { step: number; outcome: 'late'; due: number; at: number; late: number }
  | { step: number; outcome: 'skipped'; due: number; at: number | null; reason: string }
  /** Still open, and its due time had passed when the drill ended. */
  | { step: number; outcome: 'never'; due: number }
  /** Still open, but only due after the drill ended: nobody can be blamed for it. */
  | { step: number; outcome: 'not-due'; due: number };

export interface DrillReport {
  /** Minutes from the opening to the end of the drill. */
  duration: number;
  /** The severity at the end, which sets the first statement's target. */
  severity: Severity | null;
  steps: StepOutcome[];
  tally: Record<StepOutcome['outcome'], number>;
  statements: {
    drafted: number;
    published: number;
    /** T+ minutes of the first publication; null when nothing was published. */
    firstAt: number | null;
    /** The severity's target for the first statement, in minutes; null: none. */
    target: number | null;
    /** Minutes the first statement came past the target (0: on time); null without target or statement. */
    late: number | null;
  };
  injects: { count: number; posted: number };
  questions: { asked: number; answered: number };
}

/** What the report needs of the playbook and the scenario: the steps' due minutes and the injects. */
export interface DrillClock {
  steps: readonly { due: number }[];
  injects?: readonly { at: number }[] | undefined;
}

/**
 * The report of a drill as of `end` (epoch ms; by default when it was resolved). `minuteMs` is how long
 * a playbook minute lasted (CALMA_MINUTE_MS).
 */
export function drillReport(
  incident: Incident,
  clock: DrillClock,
  minuteMs: number,
  end: number = Date.parse(incident.resolvedAt ?? incident.updatedAt),
): DrillReport {
  const opened = Date.parse(incident.openedAt);
  /** T+ whole minutes of an instant. */
  const minuteOf = (ms: number) => Math.max(0, Math.floor((ms - opened) / minuteMs));
  const endMinute = minuteOf(end);

  const steps = clock.steps.map((playbookStep, step): StepOutcome => {
    const progress = incident.steps[step];
    const due = playbookStep.due;
    if (progress?.state === 'done') {
      const at = progress.at ? minuteOf(Date.parse(progress.at)) : due;
      return at <= due
        ? { step, outcome: 'on-time', due, at }
        : { step, outcome: 'late', due, at, late: at - due };
    }
    if (progress?.state === 'skipped') {
      const at = progress.at ? minuteOf(Date.parse(progress.at)) : null;
      return { step, outcome: 'skipped', due, at, reason: progress.reason ?? '' };
    }
    return due < endMinute ? { step, outcome: 'never', due } : { step, outcome: 'not-due', due };
  });
  const tally = { 'on-time': 0, late: 0, skipped: 0, never: 0, 'not-due': 0 };
  for (const s of steps) tally[s.outcome]++;

  const statements = incident.statements ?? [];
  const publishedAt = statements
    .flatMap((s) => (s.status === 'published' && s.publishedAt ? [Date.parse(s.publishedAt)] : []))
    .sort((a, b) => a - b);
  const firstAt = publishedAt[0] === undefined ? null : minuteOf(publishedAt[0]);
  const target = incident.severity ? FIRST_STATEMENT_TARGET[incident.severity] : null;
  const late = target === null || firstAt === null ? null : Math.max(0, firstAt - target);

  const injects = clock.injects ?? [];
  const posted = injects.filter(
    (_, inject) => (incident.reminders?.[reminderKey({ kind: 'inject', inject })]?.nags ?? 0) > 0,
  ).length;
  const questions = incident.questions ?? [];

  return {
    duration: endMinute,
    severity: incident.severity,
    steps,
    tally,
    statements: {
      drafted: statements.length,
      published: publishedAt.length,
      firstAt,
      target,
      late,
    },
    injects: { count: injects.length, posted },
    questions: { asked: questions.length, answered: questions.filter((q) => q.answer).length },
  };
}
