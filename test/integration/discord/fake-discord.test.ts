/**
 * The Discord fake, proven against the real discord.js Client: if these fail, the fake (not calma) broke.
 * One client logs in for the whole file, as calma's would, and the tests share the fake's state.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  type APIMessage,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Guild,
  type Interaction,
  InteractionResponseType,
  Locale,
  MessageFlags,
  OverwriteType,
  PermissionFlagsBits,
  Routes,
  type TextChannel,
} from 'discord.js';
import {
  buttonClick,
  checkbox,
  legacyTextInput,
  messageCommand,
  modalSubmit,
  slashCommand,
  stringOption,
  stringSelect,
  textInput,
  userOption,
  userSelect,
} from '../../support/discord-payloads';
import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../../support/fake-discord';

const { ana, bob, lena } = DISCORD_SEED.users;
const { general, crisis } = DISCORD_SEED.channels;

let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  // A short heartbeat so the file also sees heartbeats being acknowledged.
  fake = await startFakeDiscord({ heartbeatIntervalMs: 200 });
  client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.GuildMembers,
    ],
    rest: { api: fake.apiUrl },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

function guild(): Guild {
  const found = client.guilds.cache.get(fake.guildId);
  if (!found) throw new Error('the seeded guild is not in the cache');
  return found;
}

function generalChannel(): TextChannel {
  const channel = guild().channels.cache.get(general);
  if (channel?.type !== ChannelType.GuildText) throw new Error('#general is not a cached text channel');
  return channel;
}

/** The next interaction the client emits; call before sending it. */
async function nextInteraction(): Promise<Interaction> {
  const [interaction] = (await once(client, Events.InteractionCreate)) as [Interaction];
  return interaction;
}

describe('logging in', () => {
  test('GIVEN the fake WHEN the client logs in THEN it caches the guild from GUILD_CREATE, with its channels and roles', async () => {
    await fake.waitForReady();
    expect(fake.calls[0]).toMatchObject({
      method: 'GET',
      path: '/gateway/bot',
      authorization: `Bot ${fake.token}`,
      status: 200,
    });
    expect(fake.gateway.sessions).toHaveLength(1);
    expect(fake.gateway.sessions[0]?.identify.intents).toBe(
      GatewayIntentBits.Guilds |
        GatewayIntentBits.GuildMessages |
        GatewayIntentBits.GuildMessageReactions |
        GatewayIntentBits.GuildMembers,
    );

    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const g = guild();
    expect(g.available).toBe(true);
    expect(g.channels.cache.map((c) => [c.name, c.type])).toEqual(
      expect.arrayContaining([
        ['general', ChannelType.GuildText],
        ['announcements', ChannelType.GuildText],
        ['Crisis', ChannelType.GuildCategory],
      ]),
    );
    expect(g.roles.everyone.id).toBe(fake.everyoneRoleId);
    expect(g.roles.cache.get(DISCORD_SEED.roles.commsTeam)?.name).toBe('comms-team');
    expect(g.members.me?.permissions.has(PermissionFlagsBits.ManageChannels)).toBe(true);
  });

  test('GIVEN no presences intent WHEN the guild arrives THEN only the bot is cached, and fetching members (op 8) brings the rest', async () => {
    const g = guild();
    expect([...g.members.cache.keys()]).toEqual([fake.botUserId]);

    const members = await g.members.fetch();

    expect(members.size).toBe(4);
    const comms = g.roles.cache.get(DISCORD_SEED.roles.commsTeam);
    expect(comms?.members.map((m) => m.user.username).sort()).toEqual(['ana', 'bob']);
  });

  test('GIVEN a short heartbeat interval WHEN time passes THEN heartbeats are acknowledged and the client measures its ping', async () => {
    await fake.waitFor(() => fake.gateway.heartbeats >= 2, 'two heartbeats');
    await fake.waitFor(() => client.ws.ping >= 0, 'a measured ping');
  });
});

describe('REST', () => {
  test('GIVEN the Crisis category WHEN a private channel is created under it THEN the fake holds its parent, topic and overwrites, and echoes later overwrite changes', async () => {
    const channel = await guild().channels.create({
      name: 'Incident 42',
      type: ChannelType.GuildText,
      parent: crisis,
      topic: 'Database down',
      permissionOverwrites: [
        { id: fake.everyoneRoleId, deny: [PermissionFlagsBits.ViewChannel] },
        { id: DISCORD_SEED.roles.commsTeam, allow: [PermissionFlagsBits.ViewChannel] },
      ],
    });

    expect(fake.channelNamed('incident-42')?.id).toBe(channel.id);
    expect(fake.channel(channel.id)).toMatchObject({
      name: 'incident-42',
      type: ChannelType.GuildText,
      parent_id: crisis,
      topic: 'Database down',
      permission_overwrites: [
        {
          id: fake.everyoneRoleId,
          type: OverwriteType.Role,
          allow: '0',
          deny: String(PermissionFlagsBits.ViewChannel),
        },
        {
          id: DISCORD_SEED.roles.commsTeam,
          type: OverwriteType.Role,
          allow: String(PermissionFlagsBits.ViewChannel),
          deny: '0',
        },
      ],
    });
    expect(channel.parent?.name).toBe('Crisis');
    expect(channel.permissionsFor(fake.everyoneRoleId)?.has(PermissionFlagsBits.ViewChannel)).toBe(false);

    // discord.js does not update its cache from this PUT's empty answer: only the CHANNEL_UPDATE echo does.
    await channel.permissionOverwrites.edit(lena.id, { ViewChannel: true }, { type: OverwriteType.Member });
    expect(fake.channel(channel.id)?.permission_overwrites).toContainEqual({
      id: lena.id,
      type: OverwriteType.Member,
      allow: String(PermissionFlagsBits.ViewChannel),
      deny: '0',
    });
    await fake.waitFor(() => channel.permissionOverwrites.cache.has(lena.id), 'the CHANNEL_UPDATE echo');
  });

  test('GIVEN #general WHEN a message with an embed and a button is sent and pinned THEN the fake records it, pinned, on the newer pins route', async () => {
    const channel = generalChannel();
    const message = await channel.send({
      content: 'Incident declared',
      embeds: [new EmbedBuilder().setTitle('SEV1').setDescription('Database down')],
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('ack').setLabel('Acknowledge').setStyle(ButtonStyle.Primary),
        ),
      ],
    });
    await message.pin();

    expect(fake.messagesIn(general).find((m) => m.id === message.id)).toMatchObject({
      author: { id: fake.botUserId },
      content: 'Incident declared',
      embeds: [{ title: 'SEV1', description: 'Database down' }],
      components: [{ type: 1, components: [{ type: 2, custom_id: 'ack', label: 'Acknowledge' }] }],
      pinned: true,
    });
    expect(fake.pinned(general).map((m) => m.id)).toEqual([message.id]);
    expect(fake.calls.map((c) => `${c.method} ${c.route}`)).toContain(
      'PUT /channels/:channel/messages/pins/:message',
    );
    const pins = await channel.messages.fetchPins();
    expect(pins.items.map((pin) => pin.message.id)).toEqual([message.id]);
  });

  test('GIVEN posted messages WHEN they are read back, edited, pinned on the older route and unpinned THEN the answers follow the fake', async () => {
    const channel = generalChannel();
    const first = await channel.send('First update');
    const second = await channel.send('Second update');
    await first.edit('First update, corrected');

    const fetched = await channel.messages.fetch({ message: first.id, force: true });
    expect(fetched.content).toBe('First update, corrected');
    expect(fetched.editedTimestamp).not.toBeNull();
    const latest = await channel.messages.fetch({ limit: 2 });
    expect([...latest.keys()]).toEqual([second.id, first.id]);

    await client.rest.put(Routes.channelPin(general, second.id));
    const pinned = (await client.rest.get(Routes.channelPins(general))) as APIMessage[];
    expect(pinned.map((m) => m.id)).toContain(second.id);
    await second.unpin();
    expect(fake.pinned(general).map((m) => m.id)).not.toContain(second.id);
  });

  test('GIVEN the seeded guild WHEN members, roles and channels are fetched over REST THEN they match the seed', async () => {
    const g = guild();
    expect((await g.members.list({ limit: 2 })).map((m) => m.user.username)).toEqual(['ana', 'bob']);
    expect((await g.members.fetch({ user: lena.id, force: true })).user.username).toBe('lena');
    expect((await g.roles.fetch()).map((r) => r.name).sort()).toEqual(['@everyone', 'calma', 'comms-team']);
    expect((await g.channels.fetch()).get(crisis)?.type).toBe(ChannelType.GuildCategory);
  });

  test("GIVEN Discord's limits WHEN a message is too long THEN the fake refuses it with Discord's error", async () => {
    await expect(generalChannel().send('x'.repeat(2001))).rejects.toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
  });

  test('GIVEN a file WHEN it is sent THEN the multipart upload is stored with its name and content', async () => {
    const message = await generalChannel().send({
      content: 'Timeline attached',
      files: [{ attachment: Buffer.from('09:00 alert\n09:05 declared\n'), name: 'timeline.txt' }],
    });

    expect(message.attachments.first()?.name).toBe('timeline.txt');
    const [file] = fake.filesOf(message.id);
    expect(file?.filename).toBe('timeline.txt');
    expect(file?.data.toString()).toBe('09:00 alert\n09:05 declared\n');
    expect(fake.messagesIn(general).find((m) => m.id === message.id)?.content).toBe('Timeline attached');
  });

  test('GIVEN a member WHEN the bot DMs them THEN the DM is recorded, and a member with closed DMs gets the 50007 refusal', async () => {
    await client.users.send(lena.id, 'You are on call for incident 42');
    expect(fake.dmsTo(lena.id).map((m) => m.content)).toEqual(['You are on call for incident 42']);

    fake.closeDms(bob.id);
    await expect(client.users.send(bob.id, 'Hello')).rejects.toMatchObject({ status: 403, code: 50007 });
  });

  test('GIVEN the guild WHEN incident actions are set and commands bulk-overwritten THEN the fake stores both', async () => {
    const until = new Date(Date.now() + 3_600_000);
    await guild().setIncidentActions({ invitesDisabledUntil: until, dmsDisabledUntil: until });
    expect(fake.incidentActions()).toMatchObject({
      invites_disabled_until: until.toISOString(),
      dms_disabled_until: until.toISOString(),
    });

    const commands = await client.application?.commands.set(
      [{ name: 'crisis', description: 'Crisis response', options: [] }],
      fake.guildId,
    );
    expect(commands?.first()?.name).toBe('crisis');
    expect(fake.commands(fake.guildId).map((c) => [c.id, c.name])).toEqual([
      [commands?.first()?.id, 'crisis'],
    ]);
  });

  test('GIVEN a route the fake does not know WHEN it is called THEN it answers 404 and records it as unhandled', async () => {
    await expect(guild().bans.fetch()).rejects.toMatchObject({ status: 404 });
    expect(fake.unhandled.map((c) => `${c.method} ${c.path}`)).toContain(`GET /guilds/${fake.guildId}/bans`);
  });
});

describe('steering', () => {
  test('GIVEN a 429 on posting messages WHEN the bot posts THEN discord.js waits retry_after and the retry is posted', async () => {
    const path = new RegExp(`^/channels/${general}/messages$`);
    fake.clearCalls();
    fake.rateLimitNext('POST', path, 0.3);

    const message = await generalChannel().send('After the rate limit');

    const attempts = fake.calls.filter((c) => c.method === 'POST' && path.test(c.path));
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[0]?.response).toEqual({
      message: 'You are being rate limited.',
      retry_after: 0.3,
      global: false,
    });
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
    expect(fake.messagesIn(general).at(-1)?.id).toBe(message.id);
  });

  test('GIVEN a 500 on editing a channel WHEN the bot sets a topic THEN discord.js retries and the edit lands', async () => {
    fake.clearCalls();
    fake.failNext('PATCH', new RegExp(`^/channels/${general}$`), 500);

    await generalChannel().setTopic('Incident 42 in progress');

    await fake.waitForCall('PATCH', new RegExp(`^/channels/${general}$`), 200);
    expect(fake.calls.map((c) => c.status)).toEqual([500, 200]);
    expect(fake.channel(general)?.topic).toBe('Incident 42 in progress');
  });
});

describe('interactions', () => {
  test('GIVEN /crisis declare WHEN it arrives THEN its options are readable, and the ephemeral deferral, its edit and a follow-up are recorded', async () => {
    const received = nextInteraction();
    const sent = fake.sendInteraction(
      slashCommand('declare', [stringOption('title', 'Database down'), userOption('lead', bob)], {
        locale: Locale.SpanishES,
      }),
    );
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error(`not a chat-input command: ${interaction.type}`);

    expect(interaction.commandName).toBe('crisis');
    expect(interaction.options.getSubcommand()).toBe('declare');
    expect(interaction.options.getString('title')).toBe('Database down');
    expect(interaction.options.getUser('lead')?.username).toBe('bob');
    expect(interaction.user.id).toBe(ana.id);
    expect(interaction.locale).toBe('es-ES');
    expect(interaction.channelId).toBe(general);

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply('Declared incident 43');
    await interaction.followUp('Incident 43 is open');

    expect(await sent.callback()).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const edit = await sent.reply('edit');
    expect(edit.body).toMatchObject({ content: 'Declared incident 43' });
    expect(edit.message?.flags).toBe(MessageFlags.Ephemeral);
    expect((await sent.reply('followUp')).body).toMatchObject({ content: 'Incident 43 is open' });
    const posted = fake.messagesIn(general).map((m) => m.content);
    expect(posted).toContain('Incident 43 is open');
    expect(posted).not.toContain('Declared incident 43');

    // Discord accepts one callback per interaction.
    const again = await fetch(`${fake.apiUrl}/v10/interactions/${sent.id}/${sent.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: InteractionResponseType.DeferredChannelMessageWithSource }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 40060 });
  });

  test('GIVEN a modal with Label-wrapped inputs and a legacy row WHEN it is submitted THEN every field is readable', async () => {
    const payload = modalSubmit('declare-form', [
      textInput('summary', 'Database down'),
      userSelect('lead', [ana]),
      stringSelect('severity', ['sev1']),
      checkbox('public', true),
      legacyTextInput('notes', 'Started 09:00'),
    ]);
    // What Discord sends: a Label (18) or, in the legacy layout, an action row (1) around each input.
    expect([payload.data.components[0], payload.data.components[4]]).toEqual([
      { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'summary', value: 'Database down' } },
      { type: 1, id: 9, components: [{ type: 4, id: 10, custom_id: 'notes', value: 'Started 09:00' }] },
    ]);
    const received = nextInteraction();
    const sent = fake.sendInteraction(payload);
    const interaction = await received;
    if (!interaction.isModalSubmit()) throw new Error(`not a modal submit: ${interaction.type}`);

    expect(interaction.customId).toBe('declare-form');
    expect(interaction.fields.getTextInputValue('summary')).toBe('Database down');
    expect(interaction.fields.getSelectedUsers('lead')?.map((u) => u.id)).toEqual([ana.id]);
    expect(interaction.fields.getSelectedMembers('lead')?.size).toBe(1);
    expect(interaction.fields.getStringSelectValues('severity')).toEqual(['sev1']);
    expect(interaction.fields.getCheckbox('public')).toBe(true);
    expect(interaction.fields.getTextInputValue('notes')).toBe('Started 09:00');

    const response = await interaction.reply({
      content: 'Thanks',
      flags: MessageFlags.Ephemeral,
      withResponse: true,
    });
    expect(response.interaction.responseMessageEphemeral).toBe(true);
    expect(response.resource?.message?.content).toBe('Thanks');
    expect(await sent.callback()).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: 'Thanks', flags: MessageFlags.Ephemeral },
    });
  });

  test('GIVEN a button on a posted message WHEN it is clicked THEN the click arrives and the update edits that message', async () => {
    const posted = fake.messagesIn(general).find((m) => m.content === 'Incident declared');
    if (!posted) throw new Error('the message with the button was not posted');
    const received = nextInteraction();
    const sent = fake.sendInteraction(buttonClick('ack', posted, { user: bob }));
    const interaction = await received;
    if (!interaction.isButton()) throw new Error(`not a button: ${interaction.type}`);

    expect(interaction.customId).toBe('ack');
    expect(interaction.message.id).toBe(posted.id);
    await interaction.update({ content: 'Acknowledged by bob', components: [] });

    expect((await sent.callback()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(fake.messagesIn(general).find((m) => m.id === posted.id)).toMatchObject({
      content: 'Acknowledged by bob',
      components: [],
    });
  });

  test('GIVEN a member message WHEN the message context menu is used on it THEN the target message is readable', async () => {
    const target = fake.seedMessage(general, lena.id, 'Is the database down?');
    const received = nextInteraction();
    fake.sendInteraction(messageCommand('Declare incident', target, { locale: Locale.French }));
    const interaction = await received;
    if (!interaction.isMessageContextMenuCommand())
      throw new Error(`not a message command: ${interaction.type}`);

    expect(interaction.commandName).toBe('Declare incident');
    expect(interaction.targetMessage.content).toBe('Is the database down?');
    expect(interaction.targetMessage.author.id).toBe(lena.id);
    expect(interaction.locale).toBe('fr');
  });
});

describe('the gateway connection', () => {
  test('GIVEN a dispatch of any event WHEN the fake sends it THEN the client handles it, and sequence numbers run 1, 2, 3…', async () => {
    const created = once(client, Events.GuildRoleCreate);
    fake.dispatch('GUILD_ROLE_CREATE', {
      guild_id: fake.guildId,
      role: {
        id: '100000000000000099',
        name: 'responders',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        position: 3,
        permissions: '0',
        managed: false,
        mentionable: true,
        flags: 0,
      },
    });
    const [role] = (await created) as [{ name: string }];

    expect(role.name).toBe('responders');
    const sequence = fake.gateway.sessions[0]?.sent.map((payload) => payload.s) ?? [];
    expect(sequence).toEqual(sequence.map((_, i) => i + 1));
  });

  test('GIVEN a dropped connection WHEN an interaction is sent meanwhile THEN the client resumes and gets it replayed', async () => {
    fake.gateway.disconnect(4000);
    const received = nextInteraction();
    const sent = fake.sendInteraction(slashCommand('status'));
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error(`not a chat-input command: ${interaction.type}`);
    await interaction.reply('All quiet');

    expect((await sent.callback()).data).toMatchObject({ content: 'All quiet' });
    expect(fake.gateway.sessions[0]?.resumes).toBe(1);
    expect(fake.gateway.protocolErrors).toEqual([]);
  });

  test('GIVEN the client WHEN it is destroyed THEN it closes the session cleanly', async () => {
    await client.destroy();

    await fake.waitFor(() => fake.gateway.sessions.length === 0, 'the session to end');
    expect(fake.gateway.protocolErrors).toEqual([]);
  });
});
