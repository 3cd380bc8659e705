import { announcementCard } from '../cards/announcement';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Deps } from './deps';
import { playbookOf } from './room';

/** The announcement says whether the incident is still going (with Join) or resolved. */
export async function refreshAnnouncement(deps: Deps, incident: Incident): Promise<void> {
  if (!incident.announcement || !incident.room) return;
  const t = translator(incident.locale, deps.timeZone);
  const card = announcementCard(
    incident,
    playbookOf(deps, incident),
    t,
    (u) => deps.chat.mention(u),
    deps.chat.roomLink({ id: incident.room, name: incident.roomName }),
  );
  await deps.chat.update(incident.announcement, card);
}
