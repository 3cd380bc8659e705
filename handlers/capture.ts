import { type Caller, type Deps, noReply, type Reply } from '../src/app/deps';
import { callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { when } from '../src/cards/format';
import { captureMessage } from '../src/core/incident';
import type { CapturedMessage } from '../src/core/types';
import { translator } from '../src/i18n';

/**
 * A message marked as evidence in an incident room (Slack: the :pushpin: reaction): kept on the timeline
 * with its author and time, before anyone can edit or delete it.
 */
export async function capture(deps: Deps, caller: Caller, message: CapturedMessage): Promise<Reply> {
  // Only in an incident's own room: a pushpin anywhere else is ordinary use of the platform.
  const here = await deps.store.findByRoom(caller.workspace, caller.room);
  if (!here) return noReply;
  const result = await mutateIncident(deps, caller, here.seq, (incident, now) =>
    captureMessage(incident, message, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale);
  const params = {
    seq: result.value.seq,
    author: deps.chat.mention(message.author),
    when: when(message.postedAt),
  };
  return { cards: [{ lines: [t('capture.added', params)], tone: 'success' }] };
}
