/**
 * The calma processes of the chaos run: `src/main.ts` in Slack HTTP mode, each started as one node
 * process (`node --import tsx`, no tsx wrapper that a SIGKILL would leave its child behind), its log
 * appended to a file per process, its HTTP port read from that log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const PORT_TIMEOUT_MS = 60_000;

/** One calma "slot" (calma-a, calma-b): killed and started again as the run goes. */
export class ChaosCalma {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  /** The HTTP port of the running generation; 0 while starting or dead. */
  port = 0;
  /** How many times this slot was started. */
  generation = 0;
  /** Between `start()` and the port (or the failure to start). */
  starting = false;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  get live(): boolean {
    return this.port > 0 && this.child?.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves once it says which port it serves. */
  async start(): Promise<void> {
    this.generation++;
    this.log ??= createWriteStream(this.logFile, { flags: 'a' });
    this.log.write(`--- ${this.name} generation ${this.generation} started at ${new Date().toISOString()}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let seen = '';
    const port = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} never said its port`)), PORT_TIMEOUT_MS);
      child.stderr?.on('data', (chunk: Buffer) => {
        this.log?.write(chunk);
        seen = (seen + chunk.toString()).slice(-4000);
        const match = /"port":(\d+),"msg":"HTTP on port/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited while starting (${code ?? signal})\n${seen}`));
      });
    });
    child.stdout?.on('data', (chunk: Buffer) => this.log?.write(chunk));
    this.starting = true;
    try {
      this.port = await port;
    } finally {
      this.starting = false;
    }
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    this.port = 0;
    await this.signal('SIGKILL');
    this.log?.write(
      `--- ${this.name} generation ${this.generation} SIGKILLed at ${new Date().toISOString()}\n`,
    );
  }

  /** SIGTERM: calma stops cleanly (the end of the run). */
  async stop(): Promise<void> {
    this.port = 0;
    await this.signal('SIGTERM');
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = null;
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
