import type { Card } from '../core/card';
import type { DrillReport, StepOutcome } from '../core/drill-report';
import type { Incident } from '../core/types';
import type { Translator } from '../i18n';
import type { PlaybookRegistry } from '../playbook/registry';
import type { Inject, Scenario, Source } from '../playbook/scenario-schema';
import type { Playbook } from '../playbook/schema';
import { local, severityLabel } from './format';

/** `/crisis drill` alone: every playbook with the scenarios that practise it. */
export function drillHelpCard(playbooks: PlaybookRegistry, t: Translator): Card {
  const lines = playbooks.list().flatMap((playbook) => [
    ...playbooks.scenarios(playbook.id).map((scenario) =>
      t('drill.helpScenario', {
        playbook: playbook.id,
        id: scenario.id,
        title: local(scenario.title, t),
        count: scenario.injects.length,
        minutes: scenario.injects.at(-1)?.at ?? 0,
      }),
    ),
    t('drill.helpNoScenario', { playbook: playbook.id, title: local(playbook.title, t) }),
  ]);
  return {
    title: t('drill.helpTitle'),
    lines: [t('drill.helpIntro'), ...lines],
    context: t('drill.helpAfter'),
  };
}

/** Posted in a drill's room as it opens: this is practice, what will happen, how it ends. */
export function drillIntroCard(scenario: Scenario | undefined, t: Translator): Card {
  const first = scenario?.injects[0]?.at ?? 0;
  const last = scenario?.injects.at(-1)?.at ?? 0;
  return {
    title: t('drill.introTitle'),
    lines: [
      ...(scenario
        ? [
            t('drill.introScenario', { description: local(scenario.description, t) }),
            t('drill.introInjects', { count: scenario.injects.length, first, last }),
          ]
        : [t('drill.introNoScenario')]),
      t('drill.introRules'),
    ],
    tone: 'info',
  };
}

/** Who an inject comes from, in the reader's language. */
const sourceOf = (source: Source, t: Translator): string =>
  typeof source === 'string' ? source : local(source, t);

export interface InjectContext {
  incident: Incident;
  inject: Inject;
  index: number;
  count: number;
  /** Milliseconds since it was due (a job delivered after a restart is late). */
  lateMs: number;
  minuteMs: number;
  t: Translator;
}

/**
 * A scripted message from the outside world, posted in the drill room at its minute. It says plainly,
 * in its title and its note, that it is simulated: nobody should take it for a real post.
 */
export function injectCard(c: InjectContext): Card {
  const { incident, inject, t } = c;
  const lateMinutes = Math.round(c.lateMs / c.minuteMs);
  const late = c.lateMs > Math.max(1000, c.minuteMs) ? [t('drill.injectLate', { minutes: lateMinutes })] : [];
  return {
    title: t('drill.injectTitle', { from: sourceOf(inject.from, t) }),
    lines: [local(inject.text, t).trim(), t('drill.injectNote', { at: inject.at }), ...late],
    tone: 'info',
    context: t('drill.injectContext', {
      label: t('drill.label'),
      n: c.index + 1,
      count: c.count,
      seq: incident.seq,
      title: incident.title,
    }),
  };
}

/** The drill report, posted when a drill is closed. */
export function drillReportCard(
  incident: Incident,
  playbook: Playbook,
  report: DrillReport,
  t: Translator,
): Card {
  const { statements, tally } = report;
  const severity = severityLabel(report.severity);
  const first =
    statements.firstAt === null
      ? statements.target === null
        ? t('drill.noneNoTarget', { severity })
        : t('drill.noneMissed', { severity, target: statements.target })
      : statements.target === null
        ? t('drill.firstNoTarget', { at: statements.firstAt, severity })
        : statements.late
          ? t('drill.firstLate', {
              at: statements.firstAt,
              late: statements.late,
              severity,
              target: statements.target,
            })
          : t('drill.firstOnTime', { at: statements.firstAt, severity, target: statements.target });
  const injects =
    report.injects.count > 0
      ? [
          `*${t('drill.reportInjects')}*`,
          t('drill.injectsPosted', { posted: report.injects.posted, count: report.injects.count }),
        ]
      : [];
  const questions =
    report.questions.asked > 0
      ? [t('drill.reportQuestions', { asked: report.questions.asked, answered: report.questions.answered })]
      : [];
  return {
    title: t('drill.reportTitle', { seq: incident.seq, title: incident.title }),
    lines: [
      t('drill.reportDuration', { minutes: report.duration, severity }),
      `*${t('drill.reportSteps')}*`,
      ...report.steps.map((step) => stepLine(step, playbook, t)),
      t('drill.reportTally', {
        onTime: tally['on-time'],
        late: tally.late,
        skipped: tally.skipped,
        never: tally.never,
      }),
      `*${t('drill.reportStatements')}*`,
      t('drill.statementsPublished', { published: statements.published, drafted: statements.drafted }),
      first,
      ...injects,
      ...questions,
    ],
    tone: tally.never > 0 || tally.late > 0 || (statements.late ?? 0) > 0 ? 'warning' : 'success',
    context: t('drill.reportContext', { seq: incident.seq }),
  };
}

function stepLine(step: StepOutcome, playbook: Playbook, t: Translator): string {
  const playbookStep = playbook.steps[step.step];
  const base = { n: step.step + 1, title: playbookStep ? local(playbookStep.title, t) : '', due: step.due };
  switch (step.outcome) {
    case 'on-time':
      return t('drill.stepOnTime', { ...base, at: step.at });
    case 'late':
      return t('drill.stepLate', { ...base, at: step.at, late: step.late });
    case 'skipped':
      return t('drill.stepSkipped', { ...base, at: step.at ?? '?', reason: step.reason });
    case 'never':
      return t('drill.stepNever', base);
    case 'not-due':
      return t('drill.stepNotDue', base);
  }
}
