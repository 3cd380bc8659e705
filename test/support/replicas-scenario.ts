/**
 * Three real calma processes in Slack HTTP mode on one Redis, driven as a load balancer and an alert
 * source would: Slack requests and signed alerts spread round-robin over the replicas that are up,
 * statements approved and delivered to two webhook targets, reminders falling due (short minutes). In
 * the middle of a burst of `/crisis open` and alerts something is SIGKILLed (`strike`: a replica, or
 * the Redis primary); then everything is accounted for: what each sender was told was taken (Slack's
 * 200 with an empty body, an alert's 202) against what calma did, counted on fake Slack, the targets
 * and Redis. Used by test/e2e/replicas*.test.ts and bench/replicas-chaos.bench.ts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Cluster } from 'ioredis';
import { chaosCalmaYaml, TARGETS, targetSecretsEnv } from '../../bench/support/chaos-config';
import {
  ALERT_SECRET,
  type Answer,
  genericAlert,
  type Person,
  SIGNING_SECRET,
  slashCommand,
  TEAM,
} from '../../bench/support/chaos-requests';
import { ANA, BOB, TRIAGE } from '../../bench/support/chaos-script';
import { startTargets, type TargetServer } from '../../bench/support/chaos-target';
import type { Incident } from '../../src/core/types';
import { type RedisConnection, redisClient, redisKeyPrefix } from '../../src/redis/connect';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { CalmaProcess, reminderRules, waitUntil } from '../e2e/calma-process';
import { type FakeSlack, startFakeSlack } from './fake-slack';
import { freePort } from './free-port';

/** Everything below waits with bounds this generous: six test runs may share two cores. */
const SETTLE_MS = 240_000;
/** What calma answers when it did not do, or not all of, what was asked (src/i18n/en/commands.ts). */
const NOTHING_DONE = 'Nothing was changed';
const FAILURE_TEXTS = [
  NOTHING_DONE,
  'Something went wrong on calma',
  'refused calma’s request',
  'did not answer calma in time',
];
/** Opens and alerts sent (and tried again until taken) once the strike is over. */
const AFTER_STRIKE = 2;

export interface ScenarioOptions {
  redisUrl: string;
  /** Requests of the burst of each kind (`/crisis open`, alerts). */
  burst: number;
  /** Incidents opened, given a statement and approved before the burst. */
  warmup: number;
  minuteMs: number;
  /**
   * What is SIGKILLed during the burst; `replicas` are the calma processes (a test may kill one),
   * `keyPrefix` calma's key prefix as it is on this Redis (on a Cluster, the hash tag of calma's slot).
   */
  strike: (replicas: Replica[], keyPrefix: string) => Promise<string>;
  /** Sent requests of the burst after which `strike` runs. */
  strikeAfter: number;
  log?: (line: string) => void;
  /** Where each replica's log is written at the end (`<name>.log`); none: not kept. */
  logDir?: string;
}

export interface Replica {
  name: string;
  port: number;
  process: CalmaProcess;
  /** Resolves with the next acknowledgement this replica gives (a strike may wait for one). */
  nextAck(): Promise<void>;
  acked: (() => void) | null;
}

/** One request and what its sender was told. */
export interface Sent {
  kind: 'open' | 'alert' | 'update' | 'approve';
  /** The incident title, the alert title, the statement text: what finds its effect. */
  key: string;
  replica: string;
  /** Slack: HTTP 200 with an empty body; an alert: HTTP 202. */
  acknowledged: boolean;
  /** How the sender was answered (`200`, `503`, `connection refused`, …). */
  answer: string;
  /** Acknowledged before the strike and not applied yet when it struck. */
  pendingAtStrike?: boolean;
  /** How many times its effect shows at the end (1: applied once). */
  effects?: number;
  /** Acknowledged, then the person was told on its response_url that it failed (and to check). */
  toldFailed?: boolean;
  /** Of those told it failed: told nothing was changed (the hand-off could not write it to Redis). */
  toldNothingDone?: boolean;
}

export interface ScenarioResult {
  sent: Sent[];
  strike: string;
  incidents: Incident[];
  /** Names of the channels Slack created (successful conversations.create). */
  channels: string[];
  /** Deliveries received by the targets: per `target seq sN`, the distinct delivery ids and the count. */
  deliveries: Map<string, { ids: Set<string>; received: number }>;
  /** Statements published before the burst, `seq sN` (each must reach every target). */
  published: string[];
  /** Per incident room and reminder (`step 3 due`, `step 3 escalation`): how many cards were posted. */
  reminders: Map<string, number>;
  /** The incidents whose opening was not told failed: every one of them gets its reminders. */
  remindable: number[];
  /** The step reminders every incident is expected to get (nobody does a step). */
  expectedReminderKeys: string[];
  /** Acknowledged commands answered on their response_url after the strike, of those pending then. */
  finishedAfterStrike: number;
}

/** Runs the scenario; the caller asserts on the result (or prints it: bench/replicas-chaos.bench.ts). */
export async function runReplicasScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => {});
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-replicas-'));
  const prefix = `replicas${Date.now()}`;
  const slack = await startFakeSlack();
  const secrets = Object.fromEntries(TARGETS.map((t) => [t, `replicas-${t}-secret`]));
  const targets = await startTargets(secrets);
  const redis = redisClient(options.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // the Redis primary may be killed on purpose: reads wait for the next one
  // calma's keys as calma names them (main.ts): on a Cluster, under the hash tag `{prefix}`.
  const keyPrefix = redisKeyPrefix(prefix, options.redisUrl);
  const store = new RedisIncidentStore(redis, keyPrefix);
  const replicas: Replica[] = [];
  try {
    await writeFile(path.join(dir, 'calma.yaml'), chaosCalmaYaml(prefix, targets, { storm: false }));
    for (const name of ['calma-a', 'calma-b', 'calma-c']) {
      replicas.push(await startReplica(name, dir, options, slack, secrets));
    }
    for (const replica of replicas) await httpReady(replica);
    log(`3 replicas up on ports ${replicas.map((r) => r.port).join(', ')}`);
    return await drive(options, { slack, targets, store, redis, keyPrefix, replicas, log });
  } finally {
    for (const replica of replicas) {
      await replica.process.kill();
      if (options.logDir)
        await writeFile(path.join(options.logDir, `${replica.name}.log`), replica.process.stderr);
    }
    await deleteKeys(redis, keyPrefix).catch(() => {});
    redis.disconnect();
    await targets.close();
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface World {
  slack: FakeSlack;
  targets: TargetServer;
  store: RedisIncidentStore;
  redis: RedisConnection;
  keyPrefix: string;
  replicas: Replica[];
  log: (line: string) => void;
}

async function drive(options: ScenarioOptions, world: World): Promise<ScenarioResult> {
  const { slack, store, replicas, log } = world;
  const sent: Sent[] = [];
  const live = () => replicas.filter((r) => r.process.running);
  let turn = 0;
  /** The test as load balancer: the next replica that is up, in turn. */
  const next = () => {
    const up = live();
    const replica = up[turn++ % up.length];
    if (!replica) throw new Error('no calma replica is up');
    return replica;
  };
  const command = async (kind: Sent['kind'], who: Person, text: string, key: string) => {
    const replica = next();
    const answer = await slashCommand(replica.port, who, text, slack.responseUrl(responseId(key)));
    return record(sent, kind, key, replica, answer, 200);
  };
  const alert = async (title: string) => {
    const replica = next();
    const answer = await genericAlert(replica.port, title.replaceAll(' ', '-'), title);
    return record(sent, 'alert', title, replica, answer, 202);
  };

  // Before the burst: incidents opened on every replica, each with a statement drafted and approved.
  const published: string[] = [];
  for (let i = 1; i <= options.warmup; i++) {
    const title = `Replica warm-up ${i}`;
    await command('open', ANA, `open hacked-account sev1 ${title}`, title);
    await alert(`Warm-up alert ${i} (of the replicas run)`);
  }
  await waitUntil(
    async () => (await store.list(TEAM, { all: true })).length >= options.warmup,
    SETTLE_MS,
    () => 'the warm-up incidents',
  );
  for (const incident of await store.list(TEAM, { all: true })) {
    const text = `We are sorry: our account (${incident.seq}) was hacked and posted spam. Do not click its links.`;
    await command('update', ANA, `update #${incident.seq} ${text}`, text);
    await waitUntil(
      async () => ((await store.get(TEAM, incident.seq))?.statements ?? []).some((s) => s.text === text),
      SETTLE_MS,
      () => `the draft of #${incident.seq}`,
    );
    const n = ((await store.get(TEAM, incident.seq))?.statements ?? []).find((s) => s.text === text)?.n;
    await command('approve', BOB, `approve #${incident.seq} S${n}`, `#${incident.seq} S${n}`);
    published.push(`${incident.seq} s${n}`);
  }
  log(`warm-up: ${options.warmup} incidents, ${published.length} statements approved`);

  // The burst: opens and alerts interleaved, sent without waiting for each other; `strike` in the middle.
  let strike = '';
  const inFlight: Promise<unknown>[] = [];
  let struck: Promise<void> | null = null;
  for (let i = 1; i <= options.burst; i++) {
    const title = `Replica burst ${i}`;
    inFlight.push(command('open', ANA, `open hacked-account sev1 ${title}`, title));
    inFlight.push(alert(`Burst alert ${i} (of the replicas run)`));
    if (2 * i >= options.strikeAfter && !struck) {
      struck = (async () => {
        strike = await options.strike(replicas, world.keyPrefix);
        // What was acknowledged and not yet done when it struck must be finished by someone else.
        for (const s of sent) if (s.acknowledged && (await effects(world, s)) === 0) s.pendingAtStrike = true;
        log(`${strike}; ${sent.filter((s) => s.pendingAtStrike).length} acknowledged requests pending`);
      })();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await struck;
  await Promise.all(inFlight);
  // After the strike: calma serves again. Each request is tried as a person or an alert source would,
  // again (a new request) until it is taken.
  for (let i = 1; i <= AFTER_STRIKE; i++) {
    for (let tries = 1; ; tries++) {
      const title = `Replica after ${i} try ${tries}`;
      const taken = await command('open', ANA, `open hacked-account sev1 ${title}`, title);
      const accepted = await alert(`After alert ${i} try ${tries} (of the replicas run)`);
      if (taken.acknowledged && accepted.acknowledged) break;
      if (tries >= 60) throw new Error('calma did not take requests again within a minute of the strike');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  log(
    `burst sent: ${sent.filter((s) => s.acknowledged).length} acknowledged of ${sent.length} requests; settling`,
  );

  // Settle: every acknowledged request applied, every published statement delivered, the reminders due.
  const rules = await reminderRules();
  const expectedReminderKeys = rules.fixed.filter((r) => r.key.startsWith('step')).map((r) => r.key);
  const lastDue = Math.max(...rules.fixed.map((r) => r.dueMinute)) * options.minuteMs;
  const settledBy = Date.now() + lastDue;
  const settled = await within(SETTLE_MS, async () => {
    for (const s of sent) {
      if (s.acknowledged && (await effects(world, s)) === 0 && !told(slack, s)) return false;
    }
    const delivered = deliveries(world.targets);
    if (!published.every((p) => TARGETS.every((t) => delivered.has(`${t} ${p}`)))) return false;
    if (Date.now() < settledBy) return false;
    const incidents = remindable(await store.list(TEAM, { all: true }), sent, slack);
    const counts = reminderCounts(slack, incidents);
    return incidents.every((i) =>
      expectedReminderKeys.every((key) => (counts.get(`${i.room} ${key}`) ?? 0) > 0),
    );
  });
  log(settled ? 'settled' : `not settled after ${SETTLE_MS / 1000} s: the result shows what is missing`);
  // Anything done twice comes within moments of the first: give it the time to show.
  await new Promise((resolve) => setTimeout(resolve, 3000));

  for (const s of sent) {
    s.effects = await effects(world, s);
    s.toldFailed = told(slack, s);
    s.toldNothingDone = told(slack, s, [NOTHING_DONE]);
  }
  const pending = sent.filter((s) => s.pendingAtStrike && s.kind !== 'alert');
  const finishedAfterStrike = pending.filter((s) => slack.responses.some((r) => r.id === responseId(s.key)));
  log(
    `${finishedAfterStrike.length} of ${pending.length} Slack requests pending at the strike answered since (by another replica)`,
  );
  const incidents = await store.list(TEAM, { all: true });
  return {
    sent,
    strike,
    incidents,
    channels: slack
      .calls('conversations.create')
      .filter((c) => c.status === 200 && c.response?.ok === true)
      .map((c) => String(c.args.name)),
    deliveries: deliveries(world.targets),
    published,
    reminders: reminderCounts(slack, incidents),
    remindable: remindable(incidents, sent, slack).map((i) => i.seq),
    expectedReminderKeys,
    finishedAfterStrike: finishedAfterStrike.length,
  };
}

/** How many times the effect of `s` shows now: incidents with its title, triage cards, statements, approvals. */
async function effects(world: World, s: Sent): Promise<number> {
  const { slack, store } = world;
  switch (s.kind) {
    case 'open':
      return (await store.list(TEAM, { all: true })).filter((i) => i.title === s.key).length;
    case 'alert':
      return slack.messagesIn(TRIAGE).filter((m) => JSON.stringify(m).includes(s.key)).length;
    case 'update':
      return (await store.list(TEAM, { all: true }))
        .flatMap((i) => i.statements ?? [])
        .filter((st) => st.text === s.key).length;
    case 'approve': {
      const [, seq, n] = /^#(\d+) S(\d+)$/.exec(s.key) ?? [];
      return (await store.timeline(TEAM, Number(seq))).filter(
        (e) => e.kind === 'statement-approved' && e.n === Number(n),
      ).length;
    }
  }
}

/** Whether the person who sent `s` was told on its response_url that it failed. */
function told(slack: FakeSlack, s: Sent, texts = FAILURE_TEXTS): boolean {
  return slack.responses.some(
    (r) => r.id === responseId(s.key) && texts.some((text) => JSON.stringify(r.body).includes(text)),
  );
}

/**
 * The incidents that must get their reminders: all but those whose `/crisis open` the person was told
 * failed part-way ("part of it may have been done": the record may exist without its reminders).
 */
function remindable(incidents: readonly Incident[], sent: readonly Sent[], slack: FakeSlack): Incident[] {
  const failed = new Set(sent.filter((s) => s.kind === 'open' && told(slack, s)).map((s) => s.key));
  return incidents.filter((i) => !failed.has(i.title));
}

/** Polls `condition` until it holds (true) or `timeoutMs` has passed (false); a failed read is a no. */
async function within(timeoutMs: number, condition: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function record(
  sent: Sent[],
  kind: Sent['kind'],
  key: string,
  replica: Replica,
  answer: Answer,
  taken: number,
): Sent {
  const acknowledged = answer.ok && answer.status === taken && (kind === 'alert' || answer.body === '');
  const s: Sent = {
    kind,
    key,
    replica: replica.name,
    acknowledged,
    answer: answer.ok ? String(answer.status) : answer.why,
  };
  sent.push(s);
  if (acknowledged) {
    replica.acked?.();
    replica.acked = null;
  }
  return s;
}

async function startReplica(
  name: string,
  dir: string,
  options: ScenarioOptions,
  slack: FakeSlack,
  secrets: Record<string, string>,
): Promise<Replica> {
  const port = await freePort();
  const process = new CalmaProcess(name, dir, {
    REDIS_URL: options.redisUrl,
    PORT: String(port),
    CALMA_CONFIG: path.join(dir, 'calma.yaml'),
    CALMA_DATA_DIR: path.join(dir, `data-${name}`),
    CALMA_MINUTE_MS: String(options.minuteMs),
    SLACK_BOT_TOKEN: 'xoxb-replicas',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    GENERIC_WEBHOOK_SECRET: ALERT_SECRET,
    ...targetSecretsEnv(secrets),
  });
  const replica: Replica = {
    name,
    port,
    process,
    acked: null,
    nextAck: () =>
      new Promise<void>((resolve) => {
        replica.acked = resolve;
      }),
  };
  return replica;
}

async function httpReady(replica: Replica): Promise<void> {
  await waitUntil(
    () => replica.process.stderr.includes('HTTP on port'),
    60_000,
    () => `${replica.name} never served HTTP\n${replica.process.stderr}`,
  );
}

const responseId = (key: string) => `r-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;

function deliveries(targets: TargetServer): Map<string, { ids: Set<string>; received: number }> {
  const byStatement = new Map<string, { ids: Set<string>; received: number }>();
  for (const d of targets.deliveries) {
    const key = `${d.target} ${d.seq} s${d.n}`;
    const entry = byStatement.get(key) ?? { ids: new Set(), received: 0 };
    entry.ids.add(d.id);
    entry.received++;
    byStatement.set(key, entry);
  }
  return byStatement;
}

/** Step reminder cards posted per incident room: `<room> step 3 due`, `<room> step 3 escalation`. */
function reminderCounts(slack: FakeSlack, incidents: readonly Incident[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    if (!incident.room) continue;
    for (const message of slack.messagesIn(incident.room)) {
      const step = /⏰ Step (\d+) is (due|still open)/.exec(String(message.text ?? ''));
      if (!step) continue;
      const key = `${incident.room} step ${step[1]} ${step[2] === 'due' ? 'due' : 'escalation'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

async function deleteKeys(redis: RedisConnection, prefix: string): Promise<void> {
  // SCAN sees one server's keys: on a Cluster, ask each primary.
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
