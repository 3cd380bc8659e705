import { Server } from 'node:http';
import { App, LogLevel, type webApi } from '@slack/bolt';
import pino from 'pino';
import { defaultReminderPolicy } from '../../src/config/schema';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import { reminders } from '../../src/queue/reminders';
import { startSlack } from '../../src/slack/app';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { testDeps } from '../../test/support/deps';
import { urlOf } from '../../test/support/slack-request';
import { type OpenSide, startOpenSide } from '../support/open-side';
import { OPEN_SIGNING_SECRET, type Progress, type RecordedCall } from '../support/open-side-protocol';
import { type SideEnvironment, startSideEnvironment } from '../support/side-environment';
import type { Figure, ReportPart } from './figure';

/** The burst: 500 `/crisis open` at once. */
const COUNT = Number(process.env.BENCH_OPEN_COUNT ?? 500);
/** Interleaved measured rounds per app (after one warm-up round each). */
const ROUNDS = Number(process.env.BENCH_OPEN_ROUNDS ?? 3);
const WARM_UP = Math.min(100, COUNT);
/** The goal from the issue: within 2× of the bare app. */
const MAX_RATIO = 2;
const SETTLE_TIMEOUT_MS = 120_000;
const POLL_MS = 50;

const CALMA_TOKEN = 'xoxb-bench-calma';
const BARE_TOKEN = 'xoxb-bench-bare';

/** An app under test: where commands go, and the token its Web API calls carry (how the fake tells them apart). */
interface Subject {
  name: 'calma' | 'bare';
  url: string;
  token: string;
  sent: number;
  stop(): Promise<void>;
}

/** One round's times, ms after its first command was sent. */
interface Round {
  channel: number;
  pin: number;
  reply: number;
}

export const openPart: ReportPart = {
  id: 'open',
  async run() {
    const env = await startSideEnvironment('open', startOpenSide);
    const subjects: Subject[] = [];
    try {
      const calma = await startCalma(env);
      subjects.push(calma);
      const script = await recordOneOpen(env.side, calma);
      const bare = await startBare(env.side, script);
      subjects.push(bare);
      const measured: Record<Subject['name'], Round[]> = { calma: [], bare: [] };
      for (const s of subjects) await round(env.side, s, WARM_UP);
      for (let i = 0; i < ROUNDS; i++) {
        for (const s of subjects) measured[s.name].push(await round(env.side, s, COUNT));
      }
      return figures(measured.calma, measured.bare, script.length);
    } finally {
      for (const s of subjects.reverse()) await s.stop();
      await env.stop();
    }
  },
};

/** Sends `count` commands at once and waits until every one of them has been answered "open". */
export async function round(side: OpenSide, s: Subject, count: number): Promise<Round> {
  const from = s.sent + 1;
  s.sent += count;
  await side.round(s.url, s.name, from, count);
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const p: Progress = await side.progress(s.name, s.token);
    if (p.opened < p.replies)
      throw new Error(`${p.replies - p.opened} of ${s.name}'s replies were not "opened"`);
    if (p.replies >= count) {
      if (p.channels !== count || p.pins !== count)
        throw new Error(`${s.name}: ${p.channels} channels and ${p.pins} pins for ${count} opens`);
      return { channel: p.lastChannelMs, pin: p.lastPinMs, reply: p.lastReplyMs };
    }
    if (Date.now() > deadline) throw new Error(`${s.name}'s opens did not settle: ${p.replies} of ${count}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// --- The figures ---------------------------------------------------------------------------------------

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function figures(calma: Round[], bare: Round[], calls: number): Figure[] {
  const measures: { key: keyof Round; measure: string }[] = [
    {
      key: 'channel',
      measure: `time until the ${COUNT}th channel exists after ${COUNT} concurrent \`/crisis open\``,
    },
    { key: 'pin', measure: `time until the ${COUNT}th summary is pinned (same burst)` },
    { key: 'reply', measure: `time until the ${COUNT}th person is told the incident is open (same burst)` },
  ];
  return measures.map(({ key, measure }) => {
    const c = median(calma.map((r) => r[key]));
    const b = median(bare.map((r) => r[key]));
    const ratio = c / b;
    const ratios = calma.map((r, i) => r[key] / (bare[i]?.[key] ?? Number.NaN));
    return {
      measure,
      calma: `${seconds(c)} (${ratio.toFixed(2)}×)`,
      anchor: `bare Bolt ${seconds(b)}`,
      goal: `≤ ${MAX_RATIO}×`,
      pass: ratio <= MAX_RATIO,
      note: `medians of ${calma.length} interleaved rounds, per-round ratios ${ratios.map((x) => x.toFixed(2)).join(' / ')}; ${calls} Web API calls per open replayed`,
    };
  });
}

// --- The apps ------------------------------------------------------------------------------------------

/**
 * calma as `npm start` runs it in HTTP mode: the shipped playbooks, the real Redis store, the hand-off
 * and the reminder queue (each open queues its reminders; nothing works them here). No announcement
 * channel: 500 announcements in one channel are paced at one a second (Slack's limit), which would
 * measure the pacer, not the open.
 */
export async function startCalma(env: SideEnvironment<OpenSide>): Promise<Subject> {
  const playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  const timed = reminders({
    redisUrl: env.redisUrl,
    prefix: 'bench',
    platform: 'slack',
    playbooks,
    policy: defaultReminderPolicy,
    minuteMs: 60_000,
  });
  const slack = await startSlack(
    testDeps(new RedisIncidentStore(env.redis, 'bench'), playbooks, {
      announcements: null,
      scheduler: timed.scheduler,
    }),
    {
      botToken: CALMA_TOKEN,
      signingSecret: OPEN_SIGNING_SECRET,
      apiUrl: env.side.apiUrl,
      port: 0,
      captureReaction: 'pushpin',
      handOff: { redisUrl: env.redisUrl, prefix: 'bench' },
    },
    pino({ level: 'silent' }),
  ).catch(async (error: unknown) => {
    await timed.stop();
    throw error;
  });
  if (!slack.port) throw new Error('calma did not report its HTTP port');
  return {
    name: 'calma',
    url: `http://127.0.0.1:${slack.port}/slack/events`,
    token: CALMA_TOKEN,
    sent: 0,
    stop: async () => {
      await slack.stop();
      await timed.stop();
    },
  };
}

/** A Web API call of calma's open, with what it needs from earlier answers (the channel, the message ts). */
interface Step {
  method: string;
  /** The arguments as JSON text, with the recorded channel's name and id and messages' ts in it. */
  args: string;
}

interface Script {
  steps: Step[];
  /** What calma answered the person, as JSON text. */
  reply: string;
  /** The recorded open's channel name and id, and the ts of its messages in order. */
  name: string;
  channel: string;
  ts: string[];
  length: number;
}

/**
 * Two opens through calma, one after the other: the first warms it up (and asks Slack the person's time
 * zone, which calma then keeps for an hour), the second's Web API calls are the script the bare app
 * replays for every command.
 */
export async function recordOneOpen(side: OpenSide, calma: Subject): Promise<Script> {
  await round(side, calma, 1);
  await round(side, calma, 1);
  const { calls, reply } = await side.record('calma', calma.token);
  const created = calls.find((c) => c.method === 'conversations.create' && c.response?.ok === true);
  const channel = (created?.response?.channel ?? {}) as { id?: string; name?: string };
  if (!channel.id || !channel.name) throw new Error('the recorded open created no channel');
  const ts = calls
    .filter((c) => c.method === 'chat.postMessage')
    .map((c) => String(c.response?.ts ?? ''))
    .filter((t) => t !== '');
  const steps = calls
    .filter((c: RecordedCall) => c.method !== 'users.info')
    .map((c) => ({ method: c.method, args: JSON.stringify(c.args) }));
  if (reply === undefined) throw new Error('the recorded open had no reply');
  return {
    steps,
    reply: JSON.stringify(reply),
    name: channel.name,
    channel: channel.id,
    ts,
    length: steps.length,
  };
}

/**
 * The anchor: a bare Bolt app on the same fake, whose `/crisis` listener acks and then makes calma's
 * recorded calls for one open, in order, each with the channel and messages its own earlier calls made
 * (a channel named after the command), then answers the person with calma's reply.
 */
export async function startBare(side: OpenSide, script: Script): Promise<Subject> {
  const app = new App({
    token: BARE_TOKEN,
    signingSecret: OPEN_SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: side.apiUrl },
  });
  app.command('/crisis', async ({ ack, command, client, respond }) => {
    await ack();
    const n = /(\d+)$/.exec(command.text)?.[1] ?? '0';
    await replay(client, script, `bare-${n}`, (reply) => respond(JSON.parse(reply)));
  });
  const server: unknown = await app.start({ port: 0, host: '127.0.0.1' });
  if (!(server instanceof Server)) throw new Error('the bare Bolt app did not start an HTTP server');
  return {
    name: 'bare',
    url: urlOf(server),
    token: BARE_TOKEN,
    sent: 0,
    stop: async () => {
      await app.stop();
    },
  };
}

async function replay(
  client: webApi.WebClient,
  script: Script,
  name: string,
  respond: (reply: string) => Promise<unknown>,
): Promise<void> {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const swaps: [RegExp, string][] = [[new RegExp(literal(script.name), 'g'), name]];
  let posted = 0;
  const swap = (text: string) => swaps.reduce((t, [from, to]) => t.replace(from, to), text);
  for (const step of script.steps) {
    const answer = (await client.apiCall(step.method, JSON.parse(swap(step.args)))) as unknown as {
      channel?: { id?: string };
      ts?: unknown;
    };
    if (step.method === 'conversations.create') {
      const id = answer.channel?.id ?? '';
      swaps.push([new RegExp(`\\b${literal(script.channel)}\\b`, 'g'), id]);
    } else if (step.method === 'chat.postMessage') {
      const recorded = script.ts[posted++];
      if (recorded) swaps.push([new RegExp(literal(recorded), 'g'), String(answer.ts ?? '')]);
    }
  }
  await respond(swap(script.reply));
}
