import type { Card } from '../core/card';
import type { Incident, Role } from '../core/types';
import { roleName, type Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { local, when } from './format';

/**
 * The direct message someone gets when given a role: which steps of the playbook are theirs and by
 * when, so they can start without scrolling back through the channel.
 */
export function roleBriefCard(
  incident: Incident,
  playbook: Playbook,
  role: Role,
  t: Translator,
  room: string,
  minuteMs: number,
): Card {
  const opened = new Date(incident.openedAt).getTime();
  const steps = playbook.steps
    .map((step, index) => ({ step, index }))
    .filter(({ step, index }) => step.role === role && incident.steps[index]?.state === 'open')
    .map(({ step, index }) =>
      t('role.briefStep', {
        step: index + 1,
        title: local(step.title, t),
        when: when(new Date(opened + step.due * minuteMs), t),
      }),
    );
  const name = local(playbook.title, t);
  return {
    title: t('role.briefTitle', { role: roleName(t, role), seq: incident.seq, title: incident.title }),
    lines: [
      ...(steps.length > 0
        ? [t('role.briefSteps', { playbook: name }), ...steps]
        : [t('role.briefNoSteps', { playbook: name })]),
      t('role.briefRoom', { room }),
    ],
    tone: 'info',
  };
}
