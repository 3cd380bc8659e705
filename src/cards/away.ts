import type { Card } from '../core/card';
import { type Reminder, reminderKey } from '../core/reminders';
import type { Incident } from '../core/types';
import type { Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { local } from './format';

/** One reminder that fell due while calma was away, and who it was for (mentions, already rendered). */
export interface MissedLine {
  reminder: Reminder;
  audience: string | undefined;
}

export interface AwayContext {
  incident: Incident;
  playbook: Playbook;
  missed: MissedLine[];
  /** Playbook minutes between a step's reminder and its escalation (calma.yaml `escalate_after`). */
  escalateAfter: number;
  minuteMs: number;
  now: number;
  t: Translator;
}

/**
 * The reminders of one incident that fell due while calma was not running, in one card: one line per
 * reminder (a step and its escalation are one line), oldest first, with how late it is and for whom.
 */
export function awayCard(c: AwayContext): Card {
  const { incident, t } = c;
  const byKey = new Map<string, MissedLine[]>();
  for (const line of c.missed) {
    const key = reminderKey(line.reminder);
    byKey.set(key, [...(byKey.get(key) ?? []), line]);
  }
  const entries = [...byKey]
    .map(([key, lines]) => ({ key, lines, due: Math.min(...lines.map((l) => dueOf(l.reminder, c))) }))
    .sort((a, b) => a.due - b.due || a.key.localeCompare(b.key, 'en', { numeric: true }));
  const text = entries.map(({ lines, due }) => {
    const [first] = lines;
    const what = first ? describe(first.reminder, c) : '';
    const late = duration(c.now - due, c);
    const who = [...new Set(lines.flatMap((l) => (l.audience ? [l.audience] : [])))].join(', ');
    return who ? t('reminders.away.lineFor', { what, late, who }) : t('reminders.away.line', { what, late });
  });
  return {
    title: t('reminders.away.title', { count: entries.length }),
    lines: [...text, t('reminders.away.footer')],
    tone: 'warning',
    context: `#${incident.seq} ${incident.title}`,
  };
}

/** When the reminder's subject fell due: a step's escalation counts from the step's own due time. */
const dueOf = (reminder: Reminder, c: AwayContext): number =>
  reminder.kind === 'step' && reminder.attempt > 1
    ? reminder.dueAt - c.escalateAfter * c.minuteMs
    : reminder.dueAt;

function describe(reminder: Reminder, c: AwayContext): string {
  const { incident, t } = c;
  switch (reminder.kind) {
    case 'step': {
      const index = reminder.step ?? 0;
      const step = c.playbook.steps[index];
      return t('reminders.away.step', { step: index + 1, title: step ? local(step.title, t) : '' });
    }
    case 'cadence':
      return t('reminders.away.cadence');
    case 'no-lead':
      return t('reminders.away.noLead');
    case 'no-severity':
      return t('reminders.away.noSeverity');
    case 'stale':
      return t('reminders.away.stale');
    case 'approval':
      return t('reminders.away.approval', { n: reminder.statement ?? 0 });
    case 'followup': {
      const followup = incident.followups?.find((f) => f.n === reminder.followup);
      return t('reminders.away.followup', { n: reminder.followup ?? 0, text: followup?.text ?? '' });
    }
    case 'deadline':
      return c.playbook.deadline ? t('deadline.away', { name: local(c.playbook.deadline.name, t) }) : '';
    case 'inject':
    case 'archive':
      // Never collapsed: an inject is a scripted message, archiving a room is not a reminder.
      return '';
  }
}

/** How late, in the unit people read: minutes under an hour, hours under two days, then days. */
function duration(ms: number, c: { minuteMs: number; t: Translator }): string {
  const minutes = Math.max(1, Math.round(ms / c.minuteMs));
  if (minutes < 60) return c.t('reminders.away.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return c.t('reminders.away.hours', { count: hours });
  return c.t('reminders.away.days', { count: Math.round(hours / 24) });
}
