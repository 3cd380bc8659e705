import type { Card } from '../core/card';
import { currentStep, publicName } from '../core/incident';
import type { Incident } from '../core/types';
import type { Translator } from '../i18n';
import { severityLabel } from './format';

export function listCard(incidents: Incident[], all: boolean, t: Translator): Card {
  if (incidents.length === 0)
    return { title: t('list.title'), lines: [t(all ? 'list.none' : 'list.noneOpen')] };
  return {
    title: t('list.title'),
    lines: incidents.map((i) => {
      const step = currentStep(i);
      const progress =
        step === null ? t('list.allDone') : t('list.step', { step: step + 1, count: i.steps.length });
      return `*#${i.seq}* ${severityLabel(i.severity)} · ${publicName(i)} · ${t(`status.${i.status}`)} · ${progress} · #${i.roomName}`;
    }),
    context: all ? undefined : t('list.hint'),
  };
}
