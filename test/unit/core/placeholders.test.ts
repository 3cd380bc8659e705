import { defaultReminderPolicy } from '../../../src/config/schema';
import { braced, fillPlaceholders, placeholders, withoutLines } from '../../../src/core/placeholders';
import { approveStatement, draftStatement, editStatement } from '../../../src/core/statement';
import type { Incident } from '../../../src/core/types';
import { anIncident } from '../../support/fixtures';
import { errorOf, successOf } from '../../support/result';

const NOW = new Date('2026-11-22T10:00:00.000Z');

describe('placeholders', () => {
  test('GIVEN a template WHEN read THEN each placeholder is found once, in the order it first appears', () => {
    const text = 'Our {account} account – {date}. Since {time}, {account} posts spam. Next: {next_update}.';

    expect(placeholders(text)).toEqual(['account', 'date', 'time', 'next_update']);
  });

  test('GIVEN braces that are not a placeholder WHEN read THEN they are text: empty, spaced, numbered', () => {
    expect(placeholders('{} { account } {1} {not a word} ok')).toEqual([]);
  });

  test('GIVEN values for some placeholders WHEN filled THEN those are replaced everywhere and the rest stay', () => {
    const text = 'Since {time}, {account} posts spam. Do not click links from {account}. {signature}';

    expect(fillPlaceholders(text, { account: '@acme', time: '09:30', signature: '  ' })).toBe(
      'Since 09:30, @acme posts spam. Do not click links from @acme. {signature}',
    );
  });

  test('GIVEN a value holding `$&` or another placeholder WHEN filled THEN it goes in as written, not re-read', () => {
    expect(fillPlaceholders('{price} and {account}', { price: '$& 10', account: '{price}' })).toBe(
      '$& 10 and {price}',
    );
  });

  test('GIVEN a placeholder named like an Object property WHEN filled THEN it is left alone', () => {
    expect(fillPlaceholders('{constructor} {toString}', {})).toBe('{constructor} {toString}');
  });

  test('GIVEN names WHEN braced THEN they read as written in the text', () => {
    expect(braced(['account', 'not_affected'])).toBe('{account}, {not_affected}');
  });
});

describe('the approval rule', () => {
  function drafted(text: string): Incident {
    const incident = anIncident({ severity: 1, roles: { approver: 'U0BOB' } });
    return successOf(
      draftStatement(incident, { text, by: 'U0ANA', targets: [], requires: ['approver'], now: NOW }),
    ).incident;
  }
  const context = {
    requires: ['approver' as const],
    configured: {},
    playbook: { steps: [] },
    policy: defaultReminderPolicy,
    minuteMs: 60_000,
    destinations: [],
  };
  const approve = (incident: Incident) =>
    approveStatement(incident, 1, { user: 'U0BOB', roles: [] }, context, NOW);

  test('GIVEN a draft with {account} left WHEN the approver approves THEN it is refused, naming it', () => {
    expect(errorOf(approve(drafted('Our {account} account was hacked.')))).toEqual({
      key: 'statement.placeholders',
      params: { n: 1, placeholders: '{account}', count: 1 },
    });
  });

  test('GIVEN the draft edited to fill it WHEN approved THEN it is published', () => {
    const edited = successOf(
      editStatement(drafted('Our {account} was hacked.'), 1, 'Our @acme was hacked.', 'U0ANA', NOW),
    );

    expect(successOf(approve(edited.incident)).published).toBe(true);
  });
});

describe('an optional field left out', () => {
  test('GIVEN a field on a line of a paragraph WHEN left out THEN that line goes and the paragraph closes up', () => {
    const text =
      'Who is affected: {affected}\nYour passwords: {passwords}\n\nWhat we have done: paused everything.';

    expect(withoutLines(text, ['passwords'])).toBe(
      'Who is affected: {affected}\n\nWhat we have done: paused everything.',
    );
  });

  test('GIVEN a field that is a paragraph of its own WHEN left out THEN no double blank line is left where it stood', () => {
    const text = 'We are sorry.\n\n{data_line}\n\nNext update at 10:00.';

    expect(withoutLines(text, ['data_line'])).toBe('We are sorry.\n\nNext update at 10:00.');
  });

  test('GIVEN a field on the last line WHEN left out THEN the text ends with the line before', () => {
    expect(withoutLines('Next update at 10:00.\n\n{data_line}', ['data_line'])).toBe('Next update at 10:00.');
  });

  test('GIVEN other placeholders WHEN one field is left out THEN they stay, to fill or to block approval', () => {
    expect(withoutLines('Since {time}: {account}\nYour data: {data}', ['data'])).toBe(
      'Since {time}: {account}',
    );
  });
});
