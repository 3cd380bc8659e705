import type { TimelineEntry } from '../core/types';
import { roleName, type Translator } from '../i18n';
import { severityLabel, when } from './format';
import type { Mention } from './summary';

/** One timeline entry as a sentence: `2026-11-23 16:40 UTC · @ana: severity SEV2 → SEV1`. */
export function timelineLine(e: TimelineEntry, t: Translator, mention: Mention): string {
  return `${when(e.at)} · ${mention(e.by)}: ${describe(e, t, mention)}`;
}

function describe(e: TimelineEntry, t: Translator, mention: Mention): string {
  switch (e.kind) {
    case 'opened':
      return t('timeline.opened', {
        title: e.title,
        playbook: e.playbook,
        severity: severityLabel(e.severity),
      });
    case 'severity':
      return t('timeline.severity', { from: severityLabel(e.from), to: severityLabel(e.to) });
    case 'role':
      return t('timeline.role', { role: roleName(t, e.role), user: mention(e.user) });
    case 'step-done':
      return t('timeline.stepDone', { step: e.step + 1 });
    case 'step-skipped':
      return t('timeline.stepSkipped', { step: e.step + 1, reason: e.reason });
    case 'step-assigned':
      return t('timeline.stepAssigned', { step: e.step + 1, user: mention(e.user) });
    case 'note':
      return t('timeline.note', { text: e.text });
    case 'locale':
      return t('timeline.locale', { language: t(`languages.${e.locale}`) });
    case 'room':
      return t('timeline.room', { name: e.name });
    case 'reminder-snoozed':
      return t('timeline.reminderSnoozed', { reminder: e.reminder, until: when(e.until) });
    case 'reminder-dismissed':
      return t('timeline.reminderDismissed', { reminder: e.reminder });
    case 'public-update':
      return t('timeline.publicUpdate');
    case 'captured':
      return t('timeline.captured', {
        author: mention(e.message.author),
        when: when(e.message.postedAt),
        text: e.message.text,
      });
  }
}
