/**
 * The console asks a form one field per line; a long text (a statement, a reason) may be typed or
 * pasted over several lines and ends with a line holding only ".".
 */
import { type PendingForm, question, take } from '../../../src/console/form-prompt';
import { translator } from '../../../src/i18n';
import type { FormField } from '../../../src/ports/chat';

const statement: FormField = { id: 'text', label: 'What the public will read', type: 'longtext' };
const pendingFor = (...fields: FormField[]): PendingForm => ({
  form: { submit: { kind: 'statement.draft', args: ['1', ''] }, title: 'Public statement, #1', fields },
  values: {},
});

/** Feeds the lines one by one, as the terminal does; returns what each one gave. */
function typeLines(pending: PendingForm, field: FormField, lines: string[]) {
  return lines.map((line) => take(pending, field, line));
}

describe('a long text in the console form', () => {
  test('GIVEN a statement pasted over several lines WHEN a line with only "." follows THEN the answer is the whole text, paragraphs kept, blank lines around it dropped', () => {
    const pending = pendingFor(statement);

    const given = typeLines(pending, statement, [
      '',
      'We are sorry: our account was hacked at 09:40.   ',
      '',
      '  Your passwords were not affected.',
      'Next update at 11:00.',
      '',
      ' . ',
    ]);

    expect(given.slice(0, -1)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(given.at(-1)).toBe(
      'We are sorry: our account was hacked at 09:40.\n\n  Your passwords were not affected.\nNext update at 11:00.',
    );
  });

  test('GIVEN a long text answered WHEN the next long text is typed THEN it starts empty', () => {
    const pending = pendingFor(statement);
    typeLines(pending, statement, ['first text', '.']);

    expect(typeLines(pending, statement, ['second text', '.']).at(-1)).toBe('second text');
  });

  test('GIVEN a template offered WHEN "." comes first THEN the template is kept; without one the field is left empty', () => {
    const template = { ...statement, initial: 'We are looking into it.\nNext update at 11:00.' };

    expect(take(pendingFor(template), template, '.')).toBe(template.initial);
    expect(take(pendingFor(statement), statement, '.')).toBe('');
  });

  test('GIVEN a one-line text field WHEN a line is typed THEN it is the answer at once, even "."', () => {
    const reason: FormField = { id: 'reason', label: 'Why?' };

    expect(take(pendingFor(reason), reason, '  no access to the scheduler ')).toBe(
      'no access to the scheduler',
    );
    expect(take(pendingFor(reason), reason, '.')).toBe('.');
  });

  test.each([
    ['en', 'end with a line holding only “.”', '“.” alone keeps: We are looking into it.'],
    ['es', 'termina con una línea que solo tenga «.»', '«.» solo mantiene: We are looking into it.'],
    ['fr', 'terminez par une ligne ne contenant que « . »', '« . » seul garde : We are looking into it.'],
  ] as const)(
    'GIVEN %s WHEN a long text is asked THEN the question says how to end it and what "." alone keeps',
    (locale, ends, keeps) => {
      const t = translator(locale);
      const asked = question({ ...statement, initial: 'We are looking into it.' }, t);

      expect(asked.split('\n')[0]).toBe('What the public will read');
      expect(asked).toContain(ends);
      expect(asked).toContain(keeps);
      expect(asked).not.toContain(t('console.enterKeeps', { value: 'We are looking into it.' }));
      expect(question(statement, t)).toContain(ends);
    },
  );
});
