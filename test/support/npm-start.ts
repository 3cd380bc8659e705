/**
 * `npm start` as a person runs it (the README's command), in a folder of its own: a sandbox holding
 * links to the project's package.json and scripts/, so npm finds the `start` script while calma's
 * working directory (its ./.env, ./calma.yaml and ./.calma data) is the sandbox, never the developer's.
 * Used by the end-to-end test of the start command and by the report's start-up part.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

export interface Sandbox {
  dir: string;
  remove(): Promise<void>;
}

/** A temporary folder to run `npm start` in, with links to package.json and scripts/. */
export async function npmStartSandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-npm-start-'));
  await symlink(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  await symlink(path.join(root, 'scripts'), path.join(dir, 'scripts'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface NpmStarted {
  child: ChildProcessWithoutNullStreams;
  /** What calma printed so far (the console's chat). */
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/**
 * Runs `npm start` in the sandbox with a clean environment plus `env`. Stdin stays an open pipe: calma
 * runs its console (no token set) until the caller writes `/quit` or ends stdin.
 */
export function npmStart(sandbox: Sandbox, env: Record<string, string>): NpmStarted {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: sandbox.dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: sandbox.dir,
      USER: 'sam',
      // npm's update check and its notice are no part of calma's start.
      npm_config_update_notifier: 'false',
      CALMA_DATA_DIR: path.join(sandbox.dir, 'data'),
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  child.stdin.on('error', () => {});
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `GET /healthz` until it answers 200; resolves with the time that took from `since`. */
export async function firstHealthy(port: number, since: number, timeoutMs: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {}
    if (performance.now() - since > timeoutMs) throw new Error(`no 200 from /healthz in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The process ids below `pid` (children, grandchildren...), read from /proc (Linux). */
export async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {}
  }
  const found: number[] = [];
  const walk = (at: number) => {
    for (const child of parents.get(at) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** The calma process under `npm start` (npm → sh → node scripts/start.js), or null before it runs. */
export async function calmaPid(npmPid: number): Promise<number | null> {
  for (const pid of await descendants(npmPid)) {
    try {
      const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      if (command[0]?.endsWith('node') && command.some((arg) => arg.endsWith('scripts/start.js'))) return pid;
    } catch {}
  }
  return null;
}

/** Resident memory of a process, in bytes: now (VmRSS) and its peak (VmHWM). */
export async function residentMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** CPU time (user + system) used so far by `pid` and every process below it, in ms (Linux, /proc). */
export async function treeCpuMs(pid: number): Promise<number> {
  let ticks = 0;
  for (const each of [pid, ...(await descendants(pid))]) {
    try {
      const stat = await readFile(`/proc/${each}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After "(comm)": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  // Linux reports CPU in clock ticks of 1/100 s (USER_HZ) on every common platform.
  return ticks * 10;
}
