import { recordedTopics, recordFact } from '../../../src/core/facts';
import { draftStatement } from '../../../src/core/statement';
import type { Incident } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';
import { errorOf, successOf } from '../../support/result';

const NOW = new Date('2026-11-22T10:00:00.000Z');

/** An incident with S1 drafted by ana: "Your card details are safe." */
function withReassurance(): Incident {
  return successOf(
    draftStatement(anIncident(), {
      text: 'Your card details are safe. Next update at 11:00.',
      by: 'U0ANA',
      requires: ['approver'],
      targets: [],
      now: NOW,
    }),
  ).incident;
}

describe('recorded facts', () => {
  test('GIVEN a fact in words WHEN recorded THEN its topics are read from them, and it is kept with who and when on the incident and the timeline', () => {
    const change = successOf(
      recordFact(
        anIncident(),
        { text: 'Card numbers never reach our servers (payment provider, 09:50)' },
        'U0BOB',
        NOW,
      ),
    );

    const fact = {
      text: 'Card numbers never reach our servers (payment provider, 09:50)',
      topics: ['payment'],
    };
    expect(change.incident.facts).toEqual([{ ...fact, by: 'U0BOB', at: NOW.toISOString() }]);
    expect(change.events).toEqual([{ kind: 'fact', ...fact, by: 'U0BOB', at: NOW.toISOString() }]);
    expect(recordedTopics(change.incident)).toEqual(['payment']);
  });

  test('GIVEN a fact that names no topic WHEN recorded THEN it is refused: it would back no reassurance', () => {
    expect(errorOf(recordFact(anIncident(), { text: 'The team is on it' }, 'U0BOB', NOW)).key).toBe(
      'fact.noTopic',
    );
    expect(errorOf(recordFact(anIncident(), { text: '   ' }, 'U0BOB', NOW)).key).toBe('fact.empty');
  });

  test('GIVEN a resolved incident WHEN a fact is recorded THEN it is refused', () => {
    const closed = anIncident({ status: 'resolved' });

    expect(errorOf(recordFact(closed, { text: 'Passwords are hashed' }, 'U0BOB', NOW)).key).toBe(
      'incident.closed',
    );
  });

  test('GIVEN a draft that reassures about cards WHEN the payment fact is recorded THEN the draft no longer warns', () => {
    const incident = withReassurance();
    expect(incident.statements?.[0]?.checklist.warnings.map((w) => w.kind)).toEqual(['unbacked-reassurance']);

    const after = successOf(
      recordFact(incident, { text: 'No card data is stored here', topics: ['payment'] }, 'U0BOB', NOW),
    );

    expect(after.incident.statements?.[0]?.checklist.warnings).toEqual([]);
  });
});
