import type { Button, Card } from '../core/card';
import { wholeHours } from '../core/deadline';
import { type Reminder, reminderKey, SNOOZE_MINUTES } from '../core/reminders';
import { type Incident, SEVERITIES, type UserId } from '../core/types';
import type { Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { templateStep } from '../playbook/template-step';
import { local, when } from './format';
import { holdingButtons } from './step';

export interface ReminderContext {
  incident: Incident;
  playbook: Playbook;
  reminder: Reminder;
  /** Who it is for, already a mention; undefined when nobody holds the role. */
  audience: string | undefined;
  /** Milliseconds since the reminder was due (a job delivered after a restart is late). */
  lateMs: number;
  minuteMs: number;
  now: number;
  t: Translator;
  /** For the cadence: a draft already waiting for approval, and who can approve it (mentions). */
  waiting?: { n: number; version: number; approvers: string } | undefined;
}

/** A reminder in the incident room: what is due, for whom, and Snooze / Dismiss. */
export function reminderCard(c: ReminderContext): Card {
  const { incident, reminder, t } = c;
  const seq = String(incident.seq);
  const key = reminderKey(reminder);
  const snoozes: Button[] = SNOOZE_MINUTES.map((minutes) => ({
    label: t('reminders.snooze', { minutes }),
    action: { kind: 'reminder.snooze', args: [seq, key, String(minutes)] },
  }));
  const dismiss: Button = {
    label: t('reminders.dismiss'),
    action: { kind: 'reminder.dismiss', args: [seq, key] },
  };
  const late =
    c.lateMs > Math.max(1000, c.minuteMs) ? [t('reminders.late', { minutes: minutesOf(c.lateMs, c) })] : [];
  const body = lines(c);
  return {
    title: body.title,
    lines: [...body.lines, ...late],
    buttons: [...body.buttons, ...snoozes, dismiss],
    tone: reminder.kind === 'step' && reminder.attempt > 1 ? 'danger' : 'warning',
    context: `#${incident.seq} ${incident.title}`,
  };
}

function lines(c: ReminderContext): { title: string; lines: string[]; buttons: Button[] } {
  const { incident, playbook, reminder, t } = c;
  const seq = String(incident.seq);
  const who = c.audience ?? t('reminders.nobody');
  switch (reminder.kind) {
    case 'step': {
      const index = reminder.step ?? 0;
      const step = playbook.steps[index];
      const title = step ? local(step.title, t) : '';
      const args = [seq, String(index)];
      const done: Button = {
        label: t('buttons.done'),
        action: { kind: 'step.done', args },
        style: 'primary',
      };
      const assign: Button = { label: t('buttons.assign'), action: { kind: 'step.assign', args } };
      const overdue = minutesOf(c.now - (Date.parse(incident.openedAt) + (step?.due ?? 0) * c.minuteMs), c);
      // The holding statement stays one press away, or this step's own template when it has one.
      const draft: Button[] = step?.template
        ? [{ label: t('statement.buttons.useTemplate'), action: { kind: 'statement.draft', args } }]
        : holdingButtons(incident, playbook, index, t);
      return reminder.attempt === 1
        ? {
            title: t('reminders.stepDue', { step: index + 1, title }),
            lines: [c.audience ? t('reminders.stepOwner', { who }) : t('reminders.stepNobody')],
            buttons: [...(c.audience ? [done] : [assign, done]), ...draft],
          }
        : {
            title: t('reminders.stepEscalated', { step: index + 1, title, minutes: overdue }),
            lines: [c.audience ? t('reminders.stepLead', { who }) : t('reminders.stepNoLead')],
            buttons: [done, assign, ...draft],
          };
    }
    case 'cadence': {
      const since = incident.lastUpdateAt ?? incident.openedAt;
      // Nothing published yet: the holding statement; after it, the update template (else a blank form).
      const first = !incident.statements?.some((s) => s.status === 'published');
      const template = templateStep(playbook, first ? 'holding' : 'update');
      const waiting = c.waiting;
      const draft: Button = {
        label: t(
          first && template !== null ? 'statement.buttons.draftHolding' : 'statement.buttons.draftUpdate',
        ),
        action: { kind: 'statement.draft', args: template === null ? [seq] : [seq, String(template)] },
        ...(waiting ? {} : { style: 'primary' as const }),
      };
      // A draft already waiting: approving it gets the update out sooner than writing another.
      const approve: Button[] = waiting
        ? [
            {
              label: t('statement.buttons.approve'),
              action: { kind: 'statement.approve', args: [seq, String(waiting.n), String(waiting.version)] },
              style: 'primary',
            },
          ]
        : [];
      return {
        title: t('reminders.cadence'),
        lines: [
          t(incident.lastUpdateAt ? 'reminders.sinceUpdate' : 'reminders.sinceOpen', {
            minutes: minutesOf(c.now - Date.parse(since), c),
            when: when(since, t),
          }),
          ...(incident.promisedUpdateAt
            ? [t('reminders.sincePromise', { when: when(incident.promisedUpdateAt, t) })]
            : []),
          waiting
            ? t('reminders.cadenceWaiting', {
                n: waiting.n,
                approvers: waiting.approvers || t('reminders.nobody'),
                who,
              })
            : t('reminders.cadenceHint', { who }),
        ],
        buttons: [...approve, draft],
      };
    }
    case 'no-lead':
      return { title: t('reminders.noLead', { seq }), lines: [t('reminders.noLeadHint')], buttons: [] };
    case 'no-severity':
      return {
        title: t('reminders.noSeverity', { seq }),
        lines: [t('reminders.noSeverityHint')],
        buttons: SEVERITIES.map((level) => ({
          label: `SEV${level}`,
          action: { kind: 'sev.set', args: [seq, String(level)] },
        })),
      };
    case 'approval': {
      const statement = incident.statements?.find((s) => s.n === reminder.statement);
      const since = statement?.editedAt ?? statement?.createdAt ?? incident.openedAt;
      return {
        title: t('reminders.approval', {
          n: reminder.statement ?? 0,
          minutes: minutesOf(c.now - Date.parse(since), c),
        }),
        lines: [t('reminders.approvalHint', { who })],
        buttons: statement
          ? [
              {
                label: t('statement.buttons.approve'),
                action: {
                  kind: 'statement.approve',
                  args: [seq, String(statement.n), String(statement.version)],
                },
                style: 'primary',
              },
              {
                label: t('statement.buttons.reject'),
                action: { kind: 'statement.reject', args: [seq, String(statement.n)] },
              },
            ]
          : [],
      };
    }
    case 'followup': {
      const followup = incident.followups?.find((f) => f.n === reminder.followup);
      const n = reminder.followup ?? 0;
      return {
        title: t('reminders.followup', { n, text: followup?.text ?? '' }),
        lines: [t('reminders.followupHint', { who, when: when(followup?.at ?? incident.openedAt, t) })],
        buttons: [
          {
            label: t('buttons.done'),
            action: { kind: 'followup.done', args: [seq, String(n)] },
            style: 'primary',
          },
        ],
      };
    }
    case 'stale':
      return {
        title: t('reminders.stale', { seq, minutes: minutesOf(c.now - Date.parse(incident.updatedAt), c) }),
        lines: [t('reminders.staleHint', { who })],
        buttons: [],
      };
    case 'deadline':
      return deadlineLines(c, who);
    case 'inject':
    case 'archive':
      // An inject is its own card (src/cards/drill.ts); archiving posts its own notice (src/app/remind.ts).
      return { title: '', lines: [], buttons: [] };
  }
}

/** A deadline's reminder: the time left as of now (not as of its due time), and the step that meets it. */
function deadlineLines(
  c: ReminderContext,
  who: string,
): { title: string; lines: string[]; buttons: Button[] } {
  const { incident, playbook, t } = c;
  const index = c.reminder.step ?? 0;
  const step = playbook.steps[index];
  const name = playbook.deadline ? local(playbook.deadline.name, t) : '';
  const dueAt =
    Date.parse(incident.awareness?.at ?? incident.openedAt) + (playbook.deadline?.within ?? 0) * c.minuteMs;
  const hours = wholeHours(dueAt - c.now, c.minuteMs);
  const due = when(new Date(dueAt), t);
  const title =
    c.now > dueAt
      ? t('deadline.reminderOverdue', { name, due })
      : hours < 1
        ? t('deadline.reminderLastHour', { name, due })
        : t('deadline.reminder', { name, hours, due });
  const todo = { step: index + 1, title: step ? local(step.title, t) : '', who };
  return {
    title,
    lines: [c.audience ? t('deadline.reminderStep', todo) : t('deadline.reminderNobody', todo)],
    buttons: [
      {
        label: t('buttons.done'),
        action: { kind: 'step.done', args: [String(incident.seq), String(index)] },
        style: 'primary',
      },
    ],
  };
}

/** Playbook minutes (CALMA_MINUTE_MS long), rounded: what people read in reminders. */
function minutesOf(ms: number, c: { minuteMs: number }): number {
  return Math.max(0, Math.round(ms / c.minuteMs));
}

export type { UserId };
