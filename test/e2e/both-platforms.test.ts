/**
 * One real calma process (`npm start`'s entry point) with a Slack token and a Discord token serves both:
 * Slack over HTTP at POST /slack/events against a local fake Web API, Discord over a local fake gateway
 * and REST API. Each incident belongs to the platform it was opened on.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIInteraction } from 'discord.js';
import { Redis } from 'ioredis';
import { slashCommand, stringOption } from '../support/discord-payloads';
import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../support/fake-discord';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { commandBody, postSigned } from '../support/slack-request';
import { CalmaProcess, calmaEnv, httpPort } from './calma-process';

const SECRET = 'e2e-signing-secret';
let dir: string;
let slack: FakeSlack;
let discord: FakeDiscord;
let calma: CalmaProcess | undefined;
let prefix: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-both-'));
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
  prefix = `both${Date.now()}`;
  await writeFile(
    path.join(dir, 'calma.yaml'),
    `redis: { key_prefix: "${prefix}" }\ndiscord: { category: "${DISCORD_SEED.channels.crisis}" }\n`,
  );
});

afterEach(async () => {
  await calma?.terminate();
  calma = undefined;
  await discord.close();
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

test('GIVEN Slack and Discord tokens WHEN one calma process starts THEN a crisis opened in Slack opens a Slack channel and one opened in Discord a Discord channel, each listed only on its platform', async () => {
  calma = new CalmaProcess('both', dir, {
    ...calmaEnv(dir, 60_000),
    SLACK_BOT_TOKEN: 'xoxb-e2e',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guildId,
  });
  const port = await httpPort(calma);
  await discord.waitForReady(30_000);

  const fromSlack = await postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    commandBody({ text: 'open hacked-account sev1 Spam seen from Slack', team_id: 'T1', user_id: 'U0ANA' }),
    { secret: SECRET },
  );
  expect(fromSlack.status).toBe(200);
  const created = await slack.waitForCall('conversations.create', undefined, 15_000);
  expect(String(created.args.name)).toContain('spam-seen-from-slack');

  discord.sendInteraction(
    slashCommand('open', [
      stringOption('playbook', 'troll-attack'),
      stringOption('severity', 'sev2'),
      stringOption('title', 'Raid seen from Discord'),
    ]) as APIInteraction,
  );
  const room = await discord.waitFor(
    () => discord.channels().find((c) => c.name?.includes('raid-seen-from-discord')),
    'the Discord incident channel',
    15_000,
  );
  expect(room.parent_id).toBe(DISCORD_SEED.channels.crisis);
  // Each platform has its own incident #1, and knows nothing of the other's.
  expect(room.name).toMatch(/^crisis-1-/);
  expect(slack.calls('conversations.create')).toHaveLength(1);
  expect(discord.channels().filter((c) => c.name?.includes('spam-seen-from-slack'))).toEqual([]);

  const listed = discord.sendInteraction(slashCommand('list') as APIInteraction);
  const reply = await listed.callback(10_000);
  const text = JSON.stringify(reply.data ?? (await listed.reply('edit', undefined, 10_000)).body);
  expect(text).toContain('Raid seen from Discord');
  expect(text).not.toContain('Spam seen from Slack');
  // Every queue calma works keeps only the last few of its events in Redis (calma reads none of them).
  const redis = new Redis(calmaEnv(dir, 60_000).REDIS_URL ?? '');
  try {
    const metas = await redis.keys(`${prefix}:*:meta`);
    const queues = metas.map((key) => key.slice(prefix.length + 1, -':meta'.length)).sort();
    expect(queues).toEqual(
      expect.arrayContaining(['alerts-slack', 'alerts-slack-open', 'reminders-slack', 'outbox-discord']),
    );
    const bounds = await Promise.all(metas.map((key) => redis.hget(key, 'opts.maxLenEvents')));
    expect(Object.fromEntries(queues.map((queue, i) => [queue, bounds[i]]))).toEqual(
      Object.fromEntries(queues.map((queue) => [queue, '100'])),
    );
  } finally {
    redis.disconnect();
  }
  // A service manager's SIGTERM stops both connections and the queues cleanly.
  expect(await calma.terminate()).toBe(0);
}, 90_000);
