/**
 * Report part `lanes`: a SEV1 alert routed to open, sent after 100 triage-routed alerts (distinct
 * groups), through the real door (HTTP, signed generic JSON), AlertIntake, the alert workers and the real
 * Slack adapter (Web API client, per-channel pace) against the fake Slack: how long until its channel
 * exists (the fake receives `conversations.create`). Goal: < 5 s, whatever is queued. Then the alert
 * door against its XADD floor (./door.ts). docs/benchmarks.md ("lanes") says how both are measured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LogLevel, webApi } from '@slack/bolt';
import { Redis } from 'ioredis';
import pino from 'pino';
import { AlertIntake, alertQueueName, laneOf } from '../../src/alerts/intake';
import { type AlertWorkerService, alertWorkerService } from '../../src/alerts/worker';
import { compileRoutes } from '../../src/core/alert-route';
import { alertRoutes } from '../../src/http/alerts';
import { HttpServer } from '../../src/http/server';
import { sign } from '../../src/outbound/signature';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import { type PrivateRedis, startPrivateRedis } from '../../src/redis/private-server';
import { SlackChat } from '../../src/slack/slack-chat';
import { RedisAlertStore } from '../../src/store/redis-alert-store';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { testDeps } from '../../test/support/deps';
import { type FakeSlack, startFakeSlack } from '../../test/support/fake-slack';
import { measureDoor } from './door';
import type { Figure, ReportPart } from './figure';

const TRIAGE_ALERTS = 100;
const ROUNDS = 2;
const GOAL_MS = 5000;
const SECRET = 'bench-lanes-secret';
const SENDERS = 10;
const WORKSPACE = 'T1';

/** SEV1 opens a crisis at once; everything else goes to triage (the default route, said out loud). */
const ROUTES = compileRoutes([
  { match: { severity: 1 }, action: 'open', playbook: 'hacked-account', severity: 1 },
  { match: {}, action: 'triage' },
]);

/** One round: a fresh queue and prefix, 100 triage alerts, then the SEV1; ms until its channel exists. */
async function round(
  redisUrl: string,
  fake: FakeSlack,
  playbooks: PlaybookRegistry,
  n: number,
): Promise<{ ms: number; cards: number }> {
  const prefix = `lanes${n}`;
  // A triage channel per round: the Slack adapter's pace is per channel, and each round has its own.
  const triage = `C0TRIAGE${n}`;
  const platform = `bench-${n}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const redis = new Redis(redisUrl);
  const log = pino({ level: 'silent' });
  const intake = new AlertIntake(
    { connection, prefix, name: alertQueueName(platform) },
    { lane: laneOf(ROUTES) },
  );
  const unlimited = { per_second: 1_000_000, burst: 1_000_000 };
  const server = new HttpServer(log).route(
    ...alertRoutes({
      sink: intake,
      secrets: { generic: SECRET },
      rateLimits: { alertmanager: unlimited, grafana: unlimited, pagerduty: unlimited, generic: unlimited },
      log,
    }),
  );
  const port = await server.listen(0, '127.0.0.1');
  const client = new webApi.WebClient('xoxb-bench', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
  const store = new RedisIncidentStore(redis, prefix);
  const alerts = new RedisAlertStore(redis, prefix);
  const worker: AlertWorkerService = alertWorkerService({ redisUrl, prefix, platform });
  worker.work(
    { ...testDeps(store, playbooks, { announcements: 'C0ANNOUNCE' }), chat: new SlackChat(client), alerts },
    { workspace: async () => WORKSPACE, routes: ROUTES, triageChannel: triage, groupWindow: 10 },
  );
  const send = async (body: object) => {
    const text = JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`http://127.0.0.1:${port}/alerts/generic`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-calma-timestamp': String(ts),
        'x-calma-signature': sign(SECRET, ts, text),
      },
      body: text,
    });
    if (res.status !== 202) throw new Error(`the door answered ${res.status}: ${await res.text()}`);
  };
  try {
    const title = `Round ${n}: our account is posting spam`;
    // The triage storm: ten senders at once, each alert its own group (a card each).
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let i = next++; i < TRIAGE_ALERTS; i = next++) {
          await send({
            dedup_key: `r${n}-spike-${i}`,
            status: 'firing',
            severity: 3,
            title: `Mentions spike ${i}`,
          });
        }
      }),
    );
    const sent = Date.now();
    await send({ dedup_key: `r${n}-sev1`, status: 'firing', severity: 1, title });
    const created = await fake.waitForCall(
      'conversations.create',
      (c) => String(c.args.name).includes(`round-${n}-our-account`),
      120_000,
    );
    const cards = fake
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === triage && c.at <= created.at);
    return { ms: created.at - sent, cards: cards.length };
  } finally {
    await server.close();
    await intake.close();
    await worker.stop();
    await intake.obliterate();
    connection.disconnect();
    redis.disconnect();
  }
}

export const lanesPart: ReportPart = {
  id: 'lanes',
  async run(): Promise<Figure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-lanes-'));
    let redis: PrivateRedis | undefined;
    let fake: FakeSlack | undefined;
    try {
      redis = await startPrivateRedis({ dataDir: dir, persist: false });
      fake = await startFakeSlack();
      const loaded = await loadPlaybooks([builtinPlaybooksDir]);
      const playbooks = new PlaybookRegistry(loaded.playbooks, loaded.scenarios);
      const rounds: { ms: number; cards: number }[] = [];
      for (let n = 1; n <= ROUNDS; n++) rounds.push(await round(redis.url, fake, playbooks, n));
      const worst = Math.max(...rounds.map((r) => r.ms));
      const door = await measureDoor(redis.url);
      return [
        {
          measure: `a SEV1 alert routed to open, sent after ${TRIAGE_ALERTS} triage-routed alerts: its channel existed after`,
          calma: `${(worst / 1000).toFixed(2)} s`,
          anchor: '-',
          goal: `< ${GOAL_MS / 1000} s`,
          pass: worst < GOAL_MS,
          note:
            `worst of ${ROUNDS} rounds (${rounds.map((r) => `${r.ms} ms after ${r.cards} triage cards`).join(', ')}); ` +
            `${SENDERS} senders, real door, lanes, Slack adapter and its pace (a card a second), fake Slack`,
        },
        door,
      ];
    } finally {
      await fake?.close();
      await redis?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
