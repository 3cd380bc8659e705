import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { defaultReminderPolicy } from '../../src/config/schema';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { calmaEntry } from '../support/calma-build';
import { testRedis, uniquePrefix } from '../support/redis';

/** A line calma wrote to stdout, with when the test received it (epoch ms). */
export interface OutputLine {
  text: string;
  at: number;
}

/**
 * A calma console process that keeps running: its stdin is a pipe the test writes to and only closes
 * on `quit`, so calma stays up (as for a person at the keyboard) until the test ends it or kills it.
 * Stdout is kept as lines with their arrival times, so a test can tell when a reminder came out.
 */
export class CalmaProcess {
  readonly lines: OutputLine[] = [];
  private partial = '';
  private errors = '';
  private readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    cwd: string,
    env: Record<string, string>,
  ) {
    // A clean environment, as in console-session.ts: nothing from the developer's shell leaks in. calma
    // is node itself (the run's build), not a wrapper such as the `tsx` command that runs it in a child
    // process: a SIGKILL sent to a wrapper would leave calma running, and a "crash" test prove nothing.
    this.child = spawn(process.execPath, [calmaEntry('src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, USER: 'sam', LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('exit', (code) => resolve(code));
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk.toString()));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.errors += chunk.toString();
    });
    // A write after the child died must not crash the test run; the exit is what the test looks at.
    this.child.stdin.on('error', () => {});
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get stderr(): string {
    return this.errors;
  }

  get stdout(): string {
    return this.lines.map((line) => line.text).join('\n');
  }

  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** The arrival time of the first stdout line containing `text`, waiting for it up to `timeoutMs`. */
  async waitForLine(text: string, timeoutMs: number): Promise<number> {
    let found: OutputLine | undefined;
    await waitUntil(
      () => {
        found = this.lines.find((line) => line.text.includes(text));
        return found !== undefined;
      },
      timeoutMs,
      () => `${this.name}: no line with "${text}"\n--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`,
    );
    return found?.at ?? Number.NaN;
  }

  /** Types /quit, closes stdin and waits for calma to exit; resolves with its exit code. */
  async quit(timeoutMs = 15_000): Promise<number | null> {
    this.send('/quit');
    this.child.stdin.end();
    return withTimeout(this.exited, timeoutMs, `${this.name} did not exit after /quit`);
  }

  /**
   * SIGTERM, as a service manager stops calma (Slack and Discord modes read no stdin): it shuts down
   * cleanly. Resolves with the exit code.
   */
  async terminate(timeoutMs = 15_000): Promise<number | null> {
    if (this.running) this.child.kill('SIGTERM');
    return withTimeout(this.exited, timeoutMs, `${this.name} did not exit after SIGTERM`);
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. Resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  private receive(text: string): void {
    const at = Date.now();
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.lines.push({ text: part, at });
  }
}

/** Environment for a calma console on the test's Redis, with its own config and data dir under `dir`. */
export function calmaEnv(dir: string, minuteMs: number): Record<string, string> {
  const redisUrl = process.env.CALMA_TEST_REDIS_URL;
  if (!redisUrl) throw new Error('CALMA_TEST_REDIS_URL is not set: run tests through jest');
  return {
    REDIS_URL: redisUrl,
    CALMA_CONFIG: path.join(dir, 'calma.yaml'),
    CALMA_DATA_DIR: path.join(dir, 'data'),
    CALMA_MINUTE_MS: String(minuteMs),
  };
}

/** Polls `condition` every 20 ms until it holds; fails with `what()` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The port calma logged it listens on (its JSON log line on stderr; PORT=0 picks a free one). */
export async function httpPort(process: CalmaProcess): Promise<number> {
  let port = 0;
  await waitUntil(
    () => {
      port = Number(/"port":(\d+),"msg":"HTTP on port/.exec(process.stderr)?.[1] ?? 0);
      return port > 0;
    },
    30_000,
    () => `calma never said its HTTP port\n${process.stderr}`,
  );
  return port;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A card calma printed in a room: the console prints `#room ›`, the title, then indented lines. */
export interface PrintedCard {
  process: string;
  title: string;
  lines: string[];
  at: number;
}

export function printedCards(calma: CalmaProcess): PrintedCard[] {
  const cards: PrintedCard[] = [];
  let current: PrintedCard | null = null;
  let expectTitle = false;
  for (const { text, at } of calma.lines) {
    if (/^#\S+ ›$/.test(text)) {
      current = null;
      expectTitle = true;
    } else if (expectTitle) {
      current = { process: calma.name, title: text, lines: [], at };
      cards.push(current);
      expectTitle = false;
    } else if (current && text.startsWith('  ')) {
      current.lines.push(text.trim());
    } else {
      current = null;
    }
  }
  return cards;
}

/**
 * A reminder as the card shows it. `key` names the reminder (`step 3 due`, `step 3 escalation`,
 * `cadence 2`, `no-lead`): every no-lead nag has the same card, the nth one printed is the nth nag.
 */
export interface PrintedReminder extends PrintedCard {
  key: string;
  /** Playbook minutes late, when the card says it was sent late. */
  lateMinutes: number | null;
}

export function printedReminders(cards: readonly PrintedCard[], cadenceMinutes: number): PrintedReminder[] {
  return cards.flatMap((card) => {
    const late = /Sent (\d+) min late/.exec(card.lines.join('\n'));
    const lateMinutes = late ? Number(late[1]) : null;
    const step = /⏰ Step (\d+) is (due|still open)/.exec(card.title);
    let key: string | null = null;
    if (step) key = `step ${step[1]} ${step[2] === 'due' ? 'due' : 'escalation'}`;
    else if (card.title.includes('has no lead yet')) key = 'no-lead';
    else if (card.title.includes('Time for a public status update')) {
      // The card says how long since opening and how late it is: the difference is its due time.
      const since = /opened (\d+) min ago/.exec(card.lines.join('\n'));
      const due = Number(since?.[1] ?? Number.NaN) - (lateMinutes ?? 0);
      key = `cadence ${Math.round(due / cadenceMinutes)}`;
    }
    return key ? [{ ...card, key, lateMinutes }] : [];
  });
}

/** A reminder whose due time is fixed from the opening, in playbook minutes. */
export interface ExpectedReminder {
  key: string;
  dueMinute: number;
}

export interface ReminderRules {
  /** Every step's reminder and escalation, and the first no-lead nag. */
  fixed: ExpectedReminder[];
  /** Minutes between status updates (SEV1). */
  cadence: number;
  /** The no-lead nag: each one this many minutes after the last one sent, at most `max` of them. */
  nag: { every: number; max: number };
}

/**
 * What a SEV1 hacked-account incident nobody touches is reminded of, from the playbook's step due times
 * and calma.yaml's defaults, as the rules say it (not through calma's planner): each step a minute after
 * it is due at the earliest, escalated `escalate_after` later; the cadence; the no-lead nag.
 */
export async function reminderRules(): Promise<ReminderRules> {
  const { playbooks } = await loadPlaybooks([builtinPlaybooksDir]);
  const playbook = playbooks.find((p) => p.id === 'hacked-account');
  const policy = defaultReminderPolicy;
  const cadence = policy.cadence[1];
  if (!playbook || cadence === null) throw new Error('hacked-account with a SEV1 cadence is needed');
  const fixed: ExpectedReminder[] = playbook.steps.flatMap((step, index) => {
    // A recurring status-update step is the cadence: it has no reminder of its own.
    if (step.recurring) return [];
    const due = Math.max(step.due, 1);
    return [
      { key: `step ${index + 1} due`, dueMinute: due },
      { key: `step ${index + 1} escalation`, dueMinute: due + policy.escalateAfter },
    ];
  });
  fixed.push({ key: 'no-lead', dueMinute: policy.noLeadAfter });
  return { fixed, cadence, nag: { every: policy.noLeadAfter, max: policy.maxNags } };
}

/** How many times each key was printed, across processes. */
export function countByKey(reminders: readonly { key: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of reminders) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  return counts;
}

/** Deletes every key under `prefix` (calma's and BullMQ's), so the shared test Redis stays small. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** One test's calma installation: a temp dir with its calma.yaml, a key prefix, and its processes. */
export interface E2eInstall {
  readonly redis: Redis;
  readonly dir: string;
  readonly prefix: string;
  /** Starts a calma process on this installation (killed after the test); `env` adds to calmaEnv's. */
  start(name: string, minuteMs: number, env?: Record<string, string>): CalmaProcess;
}

/**
 * Registers the hooks every e2e file needs: a Redis connection for the file; per test a temp dir with a
 * calma.yaml whose key prefix is the test's own; afterwards every process killed (a failed expectation
 * leaves them running) and the prefix and dir removed. `config`: more calma.yaml (whole top-level keys).
 */
export function useE2eInstall(label: string, config = ''): E2eInstall {
  let redis: Redis | undefined;
  let dir = '';
  let prefix = '';
  const processes: CalmaProcess[] = [];
  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await redis?.quit();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), `calma-e2e-${label}-`));
    prefix = uniquePrefix();
    await writeFile(path.join(dir, 'calma.yaml'), `locale: en\nredis:\n  key_prefix: ${prefix}\n${config}`);
  });
  afterEach(async () => {
    for (const calma of processes.splice(0)) await calma.kill();
    if (redis) await deletePrefix(redis, prefix);
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get redis() {
      if (!redis) throw new Error('redis is only available inside a test');
      return redis;
    },
    get dir() {
      return dir;
    },
    get prefix() {
      return prefix;
    },
    start(name, minuteMs, env = {}) {
      const calma = new CalmaProcess(name, dir, { ...calmaEnv(dir, minuteMs), ...env });
      processes.push(calma);
      return calma;
    },
  };
}
