/**
 * A crisis run on Discord as responders live it, through the real discord.js client against the local
 * fake Discord (REST + gateway), the real Redis store and the real BullMQ outbox: step buttons, a public
 * statement under four eyes, Discord's rate limits, the raid lockdown, message capture.
 */

import {
  type APIInteraction,
  type APIMessage,
  ApplicationCommandOptionType,
  PermissionFlagsBits,
} from 'discord.js';
import { ONE_APPROVER } from '../../support/approval-policy';
import {
  type CommandOption,
  messageCommand,
  modalSubmit,
  slashCommand,
  stringOption,
  stringSelect,
  textInput,
} from '../../support/discord-payloads';
import { DISCORD_SEED } from '../../support/fake-discord';
import { PATIENCE_MS } from '../../support/patience';
import { waitFor } from '../../support/wait-for';
import {
  ana,
  announcements,
  bob,
  buttonsOf,
  type DiscordWorld,
  EPHEMERAL,
  general,
  lena,
  readable,
  replyOf,
  useDiscordWorld,
} from './discord-world';

const world = useDiscordWorld(
  { approvers: { approver: [bob.id] }, approvalPolicy: ONE_APPROVER },
  { outbox: true },
);

const TEXT =
  'We are sorry: our account was hacked this morning and posted spam. Do not click its links. Next update at 11:00.';

/** Opens incident #1 (hacked-account, SEV1) and returns its channel once the announcement is out. */
async function openIncident(w: DiscordWorld, playbook = 'hacked-account'): Promise<string> {
  await w
    .command('open', [
      stringOption('playbook', playbook),
      stringOption('severity', 'sev1'),
      stringOption('title', 'Spam from our account'),
    ])
    .callback();
  const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
  await w.messageWith(announcements, 'Spam from our account');
  return room.id;
}

/** The message as it is now in the channel (edits applied). */
const current = (w: DiscordWorld, message: APIMessage) =>
  w.fake.messagesIn(message.channel_id).find((m) => m.id === message.id) ?? message;

describe('a crisis on Discord', () => {
  test('GIVEN the step card WHEN ana presses Done THEN the step is done on the record and the next step’s card is posted', async () => {
    const w = world();
    const room = await openIncident(w);
    const first = await w.messageWith(room, 'Step 1 of');

    const pressed = w.press(first, 'Done', { channel: w.fake.channel(room) });
    await pressed.callback();

    await w.messageWith(room, 'Step 2 of');
    const incident = await w.store.findByRoom(w.fake.guildId, room);
    expect(incident?.steps[0]?.state).toBe('done');
  });

  test('GIVEN S1 drafted by ana WHEN ana approves it THEN she is refused; WHEN bob approves THEN S1 is published once in the incident and announcements channels', async () => {
    const w = world();
    const room = await openIncident(w);
    const inRoom = { channel: w.fake.channel(room) };
    await w.command('update', [stringOption('text', TEXT)], inRoom).callback();
    const draft = await w.messageWith(room, 'Statement S1: waiting for approval');
    expect(buttonsOf(draft).map((b) => b.label)).toEqual(['Approve', 'Reject', 'Edit']);
    expect(readable(draft)).toContain(TEXT);

    const own = await replyOf(w.press(draft, 'Approve', inRoom));
    expect(Number(own.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(readable(own)).toContain('you cannot approve it: a second person must');

    await w.press(draft, 'Approve', { ...inRoom, user: bob }).callback();
    const isPublic = (m: APIMessage) => readable(m).includes('Public statement S1');
    await w.fake.waitFor(
      () => w.fake.messagesIn(room).some(isPublic) && w.fake.messagesIn(announcements).some(isPublic),
      'S1 in both channels',
    );
    await w.fake.waitFor(
      () => readable(current(w, draft)).includes('published'),
      'the card to read published',
    );
    expect(buttonsOf(current(w, draft))).toEqual([]);
    expect(w.fake.messagesIn(room).filter(isPublic)).toHaveLength(1);
    expect(w.fake.messagesIn(announcements).filter(isPublic)).toHaveLength(1);
    expect(readable(w.fake.messagesIn(announcements).find(isPublic) ?? {})).toContain(TEXT);
  });

  test('GIVEN the opening step card WHEN ana presses "Draft holding statement" THEN a modal asks each unknown placeholder beside the filled template, and submitting it drafts S1 with her answers', async () => {
    const w = world();
    const room = await openIncident(w);
    const inRoom = { channel: w.fake.channel(room) };
    const first = await w.messageWith(room, 'Step 1 of');

    const callback = await w.press(first, 'Draft holding statement', inRoom).callback();
    expect(callback.type).toBe(9);
    const modal = callback.data as {
      custom_id: string;
      components: { label: string; component: { custom_id: string; value?: string } }[];
    };
    expect(modal.components.length).toBeLessThanOrEqual(5);
    expect(modal.components.map((c) => c.label).slice(1, 3)).toEqual([
      'Account (name or @handle)',
      'Who or what is affected',
    ]);
    const template = modal.components[0]?.component.value ?? '';
    expect(template).toMatch(
      /^Our \{account\} account was hacked – \d{1,2} \w{3,4} \d{4}\n[\s\S]* since \d\d:\d\d UTC today/,
    );

    const answers = modal.components
      .slice(1)
      .filter((c) => c.component.custom_id.startsWith('fill:'))
      .map((c) =>
        textInput(c.component.custom_id, c.component.custom_id === 'fill:account' ? '@acme' : 'n/a'),
      );
    await w.fake
      .sendInteraction(
        modalSubmit(modal.custom_id, [textInput('text', template), ...answers], inRoom) as APIInteraction,
      )
      .callback();

    const draft = await w.messageWith(room, 'Statement S1: waiting for approval');
    expect(readable(draft)).toContain('Our @acme account was hacked');
  });

  test('GIVEN Discord answers 429 to the next post in the channel WHEN the severity changes THEN calma waits the Retry-After and the change is posted once', async () => {
    const w = world();
    const room = await openIncident(w);
    const posts = new RegExp(`^/channels/${room}/messages$`);
    w.fake.rateLimitNext('POST', posts, 1);
    await w.command('sev', [stringOption('severity', 'sev2')], { channel: w.fake.channel(room) }).callback();
    const limited = await w.fake.waitForCall('POST', posts, 429);
    const retried = await w.fake.waitFor(
      () =>
        w.fake.calls.find(
          (c) => c.method === 'POST' && posts.test(c.path) && c.status === 200 && c.at > limited.at,
        ),
      'the retried post',
    );
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1000);
    const changed = (m: APIMessage) => readable(m).includes('Severity changed from SEV1 to SEV2');
    await w.messageWith(room, 'Severity changed from SEV1 to SEV2');
    expect(w.fake.messagesIn(room).filter(changed)).toHaveLength(1);
  });

  test('GIVEN a troll raid WHEN ana asks for the lockdown THEN nothing changes until someone else who may approve confirms; then invites and DMs are paused and it is on the record', async () => {
    const w = world();
    const room = await openIncident(w, 'troll-attack');
    const inRoom = { channel: w.fake.channel(room) };
    // The lockdown is the playbook's second step: its card comes once the first is done.
    await w.press(await w.messageWith(room, 'Step 1 of'), 'Done', inRoom).callback();
    const lockdownCard = await w.fake.waitFor(
      () =>
        w.fake
          .messagesIn(room)
          .find((m) => buttonsOf(m).some((b) => b.label === 'Pause invites and DMs (24 h)')),
      'a step card offering the lockdown',
      8000,
    );
    await w.press(lockdownCard, 'Pause invites and DMs (24 h)', inRoom).callback();
    const request = await w.messageWith(room, 'asks to pause the server’s invites and direct messages');
    expect(w.fake.incidentActions()).toBeUndefined();

    const own = await replyOf(w.press(request, 'Confirm lockdown', inRoom));
    expect(readable(own)).toContain('someone else must confirm it');
    const stranger = await replyOf(w.press(request, 'Confirm lockdown', { ...inRoom, user: lena }));
    expect(readable(stranger)).toContain('Only the lead or an approver may confirm');
    expect(w.fake.incidentActions()).toBeUndefined();

    await w.press(request, 'Confirm lockdown', { ...inRoom, user: bob }).callback();
    const actions = await w.fake.waitFor(() => w.fake.incidentActions(), 'the incident actions');
    const until = Date.parse(actions.invites_disabled_until ?? '');
    expect(until - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    expect(actions.dms_disabled_until).toBe(actions.invites_disabled_until);
    await w.messageWith(room, 'Invites and DMs are paused until');
    const timeline = await w.store.timeline(w.fake.guildId, 1);
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['lockdown-requested', 'lockdown']));
    expect(timeline.find((e) => e.kind === 'lockdown')).toMatchObject({ by: bob.id, requestedBy: ana.id });
  });

  test('GIVEN a worrying message in #general WHEN bob uses "Open a crisis from this message" THEN a modal opens prefilled, and submitting it opens the incident with the message on the timeline', async () => {
    const w = world();
    const target = w.fake.seedMessage(general, lena.id, 'Our Instagram is posting crypto spam right now!');
    const menu = w.fake.sendInteraction(
      messageCommand('Open a crisis from this message', target, { user: bob }) as APIInteraction,
    );
    const callback = await menu.callback();
    expect(callback.type).toBe(9);
    const modal = callback.data as { custom_id: string; components: unknown[] };
    expect(JSON.stringify(modal.components)).toContain('Our Instagram is posting crypto spam right now!');

    await w.fake
      .sendInteraction(
        modalSubmit(
          modal.custom_id,
          [
            textInput('title', 'Crypto spam on Instagram'),
            stringSelect('playbook', ['hacked-account']),
            stringSelect('severity', ['sev2']),
          ],
          { user: bob },
        ) as APIInteraction,
      )
      .callback();
    const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
    expect(await eventOf(w, 'captured')).toMatchObject({
      message: { author: lena.id, text: 'Our Instagram is posting crypto spam right now!' },
    });
    expect(room.name).toContain('crypto-spam-on-instagram');
  });

  test('GIVEN an incident channel WHEN bob reacts 📌 to a message there THEN it is captured on the timeline with its author', async () => {
    const w = world();
    const room = await openIncident(w);
    const message = w.fake.seedMessage(room, lena.id, 'Screenshot of the spam DM: https://example.com/s.png');
    w.fake.dispatch('MESSAGE_REACTION_ADD', {
      user_id: bob.id,
      channel_id: room,
      message_id: message.id,
      guild_id: w.fake.guildId,
      emoji: { id: null, name: '📌' },
      type: 0,
      burst: false,
    });
    expect(await eventOf(w, 'captured')).toMatchObject({
      by: bob.id,
      message: { author: lena.id, text: 'Screenshot of the spam DM: https://example.com/s.png' },
    });
  });

  test('GIVEN the comms-team Discord role WHEN ana gives it the comms role THEN each member is briefed by direct message', async () => {
    const w = world();
    const room = await openIncident(w);
    const team = DISCORD_SEED.roles.commsTeam;
    const payload = slashCommand(
      'role',
      [
        stringOption('role', 'comms'),
        { type: ApplicationCommandOptionType.Mentionable, name: 'who', value: team } as CommandOption,
      ],
      { channel: w.fake.channel(room) },
    );
    const role = {
      id: team,
      name: 'comms-team',
      color: 0,
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: 1,
      permissions: '0',
      managed: false,
      mentionable: true,
      flags: 0,
    };
    const data = { ...payload.data, resolved: { roles: { [team]: role } } };
    await w.fake.sendInteraction({ ...payload, data } as unknown as APIInteraction).callback();

    for (const member of [ana, bob]) {
      const brief = await w.fake.waitFor(
        () => w.fake.dmsTo(member.id).find((m) => readable(m).includes('You are comms lead on incident #1')),
        `the brief to ${member.username}`,
      );
      expect(readable(brief)).toContain('Spam from our account');
    }
    expect(w.fake.dmsTo(lena.id)).toEqual([]);
    expect((await w.store.findByRoom(w.fake.guildId, room))?.roles.comms).toBe(`&${team}`);
  });

  test('GIVEN an incident WHEN ana closes it with a resolution THEN it is resolved, the postmortem is attached in the channel as Markdown with its timeline chart as timeline.svg, and archiving makes the channel read-only', async () => {
    const w = world();
    const room = await openIncident(w);
    await w
      .command('close', [stringOption('resolution', 'The spam is gone and the account is ours again.')], {
        channel: w.fake.channel(room),
      })
      .callback();
    await w.messageWith(room, 'Incident #1 resolved by');
    const withFile = await w.fake.waitFor(
      () => w.fake.messagesIn(room).find((m) => w.fake.filesOf(m.id).length > 0),
      'the postmortem attachment',
    );
    const [file, chart] = w.fake.filesOf(withFile.id);
    expect(file?.filename).toMatch(/\.md$/);
    expect(file?.data.toString('utf8')).toContain('The spam is gone and the account is ours again.');
    expect(file?.data.toString('utf8')).toContain('![Timeline chart](timeline.svg)');
    expect(chart?.filename).toBe('timeline.svg');
    expect(chart?.data.toString('utf8')).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img"/,
    );
    expect((await w.store.findByRoom(w.fake.guildId, room))?.status).toBe('resolved');

    await w.discord.chat.archive(room);
    const everyone = w.fake.channel(room)?.permission_overwrites?.find((o) => o.id === w.fake.everyoneRoleId);
    const send = PermissionFlagsBits.SendMessages;
    expect(BigInt(everyone?.deny ?? 0) & send).toBe(send);
    const bot = w.fake.channel(room)?.permission_overwrites?.find((o) => o.id === w.fake.botUserId);
    expect(BigInt(bot?.allow ?? 0) & send).toBe(send);
  });
});

/** The first timeline entry of incident #1 of that kind, once it is there. */
const eventOf = (w: DiscordWorld, kind: string) =>
  waitFor(
    async () => (await w.store.timeline(w.fake.guildId, 1)).find((e) => e.kind === kind),
    PATIENCE_MS,
    `a ${kind} entry`,
  );
