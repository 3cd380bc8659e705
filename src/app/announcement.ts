import { announcementCard } from '../cards/announcement';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import type { Deps } from './deps';
import { writeChanged } from './platform-writes';
import { playbookOf } from './room';

/**
 * The announcement says whether the incident is still going (with Join) or resolved; an update that
 * would show what it shows already is skipped (src/app/platform-writes.ts).
 */
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
  const ref = incident.announcement;
  await writeChanged(deps, incident, [
    { target: 'announcement', content: [ref, card], run: () => deps.chat.update(ref, card) },
  ]);
}
