/**
 * The console's screen in a terminal: readline in terminal mode on a fake terminal (a stream that
 * records what it is sent, with a width), rendered as a person would see it.
 */
import { createInterface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { Screen } from '../../../src/console/screen';
import { renderScreen } from '../../support/terminal';

function fakeTerminal(columns: number) {
  let received = '';
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      received += chunk.toString();
      done();
    },
  });
  Object.assign(output, { isTTY: true, columns });
  const input = new PassThrough();
  const screen = new Screen(output as unknown as NodeJS.WriteStream, true);
  const lines = createInterface({ input, output, terminal: true });
  screen.attach(lines);
  const typed: string[] = [];
  lines.on('line', (line) => typed.push(line));
  return {
    screen,
    lines,
    typed,
    /** Types as a person does, one key at a time. */
    type: async (text: string) => {
      for (const key of text) {
        input.write(key);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    rows: () => {
      const rows = renderScreen(received, columns);
      while (rows.at(-1) === '') rows.pop();
      return rows;
    },
  };
}

test('GIVEN text half typed at the prompt WHEN a card is printed THEN it appears above the prompt and the typed text stays as it was', async () => {
  const terminal = fakeTerminal(60);
  terminal.screen.print('calma console');
  terminal.screen.prompt('#general sam> ');
  await terminal.type('/crisis sta');

  terminal.screen.print('⏰ Step 3 is due\n  Archive the posts');

  expect(terminal.rows()).toEqual([
    'calma console',
    '⏰ Step 3 is due',
    '  Archive the posts',
    '#general sam> /crisis sta',
  ]);
  await terminal.type('tus\r');
  expect(terminal.typed).toEqual(['/crisis status']);
  terminal.lines.close();
});

test('GIVEN typed text wrapping over two rows WHEN a line is printed THEN both rows are redrawn below it, once', async () => {
  const terminal = fakeTerminal(20);
  terminal.screen.prompt('#general sam> ');
  await terminal.type('/crisis note abc');

  terminal.screen.print('a reminder');

  expect(terminal.rows()).toEqual(['a reminder', '#general sam> /crisi', 's note abc']);
  terminal.lines.close();
});

test('GIVEN no prompt shown (a command being answered) WHEN lines are printed THEN they follow one another', async () => {
  const terminal = fakeTerminal(40);
  terminal.screen.prompt('#general sam> ');
  await terminal.type('/crisis help\r');

  terminal.screen.print('first');
  terminal.screen.print('second');

  expect(terminal.rows()).toEqual(['#general sam> /crisis help', 'first', 'second']);
  terminal.lines.close();
});

test('GIVEN Ctrl-D at an empty prompt THEN readline closes and what follows starts on a line of its own', async () => {
  const terminal = fakeTerminal(40);
  terminal.screen.prompt('#general sam> ');
  const closed = new Promise((resolve) => terminal.lines.once('close', resolve));
  await terminal.type('\x04');
  await closed;

  terminal.screen.print('Bye.');

  expect(terminal.rows()).toEqual(['#general sam>', 'Bye.']);
});
