import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { plainText, renderScreen } from '../support/terminal';
import { calmaCommand, cleanEnv } from './calma-command';
import { waitUntil } from './calma-process';

const COLUMNS = 100;

/** Quotes a word for sh. */
const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * calma in a real pseudo-terminal, as a person runs it: util-linux `script` gives it a terminal (its
 * stdin, stdout and stderr are the pty) and passes on what the test types. calma is the session's leader
 * (`exec`), so closing the terminal (killing `script`, which holds the pty's other end) hangs it up.
 */
export class TerminalSession {
  private received = '';
  private readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with `script`'s exit code, which is calma's. */
  readonly exited: Promise<number | null>;

  constructor(cwd: string, env: Record<string, string>) {
    const command = `stty cols ${COLUMNS} rows 40; exec ${calmaCommand.map(quote).join(' ')}`;
    this.child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd,
      env: cleanEnv(cwd, { TERM: 'xterm', ...env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('exit', (code) => resolve(code));
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.received += chunk.toString();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.received += chunk.toString();
    });
    this.child.stdin.on('error', () => {});
  }

  /** Everything the terminal received, escape sequences dropped. */
  get text(): string {
    return plainText(this.received);
  }

  /** The terminal's rows as a person reads them (scrollback included). */
  get rows(): string[] {
    return renderScreen(this.received, COLUMNS);
  }

  /** The row the cursor is on: the prompt, and what is typed after it. */
  get lastRow(): string {
    return this.rows.findLast((row) => row !== '') ?? '';
  }

  /** Keys as typed: Enter is "\r", Ctrl-C "\x03", Ctrl-D "\x04". */
  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  async waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    await waitUntil(condition, timeoutMs, () => `${what}\n--- terminal\n${this.rows.join('\n')}`);
  }

  /** Waits until the cursor sits after `prompt` with nothing typed: calma waits for a line. */
  async waitForPrompt(prompt: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const matches = (row: string) =>
      typeof prompt === 'string' ? row === prompt.trimEnd() : prompt.test(row);
    await this.waitFor(() => matches(this.lastRow), `no prompt ${prompt}`, timeoutMs);
  }

  /** Closes the terminal window: `script` dies at once, and the pty is hung up. */
  close(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
