import type { Card } from '../core/card';
import { openFollowups } from '../core/followup';
import type { Followup, Incident } from '../core/types';
import type { Translator } from '../i18n';
import { type Mention, when } from './format';

/** `F1: Rotate the API keys (@ana)`: an open follow-up as the summary card lists it. */
export function openFollowupLines(incident: Incident, t: Translator, mention: Mention): string[] {
  return openFollowups(incident).map((f) => followupLine(f, t, mention));
}

function followupLine(f: Followup, t: Translator, mention: Mention): string {
  const owner = f.owner ? mention(f.owner) : t('followup.noOwner');
  return t('followup.line', { n: f.n, text: f.text, owner });
}

/** `/crisis followup`: every follow-up of the incident, open ones first. */
export function followupsCard(incident: Incident, t: Translator, mention: Mention): Card {
  const all = incident.followups ?? [];
  if (all.length === 0) {
    return { title: t('followup.title', { seq: incident.seq }), lines: [t('followup.none')] };
  }
  const open = all.filter((f) => !f.done).map((f) => followupLine(f, t, mention));
  const done = all.flatMap((f) =>
    f.done
      ? [
          t('followup.doneLine', {
            n: f.n,
            text: f.text,
            who: mention(f.done.by),
            when: when(f.done.at, t),
          }),
        ]
      : [],
  );
  return {
    title: t('followup.title', { seq: incident.seq }),
    fields: [
      ...(open.length > 0
        ? [{ label: t('followup.open'), value: open.map((l) => `• ${l}`).join('\n') }]
        : []),
      ...(done.length > 0
        ? [{ label: t('followup.doneTitle'), value: done.map((l) => `• ${l}`).join('\n') }]
        : []),
    ],
    context: t('followup.hint'),
    tone: open.length > 0 ? 'warning' : 'success',
  };
}
