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
import { ADD_TO_EVIDENCE, OPEN_FROM_MESSAGE, optionsToCommandText } from './commands';
import { decodeFormId, encodeFormId, formToModal, readModalValues, submittedFields } from './modal';
import { actionOfCustomId, cardsToMessages, sendable } from './render';

/**
 * Discord wants an answer to an interaction within 3 s. A handler that is done by then answers
 * directly (a modal can only be opened that way); a slower one is deferred and followed up.
 */
const ANSWER_WITHIN_MS = 2000;

type Answerable =
  | ChatInputCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction
  | MessageContextMenuCommandInteraction;

export interface DiscordListenerOptions {
  deps: Deps;
  /** Reacting with this emoji in an incident channel captures the message. */
  captureReaction: string;
}

/**
 * Discord's interactions and reactions in, typed interactions to `dispatch` out, replies back to the
 * person who asked (ephemeral). A failure to answer is logged, never thrown into discord.js.
 */
export function registerDiscordListeners(client: Client, options: DiscordListenerOptions): void {
  const { deps } = options;
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(deps, interaction).catch((error: unknown) =>
      deps.log.error({ err: error, interaction: interaction.id }, 'could not answer a Discord interaction'),
    );
  });
  client.on(Events.MessageReactionAdd, (reaction, user) => {
    onReaction(deps, options.captureReaction, reaction, user).catch((error: unknown) =>
      deps.log.error({ err: error }, 'could not capture a reacted message'),
    );
  });
}

async function onInteraction(deps: Deps, interaction: DiscordInteraction): Promise<void> {
  if (!interaction.isRepliable()) return;
  const caller = callerOf(interaction);
  if (!interaction.inGuild() || !caller) {
    await interaction.reply({
      content: translator(deps.locale)('discord.guildOnly'),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  if (interaction.isChatInputCommand()) {
    const text = optionsToCommandText(interaction.options.data);
    const work =
      text === null
        ? Promise.resolve(problem(callerLocale(deps, caller), { key: 'discord.badCommand' }))
        : dispatch(deps, caller, { type: 'command', text });
    return answer(deps, caller, interaction, work);
  }
  if (interaction.isButton()) {
    const action = actionOfCustomId(interaction.customId);
    const value = action ? encodeAction(action) : '';
    return answer(deps, caller, interaction, dispatch(deps, caller, { type: 'action', value }));
  }
  if (interaction.isModalSubmit()) {
    const submitted = decodeFormId(interaction.customId);
    if (!submitted) {
      return answer(
        deps,
        caller,
        interaction,
        Promise.resolve(problem(callerLocale(deps, caller), { key: 'errors.staleButton' })),
      );
    }
    const values = readModalValues(
      { fields: submittedFields(interaction.components) },
      interaction.components,
    );
    const refused = formErrors(deps, caller, submitted.kind, values);
    const work: Promise<Reply> = refused
      ? Promise.resolve(refusedForm(deps, caller, refused, values))
      : dispatch(deps, caller, { type: 'form', kind: submitted.kind, args: submitted.args, values });
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
      const capture: Interaction = { type: 'capture', message, explicit: true };
      return answer(deps, caller, interaction, dispatch(deps, caller, capture));
    }
  }
  if (interaction.isCommand() || interaction.isMessageComponent()) {
    await interaction.reply({
      ...toPayload(problem(callerLocale(deps, caller), { key: 'errors.staleButton' }))[0],
      flags: MessageFlags.Ephemeral,
    });
  }
}

/**
 * Answers with the handler's reply: directly when it is ready in time (a form opens as a modal), else
 * deferred (ephemeral) and filled in when it is. Nothing to say: the interaction is acknowledged quietly.
 */
async function answer(
  deps: Deps,
  caller: Caller,
  interaction: Answerable,
  work: Promise<Reply>,
): Promise<void> {
  const early = await Promise.race([work, delay(ANSWER_WITHIN_MS).then(() => null)]);
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
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = await work;
  // Too late for a modal (it must be the first answer): say so rather than leave the person waiting.
  const cards = reply.form
    ? [
        ...reply.cards,
        { lines: [translator(callerLocale(deps, caller))('discord.formTooSlow')], tone: 'warning' as const },
      ]
    : reply.cards;
  const [first, ...rest] = toPayload({ cards });
  if (!first) {
    await interaction.deleteReply();
    return;
  }
  await interaction.editReply(first);
  for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
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
  const t = translator(callerLocale(deps, caller));
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
  emoji: string,
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
): Promise<void> {
  if (user.bot || reaction.emoji.name !== emoji) return;
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
