/**
 * The two Slack apps the ack bench compares, both Bolt over HTTP with the same signing secret, pointed
 * at the same fake of Slack's Web API: calma's real app, and a bare app that only acks /crisis.
 */
import { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import { startSlack } from '../../src/slack/app';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { testDeps } from '../../test/support/deps';
import { urlOf } from '../../test/support/slack-request';
import type { SlackSide } from './slack-side';
import { SIGNING_SECRET } from './slack-side-protocol';

const BOT_TOKEN = 'xoxb-bench';
const SETTLE_TIMEOUT_MS = 30_000;
const SETTLE_POLL_MS = 10;

/** An app under test: where to POST commands, and how to wait for the work they set off. */
export interface AckTarget {
  /** Shown in the report. */
  readonly name: string;
  /** Tells this app's replies apart from the other's on Slack's side. */
  readonly key: string;
  readonly url: string;
  /** Resolves once the work of the first `sent` commands is done; throws after a timeout. */
  settle(sent: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * calma as `npm start` runs it in HTTP mode, with the shipped playbooks and the real Redis store.
 * No announcement channel: every open would post there, and the per-channel pacer (one post a second
 * after a burst of 4) would stretch a round of 50 opens into a minute of idle timers. Waiting costs no
 * CPU, so leaving it out changes nothing the acks compete with; it keeps the bench short.
 */
export async function startCalma(redis: Redis, side: SlackSide): Promise<AckTarget> {
  const log = pino({ level: 'silent' });
  const playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  const slack = await startSlack(
    testDeps(new RedisIncidentStore(redis, 'bench'), playbooks, { announcements: null }),
    {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: side.apiUrl,
      port: 0,
      captureReaction: 'pushpin',
      handOff: { redisUrl: `redis://${redis.options.host}:${redis.options.port}`, prefix: 'bench' },
    },
    log,
  );
  if (!slack.port) throw new Error('calma did not report its HTTP port');
  return {
    name: 'calma',
    key: 'calma',
    url: `http://127.0.0.1:${slack.port}/slack/events`,
    settle: (sent) => waitForCalmaWork(side, 'calma', sent),
    stop: () => slack.stop(),
  };
}

/** The baseline: Bolt's own cost of receiving, verifying, routing and acking one slash command. */
export async function startBare(side: SlackSide): Promise<AckTarget> {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: side.apiUrl },
  });
  app.command('/crisis', async ({ ack }) => {
    await ack();
  });
  const server: unknown = await app.start({ port: 0, host: '127.0.0.1' });
  if (!(server instanceof Server)) throw new Error('the bare Bolt app did not start an HTTP server');
  return {
    name: 'bare Bolt',
    key: 'bare',
    url: urlOf(server),
    settle: async () => undefined, // nothing happens after its ack
    stop: async () => {
      await app.stop();
    },
  };
}

/**
 * calma's reply to the response_url is the last thing its /crisis listener does, after the room is
 * created, staffed, pinned and bookmarked: once every command has had it, none of their work is left.
 * A reply that does not say the incident is open means the bench measured something else: it stops.
 */
async function waitForCalmaWork(side: SlackSide, key: string, sent: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const { replies, opened } = await side.progress(key);
    if (opened < replies)
      throw new Error(`${replies - opened} of calma's /crisis open replies were not "opened"`);
    if (replies >= sent) return;
    if (Date.now() > deadline) throw new Error(`calma's work did not settle: ${replies} of ${sent} replies`);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}
