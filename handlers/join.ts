import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { translator } from '../src/i18n';

/** The Join button of an announcement: brings whoever pressed it into the incident room. */
export async function join(deps: Deps, caller: Caller, seq: number): Promise<Reply> {
  const incident = await deps.store.get(caller.workspace, seq);
  if (!incident?.room)
    return problem(callerLocale(deps, caller), { key: 'incident.notFound', params: { seq } });
  // Need-to-know: a private incident's lead decides who comes in (a stale Join button changes nothing).
  if (incident.private) {
    const lead = incident.roles.lead ?? incident.openedBy;
    return problem(callerLocale(deps, caller), {
      key: 'announce.privateJoin',
      params: { seq, who: deps.chat.mention(lead) },
    });
  }
  await deps.chat.invite(incident.room, [caller.user]);
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  return {
    cards: [
      {
        lines: [
          t('announce.joined', { room: deps.chat.roomLink({ id: incident.room, name: incident.roomName }) }),
        ],
      },
    ],
  };
}
