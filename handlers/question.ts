import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { numbered, text } from '../src/core/command';
import type { Reader } from '../src/core/grammar';
import { answerQuestion, askQuestion, MAX_QUESTION_CHARS } from '../src/core/question';
import { fail, ok } from '../src/core/result';
import { MAX_STATEMENT_CHARS } from '../src/core/statement';
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
