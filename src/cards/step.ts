import type { Button, Card } from '../core/card';
import { stepOwner } from '../core/incident';
import type { Incident } from '../core/types';
import { roleName, type Translator } from '../i18n';
import { PLATFORM_NAMES, recheckDue } from '../playbook/platforms';
import type { Playbook, Step } from '../playbook/schema';
import { templateStep } from '../playbook/template-step';
import { local, type Mention, month, when } from './format';
import { type CardTime, overdueMinutes } from './summary';

/** One playbook step with who, by when, and Done / Skip / Assign. */
export function stepCard(
  incident: Incident,
  playbook: Playbook,
  index: number,
  t: Translator,
  mention: Mention,
  time: CardTime,
  /** Platform actions this chat has (a raid lockdown on Discord). */
  platform: { lockdown: boolean } = { lockdown: false },
): Card {
  const step = playbook.steps[index];
  if (!step) throw new Error(`playbook ${playbook.id} has no step ${index}`);
  const owner = stepOwner(incident, playbook, index);
  const due = new Date(new Date(incident.openedAt).getTime() + step.due * time.minuteMs);
  const late = overdueMinutes(incident, step, time);
  const args = [String(incident.seq), String(index)];
  const lines = [
    local(step.what, t),
    ...platformLines(step, t, time),
    t('step.who', { role: roleName(t, step.role), who: owner ? mention(owner) : t('step.nobody') }),
    t('step.due', { minutes: step.due, when: when(due, t) }) +
      (late > 0 ? ` ${t('step.overdue', { minutes: late })}` : ''),
  ];
  if (step.approval.length > 0) {
    lines.push(t('step.approval', { roles: step.approval.map((r) => roleName(t, r)).join(', ') }));
  }
  return {
    title: t('step.title', { step: index + 1, count: playbook.steps.length, title: local(step.title, t) }),
    lines,
    buttons: [
      { label: t('buttons.done'), action: { kind: 'step.done', args }, style: 'primary' },
      { label: t('buttons.skip'), action: { kind: 'step.skip', args } },
      { label: t('buttons.assign'), action: { kind: 'step.assign', args } },
      // A step with a statement template offers it, pre-filled in the incident's language.
      ...(step.template
        ? [{ label: t('statement.buttons.useTemplate'), action: { kind: 'statement.draft' as const, args } }]
        : []),
      ...holdingButtons(incident, playbook, index, t),
      ...(step.action === 'raid-lockdown' && platform.lockdown && !incident.lockdown?.until
        ? [
            {
              label: t('lockdown.button'),
              action: { kind: 'lockdown.request' as const, args: [String(incident.seq)] },
              style: 'danger' as const,
            },
          ]
        : []),
    ],
    context: `#${incident.seq} · ${local(playbook.title, t)}`,
  };
}

/**
 * The step's platform facts under its text, one line each, then when they were checked (the oldest date
 * counts): a responder must know a menu path may have moved since, and that a year-old one is suspect.
 */
function platformLines(step: Step, t: Translator, time: CardTime): string[] {
  const facts = step.platforms ?? [];
  if (facts.length === 0) return [];
  const days = facts.map((fact) => fact.checked).sort();
  const [oldest = '', newest = ''] = [days[0], days.at(-1)];
  const [from, to] = [month(oldest, t), month(newest, t)];
  const checked =
    from === to
      ? t('step.platformsChecked', { when: from })
      : t('step.platformsCheckedBetween', { from, to });
  return [
    ...facts.map(
      (fact) =>
        `• ${t('step.platform', { platform: PLATFORM_NAMES[fact.platform], how: local(fact.how, t) })}`,
    ),
    recheckDue(oldest, new Date(time.now)) ? `${checked} ${t('step.platformsRecheck')}` : checked,
  ];
}

/**
 * Until a statement is published, every step card (the opening one first) offers the playbook's holding
 * statement, whatever step the team is on; the holding step itself has "Use template".
 */
export function holdingButtons(
  incident: Incident,
  playbook: Playbook,
  current: number | null,
  t: Translator,
): Button[] {
  const holding = templateStep(playbook, 'holding');
  if (holding === null || holding === current) return [];
  if (incident.statements?.some((s) => s.status === 'published')) return [];
  return [
    {
      label: t('statement.buttons.draftHolding'),
      action: { kind: 'statement.draft', args: [String(incident.seq), String(holding)] },
    },
  ];
}

/** The playbook's posture and rules, posted once when the room opens. */
export function rulesCard(playbook: Playbook, t: Translator): Card {
  return {
    title: t('rules.title', { playbook: local(playbook.title, t) }),
    lines: [
      local(playbook.description, t),
      t('posture.line', {
        strategies: playbook.posture.strategies.map((s) => t(`posture.strategy.${s}`)).join(', '),
        cluster: t(`posture.cluster.${playbook.posture.cluster}`),
      }),
      local(playbook.posture.why, t),
      ...playbook.rules.map((rule) => `• ${local(rule, t)}`),
    ],
    tone: 'info',
  };
}
