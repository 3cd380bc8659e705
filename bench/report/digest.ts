/**
 * Report part `digest`: an alert storm of 2,000 new alert groups (40,000 alerts) through calma's real
 * door (alert routes on its HttpServer, AlertIntake), its real alert worker on BullMQ and its real Slack
 * adapter (startSlack) against the fake Slack, on a throwaway redis-server, with the storm rule of
 * calma.example.yaml (5 new groups a minute). The figure: from the last alert the door accepted until
 * the triage channel shows every group (5 triage cards, the rest on the digest card, with every alert
 * counted). The method is in docs/benchmarks.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { AlertIntake, alertQueueName } from '../../src/alerts/intake';
import { type AlertSettings, DIGEST_REDRAW_MS } from '../../src/alerts/process';
import { alertWorkerService } from '../../src/alerts/worker';
import { compileRoutes } from '../../src/core/alert-route';
import { alertRoutes } from '../../src/http/alerts';
import { HttpServer } from '../../src/http/server';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import { startPrivateRedis } from '../../src/redis/private-server';
import { startSlack } from '../../src/slack/app';
import { RedisAlertStore } from '../../src/store/redis-alert-store';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { testDeps } from '../../test/support/deps';
import { type FakeCall, startFakeSlack } from '../../test/support/fake-slack';
import { startStormSender } from '../support/alert-storm';
import { BENCH_SECRETS } from '../support/alert-storm-protocol';
import type { Figure, ReportPart } from './figure';

/** The storm: every group gets the same number of alerts (requests are spread over groups in turn). */
const GROUPS = 2000;
const ALERTS_PER_REQUEST = 10;
const REQUESTS = 2000;
/**
 * Sent open loop at this pace: 1,000 alerts a second for 20 s, one Alertmanager notification of 10
 * alerts per group. The door takes more (its own figure); the worker's pace decides the backlog.
 */
const REQUESTS_PER_SECOND = 100;
/** calma.example.yaml's storm rule. */
const STORM = { groups: 5, window: 1 };
/** The goal: a storm is readable in one place within seconds. */
const GOAL_S = 5;
/** Once every alert is processed, the digest's last redraw is about a second away. */
const DIGEST_LAG_GOAL_S = 2;
/** Without the digest, each group is a triage card, and Slack takes about one post a second per channel. */
const SLACK_POSTS_PER_SECOND = 1;
const TRIAGE = 'C0TRIAGE';
const WORKSPACE = 'T1';
const ROUNDS = 2;
const SETTLE_TIMEOUT_MS = 120_000;

interface Round {
  /** From the last alert accepted until every group is on a card of the triage channel. */
  readableMs: number;
  /** From the last alert accepted until the worker had processed every alert. */
  processedMs: number;
  posts: number;
  digests: number;
  updates: number;
  alerts: number;
  processed: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const number = (text: string | undefined) => Number((text ?? '').replaceAll(',', ''));

/**
 * What the triage channel shows: cards of their own, and each digest's latest picture (a storm worked
 * for longer than the rule's window has a digest per window).
 */
function triageView(calls: readonly FakeCall[]) {
  const ok = calls.filter((c) => c.args.channel === TRIAGE && c.response?.ok === true);
  const posts = ok.filter((c) => c.method === 'chat.postMessage');
  const text = (c: FakeCall) => `${String(c.args.text ?? '')}\n${JSON.stringify(c.args.blocks ?? '')}`;
  const digests = posts.filter((c) => text(c).includes('Alert storm'));
  let updates = 0;
  let digestGroups = 0;
  let digestAlerts = 0;
  for (const post of digests) {
    const mine = ok.filter((c) => c.method === 'chat.update' && c.args.ts === post.response?.ts);
    updates += mine.length;
    const shown = text(mine.at(-1) ?? post);
    digestGroups += number(/Alert storm: ([\d,]+) alert group/.exec(shown)?.[1]);
    digestAlerts += number(/So far: [\d,]+ groups?, ([\d,]+) alerts?/.exec(shown)?.[1]);
  }
  return {
    posts: posts.length,
    digests: digests.length,
    updates,
    ownCards: posts.length - digests.length,
    digestGroups,
    digestAlerts,
  };
}

async function round(redisUrl: string, n: number): Promise<Round> {
  const log = pino({ level: 'silent' });
  const fake = await startFakeSlack();
  const redis = new Redis(redisUrl);
  const prefix = `digest-${n}`;
  const playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  const slack = await startSlack(
    testDeps(new RedisIncidentStore(redis, prefix), playbooks, { announcements: null }),
    {
      botToken: 'xoxb-bench',
      signingSecret: 'bench-signing-secret',
      apiUrl: fake.apiUrl,
      port: 0,
      captureReaction: 'pushpin',
      handOff: { redisUrl, prefix },
    },
    log,
  );
  const platform = `slack${n}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const intake = new AlertIntake({ connection, prefix, name: alertQueueName(platform) });
  const unlimited = { per_second: 1_000_000, burst: 1_000_000 };
  const door = new HttpServer(log).route(
    ...alertRoutes({
      sink: intake,
      secrets: { alertmanager: BENCH_SECRETS.alertmanager },
      rateLimits: { alertmanager: unlimited, grafana: unlimited, pagerduty: unlimited, generic: unlimited },
      log,
    }),
  );
  const port = await door.listen(0, '127.0.0.1');
  const worker = alertWorkerService({ redisUrl, prefix, platform });
  let processed = 0;
  worker.onProcessed(() => {
    processed++;
  });
  const alerts = new RedisAlertStore(redis, prefix);
  slack.deps.alerts = alerts;
  const settings: AlertSettings = {
    workspace: async () => WORKSPACE,
    routes: compileRoutes([]),
    triageChannel: TRIAGE,
    groupWindow: 10,
    storm: STORM,
  };
  worker.work({ ...slack.deps, alerts }, settings);
  const sender = await startStormSender();
  try {
    const sent = await sender.run({
      url: `http://127.0.0.1:${port}/alerts/alertmanager`,
      source: 'alertmanager',
      alertsPerRequest: ALERTS_PER_REQUEST,
      groups: GROUPS,
      from: n * REQUESTS,
      durationMs: (REQUESTS / REQUESTS_PER_SECOND) * 1000,
      requestsPerSecond: REQUESTS_PER_SECOND,
    });
    const lastAccepted = performance.now();
    if (sent.accepted !== REQUESTS)
      throw new Error(
        `the door accepted ${sent.accepted} of ${REQUESTS} requests: ${JSON.stringify(sent.refused)}`,
      );
    const alertsPerGroup = (REQUESTS / GROUPS) * ALERTS_PER_REQUEST;
    let processedMs = 0;
    void worker.idle(SETTLE_TIMEOUT_MS).then(() => {
      processedMs = performance.now() - lastAccepted;
    });
    for (;;) {
      const view = triageView(fake.calls());
      if (
        view.ownCards + view.digestGroups === GROUPS &&
        view.digestAlerts === view.digestGroups * alertsPerGroup
      ) {
        const readableMs = performance.now() - lastAccepted;
        await worker.idle(SETTLE_TIMEOUT_MS);
        if (processedMs === 0) processedMs = performance.now() - lastAccepted;
        return {
          readableMs,
          processedMs,
          posts: view.posts,
          digests: view.digests,
          updates: view.updates,
          alerts: sent.acceptedAlerts,
          processed,
        };
      }
      if (performance.now() - lastAccepted > SETTLE_TIMEOUT_MS)
        throw new Error(
          `the triage channel still shows ${JSON.stringify(view)} after ${SETTLE_TIMEOUT_MS} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await sender.close();
    await worker.stop();
    await door.close();
    await intake.close();
    connection.disconnect();
    await slack.stop();
    await fake.close();
    redis.disconnect();
  }
}

export const digestPart: ReportPart = {
  id: 'digest',
  async run(): Promise<Figure[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-digest-'));
    const server = await startPrivateRedis({ dataDir: dir, persist: false });
    const rounds: Round[] = [];
    try {
      for (let n = 0; n < ROUNDS; n++) rounds.push(await round(server.url, n));
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
    const worst = rounds.reduce((a, b) => (b.readableMs > a.readableMs ? b : a));
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const everyAlert = rounds.every((r) => r.processed === r.alerts);
    const lag = (r: Round) => Math.max(0, r.readableMs - r.processedMs);
    const worstLag = Math.max(...rounds.map(lag));
    const storm = `${count(GROUPS)} new groups, ${count(worst.alerts)} alerts at ${count(REQUESTS_PER_SECOND * ALERTS_PER_REQUEST)}/s`;
    return [
      {
        measure: `alert storm readable in the triage channel (${storm}; door → worker → Slack): from the last alert accepted`,
        calma: s(worst.readableMs),
        anchor: `${s((GROUPS / SLACK_POSTS_PER_SECOND) * 1000)} (a card per group at Slack's 1 post/s, computed)`,
        goal: `≤ ${GOAL_S} s`,
        pass: everyAlert && rounds.every((r) => r.readableMs <= GOAL_S * 1000),
        note: `worst of ${ROUNDS} rounds (${rounds.map((r) => s(r.readableMs)).join(', ')}); the alert worker was done ${rounds.map((r) => s(r.processedMs)).join(', ')} after the last alert accepted (its backlog); ${worst.posts} posts (${worst.posts - worst.digests} cards + ${worst.digests} digest${worst.digests === 1 ? '' : 's'}), ${worst.updates} digest updates; ${everyAlert ? 'every alert processed once' : 'ALERTS MISSING'}`,
      },
      {
        measure:
          'same storm: from the last alert processed until the triage channel shows every group and alert',
        calma: s(worstLag),
        anchor: '-',
        goal: `≤ ${DIGEST_LAG_GOAL_S} s`,
        pass: everyAlert && worstLag <= DIGEST_LAG_GOAL_S * 1000,
        note: `the digest's own lag: one coalesced redraw (${DIGEST_REDRAW_MS} ms after a change) behind the queue; worst of ${ROUNDS} rounds`,
      },
    ];
  },
};
