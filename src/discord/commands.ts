import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandStringOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale as DiscordLocale,
  InteractionContextType,
  type LocalizationMap,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { registry } from '../../handlers/index';
import type { CommandDefinition, TypedOption } from '../app/command';
import type { Names } from '../core/grammar';
import { NETWORK_IDS } from '../core/networks';
import { LOCALES, ROLES, SEVERITIES } from '../core/types';
import type { Catalogue } from '../i18n';
import { catalogues } from '../i18n';
import type { Playbook } from '../playbook/schema';

/**
 * calma's Discord application commands as REST JSON (https://discord.com/developers/docs/interactions/application-commands):
 * `/crisis` with one subcommand per command of the registry (handlers/index.ts), its verbs as a group
 * (`/crisis step done`), and two message context-menu commands. Texts come from the `discord` section
 * of the catalogues, names from the definitions, in Discord's locales.
 */

export const CRISIS_COMMAND = 'crisis';
/** Message context-menu commands: their English name is the one interactions carry. */
export const OPEN_FROM_MESSAGE = catalogues.en.discord.menu.open;
export const ADD_TO_EVIDENCE = catalogues.en.discord.menu.evidence;

/**
 * Discord refuses a command whose names, descriptions, choice names and values add up to more than this,
 * counting for each text its longest localisation (APPLICATION_COMMAND_TOO_LARGE).
 */
export const COMMAND_SIZE_LIMIT = 8000;
/** Choices per option. */
const MAX_CHOICES = 25;
/** Discord's longest string option. */
const MAX_STRING = 6000;

type Texts = Catalogue['discord'];
type OptionKey = keyof Texts['option'];
type CommandKey = keyof Texts['command'];

/** The Discord locales each calma language is shown in (Discord has two Spanish ones). */
const DISCORD_LOCALES = [
  [DiscordLocale.SpanishES, 'es'],
  [DiscordLocale.SpanishLATAM, 'es'],
  [DiscordLocale.French, 'fr'],
] as const;

/** A text in each of Discord's locales calma speaks, from the catalogue of its language. */
function localizations(pick: (catalogue: Catalogue, locale: 'es' | 'fr') => string): LocalizationMap {
  return Object.fromEntries(
    DISCORD_LOCALES.map(([discord, calma]) => [discord, pick(catalogues[calma], calma)]),
  );
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const truncated = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

// ---------------------------------------------------------------------------------------------------------
// Options

/** An option's name and description, localised. */
function optionTexts(key: OptionKey) {
  return {
    name: catalogues.en.discord.option[key].name,
    name_localizations: localizations((c) => c.discord.option[key].name),
    description: catalogues.en.discord.option[key].description,
    description_localizations: localizations((c) => c.discord.option[key].description),
  };
}

/** The English option name: what a received interaction calls the option. */
const optionName = (key: OptionKey): string => catalogues.en.discord.option[key].name;

type Choices = Record<
  NonNullable<TypedOption['choices']>,
  APIApplicationCommandOptionChoice<string>[] | undefined
>;

/** A definition's typed option as Discord's. */
function discordOption(option: TypedOption, choices: Choices): APIApplicationCommandBasicOption {
  const texts = { ...optionTexts(option.text), ...(option.required ? { required: true } : {}) };
  switch (option.type) {
    case 'integer':
      return { type: ApplicationCommandOptionType.Integer, ...texts, min_value: 1, max_value: option.max };
    case 'boolean':
      return { type: ApplicationCommandOptionType.Boolean, ...texts };
    case 'mentionable':
      return { type: ApplicationCommandOptionType.Mentionable, ...texts };
    case 'string': {
      const listed = option.choices ? choices[option.choices] : undefined;
      return {
        type: ApplicationCommandOptionType.String,
        ...texts,
        ...(listed ? { choices: listed } : { max_length: Math.min(option.max ?? MAX_STRING, MAX_STRING) }),
      } satisfies APIApplicationCommandStringOption;
    }
  }
}

function severityChoices(): APIApplicationCommandOptionChoice<string>[] {
  return SEVERITIES.map((level) => ({ name: `SEV${level}`, value: `sev${level}` }));
}

function roleChoices(): APIApplicationCommandOptionChoice<string>[] {
  return ROLES.map((role) => ({
    name: capitalised(catalogues.en.roles[role]),
    name_localizations: localizations((c) => capitalised(c.roles[role])),
    value: role,
  }));
}

function networkChoices(): APIApplicationCommandOptionChoice<string>[] {
  return NETWORK_IDS.map((network) => ({
    name: catalogues.en.network[network],
    name_localizations: localizations((c) => c.network[network]),
    value: network,
  }));
}

/** Each language by its own name: someone picking theirs recognises it in any interface language. */
function languageChoices(): APIApplicationCommandOptionChoice<string>[] {
  return LOCALES.map((locale) => ({
    name: capitalised(catalogues[locale].languages[locale]),
    value: locale,
  }));
}

export type PlaybookChoice = Pick<Playbook, 'id' | 'title'>;

/** Undefined past 25 playbooks: the option then takes any id, and `/crisis open` names the known ones. */
function playbookChoices(
  playbooks: PlaybookChoice[],
): APIApplicationCommandOptionChoice<string>[] | undefined {
  if (playbooks.length === 0 || playbooks.length > MAX_CHOICES) return undefined;
  return playbooks.map((p) => ({
    name: truncated(p.title.en, 100),
    name_localizations: localizations((_, locale) => truncated(p.title[locale], 100)),
    value: p.id,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Subcommands

/**
 * A subcommand's or group's description (`discord.command.<name>`, a verb's `<name><Verb>`: `stepDone`).
 * Names are localised too: a Spanish Discord shows `/crisis paso hecho`, which the text grammar reads as well.
 */
function described(name: string, names: Names, key: string) {
  const description = catalogues.en.discord.command[key as CommandKey];
  if (!description) throw new Error(`discord.command.${key} is missing from the catalogues`);
  return {
    name,
    name_localizations: localizations((_, locale) => names[locale]),
    description,
    description_localizations: localizations((c) => c.discord.command[key as CommandKey]),
  };
}

const verbKey = (command: string, verb: string) => `${command}${capitalised(verb)}`;

/** A command of the registry: a subcommand, or a group of its verbs. */
function subcommand(
  definition: CommandDefinition,
  choices: Choices,
): APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption {
  const { name, names, verbs } = definition;
  if (!verbs) {
    return {
      type: ApplicationCommandOptionType.Subcommand,
      ...described(name, names, name),
      options: (definition.options ?? []).map((o) => discordOption(o, choices)),
    };
  }
  return {
    type: ApplicationCommandOptionType.SubcommandGroup,
    ...described(name, names, name),
    options: Object.entries(verbs).map(([verb, spec]) => ({
      type: ApplicationCommandOptionType.Subcommand,
      ...described(verb, spec.names, verbKey(name, verb)),
      options: (spec.options ?? []).map((o) => discordOption(o, choices)),
    })),
  };
}

function crisisCommand(
  commands: readonly CommandDefinition[],
  playbooks: APIApplicationCommandOptionChoice<string>[] | undefined,
) {
  const choices: Choices = {
    playbook: playbooks,
    severity: severityChoices(),
    role: roleChoices(),
    language: languageChoices(),
    network: networkChoices(),
  };
  return {
    type: ApplicationCommandType.ChatInput,
    name: CRISIS_COMMAND,
    description: catalogues.en.discord.command.crisis,
    description_localizations: localizations((c) => c.discord.command.crisis),
    options: commands.map((definition) => subcommand(definition, choices)),
    default_member_permissions: null,
    contexts: [InteractionContextType.Guild],
  } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;
}

function messageCommand(key: keyof Texts['menu']): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.Message,
    name: catalogues.en.discord.menu[key],
    name_localizations: localizations((c) => c.discord.menu[key]),
    default_member_permissions: null,
    contexts: [InteractionContextType.Guild],
  };
}

interface Sized {
  name?: string;
  name_localizations?: LocalizationMap | null;
  description?: string;
  description_localizations?: LocalizationMap | null;
  value?: string | number;
  options?: readonly Sized[];
  choices?: readonly Sized[];
}

/** A text's share of the size: its longest localisation. */
function longest(text: string | undefined, localised: LocalizationMap | null | undefined): number {
  return Math.max(text?.length ?? 0, ...Object.values(localised ?? {}).map((t) => t?.length ?? 0));
}

/** The size Discord holds against COMMAND_SIZE_LIMIT. */
export function commandSize(command: Sized): number {
  const own =
    longest(command.name, command.name_localizations) +
    longest(command.description, command.description_localizations) +
    String(command.value ?? '').length;
  return [...(command.options ?? []), ...(command.choices ?? [])].reduce(
    (sum, o) => sum + commandSize(o),
    own,
  );
}

/**
 * The body of `PUT /applications/{app}/commands` (or the guild's): `/crisis` and the two message commands.
 * Playbooks are choices of the playbook options (titles localised) while they fit, 25 and within the
 * command's size; past that, the options take an id and `/crisis open` answers with the known ones.
 */
export function discordCommands(
  playbooks: PlaybookChoice[],
  commands: readonly CommandDefinition[] = registry.commands,
): RESTPutAPIApplicationCommandsJSONBody {
  const withChoices = crisisCommand(commands, playbookChoices(playbooks));
  const crisis =
    commandSize(withChoices) <= COMMAND_SIZE_LIMIT ? withChoices : crisisCommand(commands, undefined);
  return [crisis, messageCommand('open'), messageCommand('evidence')];
}

// ---------------------------------------------------------------------------------------------------------
// A received command → its arguments

/**
 * An option of a received chat-input command: raw API JSON (`data.options`), or discord.js's
 * `interaction.options.data`, which resolves a mentionable into `user` / `member` or `role`.
 */
export interface ReceivedOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: readonly ReceivedOption[];
  role?: unknown;
}

/** Raw `data` (options plus `resolved`), or discord.js's `interaction.options.data`. */
export type ReceivedCommand =
  | readonly ReceivedOption[]
  | { options?: readonly ReceivedOption[]; resolved?: { roles?: Record<string, unknown> } };

/** A received `/crisis` command: its (English) name, its verb, its options' values by argument. */
export interface Received {
  name: string;
  verb?: string;
  values: Record<string, string | number | boolean>;
}

const SNOWFLAKE = /^\d{1,20}$/;

/** An option's value as its argument takes it: a user `id`, a role `&id`, a whole number, trimmed text. */
function argumentOf(
  option: ReceivedOption,
  roles: Record<string, unknown>,
): string | number | boolean | undefined {
  const { type, value } = option;
  if (value === undefined) return undefined;
  const id = String(value);
  switch (type) {
    case ApplicationCommandOptionType.User:
      return SNOWFLAKE.test(id) ? id : undefined;
    case ApplicationCommandOptionType.Role:
      return SNOWFLAKE.test(id) ? `&${id}` : undefined;
    case ApplicationCommandOptionType.Mentionable: {
      if (!SNOWFLAKE.test(id)) return undefined;
      const isRole = Boolean(option.role) || Object.hasOwn(roles, id);
      return isRole ? `&${id}` : id;
    }
    case ApplicationCommandOptionType.Boolean:
      return typeof value === 'boolean' ? value : undefined;
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
    default:
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }
}

function isOptionList(data: ReceivedCommand): data is readonly ReceivedOption[] {
  return Array.isArray(data);
}

/**
 * A received `/crisis` command with its options' values by argument (`role` → `{ role: 'legal', user:
 * '&123' }`), for the registry to check against the command's schema: no text is parsed again. Null when
 * the data holds no subcommand; it never throws (the data comes from the network).
 */
export function receivedCommand(
  data: ReceivedCommand,
  commands: readonly CommandDefinition[] = registry.commands,
): Received | null {
  const top = isOptionList(data) ? data : (data.options ?? []);
  const roles = isOptionList(data) ? {} : (data.resolved?.roles ?? {});
  const [first] = top;
  if (!first || typeof first.name !== 'string') return null;
  const isGroup = first.type === ApplicationCommandOptionType.SubcommandGroup;
  const [verbOption] = isGroup ? (first.options ?? []) : [];
  if (isGroup ? !verbOption : first.type !== ApplicationCommandOptionType.Subcommand) return null;
  const definition = commands.find((c) => c.name === first.name);
  const verb = verbOption && typeof verbOption.name === 'string' ? verbOption.name : undefined;
  const declared = (verb === undefined ? definition?.options : definition?.verbs?.[verb]?.options) ?? [];
  const values: Record<string, string | number | boolean> = {};
  for (const option of (verbOption ?? first).options ?? []) {
    const spec = declared.find((d) => optionName(d.text) === option.name);
    const value = spec ? argumentOf(option, roles) : undefined;
    if (spec && value !== undefined) values[spec.key] = value;
  }
  return { name: first.name, ...(verb === undefined ? {} : { verb }), values };
}
