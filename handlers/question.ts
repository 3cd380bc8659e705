import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { answerQuestion, askQuestion } from '../src/core/question';
import { translator } from '../src/i18n';

/** `/crisis question <text>`: logs a question the public is asking, so nobody forgets to answer it. */
export async function question(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; text: string },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    askQuestion(incident, command.text, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  const t = translator(incident.locale);
  const n = incident.questions?.length ?? 0;
  return announce(deps, caller, incident, [
    { lines: [t('question.asked', { n, text: command.text.trim(), who: deps.chat.mention(caller.user) })] },
  ]);
}

/** `/crisis answer Q<n> <text>` or `/crisis answer Q<n> S<m>` (answered by published statement m). */
export async function answer(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; question: number; text: string; statement?: number },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    answerQuestion(
      incident,
      command.question,
      { text: command.text, ...(command.statement === undefined ? {} : { statement: command.statement }) },
      caller.user,
      now,
    ),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  const t = translator(incident.locale);
  const line =
    command.statement === undefined
      ? t('question.answered', {
          n: command.question,
          who: deps.chat.mention(caller.user),
          text: command.text.trim(),
        })
      : t('question.answeredBy', {
          n: command.question,
          who: deps.chat.mention(caller.user),
          statement: command.statement,
        });
  return announce(deps, caller, incident, [{ lines: [line], tone: 'success' }]);
}
