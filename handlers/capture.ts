import { type Caller, type Deps, noReply, type Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { when } from '../src/cards/format';
import { captureMessage } from '../src/core/incident';
import type { CapturedMessage } from '../src/core/types';
import { translator } from '../src/i18n';

/**
 * A message kept as evidence (Slack: the :pushpin: reaction in an incident room, or the "Add to crisis
 * evidence" shortcut anywhere): on the timeline with its author and time, before anyone can edit or
 * delete it. A reaction counts only in an incident's own room (a pushpin elsewhere is ordinary use of
 * the platform); the shortcut was asked for, so it goes to the incident of the room, else the only open
 * one, else the user is told to name it.
 */
export async function capture(
  deps: Deps,
  caller: Caller,
  message: CapturedMessage,
  explicit = false,
): Promise<Reply> {
  const here = await deps.store.findByRoom(caller.workspace, caller.room);
  if (!here && !explicit) return noReply;
  const target = here ? { ok: true as const, value: here } : await targetIncident(deps, caller);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const result = await mutateIncident(deps, caller, target.value.seq, (incident, now) =>
    captureMessage(incident, message, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale, deps.timeZone);
  const params = {
    seq: result.value.seq,
    author: deps.chat.mention(message.author),
    when: when(message.postedAt, t),
  };
  return { cards: [{ lines: [t('capture.added', params)], tone: 'success' }] };
}
