import { z } from 'zod';
import { statementApprovals } from '../src/app/approvers';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { showDraft } from '../src/app/statement-room';
import { numbered } from '../src/core/command';
import type { Reader } from '../src/core/grammar';
import { answerQuestion } from '../src/core/question';
import { fail, ok } from '../src/core/result';
import { draftedBy, draftStatement, MAX_STATEMENT_CHARS } from '../src/core/statement';
import { translator } from '../src/i18n';

/**
 * `/crisis answer Q<n> S<m>`: published statement m answers question n. `/crisis answer Q<n> <text>`: the
 * answer is public, so it is drafted as a statement linked to the question and goes through the same
 * approval as any other; the question is answered when that statement is published. Internal remarks
 * about a question belong in `/crisis note`.
 */
export async function answer(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; question: number; text: string; statement?: number },
): Promise<Reply> {
  if (command.statement === undefined) return draftAnswer(deps, caller, command);
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
  const line = t('question.answeredBy', {
    n: command.question,
    who: deps.chat.mention(caller.user),
    statement: command.statement,
  });
  return announce(deps, caller, incident, [{ lines: [line], tone: 'success' }]);
}

/** A text answer: a draft statement answering the question, waiting for approval like any other. */
async function draftAnswer(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; question: number; text: string },
): Promise<Reply> {
  if (!command.text.trim()) {
    return problem(callerLocale(deps, caller), {
      key: 'question.answerEmpty',
      params: { n: command.question },
    });
  }
  let n = 0;
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    const drafted = draftStatement(incident, {
      text: command.text,
      by: caller.user,
      answers: command.question,
      requires: statementApprovals(deps, incident),
      targets: deps.outboundTargets,
      now,
      ...(caller.request === undefined ? {} : { request: caller.request }),
    });
    if (drafted.ok) {
      const { incident: after } = drafted.value;
      n = draftedBy(after, caller.request)?.n ?? after.statements?.length ?? 0;
    }
    return drafted;
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  return showDraft(deps, caller, result.value, n, 'question.answerDrafted');
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
