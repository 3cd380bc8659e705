import { deadlineState, wholeHours } from '../core/deadline';
import { cadenceMinutes, type PlaybookClock, type ReminderPolicy } from '../core/reminders';
import { missingApprovals } from '../core/statement';
import {
  type CapturedMessage,
  type ChecklistResult,
  type Incident,
  type Question,
  ROLES,
  type Severity,
  type Statement,
  type TimelineEntry,
  type UserId,
} from '../core/types';
import { type MessageKey, roleName, type Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { local, type Mention, severityLabel, when } from './format';
import { destinationName } from './statement';
import { timelineText } from './timeline';

/**
 * The postmortem of an incident: what happened, in the incident's language, as Markdown, generated from
 * the stored incident and its timeline. Pure: no clock, no I/O; the same record always gives the same
 * text. Every time carries its date and zone (`23 Nov 2026 02:10 UTC+1`): crises run past midnight.
 */

/** The numbers of an incident, in playbook minutes (`minuteMs` each); null where they do not apply. */
export interface Metrics {
  /**
   * Opening → the first acknowledgement: the first timeline entry strictly after the opening instant
   * (entries written with the opening, like the lead named in the open form, do not count) that is
   * neither `opened` nor `room` and was not written by calma itself. Any human action counts: a note, a
   * severity change, a step, a snooze. Null when nobody acted.
   */
  timeToAcknowledge: number | null;
  /** Opening → the first `statement-published`. Null when nothing was published. */
  timeToFirstStatement: number | null;
  /** Opening → `resolvedAt`. Null while the incident is open. */
  timeToResolution: number | null;
  /** Public updates: statements published (each statement counted once). */
  updates: number;
  /**
   * Updates published after they were due. An update is due one cadence interval after the previous
   * update (or the opening): the cadence of the severity in force at that previous update (or the
   * opening), with the playbook's override (`cadenceMinutes`), slowed by `longFactor` when the previous
   * update came `longAfter` minutes or more after the opening, exactly as the reminders count it. No
   * cadence (SEV4, severity unset) means the update was not due. Snoozes do not move the due time: the
   * public was not told about them.
   */
  lateUpdates: number;
  /** The latest of the late updates, in minutes past due (0 when none was late). */
  maxLateMinutes: number;
  /** The late minutes of all late updates added up (0 when none was late). */
  totalLateMinutes: number;
  /**
   * Whether the interval from the last update (or the opening) to the resolution overran: the public
   * was owed an update before the incident closed. Null while the incident is open.
   */
  missedAtClose: boolean | null;
}

/** The timeline in time order; entries of the same instant keep their stored order. */
const chronological = (timeline: readonly TimelineEntry[]): TimelineEntry[] =>
  timeline
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ entry }) => entry);

/** The severity set at opening: the `opened` entry's, else the first change's `from`, else the current. */
function openingSeverity(incident: Incident, timeline: readonly TimelineEntry[]): Severity | null {
  const opened = timeline.find((e) => e.kind === 'opened');
  if (opened?.kind === 'opened') return opened.severity;
  const first = timeline.find((e) => e.kind === 'severity');
  if (first?.kind === 'severity') return first.from;
  return incident.severity;
}

const resolvedAt = (incident: Incident): string | undefined =>
  incident.status === 'resolved' ? incident.resolvedAt : undefined;

/** A public update: statement S`n` first published at `at`, due at `due` (epoch ms; null: not due). */
export interface UpdateDue {
  n: number;
  at: number;
  due: number | null;
}

/**
 * Each published update with the time it was due, and when the one after the last is due (null: none
 * is): the rule `Metrics.lateUpdates` states, shared by the postmortem's numbers and the timeline chart
 * (src/cards/chart.ts), so both say the same lateness.
 */
export function updatesDue(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  playbook: PlaybookClock,
  policy: ReminderPolicy,
  minuteMs: number,
): { updates: UpdateDue[]; dueAfter: (anchor: number) => number | null } {
  const events = chronological(timeline);
  const opened = Date.parse(incident.openedAt);
  const initial = openingSeverity(incident, events);
  const severityAt = (at: number): Severity | null => {
    let severity = initial;
    for (const e of events) {
      if (Date.parse(e.at) > at) break;
      if (e.kind === 'severity') severity = e.to;
    }
    return severity;
  };
  const long = opened + policy.longAfter * minuteMs;
  /** When the update following `anchor` is due (epoch ms), or null when none is. */
  const dueAfter = (anchor: number): number | null => {
    const cadence = cadenceMinutes({ ...incident, severity: severityAt(anchor) }, playbook, policy);
    if (!cadence) return null;
    return anchor + cadence * minuteMs * (anchor >= long ? policy.longFactor : 1);
  };
  // Each statement counts once, at its first publication.
  const published = new Set<number>();
  const updates: UpdateDue[] = [];
  let anchor = opened;
  for (const e of events) {
    if (e.kind !== 'statement-published' || published.has(e.n)) continue;
    published.add(e.n);
    const at = Date.parse(e.at);
    updates.push({ n: e.n, at, due: dueAfter(anchor) });
    anchor = at;
  }
  return { updates, dueAfter };
}

export function incidentMetrics(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  playbook: PlaybookClock,
  policy: ReminderPolicy,
  minuteMs: number,
): Metrics {
  const events = chronological(timeline);
  const opened = Date.parse(incident.openedAt);
  const since = (at: number | undefined) => (at === undefined ? null : (at - opened) / minuteMs);

  const acknowledged = events.find(
    (e) => Date.parse(e.at) > opened && e.kind !== 'opened' && e.kind !== 'room' && e.by !== 'calma',
  );

  const { updates: due, dueAfter } = updatesDue(incident, events, playbook, policy, minuteMs);
  const updates = due.map((u) => u.at);
  let lateUpdates = 0;
  let maxLateMinutes = 0;
  let totalLateMinutes = 0;
  for (const { at, due: dueAt } of due) {
    if (dueAt !== null && at > dueAt) {
      const late = (at - dueAt) / minuteMs;
      lateUpdates++;
      totalLateMinutes += late;
      maxLateMinutes = Math.max(maxLateMinutes, late);
    }
  }

  const resolved = resolvedAt(incident);
  const closedAt = resolved === undefined ? undefined : Date.parse(resolved);
  let missedAtClose: boolean | null = null;
  if (closedAt !== undefined) {
    const last = updates.filter((at) => at <= closedAt).at(-1) ?? opened;
    const dueAt = dueAfter(last);
    missedAtClose = dueAt !== null && closedAt > dueAt;
  }

  return {
    timeToAcknowledge: since(acknowledged && Date.parse(acknowledged.at)),
    timeToFirstStatement: since(updates[0]),
    timeToResolution: since(closedAt),
    updates: updates.length,
    lateUpdates,
    maxLateMinutes,
    totalLateMinutes,
    missedAtClose,
  };
}

/**
 * The timeline chart's file name wherever it goes with the postmortem (attached beside it in chat,
 * served beside it at `/incidents/<id>/timeline.svg`), so the Markdown's relative link resolves.
 */
export const CHART_FILENAME = 'timeline.svg';

export interface PostmortemInput {
  incident: Incident;
  timeline: readonly TimelineEntry[];
  playbook: Playbook;
  policy: ReminderPolicy;
  minuteMs: number;
  /** The translator of the incident's language. */
  t: Translator;
  /** Renders a user, e.g. `@U0ANA`. */
  person: Mention;
}

/** `1 h 05 min`, `45 min`, `n/a`: minutes rounded to the nearest one. */
export function duration(minutes: number | null, t: Translator): string {
  if (minutes === null || !Number.isFinite(minutes)) return t('postmortem.na');
  const rounded = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && rounded > 0 ? '-' : '';
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return (
    sign +
    (hours > 0
      ? t('postmortem.hours', { hours, minutes: String(rest).padStart(2, '0') })
      : t('postmortem.minutes', { minutes: rest }))
  );
}

/** Text on one line, for list items and headings. */
const oneLine = (text: string): string => text.replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ').trim();

/** A Markdown table cell: backslashes and pipes escaped, line breaks as `<br>`. */
export const cell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '<br>');

/** A block quote of any text, `indent` spaces in (to sit under a list item). */
const quote = (text: string, indent = ''): string =>
  text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => `${indent}>${line ? ` ${line}` : ''}`)
    .join('\n');

/**
 * How the playbook's deadline went (GDPR art. 33: notified within 72 hours of awareness?): what the
 * close-and-learn step asks the postmortem to say. Nothing for a playbook without one.
 */
function deadlineField(input: PostmortemInput, field: (label: string, value: string) => string): string[] {
  const { incident, playbook, minuteMs, t, person } = input;
  const end = Date.parse(incident.resolvedAt ?? incident.updatedAt);
  const state = deadlineState(incident, playbook, minuteMs, end);
  if (!state || !playbook.deadline) return [];
  const label = local(playbook.deadline.name, t);
  if (state.state === 'not-started') return [field(label, t('deadline.postmortemUnrecorded'))];
  if (state.state === 'skipped') {
    return [field(label, t('deadline.skipped', { step: state.step + 1, reason: oneLine(state.reason) }))];
  }
  const aware = {
    aware: when(new Date(state.aware), t),
    who: person(incident.awareness?.by ?? incident.openedBy),
    due: when(new Date(state.dueAt), t),
    step: state.step + 1,
  };
  return [
    field(
      label,
      state.state === 'met'
        ? t('deadline.postmortemMet', {
            ...aware,
            when: when(new Date(state.at), t),
            hours: wholeHours(state.at - state.aware, minuteMs),
          })
        : t('deadline.postmortemOpen', aware),
    ),
  ];
}

export function postmortemMarkdown(input: PostmortemInput): string {
  const { incident, playbook, policy, minuteMs, t, person } = input;
  const timeline = chronological(input.timeline);
  const metrics = incidentMetrics(incident, timeline, playbook, policy, minuteMs);
  const none = `_${t('postmortem.none')}_`;
  const field = (label: string, value: string) => `- **${t('postmortem.label', { label })}** ${value}`;
  const list = (items: string[]) => (items.length > 0 ? items.join('\n') : none);
  const byWhen = (who: UserId, at: string) => t('postmortem.byWhen', { who: person(who), when: when(at, t) });

  const out: string[] = [];
  const section = (heading: string, ...body: string[]) => {
    out.push(`## ${heading}`, '', ...body.flatMap((b) => [b, '']));
  };

  // Title.
  const drill = incident.drill ? `${t('drill.label')} · ` : '';
  out.push(`# ${drill}${t('postmortem.title', { seq: incident.seq, title: oneLine(incident.title) })}`, '');
  if (incident.drill) {
    out.push(`**${t('postmortem.label', { label: t('drill.label') })}** ${t('postmortem.drillNote')}`, '');
  }
  out.push(`_${t('postmortem.timesNote', { zone: t.timeZone })}_`, '');
  // The chart goes with the file (attached beside it, served beside it): a relative link finds it.
  out.push(`![${t('incidentPage.chart')}](${CHART_FILENAME})`, '');

  // Summary.
  const closing = [...timeline].reverse().find((e) => e.kind === 'closed');
  const resolved = resolvedAt(incident);
  const resolution = incident.resolution ?? (closing?.kind === 'closed' ? closing.resolution : undefined);
  const summary = [
    field(t('postmortem.playbook'), `${oneLine(local(playbook.title, t))} (\`${playbook.id}\`)`),
    field(t('postmortem.finalSeverity'), severityLabel(incident.severity)),
    field(t('postmortem.opened'), byWhen(incident.openedBy, incident.openedAt)),
    field(
      t('postmortem.resolved'),
      resolved === undefined
        ? t('postmortem.notResolved')
        : closing
          ? byWhen(closing.by, resolved)
          : when(resolved, t),
    ),
    field(t('postmortem.duration'), duration(metrics.timeToResolution, t)),
    ...deadlineField(input, field),
  ];
  if (closing?.kind === 'closed') {
    summary.push(
      field(t('postmortem.finalUpdate'), closing.finalUpdate ? t('postmortem.yes') : t('postmortem.no')),
    );
  }
  section(
    t('postmortem.summary'),
    summary.join('\n'),
    resolution
      ? `**${t('postmortem.label', { label: t('postmortem.resolution') })}**\n\n${quote(resolution)}`
      : `**${t('postmortem.label', { label: t('postmortem.resolution') })}** ${none}`,
  );

  // Severity history.
  const severities = [
    `- ${when(incident.openedAt, t)} · ${t('postmortem.severityAtOpening', {
      severity: severityLabel(openingSeverity(incident, timeline)),
    })}`,
    ...timeline.flatMap((e) =>
      e.kind === 'severity'
        ? [
            `- ${when(e.at, t)} · ${t('postmortem.severityChange', {
              from: severityLabel(e.from),
              to: severityLabel(e.to),
              who: person(e.by),
            })}`,
          ]
        : [],
    ),
  ];
  section(t('postmortem.severityHistory'), severities.join('\n'));

  // Roles: the playbook's, and any other one somebody held.
  const roles = ROLES.filter((role) => playbook.roles.includes(role) || incident.roles[role]).map((role) => {
    const holder = incident.roles[role];
    const named = timeline.filter((e) => e.kind === 'role' && e.role === role);
    const last = named.at(-1);
    const before = [
      ...new Set(named.flatMap((e) => (e.kind === 'role' && e.user !== holder ? [person(e.user)] : []))),
    ];
    const value = !holder
      ? t('postmortem.nobody')
      : last
        ? t('postmortem.roleSince', { who: person(holder), when: when(last.at, t) })
        : person(holder);
    const previously = before.length > 0 ? `; ${t('postmortem.previously', { who: before.join(', ') })}` : '';
    return field(roleName(t, role), value + previously);
  });
  section(t('postmortem.roles'), list(roles));

  // Timeline.
  const rows = timeline.map(
    (e) => `| ${cell(when(e.at, t))} | ${cell(person(e.by))} | ${cell(timelineText(e, t, person))} |`,
  );
  section(
    t('postmortem.timeline'),
    rows.length > 0
      ? [
          `| ${cell(t('postmortem.time'))} | ${cell(t('postmortem.who'))} | ${cell(t('postmortem.what'))} |`,
          '| --- | --- | --- |',
          ...rows,
        ].join('\n')
      : none,
  );

  // Steps.
  const stepCount = Math.max(playbook.steps.length, incident.steps.length);
  const done: string[] = [];
  const skipped: string[] = [];
  const open: string[] = [];
  for (let i = 0; i < stepCount; i++) {
    const step = playbook.steps[i];
    const progress = incident.steps[i] ?? { state: 'open' as const };
    const title = oneLine(step ? local(step.title, t) : t('postmortem.unknownStep'));
    const event = [...timeline]
      .reverse()
      .find((e) => (e.kind === 'step-done' || e.kind === 'step-skipped') && e.step === i);
    const by = progress.by ?? event?.by;
    const at = progress.at ?? event?.at;
    const how = by && at ? byWhen(by, at) : by ? person(by) : at ? when(at, t) : '-';
    if (progress.state === 'done') {
      const statement = event?.kind === 'step-done' ? event.statement : undefined;
      done.push(
        `- ${
          statement === undefined
            ? t('postmortem.stepDone', { step: i + 1, title, how })
            : t('postmortem.stepDoneByStatement', { step: i + 1, title, how, n: statement })
        }`,
      );
    } else if (progress.state === 'skipped') {
      const reason = progress.reason ?? (event?.kind === 'step-skipped' ? event.reason : '');
      skipped.push(`- ${t('postmortem.stepSkipped', { step: i + 1, title, how, reason: oneLine(reason) })}`);
    } else {
      const assignee = progress.assignee ?? (step ? incident.roles[step.role] : undefined);
      open.push(
        `- ${t('postmortem.stepOpen', {
          step: i + 1,
          title,
          role: step ? roleName(t, step.role) : '-',
          who: assignee ? person(assignee) : t('postmortem.nobody'),
          minutes: step?.due ?? 0,
        })}`,
      );
    }
  }
  section(
    t('postmortem.steps'),
    `### ${t('postmortem.stepsDone')}\n\n${list(done)}`,
    `### ${t('postmortem.stepsSkipped')}\n\n${list(skipped)}`,
    `### ${t('postmortem.stepsNeverReached')}\n\n${list(open)}`,
  );

  // Statements.
  const statements = (incident.statements ?? []).map((s) =>
    statementBlock(s, incident.questions ?? [], t, person, field, byWhen),
  );
  section(t('postmortem.statements'), ...(statements.length > 0 ? statements : [none]));

  // Questions.
  const questions = incident.questions ?? [];
  const asked = (q: (typeof questions)[number]) =>
    t('postmortem.question', { n: q.n, text: oneLine(q.text), how: byWhen(q.askedBy, q.askedAt) });
  const answered = questions.flatMap((q) => {
    if (!q.answer) return [];
    const how = byWhen(q.answer.by, q.answer.at);
    const answer =
      q.answer.statement === undefined
        ? t('postmortem.answer', { how, text: oneLine(q.answer.text) })
        : t('postmortem.answerStatement', { how, statement: q.answer.statement });
    return [`- ${asked(q)}\n  - ${answer}`];
  });
  const unanswered = questions.filter((q) => !q.answer).map((q) => `- ${asked(q)}`);
  section(
    t('postmortem.questions'),
    `### ${t('postmortem.answered')}\n\n${list(answered)}`,
    `### ${t('postmortem.unanswered')}\n\n${list(unanswered)}`,
  );

  // Evidence: messages kept from the chat, and links to what was posted in public.
  const evidence = timeline.flatMap((e) => {
    if (e.kind === 'captured') return [capturedItem(e.message, e, t, person, byWhen)];
    if (e.kind === 'evidence') {
      const note = e.note ? `: ${oneLine(e.note)}` : '';
      return [`- <${e.url}>${note} (${t('postmortem.keptBy', { how: byWhen(e.by, e.at) })})`];
    }
    return [];
  });
  // A blank line between items: a kept message's quote sits under its item.
  section(t('postmortem.evidence'), evidence.length > 0 ? evidence.join('\n\n') : none);

  // Metrics.
  const late =
    metrics.lateUpdates > 0
      ? t('postmortem.lateValue', {
          late: metrics.lateUpdates,
          count: metrics.updates,
          max: duration(metrics.maxLateMinutes, t),
          total: duration(metrics.totalLateMinutes, t),
        })
      : t('postmortem.lateNone', { count: metrics.updates });
  const missed =
    metrics.missedAtClose === null
      ? t('postmortem.na')
      : metrics.missedAtClose
        ? t('postmortem.yes')
        : t('postmortem.no');
  section(
    t('postmortem.metrics'),
    [
      field(t('postmortem.timeToAcknowledge'), duration(metrics.timeToAcknowledge, t)),
      field(t('postmortem.timeToFirstStatement'), duration(metrics.timeToFirstStatement, t)),
      field(t('postmortem.timeToResolution'), duration(metrics.timeToResolution, t)),
      field(t('postmortem.updates'), String(metrics.updates)),
      field(t('postmortem.lateUpdates'), late),
      field(t('postmortem.missedAtClose'), missed),
    ].join('\n'),
    `_${t('postmortem.metricsNote')}_`,
  );

  // For the team to write.
  const toFill = `_${t('postmortem.toFill')}_`;
  section(t('postmortem.wentWell'), toFill);
  section(t('postmortem.wentBadly'), toFill);
  section(t('postmortem.notForeseen'), toFill);
  // Follow-ups recorded with `/crisis followup`, ticked when done; a template line when there are none.
  const followups = (incident.followups ?? []).map((f) => {
    const item = t('postmortem.followup', {
      n: f.n,
      text: oneLine(f.text),
      owner: f.owner ? person(f.owner) : t('postmortem.nobody'),
    });
    return f.done
      ? `- [x] ${item}; ${t('postmortem.followupDone', { how: byWhen(f.done.by, f.done.at) })}`
      : `- [ ] ${item}`;
  });
  section(
    t('postmortem.followups'),
    followups.length > 0 ? followups.join('\n') : `- [ ] ${t('postmortem.followupTemplate')}`,
  );

  return `${out.join('\n').trimEnd()}\n`;
}

type Field = (label: string, value: string) => string;
type ByWhen = (who: UserId, at: string) => string;

function statementBlock(
  s: Statement,
  questions: Question[],
  t: Translator,
  person: Mention,
  field: Field,
  byWhen: ByWhen,
): string {
  const lines = [
    `### ${t('postmortem.statementTitle', { n: s.n, status: t(`postmortem.statementStatus.${s.status}`) })}`,
    '',
    field(
      t('postmortem.authors'),
      t('postmortem.drafted', { who: s.authors.map(person).join(', ') || '-', when: when(s.createdAt, t) }),
    ),
    field(
      t('postmortem.approvals'),
      s.approvals.length === 0
        ? t('postmortem.nobody')
        : s.approvals
            .map((a) =>
              t('postmortem.approval', { who: person(a.by), role: roleName(t, a.as), when: when(a.at, t) }),
            )
            .join('; '),
    ),
  ];
  // Drafted as the answer to a question, or named as its answer once published.
  const answers = questions.filter((q) => q.n === s.answers || q.answer?.statement === s.n);
  if (answers.length > 0) {
    lines.push(field(t('postmortem.answers'), answers.map((q) => `Q${q.n}: ${oneLine(q.text)}`).join('; ')));
  }
  if (s.status === 'pending') {
    const needed = missingApprovals(s);
    if (needed.length > 0) {
      lines.push(field(t('postmortem.stillNeeds'), needed.map((role) => roleName(t, role)).join(', ')));
    }
  }
  if (s.rejection) {
    lines.push(
      field(
        t('postmortem.rejected'),
        `${byWhen(s.rejection.by, s.rejection.at)}: ${oneLine(s.rejection.reason)}`,
      ),
    );
  }
  lines.push(field(t('postmortem.checklist'), checklistSummary(s.checklist, t)));
  lines.push(
    field(t('postmortem.published'), s.publishedAt ? when(s.publishedAt, t) : t('postmortem.notPublished')),
  );
  if (s.nextUpdateAt) lines.push(field(t('postmortem.nextUpdate'), when(s.nextUpdateAt, t)));
  const deliveries = Object.entries(s.deliveries ?? {}).map(([destination, d]) => {
    const where = destinationName(destination, t);
    if (d.state === 'delivered') return t('postmortem.delivered', { where, when: when(d.at, t) });
    if (d.state === 'failed') {
      return t('postmortem.deliveryFailed', { where, when: when(d.at, t), error: oneLine(d.error) });
    }
    return t('postmortem.deliveryPending', { where });
  });
  if (deliveries.length > 0) lines.push(field(t('postmortem.deliveries'), deliveries.join('; ')));
  lines.push('', quote(s.text));
  return lines.join('\n');
}

/** `9 of 11 covered; missing: a; b; reconsider: blaming a third party (“excerpt”)`. */
export function checklistSummary(checklist: ChecklistResult, t: Translator): string {
  const item = (key: string) => t(`checklist.items.${key}` as MessageKey);
  const parts = [
    t('postmortem.checklistCovered', {
      count: checklist.covered.length,
      total: checklist.covered.length + checklist.missing.length,
    }),
  ];
  if (checklist.missing.length > 0) {
    parts.push(t('postmortem.checklistMissing', { items: checklist.missing.map(item).join('; ') }));
  }
  if (checklist.warnings.length > 0) {
    const warnings = checklist.warnings.map((w) =>
      t('postmortem.checklistWarning', {
        warning: t(`checklist.warnings.${w.kind}` as MessageKey),
        excerpt: oneLine(w.excerpt),
      }),
    );
    parts.push(t('postmortem.checklistWarnings', { items: warnings.join('; ') }));
  }
  return parts.join('; ');
}

function capturedItem(
  message: CapturedMessage,
  entry: TimelineEntry,
  t: Translator,
  person: Mention,
  byWhen: ByWhen,
): string {
  const head = t('postmortem.captured', {
    author: person(message.author),
    when: when(message.postedAt, t),
    how: byWhen(entry.by, entry.at),
  });
  const link = message.link ? ` [${t('postmortem.link')}](<${message.link}>)` : '';
  return `- ${head}${link}\n\n${quote(message.text, '  ')}`;
}
