/**
 * A calma process the benches start, SIGKILL and start again: each start is a new CalmaProcess (the e2e
 * tests' wrapper, test/e2e/calma-process.ts: calma compiled once, run by node itself, so a SIGKILL
 * leaves nothing behind), in whatever mode its environment says (Slack HTTP, Discord, both). Ready once
 * it says its HTTP port (every mode does, a Discord standby too) and GET /healthz there answers 200.
 * What each start wrote is appended to `logFile` when it ends, the evidence of a failed run.
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CalmaProcess, waitUntil } from '../../test/e2e/calma-process';
import { buildCalma } from '../../test/support/calma-build';

const READY_TIMEOUT_MS = 60_000;

export class CalmaReplica {
  private current: { calma: CalmaProcess; startedAt: string } | null = null;
  /** The HTTP port of the running start; 0 while starting or dead. */
  port = 0;
  /** How many times it was started. */
  generation = 0;
  /** Between `start()` and ready (or the failure to start). */
  starting = false;

  /** `dir` is the process's working and home directory; `env` comes on top of CalmaProcess's clean one. */
  constructor(
    readonly name: string,
    private readonly dir: string,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  get live(): boolean {
    return this.port > 0 && this.current?.calma.running === true;
  }

  /** Starts the process and resolves once its /healthz answers 200; rejects if it exits first. */
  async start(): Promise<void> {
    await this.retire('exited on its own');
    this.generation++;
    const calma = new CalmaProcess(`${this.name}#${this.generation}`, this.dir, this.env);
    this.current = { calma, startedAt: new Date().toISOString() };
    this.starting = true;
    try {
      this.port = await ready(calma);
    } finally {
      this.starting = false;
    }
  }

  /** What /healthz says of Discord: `connected` on the gateway holder, `standby` on the others. */
  async discord(): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.port}/healthz`);
    return ((await response.json()) as { discord?: unknown }).discord;
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    this.port = 0;
    await this.current?.calma.kill();
    await this.retire('SIGKILLed');
  }

  /** SIGTERM, then SIGKILL if it has not exited `graceMs` later. */
  async stop(graceMs = 15_000): Promise<void> {
    this.port = 0;
    const calma = this.current?.calma;
    if (calma) await calma.terminate(graceMs).catch(() => calma.kill());
    await this.retire('stopped');
  }

  /** Appends what the last start wrote (calma logs to stderr) to the log file. */
  private async retire(how: string): Promise<void> {
    if (!this.current) return;
    const { calma, startedAt } = this.current;
    this.current = null;
    await appendFile(
      this.logFile,
      `--- ${calma.name} started at ${startedAt}\n${calma.stderr}${calma.stdout}\n` +
        `--- ${calma.name} ${how} at ${new Date().toISOString()}\n`,
    );
  }
}

/**
 * Compiles calma for a bench's replicas (as the e2e tests' global setup does: CALMA_TEST_BUILD says
 * where), runs `work`, then removes the build.
 */
export async function withCompiledCalma<T>(work: () => Promise<T>): Promise<T> {
  const build = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-build-'));
  try {
    await buildCalma(build);
    process.env.CALMA_TEST_BUILD = build;
    return await work();
  } finally {
    delete process.env.CALMA_TEST_BUILD;
    await rm(build, { recursive: true, force: true });
  }
}

/** The port `calma` says it serves HTTP on, once /healthz there answers 200. */
async function ready(calma: CalmaProcess): Promise<number> {
  let port = 0;
  await waitUntil(
    async () => {
      if (!calma.running)
        throw new Error(`${calma.name} exited while starting\n${calma.stderr.slice(-4000)}`);
      port ||= Number(/"port":(\d+),"msg":"HTTP on port/.exec(calma.stderr)?.[1] ?? 0);
      return port > 0 && (await healthy(port));
    },
    READY_TIMEOUT_MS,
    () => `${calma.name} not healthy\n${calma.stderr.slice(-4000)}`,
  );
  return port;
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
