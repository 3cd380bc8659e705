/**
 * Two real calma processes (`npm start`'s entry point) with one Discord bot token on one Redis: one holds
 * the gateway, the other waits as a standby and takes over within seconds when the holder is SIGKILLed.
 * The fail-over time is printed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { botHash } from '../../src/discord/gateway-lease';
import { callbacksFor, liveSessions, openCrisis } from '../support/discord-failover';
import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../support/fake-discord';
import { freePort } from '../support/free-port';
import { testRedis } from '../support/redis';
import { CalmaProcess, calmaEnv, deletePrefix, waitUntil } from './calma-process';

let dir: string;
let prefix: string;
let discord: FakeDiscord;
const processes: CalmaProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-discord-failover-'));
  discord = await startFakeDiscord();
  prefix = `failover${Date.now()}`;
  await writeFile(
    path.join(dir, 'calma.yaml'),
    `redis: { key_prefix: "${prefix}" }\ndiscord: { category: "${DISCORD_SEED.channels.crisis}" }\n`,
  );
});

afterEach(async () => {
  for (const calma of processes.splice(0)) await calma.kill();
  await discord.close();
  const redis = testRedis();
  await deletePrefix(redis, prefix);
  await redis.quit();
  await rm(dir, { recursive: true, force: true });
});

async function calma(
  name: string,
  env: Record<string, string> = {},
): Promise<{ process: CalmaProcess; port: number }> {
  const port = await freePort();
  const process = new CalmaProcess(name, dir, {
    ...calmaEnv(dir, 60_000),
    ...env,
    PORT: String(port),
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guildId,
  });
  processes.push(process);
  return { process, port };
}

const said = (calma: CalmaProcess, text: string, timeoutMs = 30_000) =>
  waitUntil(
    () => calma.stderr.includes(text),
    timeoutMs,
    () => `${calma.name} never said "${text}"\n${calma.stderr}`,
  );

const crisisChannels = () => discord.channels().filter((c) => c.parent_id === DISCORD_SEED.channels.crisis);

async function health(port: number): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { code: response.status, ...((await response.json()) as Record<string, unknown>) };
}

test('GIVEN two calma processes with one Discord bot token on one Redis WHEN the gateway holder is SIGKILLed THEN the standby connects within seconds and the next /crisis open is answered once', async () => {
  const first = await calma('first');
  await said(first.process, 'connected to Discord');
  const second = await calma('second');
  await said(second.process, 'waits as a standby');
  // A standby serves HTTP (health, alerts, Slack) and says so, as a process supervisor waits for.
  await said(second.process, `HTTP on port ${second.port}`);
  expect(await health(second.port)).toMatchObject({ code: 200, status: 'ok', discord: 'standby' });
  expect(await health(first.port)).toMatchObject({ code: 200, status: 'ok', discord: 'connected' });

  const before = openCrisis(discord, 'Spam on our Instagram');
  await before.callback(15_000);
  await discord.waitFor(() => crisisChannels().length === 1, 'the first incident channel', 15_000);
  expect(liveSessions(discord)).toHaveLength(1);
  expect(callbacksFor(discord, before.id).map((call) => call.status)).toEqual([204]);

  const [held] = liveSessions(discord);
  const killedAt = Date.now();
  await first.process.kill();
  await discord.waitFor(
    () => liveSessions(discord).find((session) => session !== held),
    "the standby's gateway session",
    30_000,
  );
  const connectedAt = Date.now();
  const after = openCrisis(discord, 'Fake giveaway');
  await after.callback(15_000);
  console.log(
    `Discord gateway fail-over after SIGKILL (default lease, 5 s): connected after ${connectedAt - killedAt} ms, first command answered after ${Date.now() - killedAt} ms`,
  );

  await discord.waitFor(() => crisisChannels().length === 2, 'the second incident channel', 15_000);
  expect(callbacksFor(discord, after.id).map((call) => call.status)).toEqual([204]);
  expect(liveSessions(discord)).toHaveLength(1);
  expect(crisisChannels().map((c) => c.name)).toEqual([
    expect.stringMatching(/^crisis-1-.*spam-on-our-instagram$/),
    expect.stringMatching(/^crisis-2-.*fake-giveaway$/),
  ]);
  expect(await health(second.port)).toMatchObject({ code: 200, discord: 'connected' });
}, 120_000);

test('GIVEN the lease vanished under the holder (as in a Redis fail-over) and the standby took the gateway WHEN a command reaches both THEN the new holder answers it once and the stale one exits, to come back as a standby', async () => {
  // A minute's lease: the stale holder's next renewal is 20 s away, so its claim is what tells it.
  const slow = { DISCORD_GATEWAY_LEASE_MS: '60000' };
  const first = await calma('first', slow);
  await said(first.process, 'connected to Discord');
  const second = await calma('second', slow);
  await said(second.process, 'waits as a standby');

  const redis = testRedis();
  await redis.del(`${prefix}:{discord-gateway:${botHash(discord.token)}}:lease`);
  await redis.quit();
  await said(second.process, 'connected to Discord');
  await discord.waitFor(() => liveSessions(discord).length === 2, 'both gateway sessions', 15_000);

  const open = openCrisis(discord, 'Spam on our Instagram');
  await open.callback(15_000);
  expect(await first.process.exited).toBe(1);
  expect(first.process.stderr).toContain('lost the Discord gateway lease (a newer holder took it over)');

  await discord.waitFor(() => crisisChannels().length === 1, 'the incident channel', 15_000);
  expect(callbacksFor(discord, open.id).map((call) => call.status)).toEqual([204]);
  expect(liveSessions(discord)).toHaveLength(1);
  expect(await health(second.port)).toMatchObject({ code: 200, discord: 'connected' });
}, 120_000);
