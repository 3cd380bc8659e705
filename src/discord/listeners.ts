import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction as DiscordInteraction,
  Events,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type MessageReaction,
  type ModalSubmitInteraction,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import { openFormFromMessage } from '../../handlers/open';
import type { Caller, Deps, Reply } from '../app/deps';
import { dispatch, formErrors, type Interaction } from '../app/dispatch';
import { callerLocale, problem } from '../app/mutate';
import { encodeAction } from '../core/card';
import type { CapturedMessage, Locale } from '../core/types';
import { translator } from '../i18n';
import type { CommandQueue } from '../queue/commands';
import { ADD_TO_EVIDENCE, OPEN_FROM_MESSAGE, receivedCommand } from './commands';
import type { GatewayLease } from './gateway-lease';
import { decodeFormId, encodeFormId, formToModal, readModalValues, submittedFields } from './modal';
import type { DiscordJob } from './recovery';
import { actionOfCustomId, cardsToMessages, sendable } from './render';

/**
 * Discord wants an answer to an interaction within 3 s. A handler that is done by then answers
 * directly (a modal can only be opened that way); a slower one is deferred and followed up.
 */
const ANSWER_WITHIN_MS = 2000;
/** How long the deferral waits for its guard to be in Redis (what is left of Discord's 3 s). */
const GUARD_WAIT_MS = 500;

type Answerable =
  | ChatInputCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction
  | MessageContextMenuCommandInteraction;

export interface DiscordListenerOptions {
  deps: Deps;
  /** Where a deferred interaction is guarded, so another process answers it if this one dies. */
  commands: CommandQueue<DiscordJob>;
  /** Reacting with this emoji in an incident channel captures the message. */
  captureReaction: string;
  /** Fences what the gateway brings: only the current holder acts, once per interaction. */
  lease: Pick<GatewayLease, 'claim' | 'holds'>;
}

/**
 * Discord's interactions and reactions in, typed interactions to `dispatch` out, replies back to the
 * person who asked (ephemeral). A failure to answer is logged, never thrown into discord.js.
 */
export function registerDiscordListeners(client: Client, options: DiscordListenerOptions): void {
  const { deps, commands, lease } = options;
  client.on(Events.InteractionCreate, (interaction) => {
    // Once, by the current holder: across a hand-over two sessions may briefly both receive it.
    lease
      .claim(interaction.id)
      .then((claim) => (claim === 'mine' ? onInteraction(deps, commands, interaction) : undefined))
      .catch((error: unknown) =>
        deps.log.error({ err: error, interaction: interaction.id }, 'could not answer a Discord interaction'),
      );
  });
  client.on(Events.MessageReactionAdd, (reaction, user) => {
    onReaction(deps, lease, options.captureReaction, reaction, user).catch((error: unknown) =>
      deps.log.error({ err: error }, 'could not capture a reacted message'),
    );
  });
}

async function onInteraction(
  deps: Deps,
  commands: CommandQueue<DiscordJob>,
  interaction: DiscordInteraction,
): Promise<void> {
  if (!interaction.isRepliable()) return;
  const caller = callerOf(interaction);
  if (!interaction.inGuild() || !caller) {
    await interaction.reply({
      content: translator(deps.locale, deps.timeZone)('discord.guildOnly'),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  /** Dispatches `what`, and says how to guard it in Redis should it have to be deferred. */
  const request = `discord:${interaction.id}`;
  const run = (what: Interaction): Work => ({
    reply: dispatch(deps, { ...caller, request }, what),
    guard: () =>
      commands.guard(request, {
        caller: { ...caller, request },
        interaction: what,
        applicationId: interaction.applicationId,
        token: interaction.token,
      }),
  });
  if (interaction.isChatInputCommand()) {
    // Typed options go to the handler as they are, checked against the command's schema.
    const received = receivedCommand(interaction.options.data);
    const work =
      received === null
        ? { reply: Promise.resolve(problem(callerLocale(deps, caller), { key: 'discord.badCommand' })) }
        : run({ type: 'options', ...received });
    return answer(deps, caller, interaction, work);
  }
  if (interaction.isButton()) {
    const action = actionOfCustomId(interaction.customId);
    const value = action ? encodeAction(action) : '';
    return answer(deps, caller, interaction, run({ type: 'action', value }));
  }
  if (interaction.isModalSubmit()) {
    const submitted = decodeFormId(interaction.customId);
    if (!submitted) {
      return answer(deps, caller, interaction, {
        reply: Promise.resolve(problem(callerLocale(deps, caller), { key: 'errors.staleButton' })),
      });
    }
    const values = readModalValues(
      { fields: submittedFields(interaction.components) },
      interaction.components,
    );
    const refused = formErrors(deps, caller, submitted.kind, values);
    const work: Work = refused
      ? { reply: Promise.resolve(refusedForm(deps, caller, refused, values)) }
      : run({ type: 'form', kind: submitted.kind, args: submitted.args, values });
    return answer(deps, caller, interaction, work);
  }
  if (interaction.isMessageContextMenuCommand()) {
    const message = describeMessage(interaction.targetMessage);
    if (interaction.commandName === OPEN_FROM_MESSAGE) {
      const form = await openFormFromMessage(deps, caller, message);
      await interaction.showModal(formToModal(form, encodeFormId(form), callerLocale(deps, caller)));
      return;
    }
    if (interaction.commandName === ADD_TO_EVIDENCE) {
      return answer(deps, caller, interaction, run({ type: 'capture', message, explicit: true }));
    }
  }
  if (interaction.isCommand() || interaction.isMessageComponent()) {
    await interaction.reply({
      ...toPayload(problem(callerLocale(deps, caller), { key: 'errors.staleButton' }))[0],
      flags: MessageFlags.Ephemeral,
    });
  }
}

/** A handler's reply on its way, and, for work that changes things, how to guard it in Redis. */
interface Work {
  reply: Promise<Reply>;
  guard?: () => Promise<{ done(): Promise<void> }>;
}

/**
 * Answers with the handler's reply: directly when it is ready in time (a form opens as a modal), else
 * deferred (ephemeral) and filled in when it is. Nothing to say: the interaction is acknowledged quietly.
 * Before deferring, the work is guarded in Redis: if this process dies before answering, another one
 * runs it again and answers in the deferred reply (src/discord/recovery.ts).
 */
async function answer(deps: Deps, caller: Caller, interaction: Answerable, work: Work): Promise<void> {
  const early = await Promise.race([work.reply, delay(ANSWER_WITHIN_MS).then(() => null)]);
  if (early) {
    if (early.form && !interaction.isModalSubmit()) {
      await interaction.showModal(
        formToModal(early.form, encodeFormId(early.form), callerLocale(deps, caller)),
      );
      return;
    }
    const [first, ...rest] = toPayload(early);
    if (!first) {
      if (interaction.isButton()) await interaction.deferUpdate();
      else {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.deleteReply();
      }
      return;
    }
    await interaction.reply({ ...first, flags: MessageFlags.Ephemeral });
    for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    return;
  }
  const guard = work.guard?.().catch((error: unknown) => {
    deps.log.warn({ err: error, interaction: interaction.id }, 'could not guard a deferred interaction');
    return null;
  });
  // The guard is written before the deferral acknowledges the interaction, unless Redis is what is slow:
  // Discord's 3 s would run out, and this process answers anyway.
  await Promise.race([guard, delay(GUARD_WAIT_MS)]);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const reply = await work.reply;
    // Too late for a modal (it must be the first answer): say so rather than leave the person waiting.
    const cards = reply.form
      ? [
          ...reply.cards,
          {
            lines: [translator(callerLocale(deps, caller), deps.timeZone)('discord.formTooSlow')],
            tone: 'warning' as const,
          },
        ]
      : reply.cards;
    const [first, ...rest] = toPayload({ cards });
    if (!first) {
      await interaction.deleteReply();
      return;
    }
    await interaction.editReply(first);
    for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
  } finally {
    await (await guard)?.done();
  }
}

/**
 * Discord cannot show errors under a modal's fields: the refusal says what was wrong and gives the
 * answers back, so nothing typed is lost.
 */
function refusedForm(
  deps: Deps,
  caller: Caller,
  refused: Record<string, string>,
  values: Record<string, string>,
): Reply {
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  const typed = Object.entries(values).filter(([, value]) => value.trim());
  return {
    cards: [
      {
        title: t('discord.formRefused'),
        lines: Object.values(refused),
        ...(typed.length > 0 ? { fields: typed.map(([label, value]) => ({ label, value })) } : {}),
        tone: 'warning',
      },
    ],
  };
}

async function onReaction(
  deps: Deps,
  lease: Pick<GatewayLease, 'holds'>,
  emoji: string,
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
): Promise<void> {
  if (user.bot || reaction.emoji.name !== emoji || !(await lease.holds())) return;
  const message = reaction.message.partial ? await reaction.message.fetch() : reaction.message;
  if (!message.guildId) return;
  const caller: Caller = { workspace: message.guildId, user: user.id, room: message.channelId };
  // Only messages in incident channels are evidence: skip every other pushpin.
  if (!(await deps.store.findByRoom(caller.workspace, caller.room))) return;
  const reply = await dispatch(deps, caller, { type: 'capture', message: describeMessage(message) });
  // No ephemeral message outside an interaction: the person who reacted hears back privately.
  for (const card of reply.cards) await deps.chat.dm(user.id, card);
}

function callerOf(interaction: DiscordInteraction): Caller | null {
  if (!interaction.guildId || !interaction.channelId) return null;
  return {
    workspace: interaction.guildId,
    user: interaction.user.id,
    room: interaction.channelId,
    locale: localeOf(interaction.locale),
  };
}

/** Discord's locales (`es-ES`, `es-419`, `fr`, `en-US`…) to calma's. */
export function localeOf(discordLocale: string): Locale {
  if (discordLocale.startsWith('es')) return 'es';
  if (discordLocale.startsWith('fr')) return 'fr';
  return 'en';
}

function describeMessage(message: Message | PartialMessage): CapturedMessage {
  return {
    author: message.author?.id ?? '',
    text: message.content ?? '',
    postedAt: message.createdAt.toISOString(),
    link: message.url,
  };
}

function toPayload(reply: Pick<Reply, 'cards'>) {
  return cardsToMessages(reply.cards).map(sendable);
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
