/**
 * A Discord interaction deferred by a calma process that is then killed is not lost: the deferral was
 * guarded in Redis, so another calma process runs it and answers in the deferred reply.
 */
import type { APIInteraction } from 'discord.js';
import { InteractionResponseType } from 'discord.js';
import { slashCommand, stringOption } from '../support/discord-payloads';
import type { FakeDiscord } from '../support/fake-discord';
import { connectedToDiscord, QUICK_HANDOFF, useDiscordInstall } from './platform-install';

const install = useDiscordInstall('discord-recovery');
const calma = (name: string) => install.calma(name, QUICK_HANDOFF);
let discord: FakeDiscord;
beforeEach(() => {
  discord = install.platform;
});

test('GIVEN /crisis open deferred by a calma process WHEN that process is killed before answering THEN another calma process opens the incident once and answers in the deferred reply', async () => {
  const first = calma('first');
  await connectedToDiscord(first);
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
