/**
 * Start-up and memory (issue "crisis-time throughput", point 5): `npm start`, the README's command, from
 * the process starting to the first 200 of /healthz, against a bare Bolt app to its first HTTP 200 in
 * the same run (interleaved); calma's resident memory once started and idle; and after 10,000 incidents
 * opened through it. The method is in docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/support/free-port';
import {
  calmaPid,
  firstHealthy,
  type NpmStarted,
  npmStart,
  npmStartSandbox,
  residentMemory,
  type Sandbox,
  treeCpuMs,
} from '../../test/support/npm-start';
import type { ReportPart } from './figure';

const ROOT = path.resolve(__dirname, '../..');
/** Starts of each, interleaved (calma, Bolt, calma, ...): the median is the figure. */
const RUNS = 5;
const INCIDENTS = Number(process.env.BENCH_START_INCIDENTS ?? 10_000);
const START_GOAL_MS = 1500;
const IDLE_GOAL = 100 * 2 ** 20;
const LOADED_GOAL = 250 * 2 ** 20;
/** How long calma is left alone after its first 200 before its memory is read. */
const SETTLE_MS = 3000;
const MiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * The anchor: a Bolt app with nothing but a /healthz route answering 200 (Bolt's HTTP receiver), run
 * with `node` itself. It checks no token with Slack: no network, as calma's console needs none.
 */
const BARE_BOLT = `
const { App } = require('@slack/bolt');
const app = new App({
  token: 'xoxb-bench',
  signingSecret: 'bench',
  tokenVerificationEnabled: false,
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (req, res) => { res.writeHead(200); res.end('ok'); } }],
});
app.start(Number(process.env.PORT));
`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** `npm start` in its sandbox, console mode (no token), until /healthz answers 200. */
async function startCalma(
  sandbox: Sandbox,
  env: Record<string, string> = {},
): Promise<{ calma: NpmStarted; ms: number; cpuMs: number; pid: number; port: number }> {
  const port = await freePort();
  const started = performance.now();
  const calma = npmStart(sandbox, { PORT: String(port), CALMA_LOCALE: 'en', LOG_LEVEL: 'warn', ...env });
  try {
    const ms = await firstHealthy(port, started, 60_000);
    const cpuMs = await treeCpuMs(calma.child.pid ?? 0);
    const pid = await calmaPid(calma.child.pid ?? 0);
    if (pid === null) throw new Error('no calma process under npm start');
    return { calma, ms, cpuMs, pid, port };
  } catch (error) {
    await stop(calma);
    throw new Error(`npm start: ${(error as Error).message}\n${calma.stderr().slice(-2000)}`);
  }
}

/** `/quit`: calma stops its private Redis and exits, and npm with it. */
async function stop(calma: NpmStarted): Promise<void> {
  if (calma.child.exitCode !== null) return;
  calma.child.stdin.end('/quit\n');
  const timeout = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
  await Promise.race([calma.exited, timeout]);
  if (calma.child.exitCode === null) calma.child.kill('SIGKILL');
}

async function startBareBolt(): Promise<{ ms: number; cpuMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', BARE_BOLT], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const ms = await firstHealthy(port, started, 60_000);
    return { ms, cpuMs: await treeCpuMs(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** Opens `count` incidents through calma's console, one command line each, and waits for every one. */
async function openIncidents(calma: NpmStarted, count: number): Promise<number> {
  const started = performance.now();
  const lines = Array.from({ length: count }, (_, i) => `/crisis open hacked-account sev2 Bench ${i + 1}\n`);
  calma.child.stdin.write(lines.join(''));
  let opened = 0;
  // Counted from the end of what was read before: the output grows to tens of megabytes.
  let seen = 0;
  let carry = '';
  while (opened < count) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (calma.child.exitCode !== null) throw new Error(`calma exited after ${opened} opens`);
    const out = calma.stdout();
    const fresh = carry + out.slice(seen);
    seen = out.length;
    opened += fresh.split(' is open in ').length - 1;
    carry = fresh.slice(-' is open in '.length);
    if (performance.now() - started > 15 * 60_000) throw new Error(`only ${opened} of ${count} opened`);
  }
  return performance.now() - started;
}

export const startPart: ReportPart = {
  id: 'start',
  async run() {
    const sandbox = await npmStartSandbox();
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-cache-'));
    try {
      // One start that compiles everything (an empty cache, as after a fresh clone), then the cache of
      // the project is brought up to date so that the measured starts are those of every other day.
      const first = await startCalma(sandbox, { CALMA_CACHE_DIR: fresh });
      await stop(first.calma);
      const warm = await startCalma(sandbox);
      await stop(warm.calma);
      await startBareBolt();

      const calmaMs: number[] = [];
      const calmaCpu: number[] = [];
      const boltMs: number[] = [];
      const boltCpu: number[] = [];
      const idle: number[] = [];
      const npmRss: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { calma, ms, cpuMs, pid } = await startCalma(sandbox);
        calmaMs.push(ms);
        calmaCpu.push(cpuMs);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        idle.push((await residentMemory(pid)).rss);
        npmRss.push((await residentMemory(calma.child.pid ?? 0)).rss);
        await stop(calma);
        const bolt = await startBareBolt();
        boltMs.push(bolt.ms);
        boltCpu.push(bolt.cpuMs);
      }

      const loaded = await startCalma(sandbox);
      let after: { rss: number; peak: number };
      let openMs: number;
      try {
        openMs = await openIncidents(loaded.calma, INCIDENTS);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        after = await residentMemory(loaded.pid);
      } finally {
        await stop(loaded.calma);
      }

      const startMs = median(calmaMs);
      const idleRss = median(idle);
      return [
        {
          measure: 'cold start to /healthz 200 (`npm start`, console)',
          calma: seconds(startMs),
          anchor: `${seconds(median(boltMs))} (bare Bolt)`,
          goal: `≤ ${seconds(START_GOAL_MS)}`,
          pass: startMs <= START_GOAL_MS,
          note: `median of ${RUNS} (calma ${calmaMs.map((m) => (m / 1000).toFixed(2)).join(', ')}; Bolt ${boltMs.map((m) => (m / 1000).toFixed(2)).join(', ')}); CPU until then (npm, calma, its Redis) ${seconds(median(calmaCpu))}, Bolt ${seconds(median(boltCpu))}; first start after a clone, compiling: ${seconds(first.ms)}`,
        },
        {
          measure: 'RSS idle after start',
          calma: MiB(idleRss),
          anchor: '-',
          goal: `≤ ${MiB(IDLE_GOAL)}`,
          pass: idleRss <= IDLE_GOAL,
          note: `calma's node process ${SETTLE_MS / 1000} s after its first 200, median of ${RUNS}; npm's own process beside it: ${MiB(median(npmRss))}`,
        },
        {
          measure: `RSS after ${INCIDENTS.toLocaleString('en')} incidents`,
          calma: MiB(after.rss),
          anchor: '-',
          goal: `≤ ${MiB(LOADED_GOAL)}`,
          pass: after.rss <= LOADED_GOAL && INCIDENTS >= 10_000,
          note: `opened one after the other through the console in ${(openMs / 1000).toFixed(0)} s; peak ${MiB(after.peak)}`,
        },
      ];
    } finally {
      await sandbox.remove();
      await rm(fresh, { recursive: true, force: true });
    }
  },
};
