/**
 * 1, 2 and 3 real calma processes (Slack HTTP mode and Discord, `src/main.ts` as `npm start` runs it) on
 * one Redis behind Sentinel (a primary, its replica, three sentinels), with every request sent to the
 * replicas in turn, as a load balancer would. For each size: Slack command acknowledgements, an alert
 * storm accepted and drained, the reminders those incidents fall due for, then the Discord gateway
 * holder SIGKILLed and the Redis primary SIGKILLed, each timed to the first command served again. One
 * table at the end; what it measures is in docs/benchmarks.md ("Replicas").
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Job, type JobType, Queue } from 'bullmq';
import { alertQueueName } from '../src/alerts/intake';
import type { ReminderJob } from '../src/ports/scheduler';
import { REMINDER_KEEP } from '../src/queue/reminder-queue';
import { redisClient, redisKeyPrefix } from '../src/redis/connect';
import { RedisIncidentStore } from '../src/store/redis-incident-store';
import { liveSessions, openCrisis } from '../test/support/discord-failover';
import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../test/support/fake-discord';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack';
import { SentinelTopology } from '../test/support/redis-topology';
import { machine } from './report/report';
import { CalmaReplica, withCompiledCalma } from './support/calma-replica';
import {
  ALERT_SECRET,
  type Answer,
  genericAlert,
  SIGNING_SECRET,
  slashCommand,
  TEAM,
} from './support/chaos-requests';
import { ANA, TRIAGE } from './support/chaos-script';
import { ms, summarize, table } from './support/stats';

const PREFIX = 'replicas';
/** Sizes of the workload per replica count: small enough for a full run in about 3 minutes on 2 cores. */
const COMMANDS = 60;
const COMMAND_BURST = 20;
const ALERTS = 300;
const ALERT_CONCURRENCY = 16;
/** Alerts share this many dedup keys: the rest are repeats, grouped on the first one's card. */
const ALERT_KEYS = 10;
/** One playbook minute: the incidents' reminders fall due within the reminder window. */
const MINUTE_MS = 1000;
/** Reminders due in this window after the first command are counted. */
const REMINDER_WINDOW_MS = 25_000;
const SETTLE_MS = 30_000;
const FAILOVER_TIMEOUT_MS = 45_000;

/** What one replica count measured. */
interface Row {
  replicas: number;
  acks: { p99: number; acknowledged: number; opened: number };
  alerts: { acceptedPerS: number; drainedPerS: number; accepted: number; done: number };
  reminders: { perS: number; lateP99: number; delivered: number; lost: number };
  /** ms from SIGKILL of the gateway holder to the first Discord command answered; null with no standby. */
  discordFailoverMs: number | null;
  /** ms from SIGKILL of the Redis primary to the first Slack command applied. */
  redisFailoverMs: number;
}

/** `--replicas=1,3`: only those replica counts (default 1, 2 and 3). */
export function replicaCounts(argv: readonly string[]): number[] {
  const given = argv.find((a) => a.startsWith('--replicas='))?.slice('--replicas='.length);
  const counts = (given ?? '1,2,3').split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--replicas=${given}: counts from 1`);
  return counts;
}

export async function runReplicasBench(counts: readonly number[]): Promise<boolean> {
  console.log(
    `per replica count: ${COMMANDS} /crisis open in bursts of ${COMMAND_BURST}, ${ALERTS} signed generic alerts ` +
      `(${ALERT_CONCURRENCY} in flight, ${ALERT_KEYS} dedup keys), the reminders due within ` +
      `${REMINDER_WINDOW_MS / 1000} s (CALMA_MINUTE_MS=${MINUTE_MS}), then the Discord gateway holder and the ` +
      'Redis primary SIGKILLed; requests round-robin over the replicas; Redis behind Sentinel; ' +
      'nearest-rank percentiles\n',
  );
  const rows: Row[] = [];
  // Compiled once, as the e2e tests run it: a replica starts in about a second, not after tsx's pass.
  await withCompiledCalma(async () => {
    for (const replicas of counts) {
      const started = Date.now();
      rows.push(await measure(replicas));
      console.log(`  ${replicas} replica(s): ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  });
  console.log(`\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine()}\n`);
  console.log(replicasTable(rows));
  const lost = rows.filter(lostSomething);
  console.log(
    lost.length === 0
      ? '\nPASS: every acknowledged command applied once, every accepted alert worked, every reminder due delivered'
      : `\nFAIL: something acknowledged was not done with ${lost.map((r) => r.replicas).join(', ')} replica(s)`,
  );
  return lost.length === 0;
}

/** An acknowledged command not applied, an accepted alert not worked, a reminder due not delivered. */
function lostSomething(r: Row): boolean {
  return r.acks.opened !== r.acks.acknowledged || r.alerts.done !== r.alerts.accepted || r.reminders.lost > 0;
}

/** The table: one column per replica count. */
export function replicasTable(rows: readonly Row[]): string {
  const of = (cell: (r: Row) => string) => rows.map(cell);
  const seconds = (value: number | null) =>
    value === null ? 'no standby' : `${(value / 1000).toFixed(1)} s`;
  return table(
    ['', ...rows.map((r) => `${r.replicas} replica${r.replicas > 1 ? 's' : ''}`)],
    [
      ['acks p99 (ms)', ...of((r) => ms(r.acks.p99))],
      ['commands acked / opened', ...of((r) => `${r.acks.acknowledged} / ${r.acks.opened}`)],
      ['alerts/s accepted', ...of((r) => r.alerts.acceptedPerS.toFixed(0))],
      ['alerts/s drained', ...of((r) => r.alerts.drainedPerS.toFixed(0))],
      ['alerts accepted / worked', ...of((r) => `${r.alerts.accepted} / ${r.alerts.done}`)],
      ['reminders/s delivered', ...of((r) => r.reminders.perS.toFixed(1))],
      ['reminder lateness p99 (ms)', ...of((r) => ms(r.reminders.lateP99))],
      ['reminders delivered / lost', ...of((r) => `${r.reminders.delivered} / ${r.reminders.lost}`)],
      ['Discord gateway fail-over', ...of((r) => seconds(r.discordFailoverMs))],
      ['Redis (Sentinel) fail-over', ...of((r) => seconds(r.redisFailoverMs))],
    ],
  );
}

/** One replica count on fresh servers: everything it starts is stopped before the next. */
async function measure(replicas: number): Promise<Row> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `calma-replicas-${replicas}-`));
  const topology = await SentinelTopology.start();
  const slack = await startFakeSlack();
  const discord = await startFakeDiscord();
  const processes: CalmaReplica[] = [];
  let kept = false;
  const redis = redisClient(topology.url, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // the primary is killed on purpose: reads wait for the new one
  const prefix = redisKeyPrefix(PREFIX, topology.url);
  const queues = [alertQueueName('slack'), alertQueueName('slack', 'open'), 'reminders-slack'].map((name) => {
    const queue = new Queue(name, { connection: redis, prefix });
    queue.on('error', () => {});
    return queue;
  });
  try {
    await writeFile(
      path.join(dir, 'calma.yaml'),
      [
        'locale: en',
        `redis: { key_prefix: ${PREFIX} }`,
        // The per-process rate limit (50/s by default) would measure the limiter, not the replicas.
        `alerts: { platform: slack, triage_channel: ${TRIAGE}, rate_limit: { generic: { per_second: 100000, burst: 100000 } } }`,
        `discord: { category: "${DISCORD_SEED.channels.crisis}" }`,
        '',
      ].join('\n'),
    );
    const env = calmaEnv(dir, topology.url, slack, discord);
    for (let i = 0; i < replicas; i++) {
      processes.push(new CalmaReplica(`calma-${i + 1}`, dir, env, path.join(dir, `calma-${i + 1}.log`)));
    }
    await Promise.all(processes.map((p) => p.start()));
    await discord.waitFor(() => liveSessions(discord).length === 1, 'a gateway holder', 30_000);
    const store = new RedisIncidentStore(redis, prefix);
    const turn = roundRobin(processes);

    const firstCommandAt = Date.now();
    const acks = await commands(slack, store, turn);
    step(replicas, 'commands');
    const alerts = await alertStorm(turn, queues.slice(0, 2));
    step(replicas, 'alerts');
    const reminders = await remindersDue(queues[2] as Queue<ReminderJob>, firstCommandAt);
    step(replicas, 'reminders');
    const discordFailoverMs = replicas > 1 ? await discordFailover(discord, processes) : null;
    step(replicas, 'Discord fail-over');
    const redisFailoverMs = await redisFailover(topology, slack, turn);
    step(replicas, 'Redis fail-over');
    const row = { replicas, acks, alerts, reminders, discordFailoverMs, redisFailoverMs };
    if (lostSomething(row)) {
      kept = true;
      console.log(`  something acknowledged was not done: calma's logs are kept in ${dir}`);
    }
    return row;
  } catch (error) {
    kept = true;
    console.log(`calma's logs are kept in ${dir}`);
    throw error;
  } finally {
    // A replica that does not stop within 15 s of SIGTERM is killed: the next size needs the machine.
    for (const p of processes) await p.stop();
    for (const queue of queues) await queue.close();
    redis.disconnect();
    await discord.close();
    await slack.close();
    await topology.stop();
    if (!kept) await rm(dir, { recursive: true, force: true });
  }
}

function calmaEnv(
  dir: string,
  redisUrl: string,
  slack: FakeSlack,
  discord: FakeDiscord,
): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    CALMA_CONFIG: path.join(dir, 'calma.yaml'),
    CALMA_DATA_DIR: path.join(dir, 'data'),
    CALMA_MINUTE_MS: String(MINUTE_MS),
    SLACK_BOT_TOKEN: 'xoxb-replicas',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    GENERIC_WEBHOOK_SECRET: ALERT_SECRET,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guildId,
  };
}

/** The next live replica, in turn: what a load balancer in front of them does. */
function roundRobin(processes: readonly CalmaReplica[]): () => CalmaReplica {
  let next = 0;
  return () => {
    for (let i = 0; i < processes.length; i++) {
      const p = processes[next++ % processes.length];
      if (p?.live) return p;
    }
    throw new Error('no calma replica is running');
  };
}

/**
 * COMMANDS `/crisis open` in bursts, each to the next replica; the latency is to the HTTP 200 (the ack).
 * Then every acknowledged one must show as one incident (one number each) within SETTLE_MS.
 */
async function commands(
  slack: FakeSlack,
  store: RedisIncidentStore,
  turn: () => CalmaReplica,
): Promise<Row['acks']> {
  const latencies: number[] = [];
  const titles: string[] = [];
  for (let sent = 0; sent < COMMANDS; sent += COMMAND_BURST) {
    await Promise.all(
      Array.from({ length: COMMAND_BURST }, async (_, i) => {
        const title = `Replica bench ${sent + i}`;
        const at = performance.now();
        const answer = await slashCommand(
          turn().port,
          ANA,
          `open hacked-account sev1 ${title}`,
          slack.responseUrl(`open-${sent + i}`),
        );
        if (acknowledged(answer)) {
          latencies.push(performance.now() - at);
          titles.push(title);
        }
      }),
    );
  }
  let opened = 0;
  const deadline = Date.now() + SETTLE_MS;
  do {
    const incidents = await store.list(TEAM, { all: true });
    const seqs = new Set(incidents.filter((i) => titles.includes(i.title)).map((i) => i.seq));
    // An incident counted twice (two numbers for one command) would make `opened` exceed the acks.
    opened = incidents.filter((i) => titles.includes(i.title)).length;
    if (seqs.size !== opened) throw new Error('two incidents share a number');
    if (opened >= titles.length) break;
    await sleep(200);
  } while (Date.now() < deadline);
  return { p99: summarize(latencies).p99, acknowledged: titles.length, opened };
}

/**
 * ALERTS signed generic alerts, ALERT_CONCURRENCY in flight, each to the next replica. Accepted: 202s
 * per second of sending; drained: alerts worked per second from the first send until both lanes' queues
 * hold nothing waiting (and every accepted alert is a completed job).
 */
async function alertStorm(turn: () => CalmaReplica, lanes: readonly Queue[]): Promise<Row['alerts']> {
  const started = performance.now();
  let next = 0;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: ALERT_CONCURRENCY }, async () => {
      for (let i = next++; i < ALERTS; i = next++) {
        const answer = await genericAlert(
          turn().port,
          `replicas-${i % ALERT_KEYS}`,
          `Replica bench alert ${i}`,
        );
        if (answer.ok && answer.status === 202) accepted++;
      }
    }),
  );
  const sentMs = performance.now() - started;
  // The lanes also hold calma's own jobs (digests): only this storm's alerts are counted.
  const ours = (job: Job) => String(job.data?.alert?.title ?? '').startsWith('Replica bench alert');
  const worked = async (states: JobType[]) =>
    (await Promise.all(lanes.map((q) => q.getJobs(states)))).flat().filter(ours).length;
  let done = 0;
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    done = await worked(['completed', 'failed']);
    if (done >= accepted) break;
    await sleep(100);
  }
  const drainedMs = performance.now() - started;
  return {
    acceptedPerS: (accepted * 1000) / sentMs,
    drainedPerS: (done * 1000) / drainedMs,
    accepted,
    done: done - (await worked(['failed'])),
  };
}

/**
 * The reminders due from the first command to REMINDER_WINDOW_MS later: delivered ones (their job
 * completed, after the post) per second of the window and their lateness (completion minus due time).
 * Once the window is over, each has up to SETTLE_MS to be delivered: those still waiting then, or
 * failed, are counted as lost.
 */
async function remindersDue(queue: Queue<ReminderJob>, from: number): Promise<Row['reminders']> {
  const until = from + REMINDER_WINDOW_MS;
  await sleep(Math.max(0, until - Date.now()));
  const inWindow = (job: Job<ReminderJob>) => job.data.dueAt >= from && job.data.dueAt < until;
  const jobs = async (states: JobType[]) => (await queue.getJobs(states)).filter(inWindow);
  const deadline = Date.now() + SETTLE_MS;
  let waiting = await jobs(['delayed', 'waiting', 'active', 'prioritized']);
  while (waiting.length > 0 && Date.now() < deadline) {
    await sleep(200);
    waiting = await jobs(['delayed', 'waiting', 'active', 'prioritized']);
  }
  // calma keeps only the last completed reminder jobs: past that count, some would not be seen.
  const kept = REMINDER_KEEP.removeOnComplete.count;
  if (((await queue.getJobCounts('completed')).completed ?? 0) >= kept)
    throw new Error(
      `${kept} reminder jobs completed or more: shorten REMINDER_WINDOW_MS or open fewer incidents`,
    );
  const completed = await jobs(['completed']);
  const lateness = completed.map((job) => (job.finishedOn ?? Number.NaN) - job.data.dueAt);
  return {
    perS: (completed.length * 1000) / REMINDER_WINDOW_MS,
    lateP99: lateness.length > 0 ? summarize(lateness).p99 : Number.NaN,
    delivered: completed.length,
    lost: waiting.length + (await jobs(['failed'])).length,
  };
}

/** SIGKILL of the replica holding the gateway; ms until a standby's session answers a /crisis open. */
async function discordFailover(discord: FakeDiscord, processes: readonly CalmaReplica[]): Promise<number> {
  const holder = (
    await Promise.all(processes.map(async (p) => ((await p.discord()) === 'connected' ? p : null)))
  ).find((p) => p !== null);
  if (!holder) throw new Error('no replica says it holds the Discord gateway');
  const [held] = liveSessions(discord);
  const killedAt = Date.now();
  await holder.kill();
  await discord.waitFor(
    () => liveSessions(discord).find((s) => s !== held),
    "a standby's gateway session",
    FAILOVER_TIMEOUT_MS,
  );
  await openCrisis(discord, 'Gateway fail-over').callback(15_000);
  return Date.now() - killedAt;
}

/**
 * SIGKILL of the Redis primary; then a `/crisis open` every 250 ms to the next replica until one of
 * them opens a channel: ms from the kill to that channel.
 */
async function redisFailover(
  topology: SentinelTopology,
  slack: FakeSlack,
  turn: () => CalmaReplica,
): Promise<number> {
  const slug = 'redis-fail-over';
  const opened = () => slack.calls('conversations.create').find((c) => String(c.args.name).includes(slug));
  const killedAt = Date.now();
  await topology.killPrimary();
  const sends: Promise<Answer>[] = [];
  for (let i = 0; !opened(); i++) {
    if (Date.now() - killedAt > FAILOVER_TIMEOUT_MS)
      throw new Error('no command served after the Redis fail-over');
    if (i % 5 === 0) {
      sends.push(
        slashCommand(turn().port, ANA, `open hacked-account sev1 Redis fail-over ${i}`, slack.responseUrl()),
      );
    }
    await sleep(50);
  }
  await Promise.all(sends);
  return (opened()?.at ?? Number.NaN) - killedAt;
}

function step(replicas: number, what: string): void {
  console.log(`  ${replicas} replica(s): ${what} done`);
}

/** Slack's ack: HTTP 200 with an empty body (calma answers on the response URL afterwards). */
function acknowledged(answer: Answer): boolean {
  return answer.ok && answer.status === 200;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
