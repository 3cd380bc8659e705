import { fail, ok, type Result } from './result';
import type { Change, Incident, Question, UserId } from './types';

/**
 * Questions the public is asking ("were our passwords leaked?"). Seed 000: answer every one. Unanswered
 * questions stay on the status card and in the postmortem until someone answers them.
 */

export const MAX_QUESTION_CHARS = 500;

export function askQuestion(incident: Incident, text: string, by: UserId, now: Date): Result<Change> {
  if (incident.status !== 'open') return fail('incident.closed', { seq: incident.seq });
  const question = text.trim();
  if (!question) return fail('question.empty');
  if (question.length > MAX_QUESTION_CHARS) return fail('question.tooLong', { max: MAX_QUESTION_CHARS });
  const n = (incident.questions?.length ?? 0) + 1;
  const at = now.toISOString();
  const asked: Question = { n, text: question, askedBy: by, askedAt: at };
  return ok({
    incident: { ...incident, questions: [...(incident.questions ?? []), asked], updatedAt: at },
    events: [{ kind: 'question', n, text: question, by, at }],
  });
}

/**
 * Marks a question answered, with the answer's text and, when the answer is a published statement, its
 * number. A second answer replaces the first (the timeline keeps both).
 */
export function answerQuestion(
  incident: Incident,
  n: number,
  answer: { text: string; statement?: number },
  by: UserId,
  now: Date,
): Result<Change> {
  const question = incident.questions?.find((q) => q.n === n);
  if (!question) return fail('question.notFound', { n, seq: incident.seq });
  const text = answer.text.trim();
  if (answer.statement !== undefined) {
    const statement = incident.statements?.find((s) => s.n === answer.statement);
    if (statement?.status !== 'published')
      return fail('question.statementNotPublished', { n: answer.statement });
  } else if (!text) {
    return fail('question.answerEmpty', { n });
  }
  const at = now.toISOString();
  const answered: Question = {
    ...question,
    answer: { text, by, at, ...(answer.statement === undefined ? {} : { statement: answer.statement }) },
  };
  return ok({
    incident: {
      ...incident,
      questions: (incident.questions ?? []).map((q) => (q.n === n ? answered : q)),
      updatedAt: at,
    },
    events: [
      {
        kind: 'question-answered',
        n,
        text,
        ...(answer.statement === undefined ? {} : { statement: answer.statement }),
        by,
        at,
      },
    ],
  });
}

export const unanswered = (incident: Incident): Question[] =>
  (incident.questions ?? []).filter((q) => !q.answer);
