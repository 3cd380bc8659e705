import type { Card } from '../core/card';
import type { Incident } from '../core/types';
import type { Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { local, severityLabel } from './format';
import type { Mention } from './summary';

/** Posted in the announcements channel: what is going on, and a Join button for whoever can help. */
export function announcementCard(
  incident: Incident,
  playbook: Playbook,
  t: Translator,
  mention: Mention,
  room: string,
): Card {
  const drill = incident.drill ? `${t('drill.label')} · ` : '';
  if (incident.status === 'resolved') {
    return {
      title: `${drill}${t('announce.resolvedTitle', { seq: incident.seq, title: incident.title })}`,
      lines: [t('announce.resolvedBody', { room }), ...(incident.resolution ? [incident.resolution] : [])],
      tone: 'success',
    };
  }
  return {
    title: `${drill}${t('announce.title', { severity: severityLabel(incident.severity), seq: incident.seq, title: incident.title })}`,
    lines: [
      t('announce.body', { who: mention(incident.openedBy), playbook: local(playbook.title, t), room }),
    ],
    buttons: [
      {
        label: t('announce.join'),
        action: { kind: 'room.join', args: [String(incident.seq)] },
        style: 'primary',
      },
    ],
    tone: incident.drill ? 'info' : 'danger',
  };
}
