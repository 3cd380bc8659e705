import { answerQuestion, askQuestion, unanswered } from '../../../src/core/question';
import type { Incident, Statement } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';
import { errorOf, successOf } from '../../support/result';

const NOW = new Date('2026-11-22T10:30:00.000Z');

const statement = (n: number, status: Statement['status']): Statement => ({
  n,
  text: 'We are sorry.',
  authors: ['U0ANA'],
  createdAt: NOW.toISOString(),
  targets: [],
  requires: ['approver'],
  approvals: [],
  status,
  version: 1,
  checklist: { covered: [], missing: [], warnings: [] },
});

function asked(overrides: Partial<Incident> = {}): Incident {
  return successOf(askQuestion(anIncident(overrides), '  Were our passwords leaked? ', 'U0LISTENER', NOW))
    .incident;
}

describe('questions from the public', () => {
  test('GIVEN a question WHEN logged THEN it is Q1, unanswered, on the timeline with who asked', () => {
    const change = successOf(askQuestion(anIncident(), 'Were our passwords leaked?', 'U0LISTENER', NOW));

    expect(change.incident.questions).toEqual([
      { n: 1, text: 'Were our passwords leaked?', askedBy: 'U0LISTENER', askedAt: NOW.toISOString() },
    ]);
    expect(unanswered(change.incident).map((q) => q.n)).toEqual([1]);
    expect(change.events).toEqual([
      { kind: 'question', n: 1, text: 'Were our passwords leaked?', by: 'U0LISTENER', at: NOW.toISOString() },
    ]);
  });

  test('GIVEN Q1 WHEN answered with text THEN it is no longer unanswered', () => {
    const change = successOf(answerQuestion(asked(), 1, { text: 'No, they are hashed.' }, 'U0ANA', NOW));

    expect(unanswered(change.incident)).toEqual([]);
    expect(change.incident.questions?.[0]?.answer).toEqual({
      text: 'No, they are hashed.',
      by: 'U0ANA',
      at: NOW.toISOString(),
    });
  });

  test('GIVEN Q1 WHEN answered by a published statement THEN it links it; by a draft THEN it is refused', () => {
    const incident = asked({ statements: [statement(1, 'published'), statement(2, 'pending')] });

    expect(
      successOf(answerQuestion(incident, 1, { text: '', statement: 1 }, 'U0ANA', NOW)).incident.questions?.[0]
        ?.answer,
    ).toMatchObject({ statement: 1 });
    expect(errorOf(answerQuestion(incident, 1, { text: '', statement: 2 }, 'U0ANA', NOW)).key).toBe(
      'question.statementNotPublished',
    );
  });

  test.each([
    [2, 'text', 'question.notFound'],
    [1, '   ', 'question.answerEmpty'],
  ])('GIVEN Q%s and the answer %j WHEN answering THEN it is refused with %s', (n, text, key) => {
    expect(errorOf(answerQuestion(asked(), n, { text }, 'U0ANA', NOW)).key).toBe(key);
  });

  test('GIVEN an empty question, or a closed incident WHEN logging THEN it is refused', () => {
    expect(errorOf(askQuestion(anIncident(), ' ', 'U0ANA', NOW)).key).toBe('question.empty');
    expect(errorOf(askQuestion(anIncident({ status: 'resolved' }), 'Why?', 'U0ANA', NOW)).key).toBe(
      'incident.closed',
    );
  });
});
