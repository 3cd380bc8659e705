import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildMember,
  type APIInteractionDataResolvedGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandGuildInteraction,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmissionComponent,
  type APIModalSubmitGuildInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  type ModalSubmitComponent,
} from 'discord.js';
import {
  BOT_PERMISSIONS,
  DISCORD_SEED,
  EVERYONE_PERMISSIONS,
  type FakeChannel,
  interactionToken,
  snowflake,
} from './fake-discord';

/**
 * INTERACTION_CREATE payloads (`d`) shaped as Discord sends them, for `fake.sendInteraction(…)`: typed with
 * discord-api-types (re-exported by discord.js), with a fresh id and token each, sent by a seeded member of
 * the seeded guild (see DISCORD_SEED in fake-discord.ts).
 */

export interface InteractionContext {
  /** Who acted; a seeded user (default ana), so their roles and membership are known. */
  user?: APIUser;
  /** Where; e.g. `fake.channel(id)`. Default the seeded #general. */
  channel?: Pick<FakeChannel, 'id' | 'type'> & Partial<FakeChannel>;
  /** Default `DISCORD_SEED.guildId`; pass `fake.guildId` when the fake was started with another. */
  guildId?: string;
  /** The user's client language. Default en-US. */
  locale?: Locale;
  /** The guild's preferred locale. Default en-US. */
  guildLocale?: Locale;
  /** The command's id (Discord's id of the registered command). Default a fresh snowflake. */
  commandId?: string;
}

type InteractionChannel = NonNullable<APIChatInputApplicationCommandGuildInteraction['channel']>;

const JOINED_AT = '2024-01-15T09:00:00.000Z';

function rolesOf(user: APIUser): string[] {
  const roles = DISCORD_SEED.memberRoles[user.id];
  if (!roles) throw new Error(`discord-payloads: ${user.username} (${user.id}) is not a seeded member`);
  return [...roles];
}

/** The member fields Discord sends about someone in an interaction (`member`, `resolved.members`). */
function memberFields(user: APIUser): APIInteractionDataResolvedGuildMember {
  return {
    roles: rolesOf(user),
    nick: null,
    avatar: null,
    banner: null,
    joined_at: JOINED_AT,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
    flags: 0 as GuildMemberFlags,
    // The fake models no permission overwrites: everyone has @everyone's.
    permissions: EVERYONE_PERMISSIONS,
  };
}

/** What every guild interaction carries, whatever its type. */
function base(context: InteractionContext) {
  const user = context.user ?? DISCORD_SEED.users.ana;
  const guildId = context.guildId ?? DISCORD_SEED.guildId;
  const guildLocale = context.guildLocale ?? Locale.EnglishUS;
  const channel = context.channel ?? {
    id: DISCORD_SEED.channels.general,
    type: ChannelType.GuildText,
    name: 'general',
  };
  const member: APIGuildMember & { permissions: string; user: APIUser } = {
    ...memberFields(user),
    user,
    deaf: false,
    mute: false,
  };
  return {
    id: snowflake(),
    application_id: DISCORD_SEED.applicationId,
    token: interactionToken(),
    version: 1 as const,
    guild_id: guildId,
    guild: { id: guildId, locale: guildLocale, features: [] },
    channel_id: channel.id,
    // Its `type` says which kind of channel this is; the types cannot follow that from a variable.
    channel: {
      guild_id: guildId,
      parent_id: null,
      nsfw: false,
      flags: 0,
      ...channel,
      // Part of the channel object in interactions: what the acting member may do there.
      permissions: EVERYONE_PERMISSIONS,
    } as InteractionChannel,
    member,
    app_permissions: BOT_PERMISSIONS,
    locale: context.locale ?? Locale.EnglishUS,
    guild_locale: guildLocale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10_485_760,
  };
}

// --- Slash commands ---------------------------------------------------------------------------------------

/** An option of a subcommand, with its value as Discord sends it (user options as the user's id). */
export type CommandOption =
  APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommand>;

export function stringOption(name: string, value: string): CommandOption {
  return { name, type: ApplicationCommandOptionType.String, value };
}

export function integerOption(name: string, value: number): CommandOption {
  return { name, type: ApplicationCommandOptionType.Integer, value };
}

export function booleanOption(name: string, value: boolean): CommandOption {
  return { name, type: ApplicationCommandOptionType.Boolean, value };
}

/** A user option; the user must be a seeded one, as Discord also sends them in `resolved`. */
export function userOption(name: string, user: APIUser): CommandOption {
  return { name, type: ApplicationCommandOptionType.User, value: user.id };
}

const SEEDED_USERS: APIUser[] = [...Object.values(DISCORD_SEED.users), DISCORD_SEED.bot];

/** `resolved.users` and `resolved.members` for the given user ids, as Discord sends them. */
function resolvedUsers(ids: string[]) {
  const users = ids.map((id) => {
    const user = SEEDED_USERS.find((u) => u.id === id);
    if (!user) throw new Error(`discord-payloads: user ${id} is not a seeded member`);
    return user;
  });
  return {
    users: Object.fromEntries(users.map((user) => [user.id, user])),
    members: Object.fromEntries(users.map((user) => [user.id, memberFields(user)])),
  };
}

/** `/crisis <subcommand> [options]` (a chat-input command whose options are one subcommand). */
export function slashCommand(
  subcommand: string,
  options: CommandOption[] = [],
  context: InteractionContext & { command?: string } = {},
): APIChatInputApplicationCommandGuildInteraction {
  const userIds = options
    .filter((o) => o.type === ApplicationCommandOptionType.User)
    .map((o) => String(o.value));
  return {
    ...base(context),
    type: InteractionType.ApplicationCommand,
    data: {
      id: context.commandId ?? snowflake(),
      name: context.command ?? 'crisis',
      type: ApplicationCommandType.ChatInput,
      options: [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options }],
      ...(userIds.length > 0 ? { resolved: resolvedUsers(userIds) } : {}),
    },
  };
}

/** A message context-menu command (right-click → Apps → `name`) on `target`. */
export function messageCommand(
  name: string,
  target: APIMessage,
  context: InteractionContext = {},
): APIMessageApplicationCommandGuildInteraction {
  return {
    ...base({ channel: { id: target.channel_id, type: ChannelType.GuildText }, ...context }),
    type: InteractionType.ApplicationCommand,
    data: {
      id: context.commandId ?? snowflake(),
      name,
      type: ApplicationCommandType.Message,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
    },
  };
}

// --- Message components -----------------------------------------------------------------------------------

/** A click on the button `customId` of `message` (e.g. one from `fake.messagesIn(…)`). */
export function buttonClick(
  customId: string,
  message: APIMessage,
  context: InteractionContext = {},
): APIMessageComponentButtonInteraction & APIMessageComponentGuildFields {
  return {
    ...base({ channel: { id: message.channel_id, type: ChannelType.GuildText }, ...context }),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message,
  };
}

type APIMessageComponentGuildFields = Required<
  Pick<APIMessageComponentButtonInteraction, 'guild_id' | 'member'>
>;

// --- Modal submits ----------------------------------------------------------------------------------------

/** One input of a submitted modal: its submitted value, and how it was laid out. */
export interface ModalField {
  component: ModalSubmitComponent;
  /** In an action row (the legacy layout, text inputs only) instead of a Label. */
  legacy: boolean;
}

/** A text input in a Label (type 18), the current layout. */
export function textInput(customId: string, value: string): ModalField {
  return { component: { type: ComponentType.TextInput, custom_id: customId, value }, legacy: false };
}

/** A text input in an action row, the layout modals had before Labels. */
export function legacyTextInput(customId: string, value: string): ModalField {
  return { component: { type: ComponentType.TextInput, custom_id: customId, value }, legacy: true };
}

export function stringSelect(customId: string, values: string[]): ModalField {
  return { component: { type: ComponentType.StringSelect, custom_id: customId, values }, legacy: false };
}

/** A user select; the users must be seeded ones, as Discord also sends them in `resolved`. */
export function userSelect(customId: string, users: APIUser[]): ModalField {
  const values = users.map((user) => user.id);
  return { component: { type: ComponentType.UserSelect, custom_id: customId, values }, legacy: false };
}

export function checkbox(customId: string, value: boolean): ModalField {
  return { component: { type: ComponentType.Checkbox, custom_id: customId, value }, legacy: false };
}

/**
 * The submit of modal `customId`. Discord sends each field wrapped as it was laid out (Label or action row)
 * and numbers every component (`id`) in order, the wrapper before what it wraps.
 */
export function modalSubmit(
  customId: string,
  fields: ModalField[],
  context: InteractionContext = {},
): APIModalSubmitGuildInteraction {
  let id = 0;
  const components = fields.map((field): APIModalSubmissionComponent => {
    const wrapperId = ++id;
    const inner = { ...field.component, id: ++id };
    if (!field.legacy) return { type: ComponentType.Label, id: wrapperId, component: inner };
    if (inner.type !== ComponentType.TextInput)
      throw new Error('discord-payloads: action rows only hold text inputs');
    return { type: ComponentType.ActionRow, id: wrapperId, components: [inner] };
  });
  const userIds = fields.flatMap((field) =>
    field.component.type === ComponentType.UserSelect ? field.component.values : [],
  );
  return {
    ...base(context),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      components,
      ...(userIds.length > 0 ? { resolved: resolvedUsers(userIds) } : {}),
    },
  };
}
