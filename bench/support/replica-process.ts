/**
 * One calma replica of the replicas bench: calma compiled once (test/support/calma-build.ts, as the e2e
 * tests run it) and started as one node process on a port chosen beforehand, ready once GET /healthz
 * answers 200 (the port is chosen here, so nothing is read from the log).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../test/support/free-port';

const READY_TIMEOUT_MS = 60_000;

export class ReplicaProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  port = 0;

  constructor(
    readonly name: string,
    private readonly build: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get live(): boolean {
    return this.port > 0 && this.child?.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves once its /healthz answers 200. */
  async start(): Promise<void> {
    const port = await freePort();
    this.log ??= createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [path.join(this.build, 'src/main.js')], {
      cwd: this.build,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...this.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.log?.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.log?.write(chunk));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await healthy(port))) {
      if (child.exitCode !== null)
        throw new Error(`${this.name} exited while starting (see ${this.logFile})`);
      if (Date.now() > deadline) throw new Error(`${this.name} not healthy within ${READY_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.port = port;
  }

  /** What /healthz says of Discord: `connected` on the gateway holder, `standby` on the others. */
  async discord(): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.port}/healthz`);
    return ((await response.json()) as { discord?: unknown }).discord;
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    this.port = 0;
    await this.signal('SIGKILL');
  }

  /** SIGTERM, then SIGKILL if it has not exited `graceMs` later; the log is closed. */
  async stop(graceMs = 15_000): Promise<void> {
    this.port = 0;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.signal('SIGTERM');
    clearTimeout(timer);
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

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
