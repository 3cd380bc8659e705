import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { text } from '../src/core/command';
import { askQuestion, MAX_QUESTION_CHARS } from '../src/core/question';
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
  const t = translator(incident.locale, deps.timeZone);
  const n = incident.questions?.length ?? 0;
  return announce(deps, caller, incident, [
    { lines: [t('question.asked', { n, text: command.text.trim(), who: deps.chat.mention(caller.user) })] },
  ]);
}

export const questionCommand = defineCommand({
  name: 'question',
  names: { es: 'pregunta', fr: 'question' },
  args: z.object({ incident: incidentArg, text: z.string() }),
  read: [text('text', 'kept', { key: 'question.empty' })],
  options: [
    option.string('text', 'questionText', { required: true, max: MAX_QUESTION_CHARS }),
    option.incident(),
  ],
  usage: (a) => `question <${a('text')}>`,
  help: 'help.question',
  access: 'anyone',
  run: question,
});
