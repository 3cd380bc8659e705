/**
 * A calma process killed after Discord created an incident's channel but before calma saved it as the
 * incident's room: the process that takes the interaction over uses that channel (the server's audit log
 * says calma created it), rather than a second one of the same name beside an orphan. A channel someone
 * else made under the same name is still left alone.
 */
import type { APIInteraction } from 'discord.js';
import { InteractionResponseType } from 'discord.js';
import { slashCommand, stringOption } from '../support/discord-payloads';
import { DISCORD_SEED, type FakeDiscord, type FakeInteraction } from '../support/fake-discord';
import type { CalmaProcess } from './calma-process';
import { connectedToDiscord, useDiscordInstall } from './platform-install';

const CREATES = /^\/guilds\/\d+\/channels$/;
/** Well past the test: the first process is dead before Discord would answer its create. */
const NEVER_MS = 300_000;
const { crisis } = DISCORD_SEED.channels;
const install = useDiscordInstall('discord-takeover');
const calma = (name: string) => install.calma(name);
let discord: FakeDiscord;
beforeEach(() => {
  discord = install.platform;
});

/** Starts a calma process and sends it `/crisis open`; resolves once it deferred the answer. */
async function openOn(process: CalmaProcess): Promise<FakeInteraction> {
  await connectedToDiscord(process);
  const open = discord.sendInteraction(
    slashCommand('open', [
      stringOption('playbook', 'troll-attack'),
      stringOption('severity', 'sev2'),
      stringOption('title', 'Raid on the launch stream'),
    ]) as APIInteraction,
  );
  expect((await open.callback(10_000)).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
  return open;
}

function incidentChannels() {
  return discord.channels().filter((c) => c.name?.startsWith('crisis-1-'));
}

test('GIVEN Discord created the incident’s channel WHEN the calma process opening it is killed before saving it THEN the process taking over uses that channel: one channel, with the incident’s summary pinned', async () => {
  const first = calma('first');
  // Discord carries the create out at once, and answers long after the process is dead.
  discord.answerLateNext('POST', CREATES, NEVER_MS);
  const open = await openOn(first);
  const made = await discord.waitFor(() => incidentChannels()[0], 'the incident’s channel', 15_000);
  await first.kill();

  calma('second');
  const answer = await open.reply('edit', undefined, 90_000);

  expect(made.name).toMatch(/^crisis-1-.*raid-on-the-launch-stream$/);
  expect(JSON.stringify(answer.body)).toContain('Incident #1 is open');
  expect(JSON.stringify(answer.body)).toContain(`<#${made.id}>`);
  expect(incidentChannels().map((c) => c.id)).toEqual([made.id]);
  const pinned = await discord.waitFor(() => discord.pinned(made.id)[0], 'the pinned summary', 15_000);
  expect(JSON.stringify(pinned)).toContain('Raid on the launch stream');
}, 150_000);

test('GIVEN bob made a channel of the incident’s name under calma’s category WHEN the calma process opening the incident is killed and another takes over THEN that one leaves bob’s channel alone and opens the incident in a channel of its own', async () => {
  const first = calma('first');
  // Discord makes calma wait 8 s for the channel: the first process dies before any channel exists.
  discord.rateLimitNext('POST', CREATES, 8);
  const open = await openOn(first);
  const asked = await discord.waitForCall('POST', CREATES, 429, 15_000);
  await first.kill();
  const name = String((asked.body as { name?: string }).name);
  const bobs = discord.seedChannel({ name, parentId: crisis, by: DISCORD_SEED.users.bob.id });

  calma('second');
  const answer = await open.reply('edit', undefined, 90_000);

  const rooms = incidentChannels();
  expect(rooms.map((c) => c.name)).toEqual([name, name]);
  const ours = rooms.find((c) => c.id !== bobs.id);
  expect(JSON.stringify(answer.body)).toContain(`<#${ours?.id}>`);
  expect(discord.messagesIn(bobs.id)).toEqual([]);
  expect(discord.pinned(String(ours?.id))).not.toEqual([]);
}, 150_000);

test('GIVEN calma’s role lacks View Audit Log WHEN the process opening an incident is killed after Discord created its channel THEN the one taking over cannot prove that channel is calma’s: it opens a channel of its own and its log says which permission is missing', async () => {
  const first = calma('first');
  discord.answerLateNext('POST', CREATES, NEVER_MS);
  const open = await openOn(first);
  const made = await discord.waitFor(() => incidentChannels()[0], 'the incident’s channel', 15_000);
  await first.kill();
  discord.failNext('GET', /^\/guilds\/\d+\/audit-logs$/, 403);

  const second = calma('second');
  const answer = await open.reply('edit', undefined, 90_000);

  const rooms = incidentChannels();
  expect(rooms).toHaveLength(2);
  const ours = rooms.find((c) => c.id !== made.id);
  expect(JSON.stringify(answer.body)).toContain(`<#${ours?.id}>`);
  expect(second.stderr).toContain('View Audit Log');
}, 150_000);
