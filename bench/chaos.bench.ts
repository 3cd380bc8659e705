/**
 * The chaos run: scripted incidents driven through two real calma processes (Slack HTTP mode, one Redis
 * with the AOF on) while a calma process is SIGKILLed at random moments and started again, and Redis is
 * SIGKILLed once and started again on its data dir. At the end, after calma has settled, it accounts for
 * every request, statement delivery and reminder. What it does is described in docs/benchmarks.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ReminderJob } from '../src/ports/scheduler';
import { RedisIncidentStore } from '../src/store/redis-incident-store';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack';
import { freePort } from '../test/support/free-port';
import { CalmaReplica, withCompiledCalma } from './support/calma-replica';
import { chaosCalmaYaml, TARGETS, targetSecretsEnv } from './support/chaos-config';
import { ChaosRedis } from './support/chaos-redis';
import { type ChaosEvent, report } from './support/chaos-report';
import { ALERT_SECRET, SIGNING_SECRET } from './support/chaos-requests';
import { type Attempt, runScript, type ScriptWorld, sleep, told, waitFor } from './support/chaos-script';
import { startTargets } from './support/chaos-target';

const PREFIX = 'chaos';

export interface ChaosOptions {
  /** Seeds every random choice: the same seed makes the same choices (the timings still vary). */
  seed: number;
  incidents: number;
  /** Incidents scripted at the same time. */
  lanes: number;
  /** CALMA_MINUTE_MS: reminders fall due during the run. */
  minuteMs: number;
  /** A calma process is SIGKILLed every this many ms, give or take half. */
  killEveryMs: number;
  /** Redis is SIGKILLed this long after the start, and started again `redisDownMs` later. */
  redisKillAtMs: number;
  redisDownMs: number;
  /** The longest pause between two requests of one incident. */
  pauseMs: number;
  /** How long an acknowledged request may take to show its effect (a dead holder's are run within ~25 s). */
  applyTimeoutMs: number;
  /** How long, at most, the run waits at the end for calma to finish what it took. */
  settleMs: number;
}

export const DEFAULTS: ChaosOptions = {
  seed: 1,
  incidents: 24,
  lanes: 4,
  minuteMs: 2000,
  killEveryMs: 10_000,
  redisKillAtMs: 45_000,
  redisDownMs: 3000,
  pauseMs: 4000,
  applyTimeoutMs: 45_000,
  settleMs: 60_000,
};

/** `--quick`: fewer incidents (about a minute); `--seed=N`: another run of choices. */
export function chaosOptions(argv: readonly string[]): ChaosOptions {
  const seed = Number(argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length) ?? DEFAULTS.seed);
  const quick = argv.includes('--quick');
  return {
    ...DEFAULTS,
    seed: Number.isInteger(seed) ? seed : DEFAULTS.seed,
    ...(quick ? { incidents: 8, lanes: 4, redisKillAtMs: 20_000 } : {}),
  };
}

/** Runs the chaos and prints its report; true when nothing acknowledged was lost and no statement split. */
export function runChaosBench(options: ChaosOptions = DEFAULTS): Promise<boolean> {
  // calma compiled once, as the e2e tests run it: a restarted process serves again in about a second.
  return withCompiledCalma(() => chaos(options));
}

async function chaos(options: ChaosOptions): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-chaos-'));
  console.log(
    `${options.incidents} incidents, ${options.lanes} at a time, on 2 calma processes and one Redis (AOF everysec); ` +
      `seed ${options.seed}; CALMA_MINUTE_MS=${options.minuteMs}\n` +
      `a calma process SIGKILLed about every ${options.killEveryMs / 1000} s; Redis SIGKILLed once at ` +
      `${options.redisKillAtMs / 1000} s, back ${options.redisDownMs / 1000} s later; logs in ${dir}\n`,
  );
  const redis = await ChaosRedis.start(dir, await freePort());
  const fake = await startFakeSlack();
  const secrets = Object.fromEntries(TARGETS.map((t) => [t, `chaos-${t}-secret`]));
  const targets = await startTargets(secrets);
  const processes = ['calma-a', 'calma-b'].map(
    (name) =>
      new CalmaReplica(
        name,
        dir,
        calmaEnv(dir, redis, fake, options, secrets),
        path.join(dir, `${name}.log`),
      ),
  );
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  connection.on('error', () => {}); // Redis is down on purpose once: the bench's reads wait for it.
  const reminders = new Queue<ReminderJob>('reminders-slack', { connection, prefix: PREFIX });
  reminders.on('error', () => {});
  const events: ChaosEvent[] = [];
  let verdict = { silentlyLost: 0, twoIds: 0 };
  try {
    await writeFile(path.join(dir, 'calma.yaml'), chaosCalmaYaml(PREFIX, targets, { storm: true }));
    await Promise.all(processes.map((p) => p.start()));
    const random = mulberry32(options.seed);
    const startedAt = Date.now();
    const chaos = new Monkey(processes, redis, random, options, events, startedAt);
    const world: ScriptWorld = {
      fake,
      store: new RedisIncidentStore(connection, PREFIX),
      processes,
      random,
      run: `r${options.seed}`,
      applyTimeoutMs: options.applyTimeoutMs,
      pauseMs: options.pauseMs,
      attempts: [],
      acknowledgedBy: (p) => chaos.acknowledgedBy(p),
    };
    const monkey = chaos.run();
    await runScript(world, options.incidents, options.lanes);
    await chaos.stop();
    await monkey;
    console.log(`script done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; settling…`);
    await settle(world, options.settleMs);
    console.log(
      `chaos: ${events.map((e) => `${((e.at - startedAt) / 1000).toFixed(1)} s ${e.what}`).join('; ')}\n`,
    );
    verdict = await report({
      fake,
      store: world.store,
      attempts: world.attempts,
      deliveries: targets.deliveries,
      targets: TARGETS,
      reminders,
      events,
      startedAt,
      redisKilledAt: chaos.redisKilledAt,
    });
  } finally {
    for (const p of processes) await p.stop();
    await reminders.close();
    connection.disconnect();
    await redis.stop();
    await targets.close();
    await fake.close();
  }
  const passed = verdict.silentlyLost === 0 && verdict.twoIds === 0;
  console.log(
    `\n${passed ? 'PASS' : 'FAIL'}: ${verdict.silentlyLost} acknowledged requests silently lost, ` +
      `${verdict.twoIds} statements delivered to a target under two ids (both must be 0)`,
  );
  // The logs are the evidence of a failure: kept then, removed after a clean run.
  if (passed) await rm(dir, { recursive: true, force: true });
  else console.log(`calma's logs and Redis's data are kept in ${dir}`);
  return passed;
}

/**
 * The chaos: every `killEveryMs` or so, SIGKILL a random calma process and start it again 0–3 s later;
 * once, SIGKILL Redis and start it again on its data dir. Every other kill waits for the victim to
 * acknowledge a request and strikes 0–300 ms later, while it most likely holds that request. A process
 * that exits on its own is said and started again.
 */
class Monkey {
  redisKilledAt: number | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private kills = 0;
  private watched: { process: CalmaReplica; strike: () => void } | null = null;

  constructor(
    private readonly processes: readonly CalmaReplica[],
    private readonly redis: ChaosRedis,
    private readonly random: () => number,
    private readonly options: ChaosOptions,
    private readonly events: ChaosEvent[],
    private readonly startedAt: number,
  ) {}

  async run(): Promise<void> {
    let nextKill = this.startedAt + this.jitter(this.options.killEveryMs);
    while (!this.stopped) {
      await this.nap(200);
      for (const p of this.processes) {
        if (!p.live && !p.starting && !this.stopped) {
          this.say(`${p.name}#${p.generation} exited on its own`);
          await this.restart(p);
        }
      }
      const now = Date.now();
      if (this.redisKilledAt === null && now - this.startedAt >= this.options.redisKillAtMs) {
        this.redisKilledAt = now;
        await this.redis.kill();
        this.say('Redis SIGKILLed');
        await this.nap(this.options.redisDownMs);
        await this.redis.restart();
        this.say('Redis back (AOF replayed)');
      } else if (now >= nextKill && this.processes.every((p) => p.live)) {
        const victim = this.processes[Math.floor(this.random() * this.processes.length)];
        if (victim) {
          const afterAck = this.kills++ % 2 === 1 && (await this.nextAcknowledgement(victim));
          if (afterAck) await this.nap(this.random() * 300);
          await victim.kill();
          this.say(`${victim.name}#${victim.generation} SIGKILLed${afterAck ? ' just after an ack' : ''}`);
          await this.nap(this.random() * 3000);
          await this.restart(victim);
        }
        nextKill = Date.now() + this.jitter(this.options.killEveryMs);
      }
    }
    for (const p of this.processes) if (!p.live) await this.restart(p);
  }

  /** A start that fails (calma refusing to start without Redis) is said; the next turn tries again. */
  private async restart(p: CalmaReplica): Promise<void> {
    await p.start().catch((error: unknown) => {
      this.say(`${p.name}#${p.generation} did not start: ${String(error).split('\n')[0]}`);
    });
  }

  /** The script tells of every acknowledgement. */
  acknowledgedBy(process: CalmaReplica): void {
    if (this.watched?.process === process) this.watched.strike();
  }

  /** True once `victim` acknowledges a request (false after 10 s without one). */
  private nextAcknowledgement(victim: CalmaReplica): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), 10_000);
      const done = (acked: boolean) => {
        clearTimeout(timer);
        this.watched = null;
        resolve(acked);
      };
      this.watched = { process: victim, strike: () => done(true) };
    });
  }

  /** Ends the chaos; every process is running again when `run` resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
  }

  private say(what: string): void {
    this.events.push({ at: Date.now(), what });
  }

  private jitter(ms: number): number {
    return ms / 2 + this.random() * ms;
  }

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Waits (at most `settleMs`) until every acknowledged request shows its effect or was answered as
 * failed, and every published statement's deliveries are done.
 */
async function settle(world: ScriptWorld, settleMs: number): Promise<void> {
  const done = async (attempt: Attempt) =>
    !attempt.acknowledged || told(world.fake, attempt) || (await attempt.effects()) > 0;
  await waitFor(async () => {
    for (const attempt of world.attempts) if (!(await done(attempt))) return false;
    const incidents = await world.store.list('T1', { all: true });
    return incidents.every((i) =>
      (i.statements ?? []).every((s) =>
        Object.values(s.deliveries ?? {}).every((d) => d.state !== 'pending'),
      ),
    );
  }, settleMs);
  // Reminders due in the last moments get their chance too.
  await sleep(5000);
}

function calmaEnv(
  dir: string,
  redis: ChaosRedis,
  fake: FakeSlack,
  options: ChaosOptions,
  secrets: Record<string, string>,
): Record<string, string> {
  return {
    REDIS_URL: redis.url,
    CALMA_CONFIG: path.join(dir, 'calma.yaml'),
    CALMA_DATA_DIR: path.join(dir, 'data'),
    CALMA_MINUTE_MS: String(options.minuteMs),
    SLACK_BOT_TOKEN: 'xoxb-chaos',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    GENERIC_WEBHOOK_SECRET: ALERT_SECRET,
    ...targetSecretsEnv(secrets),
  };
}

/** A seeded PRNG (mulberry32): the same seed, the same kills and choices. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
