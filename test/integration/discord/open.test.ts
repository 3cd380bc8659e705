/**
 * `/crisis open` on Discord, end to end: the real discord.js client receives the interaction from a
 * local gateway, calma answers within Discord's 3 seconds, and creates, pins and announces over REST.
 */
import { type APIInteraction, ComponentType, PermissionFlagsBits } from 'discord.js';
import {
  buttonClick,
  type ModalField,
  modalSubmit,
  slashCommand,
  stringOption,
  stringSelect,
  textInput,
  userSelect,
} from '../../support/discord-payloads';
import {
  ana,
  announcements,
  bob,
  buttonsOf,
  crisis,
  EPHEMERAL,
  general,
  readable,
  replyOf,
  useDiscordWorld,
} from './discord-world';

const world = useDiscordWorld();

/** A checkbox group as Discord sends it back: the ticked options' values. */
const checkboxGroup = (customId: string, values: string[]): ModalField => ({
  component: { type: ComponentType.CheckboxGroup, custom_id: customId, values } as never,
  legacy: false,
});

describe('/crisis open on Discord', () => {
  test('GIVEN ana in #general WHEN she runs /crisis open with a playbook, severity and title THEN a channel opens under the Crisis category with the shared name, the summary is pinned and the incident announced', async () => {
    const w = world();
    const interaction = w.command('open', [
      stringOption('playbook', 'hacked-account'),
      stringOption('severity', 'sev1'),
      stringOption('title', 'Spam on our Instagram'),
    ]);
    const callback = await interaction.callback();
    expect([4, 5]).toContain(callback.type);

    const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
    expect(room.parent_id).toBe(crisis);
    expect(room.name).toMatch(/^crisis-1-\d{4}-\d{2}-\d{2}-spam-on-our-instagram$/);
    const pinned = await w.fake.waitFor(() => w.fake.pinned(room.id)[0], 'the pinned summary');
    expect(readable(pinned)).toContain('Spam on our Instagram');
    expect(readable(pinned)).toContain('SEV1');
    const announced = await w.messageWith(announcements, 'Spam on our Instagram');
    expect(buttonsOf(announced).map((b) => b.label)).toContain('Join the channel');
    const step = await w.messageWith(room.id, 'Step 1 of');
    expect(buttonsOf(step).map((b) => b.label)).toEqual(expect.arrayContaining(['Done', 'Skip', 'Assign']));
    expect(await w.store.findByRoom(w.fake.guildId, room.id)).toMatchObject({
      seq: 1,
      playbook: 'hacked-account',
      severity: 1,
      openedBy: ana.id,
    });
    // The ephemeral answer to ana says where the incident is, and never shows in #general.
    expect(w.fake.messagesIn(general)).toEqual([]);
    expect(w.fake.unhandled).toEqual([]);
  });

  test('GIVEN /crisis open without a title WHEN ana fills the modal, private ticked and bob as lead THEN the channel is hidden from @everyone and open to calma, ana and bob', async () => {
    const w = world();
    const opened = w.command('open', []);
    const callback = await opened.callback();
    expect(callback.type).toBe(9); // MODAL
    const modal = callback.data as { custom_id: string; title: string };
    expect(modal.title).toBe('Open a crisis');

    const submitted = w.fake.sendInteraction(
      modalSubmit(modal.custom_id, [
        textInput('title', 'Leak of customer emails'),
        stringSelect('playbook', ['hacked-account']),
        stringSelect('severity', ['sev2']),
        userSelect('lead', [bob]),
        checkboxGroup('private|drill', ['private']),
      ]) as APIInteraction,
    );
    await submitted.callback();
    const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
    const overwrites = await w.fake.waitFor(
      () =>
        (w.fake.channel(room.id)?.permission_overwrites?.length ?? 0) >= 4 &&
        w.fake.channel(room.id)?.permission_overwrites,
      'the overwrites of ana and bob',
    );
    const view = String(PermissionFlagsBits.ViewChannel);
    const everyone = overwrites.find((o) => o.id === w.fake.everyoneRoleId);
    expect(BigInt(everyone?.deny ?? 0) & BigInt(view)).toBe(BigInt(view));
    for (const id of [w.fake.botUserId, ana.id, bob.id]) {
      const allow = overwrites.find((o) => o.id === id)?.allow ?? '0';
      expect(BigInt(allow) & BigInt(view)).toBe(BigInt(view));
    }
    expect(await w.store.findByRoom(w.fake.guildId, room.id)).toMatchObject({
      title: 'Leak of customer emails',
      severity: 2,
      roles: { lead: bob.id },
    });
  });

  test('GIVEN Discord makes calma wait 3 s to create the channel WHEN ana opens a crisis THEN the interaction is deferred within Discord’s 3 seconds and the answer filled in once the channel exists', async () => {
    const w = world();
    w.fake.rateLimitNext('POST', /^\/guilds\/\d+\/channels$/, 3);
    const sentAt = Date.now();
    const interaction = w.command('open', [
      stringOption('playbook', 'hacked-account'),
      stringOption('title', 'Slow Discord today'),
    ]);
    const callback = await interaction.callback();
    const deferred = interaction.replies.find((r) => r.kind === 'callback');
    expect(callback.type).toBe(5); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    expect(Number(callback.data?.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect((deferred?.at ?? Number.POSITIVE_INFINITY) - sentAt).toBeLessThan(3000);
    const edit = await interaction.reply('edit', undefined, 10_000);
    expect(readable(edit.body)).toContain('Incident #1 is open');
    expect(w.incidentChannels()).toHaveLength(1);
  });

  test('GIVEN a /crisis command that carries no subcommand THEN an ephemeral error, nothing created', async () => {
    const w = world();
    const payload = slashCommand('open', []);
    const bare = { ...payload, data: { ...payload.data, options: [] } };
    const reply = await replyOf(w.fake.sendInteraction(bare as APIInteraction));
    expect(Number(reply.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(readable(reply)).toContain('without a subcommand');
    expect(w.incidentChannels()).toEqual([]);
  });

  test('GIVEN a button whose custom id is not calma’s THEN an ephemeral “stale button” answer, nothing changed', async () => {
    const w = world();
    const message = w.fake.seedMessage(general, ana.id, 'hello');
    const reply = await replyOf(
      w.fake.sendInteraction(buttonClick('calma:step.done|x|y', message) as APIInteraction),
    );
    expect(Number(reply.flags) & EPHEMERAL).toBe(EPHEMERAL);
    expect(readable(reply)).toMatch(/button/i);
  });

  test('GIVEN bob’s Discord is in Spanish WHEN he asks for the status with no incident THEN calma answers in Spanish', async () => {
    const w = world();
    const reply = await replyOf(w.command('status', [], { user: bob, locale: 'es-ES' as never }));
    expect(readable(reply)).toContain('No hay ninguna crisis abierta');
  });
});

describe('drafting a statement in a Discord modal', () => {
  test('GIVEN an incident channel WHEN ana runs /crisis update without text THEN a modal with a paragraph box opens, and submitting it posts S1 waiting for approval', async () => {
    const w = world();
    await w
      .command('open', [
        stringOption('playbook', 'hacked-account'),
        stringOption('title', 'Spam from our account'),
      ])
      .callback();
    const room = await w.fake.waitFor(() => w.incidentChannels()[0], 'the incident channel');
    await w.messageWith(announcements, 'Spam from our account');

    const opened = await w.command('update', [], { channel: room }).callback();
    expect(opened.type).toBe(9);
    const modal = opened.data as {
      custom_id: string;
      components: { component?: { type: number; style?: number; custom_id?: string } }[];
    };
    const text = modal.components.map((c) => c.component).find((c) => c?.custom_id === 'text');
    expect(text).toMatchObject({ type: ComponentType.TextInput, style: 2 }); // paragraph

    await w.fake
      .sendInteraction(
        modalSubmit(
          modal.custom_id,
          [textInput('text', 'We are sorry: our account posted spam. Do not click its links.')],
          {
            channel: room,
          },
        ) as APIInteraction,
      )
      .callback();
    const draft = await w.messageWith(room.id, 'Statement S1: waiting for approval');
    expect(readable(draft)).toContain('Do not click its links.');
  });
});
