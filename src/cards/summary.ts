import type { Card } from '../core/card';
import { deadlineState, wholeHours } from '../core/deadline';
import { currentStep } from '../core/incident';
import { unanswered } from '../core/question';
import type { Incident } from '../core/types';
import { roleName, type Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { openFollowupLines } from './followup';
import { clock, local, type Mention, severityLabel, when } from './format';
import { statementLines } from './statement';

/** The clock a card is drawn at: what is overdue depends on it. */
export interface CardTime {
  now: number;
  minuteMs: number;
}

/** The pinned card at the top of the incident room, kept current as the incident changes. */
export function summaryCard(
  incident: Incident,
  playbook: Playbook,
  t: Translator,
  mention: Mention,
  time: CardTime,
): Card {
  const done = incident.steps.filter((s) => s.state === 'done').length;
  const skipped = incident.steps.filter((s) => s.state === 'skipped').length;
  const current = currentStep(incident);
  const roles = playbook.roles.map(
    (role) =>
      `${roleName(t, role)}: ${incident.roles[role] ? mention(incident.roles[role]) : t('summary.nobody')}`,
  );
  return {
    title: `${incident.drill ? `${t('drill.label')} · ` : ''}${severityLabel(incident.severity)} · #${incident.seq} ${incident.title}`,
    tone:
      incident.status === 'open'
        ? incident.severity && incident.severity <= 2
          ? 'danger'
          : 'warning'
        : 'success',
    fields: [
      { label: t('summary.status'), value: t(`status.${incident.status}`) },
      {
        label: t('summary.severity'),
        value: incident.severity ? severityLabel(incident.severity) : t('severity.unset'),
      },
      { label: t('summary.playbook'), value: local(playbook.title, t) },
      {
        label: t('summary.lead'),
        value: incident.roles.lead ? mention(incident.roles.lead) : t('summary.nobody'),
      },
      {
        label: t('summary.opened'),
        value: t('summary.openedBy', { when: when(incident.openedAt, t), who: mention(incident.openedBy) }),
      },
      {
        label: t('summary.progress'),
        value:
          current === null
            ? t('summary.allStepsDone', { count: incident.steps.length })
            : t('summary.progressValue', { step: current + 1, count: incident.steps.length, done, skipped }),
      },
      ...overdueField(incident, playbook, t, time),
      ...deadlineField(incident, playbook, t, time),
      { label: t('summary.roles'), value: roles.join(' · ') },
      ...listField(t('statement.status.title'), statementLines(incident, t), t),
      ...listField(
        t('question.open'),
        unanswered(incident).map((q) => `Q${q.n}: ${q.text}`),
        t,
      ),
      ...listField(t('followup.open'), openFollowupLines(incident, t, mention), t),
    ],
    context: `#${incident.roomName}`,
  };
}

/** The room topic: what someone glancing at the channel header needs. */
export function roomTopic(incident: Incident, t: Translator, mention: Mention): string {
  return [
    severityLabel(incident.severity),
    t(`status.${incident.status}`),
    `${t('summary.lead')}: ${incident.roles.lead ? mention(incident.roles.lead) : t('summary.nobody')}`,
  ].join(' · ');
}

/** How late each open step is, in playbook minutes (0 while it is not due yet). */
export function overdueMinutes(incident: Incident, step: { due: number }, time: CardTime): number {
  const due = Date.parse(incident.openedAt) + step.due * time.minuteMs;
  return Math.max(0, Math.floor((time.now - due) / time.minuteMs));
}

const SHOWN_OVERDUE = 3;

function overdueField(incident: Incident, playbook: Playbook, t: Translator, time: CardTime) {
  if (incident.status !== 'open') return [];
  const late = playbook.steps
    .map((step, index) => ({ index, minutes: overdueMinutes(incident, step, time) }))
    .filter(({ index, minutes }) => incident.steps[index]?.state === 'open' && minutes > 0);
  if (late.length === 0) return [];
  const shown = late
    .slice(0, SHOWN_OVERDUE)
    .map(({ index, minutes }) => t('summary.overdueStep', { step: index + 1, minutes }));
  const more =
    late.length > SHOWN_OVERDUE ? [t('summary.overdueMore', { count: late.length - SHOWN_OVERDUE })] : [];
  return [{ label: t('summary.overdue'), value: [...shown, ...more].join(' · ') }];
}

/**
 * The playbook's deadline counted down from awareness (GDPR art. 33), for an open incident or one whose
 * deadline was met or passed. The hours left are as of the drawing, which the line says: the summary is
 * redrawn with every change and every reminder of the deadline, not every hour.
 */
function deadlineField(incident: Incident, playbook: Playbook, t: Translator, time: CardTime) {
  const state = deadlineState(incident, playbook, time.minuteMs, time.now);
  if (!state || !playbook.deadline) return [];
  const label = local(playbook.deadline.name, t);
  const now = clock(new Date(time.now), t);
  const value = (() => {
    switch (state.state) {
      case 'not-started':
        return incident.status === 'open' ? t('deadline.notStarted') : null;
      case 'skipped':
        return t('deadline.skipped', { step: state.step + 1, reason: state.reason });
      case 'met':
        return t('deadline.met', {
          step: state.step + 1,
          when: when(new Date(state.at), t),
          hours: wholeHours(state.at - state.aware, time.minuteMs),
        });
      case 'running': {
        const hours = wholeHours(state.leftMs, time.minuteMs);
        const params = { due: when(new Date(state.dueAt), t), now, aware: when(new Date(state.aware), t) };
        if (incident.status !== 'open') return null;
        return hours < 1 ? t('deadline.lastHour', params) : t('deadline.running', { ...params, hours });
      }
      case 'overdue':
        if (incident.status !== 'open') return null;
        return t('deadline.overdue', {
          due: when(new Date(state.dueAt), t),
          hours: wholeHours(state.lateMs, time.minuteMs),
          now,
        });
    }
  })();
  return value ? [{ label, value }] : [];
}

/** Most items a list field shows before "and N more" (a field holds at most 2,000 characters in Slack). */
const LIST_MAX = 5;

function listField(label: string, items: string[], t: Translator): { label: string; value: string }[] {
  if (items.length === 0) return [];
  const shown = items
    .slice(0, LIST_MAX)
    .map((item) => `• ${item.length > 200 ? `${item.slice(0, 199)}…` : item}`);
  if (items.length > LIST_MAX) shown.push(t('summary.overdueMore', { count: items.length - LIST_MAX }));
  return [{ label, value: shown.join('\n') }];
}
