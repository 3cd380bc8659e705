import { clearScreenDown, cursorTo, type Interface, moveCursor } from 'node:readline';

/**
 * Where the console prints. In a pipe or a file, lines are written as they come. In a terminal, readline
 * keeps the prompt and what is being typed on the last line; a line printed meanwhile (a reminder falling
 * due, an alert, a warning) goes above it, and the prompt is drawn again below with the typed text intact.
 */
export class Screen {
  private lines: Interface | null = null;
  private prompting = false;

  constructor(
    readonly output: NodeJS.WriteStream,
    /** A person at a terminal: a prompt, echo and line editing (readline's terminal mode). */
    readonly interactive: boolean,
  ) {}

  /** Prints `text` and a newline, to `stream` (the logger's is stderr: the same terminal). */
  print(text: string, stream: NodeJS.WritableStream = this.output): void {
    const lines = this.lines;
    if (!lines || !this.prompting) {
      stream.write(`${text}\n`);
      return;
    }
    // Back to the prompt's first row (the typed text may wrap), clear down, print; then leave the rows
    // readline climbs before it redraws (as many as it last drew the cursor below the prompt's row).
    const { rows } = lines.getCursorPos();
    moveCursor(this.output, 0, -rows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    stream.write(`${text}\n`);
    this.output.write('\n'.repeat((lines as { prevRows?: number }).prevRows ?? rows));
    lines.prompt(true);
  }

  /** Takes the console's readline (in terminal mode, writing to `output`): its prompt is drawn here. */
  attach(lines: Interface): void {
    this.lines = lines;
    lines.on('line', () => {
      this.prompting = false;
    });
    lines.on('close', () => {
      // Ctrl-D or Ctrl-C leave the cursor after the prompt: what follows starts on a line of its own.
      if (this.prompting) this.output.write('\n');
      this.prompting = false;
      this.lines = null;
    });
  }

  /** Shows `text` as the prompt and waits there for the next line. */
  prompt(text: string): void {
    if (!this.lines) return;
    this.lines.setPrompt(text);
    this.lines.prompt();
    this.prompting = true;
  }
}
