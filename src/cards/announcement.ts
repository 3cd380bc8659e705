import type { Card } from '../core/card';
import { publicName } from '../core/incident';
import type { Incident } from '../core/types';
import type { Translator } from '../i18n';
import type { Playbook } from '../playbook/schema';
import { local, type Mention, severityLabel } from './format';

/** Posted in the announcements channel: what is going on, and a Join button for whoever can help. */
export function announcementCard(
  incident: Incident,
  playbook: Playbook,
  t: Translator,
  mention: Mention,
  room: string,
): Card {
  const drill = incident.drill ? `${t('drill.label')} · ` : '';
  // A codename incident (a data breach) says nothing of what it is about to people outside it.
  const title = publicName(incident);
  if (incident.status === 'resolved') {
    const resolution = incident.resolution && !incident.codename ? [incident.resolution] : [];
    return {
      title: `${drill}${t('announce.resolvedTitle', { seq: incident.seq, title })}`,
      lines: [t('announce.resolvedBody', { room }), ...resolution],
      tone: 'success',
    };
  }
  const opened = incident.codename
    ? t('announce.codenameBody', { who: mention(incident.openedBy) })
    : t('announce.body', { who: mention(incident.openedBy), playbook: local(playbook.title, t), room });
  return {
    title: `${drill}${t('announce.title', { severity: severityLabel(incident.severity), seq: incident.seq, title })}`,
    // A private incident is need-to-know: its lead lets people in, a Join button would let anyone.
    lines: incident.private
      ? [opened, t('announce.private', { who: mention(incident.roles.lead ?? incident.openedBy) })]
      : [opened],
    ...(incident.private
      ? {}
      : {
          buttons: [
            {
              label: t('announce.join'),
              action: { kind: 'room.join' as const, args: [String(incident.seq)] },
              style: 'primary' as const,
            },
          ],
        }),
    tone: incident.drill ? 'info' : 'danger',
  };
}
