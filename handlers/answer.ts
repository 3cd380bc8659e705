import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { numbered } from '../src/core/command';
import type { Reader } from '../src/core/grammar';
import { answerQuestion } from '../src/core/question';
import { fail, ok } from '../src/core/result';
import { MAX_STATEMENT_CHARS } from '../src/core/statement';
import { translator } from '../src/i18n';

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
  const t = translator(incident.locale, deps.timeZone);
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

/** After `Q2`: the answer, or `S3` when a published statement answers it (`answer Q2 S3: see the email`). */
const answerBody: Reader = {
  key: 'text',
  tail: true,
  read(input, at) {
    if (at >= input.tokens.length) return fail('question.answerUsage');
    const rest = input.textFrom(at);
    const linked = /^s(\d{1,4})\b[\s:,.-]*/i.exec(rest);
    if (linked) input.values.statement = Number(linked[1]);
    input.values.text = linked ? rest.slice(linked[0].length) : rest;
    return ok(input.tokens.length);
  },
};

export const answerCommand = defineCommand({
  name: 'answer',
  names: { es: 'responder', fr: 'répondre' },
  args: z.object({
    incident: incidentArg,
    question: z.number(),
    text: z.string().default(''),
    statement: z.number().optional(),
  }),
  read: [numbered('question', 'Q', { key: 'question.answerUsage' }), answerBody],
  options: [
    option.integer('question', 'question', { required: true }),
    option.string('text', 'answerText', { max: MAX_STATEMENT_CHARS }),
    option.integer('statement', 'answerStatement'),
    option.incident(),
  ],
  usage: (a) => `answer Q<n> <${a('text')} | S<n>>`,
  help: 'help.answer',
  access: 'anyone',
  run: answer,
});
