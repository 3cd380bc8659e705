import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { followupsCard } from '../src/cards/followup';
import { addFollowup, completeFollowup } from '../src/core/followup';
import type { UserId } from '../src/core/types';
import { translator } from '../src/i18n';

export type FollowupCommand =
  | { incident?: number; verb: 'add'; text: string; owner?: UserId }
  | { incident?: number; verb: 'done'; followup: number }
  | { incident?: number; verb: 'list' };

/**
 * `/crisis followup <text> [@owner]` adds a follow-up action (F1, F2…), before or after closing; its
 * owner is reminded until it is done. `/crisis followup done F1` marks it done (anyone may: the timeline
 * says who), `/crisis followup` alone lists them.
 */
export async function followup(deps: Deps, caller: Caller, command: FollowupCommand): Promise<Reply> {
  if (command.verb === 'list') return listFollowups(deps, caller, command.incident);
  const result =
    command.verb === 'add'
      ? await mutateIncident(deps, caller, command.incident, (incident, now) =>
          addFollowup(
            incident,
            { text: command.text, ...(command.owner === undefined ? {} : { owner: command.owner }) },
            caller.user,
            now,
          ),
        )
      : await mutateIncident(deps, caller, command.incident, (incident, now) =>
          completeFollowup(incident, command.followup, caller.user, now),
        );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  const t = translator(incident.locale);
  const who = deps.chat.mention(caller.user);
  if (command.verb === 'done') {
    const done = incident.followups?.find((f) => f.n === command.followup);
    return announce(deps, caller, incident, [
      { lines: [t('followup.done', { n: command.followup, who, text: done?.text ?? '' })], tone: 'success' },
    ]);
  }
  const added = incident.followups?.at(-1);
  if (!added) throw new Error(`incident #${incident.seq} lost the follow-up just added`);
  // The owner hears the reminders where they are posted: in the incident room.
  if (added.owner && incident.room) await deps.chat.invite(incident.room, [added.owner]);
  const line = added.owner
    ? t('followup.added', { n: added.n, who, text: added.text, owner: deps.chat.mention(added.owner) })
    : t('followup.addedNoOwner', { n: added.n, who, text: added.text });
  return announce(deps, caller, incident, [{ lines: [line], tone: 'info' }]);
}

async function listFollowups(deps: Deps, caller: Caller, seq: number | undefined): Promise<Reply> {
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const incident = target.value;
  return {
    cards: [followupsCard(incident, translator(incident.locale), (u) => deps.chat.mention(u))],
  };
}
