/**
 * A Discord interaction deferred by a calma process that is then killed is not lost: the deferral was
 * guarded in Redis, so another calma process runs it and answers in the deferred reply.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIInteraction } from 'discord.js';
import { InteractionResponseType } from 'discord.js';
import { slashCommand, stringOption } from '../support/discord-payloads';
import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../support/fake-discord';
import { CalmaProcess, calmaEnv, waitUntil } from './calma-process';

let dir: string;
let discord: FakeDiscord;
const processes: CalmaProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-discord-recovery-'));
  discord = await startFakeDiscord();
  await writeFile(
    path.join(dir, 'calma.yaml'),
    `redis: { key_prefix: "recovery${Date.now()}" }\ndiscord: { category: "${DISCORD_SEED.channels.crisis}" }\n`,
  );
});

afterEach(async () => {
  for (const calma of processes.splice(0)) await calma.kill();
  await discord.close();
  await rm(dir, { recursive: true, force: true });
});

function calma(name: string): CalmaProcess {
  const process = new CalmaProcess(name, dir, {
    ...calmaEnv(dir, 60_000),
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guildId,
    // The killed process's requests are run 5 s after its last heartbeat instead of 20 s: a live one
    // would have to stall for most of that to be taken over.
    CALMA_HANDOFF_LAPSE_MS: '5000',
  });
  processes.push(process);
  return process;
}

test('GIVEN /crisis open deferred by a calma process WHEN that process is killed before answering THEN another calma process opens the incident once and answers in the deferred reply', async () => {
  const first = calma('first');
  await waitUntil(
    () => first.stderr.includes('connected to Discord'),
    30_000,
    () => `calma did not connect to Discord\n${first.stderr}`,
  );
  // Discord makes calma wait 8 s for the channel: the open cannot answer within 2 s, so it is deferred.
  discord.rateLimitNext('POST', /\/guilds\/\d+\/channels$/, 8);

  const open = discord.sendInteraction(
    slashCommand('open', [
      stringOption('playbook', 'troll-attack'),
      stringOption('severity', 'sev2'),
      stringOption('title', 'Raid on the launch stream'),
    ]) as APIInteraction,
  );
  const callback = await open.callback(10_000);
  expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
  await first.kill();
  expect(discord.channels().filter((c) => c.name?.includes('raid-on-the-launch-stream'))).toEqual([]);

  calma('second');
  const answer = await open.reply('edit', undefined, 60_000);

  expect(JSON.stringify(answer.body)).toContain('Incident #1 is open');
  const rooms = discord.channels().filter((c) => c.name?.includes('raid-on-the-launch-stream'));
  expect(rooms.map((c) => c.name)).toEqual([expect.stringMatching(/^crisis-1-/)]);
}, 120_000);
