/**
 * The alert lanes against the fake Slack, through the real Slack adapter (its Web API client and its
 * per-channel pace) and the real BullMQ workers: an alert a route opens an incident for is not stuck
 * behind a storm of triage cards, and a triage card waiting for the channel's pace does not hold a
 * worker's slot (docs/alerts.md, "Lanes and the posting pace").
 */
import { randomBytes } from 'node:crypto';
import { LogLevel, webApi } from '@slack/bolt';
import { Redis } from 'ioredis';
import { AlertIntake, type AlertJob, alertQueueName, laneOf } from '../../../src/alerts/intake';
import type { AlertOutcome } from '../../../src/alerts/process';
import { type AlertWorkerService, alertWorkerService } from '../../../src/alerts/worker';
import type { Deps } from '../../../src/app/deps';
import type { Alert } from '../../../src/core/alert';
import { compileRoutes } from '../../../src/core/alert-route';
import { ChannelPacer } from '../../../src/pacer';
import { SlackChat } from '../../../src/slack/slack-chat';
import { RedisAlertStore } from '../../../src/store/redis-alert-store';
import { uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';
import { type SlackWorld, TEAM, useSlackWorld } from './slack-world';

const TRIAGE = 'C0TRIAGE';

/** SEV1 from the listening tool opens a crisis; everything else is triaged. */
const ROUTES = compileRoutes([
  { match: { severity: 1 }, action: 'open', playbook: 'hacked-account', severity: 1 },
  { match: { labels: { env: 'staging' } }, action: 'ignore' },
  { match: {}, action: 'triage' },
]);

const world = useSlackWorld({ announcements: 'C0ANNOUNCE' });

function alert(n: number, overrides: Partial<Alert> = {}): Alert {
  return {
    source: 'generic',
    dedupKey: `spike-${n}`,
    groupKey: `spike-${n}`,
    status: 'firing',
    severity: 3,
    title: `Mentions spike ${n}`,
    summary: '',
    url: null,
    startedAt: new Date().toISOString(),
    labels: {},
    ...overrides,
  };
}

interface Lanes {
  intake: AlertIntake;
  worker: AlertWorkerService;
  outcomes: { outcome: AlertOutcome; alert: Alert }[];
  /** Jobs of the triage lane not done yet: waiting, running or delayed until their turn. */
  triageLeft(): Promise<number>;
  send(...alerts: Alert[]): Promise<void>;
  stop(): Promise<void>;
}

/** The door's intake (lanes from the routes, as src/main.ts wires it) and the worker, on the world's deps. */
function lanes(deps: Deps): Lanes {
  const url = process.env.CALMA_TEST_REDIS_URL ?? '';
  const prefix = uniquePrefix();
  const platform = `test-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  const alerts = new RedisAlertStore(redis, prefix);
  const intake = new AlertIntake(
    { connection: redis, prefix, name: alertQueueName(platform) },
    { lane: laneOf(ROUTES) },
  );
  const worker = alertWorkerService({ redisUrl: url, prefix, platform });
  const outcomes: Lanes['outcomes'] = [];
  worker.onProcessed((outcome, job) => outcomes.push({ outcome, alert: job.alert }));
  worker.work(
    { ...deps, alerts },
    { workspace: async () => TEAM, routes: ROUTES, triageChannel: TRIAGE, groupWindow: 10 },
  );
  let delivery = 0;
  return {
    intake,
    worker,
    outcomes,
    async triageLeft() {
      const counts = await intake.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    },
    async send(...sent) {
      const d = `storm-${++delivery}`;
      const jobs: AlertJob[] = sent.map((a, index) => ({
        alert: a,
        delivery: d,
        index,
        receivedAt: new Date().toISOString(),
      }));
      await intake.accept(jobs);
    },
    async stop() {
      await intake.close();
      await worker.stop();
      await intake.obliterate();
      redis.disconnect();
    },
  };
}

const triagePosts = (w: SlackWorld) =>
  w.fake.calls('chat.postMessage').filter((c) => c.args.channel === TRIAGE && c.status === 200).length;

// The first two tests pace at Slack's real second: stopping the worker waits for the storm's first cards,
// which took their turn in their slot before the backlog formed (docs/alerts.md): up to ~16 s.
describe('alert lanes in Slack', () => {
  test('GIVEN 120 triage alerts queued ahead, pacing at one card a second WHEN a SEV1 alert routed to open arrives THEN its channel is created while most triage cards are still to come', async () => {
    const w = world();
    const l = lanes(w.slack.deps);
    try {
      await l.send(...Array.from({ length: 120 }, (_, n) => alert(n)));
      await l.send(alert(999, { severity: 1, title: 'Our account is posting spam' }));

      const created = await w.fake.waitForCall('conversations.create', undefined, 30_000);

      // One card a second: the storm needs two minutes to drain, and the crisis did not wait for it.
      expect(triagePosts(w)).toBeLessThan(60);
      expect(await l.triageLeft()).toBeGreaterThan(0);
      expect(String(created.args.name)).toContain('our-account-is-posting-spam');
      await waitFor(() => l.outcomes.some((o) => o.outcome.kind === 'opened'), 30_000);
    } finally {
      await l.stop();
    }
  }, 60_000);

  test('GIVEN triage cards waiting for the channel’s pace WHEN an ignored alert and a repeat follow them in the triage lane THEN both are done while the cards wait, delayed rather than holding the slots', async () => {
    const w = world();
    const l = lanes(w.slack.deps);
    try {
      await l.send(alert(0));
      await waitFor(() => l.outcomes.length === 1, 20_000);
      await l.send(...Array.from({ length: 60 }, (_, n) => alert(n + 1)));
      await l.send(alert(100, { labels: { env: 'staging' } }), alert(0, { dedupKey: 'spike-0-again' }));

      await waitFor(
        () =>
          l.outcomes.some((o) => o.outcome.kind === 'ignored') &&
          l.outcomes.some((o) => o.outcome.kind === 'added-to-triage'),
        30_000,
      );

      // Sixty cards at one a second: with their waits holding the 16 slots, these two came after 45 cards.
      expect(triagePosts(w)).toBeLessThan(30);
      expect((await l.intake.queue.getJobCounts('delayed')).delayed).toBeGreaterThan(0);
    } finally {
      await l.stop();
    }
  }, 60_000);

  test('GIVEN a storm of triage alerts and a SEV1 alert, with a quick pace WHEN the lanes drain THEN every alert is processed once: one card per group, one incident', async () => {
    const w = world();
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: w.fake.apiUrl,
      logLevel: LogLevel.ERROR,
    });
    const chat = new SlackChat(client, new ChannelPacer(20, 4));
    const l = lanes({ ...w.slack.deps, chat });
    try {
      await l.send(...Array.from({ length: 100 }, (_, n) => alert(n)));
      await l.send(alert(999, { severity: 1, title: 'Our account is posting spam' }));

      await l.worker.idle(60_000);

      expect(l.outcomes).toHaveLength(101);
      expect(l.outcomes.filter((o) => o.outcome.kind === 'triaged')).toHaveLength(100);
      expect(l.outcomes.filter((o) => o.outcome.kind === 'opened')).toHaveLength(1);
      expect(triagePosts(w)).toBe(100);
      const titled = w.fake
        .calls('chat.postMessage')
        .filter((c) => c.args.channel === TRIAGE)
        .map((c) => String(c.args.text).match(/Mentions spike \d+/)?.[0]);
      expect(new Set(titled).size).toBe(100);
      expect(w.fake.calls('conversations.create')).toHaveLength(1);
    } finally {
      await l.stop();
    }
  });
});
