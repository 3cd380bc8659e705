/**
 * Text calma relays but did not write reaches Discord inert, through the real discord.js client against
 * the local fake Discord and the real Redis store: every message calma sends (posts, edits, interaction
 * replies, DMs) says whom it may ping, that is exactly the people and roles calma named, never
 * @everyone; mentions and masked links typed by someone show as text.
 */
import { type APIInteraction, ApplicationCommandOptionType } from 'discord.js';
import { type CommandOption, slashCommand, stringOption } from '../../support/discord-payloads';
import { DISCORD_SEED, type FakeCall } from '../../support/fake-discord';
import { ana, announcements, bob, readable, useDiscordWorld } from './discord-world';

const world = useDiscordWorld();

const HOSTILE_TITLE = `Refunds @everyone @here <@${bob.id}> [official refund form](http://evil.example) now\u0000\u001b[2J`;

/** The message bodies calma sent: channel and DM messages, edits, interaction callbacks and follow-ups. */
function sentMessages(calls: readonly FakeCall[]): Record<string, unknown>[] {
  return calls
    .filter((c) => (c.method === 'POST' || c.method === 'PATCH') && /messages|callback/.test(c.path))
    .map((c) => (c.body ?? {}) as Record<string, unknown>)
    .map((body) => (typeof body.data === 'object' && body.data !== null ? body.data : body))
    .filter((body): body is Record<string, unknown> => 'content' in body || 'embeds' in body);
}

describe('untrusted text on Discord', () => {
  test('GIVEN a title with @everyone, a typed mention and a masked link WHEN the incident opens THEN the announcement shows them as text and may ping only the opener', async () => {
    const w = world();

    await w
      .command('open', [
        stringOption('playbook', 'hacked-account'),
        stringOption('severity', 'sev1'),
        stringOption('title', HOSTILE_TITLE),
      ])
      .callback();

    const announced = await w.messageWith(announcements, 'Refunds');
    const post = w.fake.calls.find(
      (c) => c.method === 'POST' && c.path === `/channels/${announcements}/messages`,
    );
    expect((post?.body as Record<string, unknown> | undefined)?.allowed_mentions).toEqual({
      parse: [],
      users: [ana.id],
      roles: [],
    });
    expect(announced.content).toBe(`<@${ana.id}>`);
    const text = readable(announced);
    expect(text).toContain(`\\<@${bob.id}>`);
    expect(text).toContain('@\u200beveryone @\u200bhere');
    expect(text).toContain('official refund form (http://evil.example)');
    expect(text).not.toContain('](');
    expect(text).not.toContain('\u0000');
    expect(text).not.toContain('\u001b');
  });

  test('GIVEN the comms-team role given the comms role WHEN calma says so THEN the message may ping exactly that role and the person who gave it, and every message calma sent pings no one else', async () => {
    const w = world();
    await w
      .command('open', [
        stringOption('playbook', 'hacked-account'),
        stringOption('severity', 'sev1'),
        stringOption('title', HOSTILE_TITLE),
      ])
      .callback();
    const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
    const team = DISCORD_SEED.roles.commsTeam;
    const payload = slashCommand(
      'role',
      [
        stringOption('role', 'comms'),
        { type: ApplicationCommandOptionType.Mentionable, name: 'who', value: team } as CommandOption,
      ],
      { channel: w.fake.channel(room.id) },
    );
    const role = { id: team, name: 'comms-team', position: 1, permissions: '0', mentionable: true };
    const data = { ...payload.data, resolved: { roles: { [team]: role } } };

    await w.fake.sendInteraction({ ...payload, data } as unknown as APIInteraction).callback();

    const said = await w.messageWith(room.id, 'is now comms lead');
    expect(said.content).toBe(`<@${ana.id}> <@&${team}>`);
    const post = w.fake.calls.find(
      (c) =>
        c.method === 'POST' &&
        c.path === `/channels/${room.id}/messages` &&
        JSON.stringify(c.body).includes('is now comms lead'),
    );
    expect((post?.body as Record<string, unknown> | undefined)?.allowed_mentions).toEqual({
      parse: [],
      users: [ana.id],
      roles: [team],
    });
    const sent = sentMessages(w.fake.calls);
    expect(sent.length).toBeGreaterThan(5);
    for (const body of sent) {
      expect(body.allowed_mentions).toMatchObject({ parse: [] });
      expect(JSON.stringify(body)).not.toContain(`"<@${bob.id}>`);
    }
  });
});
