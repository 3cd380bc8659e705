import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandIntegerOption,
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
import { STATS_MAX_DAYS, SUBCOMMANDS } from '../core/command';
import { MAX_FOLLOWUP_CHARS } from '../core/followup';
import { MAX_EVIDENCE_NOTE, MAX_RESOLUTION_CHARS, MAX_TITLE } from '../core/incident';
import { MAX_QUESTION_CHARS } from '../core/question';
import { MAX_STATEMENT_CHARS } from '../core/statement';
import { LOCALES, ROLES, SEVERITIES } from '../core/types';
import type { Catalogue } from '../i18n';
import { catalogues } from '../i18n';
import type { Playbook } from '../playbook/schema';

/**
 * calma's Discord application commands as REST JSON (https://discord.com/developers/docs/interactions/application-commands):
 * `/crisis` with one subcommand per word of the `/crisis` grammar (src/core/command.ts), and two message
 * context-menu commands. Texts come from the `discord` section of the catalogues, in Discord's locales.
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
const MAX_NUMBER = 9999;
const MAX_INCIDENT = 999_999_999;

type Subcommand = (typeof SUBCOMMANDS)[number];
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

/**
 * Option names and descriptions are localised. Subcommand names are not: every reply, the help card and
 * the docs quote `/crisis step skip …` in every language, and a Spanish picker showing `/crisis paso
 * omitir` would contradict them in the middle of a crisis. Their descriptions are localised.
 */
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

function text(
  key: OptionKey,
  max: number,
  extra: { required?: boolean; choices?: APIApplicationCommandOptionChoice<string>[] } = {},
): APIApplicationCommandStringOption {
  const { choices, required } = extra;
  return {
    type: ApplicationCommandOptionType.String,
    ...optionTexts(key),
    ...(required ? { required } : {}),
    ...(choices ? { choices } : { max_length: max }),
  };
}

function integer(key: OptionKey, max: number, required = false): APIApplicationCommandIntegerOption {
  return {
    type: ApplicationCommandOptionType.Integer,
    ...optionTexts(key),
    ...(required ? { required } : {}),
    min_value: 1,
    max_value: max,
  };
}

/** A person or a Discord role (`<@&id>`, held by everyone with the role, like a Slack user group). */
function mentionable(key: OptionKey, required: boolean): APIApplicationCommandBasicOption {
  return {
    type: ApplicationCommandOptionType.Mentionable,
    ...optionTexts(key),
    ...(required ? { required } : {}),
  };
}

const incident = (): APIApplicationCommandBasicOption => integer('incident', MAX_INCIDENT);

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

function describedBy(key: CommandKey) {
  return {
    description: catalogues.en.discord.command[key],
    description_localizations: localizations((c) => c.discord.command[key]),
  };
}

function sub(
  name: string,
  key: CommandKey,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, ...describedBy(key), options };
}

function group(
  name: string,
  key: CommandKey,
  options: APIApplicationCommandSubcommandOption[],
): APIApplicationCommandSubcommandGroupOption {
  return { type: ApplicationCommandOptionType.SubcommandGroup, name, ...describedBy(key), options };
}

type Definition = APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption;

/**
 * Every word of the grammar, with typed options in the grammar's order (required ones first, as Discord
 * wants). A subcommand added to the grammar fails the typecheck here until Discord has it too.
 */
function definitions(
  playbooks: APIApplicationCommandOptionChoice<string>[] | undefined,
): Record<Subcommand, Definition> {
  const playbook = (key: OptionKey) => text(key, 100, playbooks ? { choices: playbooks } : {});
  return {
    open: sub('open', 'open', [
      playbook('playbook'),
      text('severity', 10, { choices: severityChoices() }),
      text('title', MAX_TITLE),
    ]),
    status: sub('status', 'status', [incident()]),
    list: sub('list', 'list', [{ type: ApplicationCommandOptionType.Boolean, ...optionTexts('all') }]),
    note: sub('note', 'note', [text('noteText', MAX_STRING, { required: true }), incident()]),
    role: sub('role', 'role', [
      text('role', 20, { required: true, choices: roleChoices() }),
      mentionable('holder', true),
      incident(),
    ]),
    sev: sub('sev', 'sev', [
      text('severity', 10, { required: true, choices: severityChoices() }),
      incident(),
    ]),
    step: group('step', 'step', [
      sub('show', 'stepShow', [integer('step', MAX_NUMBER), incident()]),
      sub('done', 'stepDone', [integer('step', MAX_NUMBER), incident()]),
      sub('skip', 'stepSkip', [
        text('skipReason', MAX_STRING, { required: true }),
        integer('step', MAX_NUMBER),
        incident(),
      ]),
      sub('assign', 'stepAssign', [mentionable('assignee', true), integer('step', MAX_NUMBER), incident()]),
    ]),
    update: sub('update', 'update', [text('updateText', MAX_STATEMENT_CHARS), incident()]),
    approve: sub('approve', 'approve', [integer('statement', MAX_NUMBER, true), incident()]),
    reject: sub('reject', 'reject', [
      integer('statement', MAX_NUMBER, true),
      text('rejectReason', MAX_STRING),
      incident(),
    ]),
    edit: sub('edit', 'edit', [
      integer('statement', MAX_NUMBER, true),
      text('editText', MAX_STATEMENT_CHARS),
      incident(),
    ]),
    question: sub('question', 'question', [
      text('questionText', MAX_QUESTION_CHARS, { required: true }),
      incident(),
    ]),
    answer: sub('answer', 'answer', [
      integer('question', MAX_NUMBER, true),
      text('answerText', MAX_STATEMENT_CHARS),
      integer('answerStatement', MAX_NUMBER),
      incident(),
    ]),
    evidence: sub('evidence', 'evidence', [
      text('url', 2000, { required: true }),
      text('evidenceNote', MAX_EVIDENCE_NOTE),
      incident(),
    ]),
    postmortem: sub('postmortem', 'postmortem', [incident()]),
    close: sub('close', 'close', [text('resolution', MAX_RESOLUTION_CHARS), incident()]),
    reopen: sub('reopen', 'reopen', [text('reopenReason', MAX_STRING), incident()]),
    followup: group('followup', 'followup', [
      sub('add', 'followupAdd', [
        text('followupText', MAX_FOLLOWUP_CHARS, { required: true }),
        mentionable('owner', false),
        incident(),
      ]),
      sub('done', 'followupDone', [integer('followup', MAX_NUMBER, true), incident()]),
      sub('list', 'followupList', [incident()]),
    ]),
    stats: sub('stats', 'stats', [integer('days', STATS_MAX_DAYS)]),
    drill: sub('drill', 'drill', [playbook('drillPlaybook'), text('scenario', 100)]),
    delete: sub('delete', 'delete', [integer('drill', MAX_INCIDENT, true)]),
    lang: sub('lang', 'lang', [
      text('language', 10, { required: true, choices: languageChoices() }),
      incident(),
    ]),
    help: sub('help', 'help'),
  };
}

function crisisCommand(playbooks: APIApplicationCommandOptionChoice<string>[] | undefined) {
  const all = definitions(playbooks);
  return {
    type: ApplicationCommandType.ChatInput,
    name: CRISIS_COMMAND,
    ...describedBy('crisis'),
    options: SUBCOMMANDS.map((name) => all[name]),
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
export function discordCommands(playbooks: PlaybookChoice[]): RESTPutAPIApplicationCommandsJSONBody {
  const withChoices = crisisCommand(playbookChoices(playbooks));
  const crisis = commandSize(withChoices) <= COMMAND_SIZE_LIMIT ? withChoices : crisisCommand(undefined);
  return [crisis, messageCommand('open'), messageCommand('evidence')];
}

// ---------------------------------------------------------------------------------------------------------
// A received command → `/crisis` text

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

type Get = (key: OptionKey) => string;

const ref = (o: Get): string => (o('incident') ? `#${o('incident')}` : '');

/** Each subcommand's words, in the order `parseCommand` reads them; empty ones are dropped. */
const WORDS: Record<Subcommand, (o: Get, verb: string) => string[]> = {
  open: (o) => ['open', o('playbook'), o('severity'), o('title')],
  status: (o) => ['status', ref(o)],
  list: (o) => ['list', o('all') === 'true' ? 'all' : ''],
  note: (o) => ['note', ref(o), o('noteText')],
  role: (o) => ['role', ref(o), o('role'), o('holder')],
  sev: (o) => ['sev', ref(o), o('severity')],
  step: (o, verb) => [
    'step',
    ref(o),
    verb,
    o('step'),
    verb === 'skip' ? o('skipReason') : verb === 'assign' ? o('assignee') : '',
  ],
  update: (o) => ['update', ref(o), o('updateText')],
  approve: (o) => ['approve', ref(o), o('statement')],
  reject: (o) => ['reject', ref(o), o('statement'), o('rejectReason')],
  edit: (o) => ['edit', ref(o), o('statement'), o('editText')],
  question: (o) => ['question', ref(o), o('questionText')],
  answer: (o) => [
    'answer',
    ref(o),
    o('question'),
    o('answerStatement') ? `S${o('answerStatement')}` : '',
    o('answerText'),
  ],
  evidence: (o) => ['evidence', ref(o), o('url'), o('evidenceNote')],
  postmortem: (o) => ['postmortem', ref(o)],
  close: (o) => ['close', ref(o), o('resolution')],
  reopen: (o) => ['reopen', ref(o), o('reopenReason')],
  followup: (o, verb) =>
    verb === 'add'
      ? ['followup', ref(o), o('followupText'), o('owner')]
      : verb === 'done'
        ? ['followup', ref(o), 'done', o('followup')]
        : ['followup', ref(o)],
  stats: (o) => ['stats', o('days')],
  drill: (o) => ['drill', o('drillPlaybook'), o('scenario')],
  delete: (o) => ['delete', o('drill') ? `#${o('drill')}` : ''],
  lang: (o) => ['lang', ref(o), o('language')],
  help: () => ['help'],
};

const SNOWFLAKE = /^\d{1,20}$/;

/** An option's value as `/crisis` text: users `<@id>`, roles `<@&id>`, numbers as digits. */
function written(option: ReceivedOption, roles: Record<string, unknown>): string {
  const { type, value } = option;
  if (value === undefined) return '';
  const id = String(value);
  switch (type) {
    case ApplicationCommandOptionType.User:
      return SNOWFLAKE.test(id) ? `<@${id}>` : '';
    case ApplicationCommandOptionType.Role:
      return SNOWFLAKE.test(id) ? `<@&${id}>` : '';
    case ApplicationCommandOptionType.Mentionable: {
      if (!SNOWFLAKE.test(id)) return '';
      const isRole = Boolean(option.role) || Object.hasOwn(roles, id);
      return isRole ? `<@&${id}>` : `<@${id}>`;
    }
    case ApplicationCommandOptionType.Boolean:
      return value === true ? 'true' : '';
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : '';
    default:
      return typeof value === 'string' ? value.trim() : '';
  }
}

function isOptionList(data: ReceivedCommand): data is readonly ReceivedOption[] {
  return Array.isArray(data);
}

const isSubcommand = (name: string): name is Subcommand => (SUBCOMMANDS as readonly string[]).includes(name);

/**
 * A received `/crisis` command as the text `parseCommand` reads (`open hacked-account sev1 Spam on our
 * account`, `role #3 legal <@&123>`), so the handlers shared with Slack and the console run unchanged.
 * Null when the data holds no subcommand; it never throws (the data comes from the network).
 */
export function optionsToCommandText(data: ReceivedCommand): string | null {
  const top = isOptionList(data) ? data : (data.options ?? []);
  const roles = isOptionList(data) ? {} : (data.resolved?.roles ?? {});
  const [first] = top;
  if (!first || typeof first.name !== 'string') return null;
  const [verbOption] =
    first.type === ApplicationCommandOptionType.SubcommandGroup ? (first.options ?? []) : [];
  if (first.type === ApplicationCommandOptionType.SubcommandGroup && !verbOption) return null;
  if (first.type !== ApplicationCommandOptionType.Subcommand && !verbOption) return null;
  const leaves = (verbOption ?? first).options ?? [];
  const values = new Map(leaves.map((option) => [option.name, written(option, roles)]));
  const get: Get = (key) => values.get(optionName(key)) ?? '';
  if (!isSubcommand(first.name)) return first.name;
  return WORDS[first.name](get, verbOption?.name ?? '')
    .filter((word) => word !== '')
    .join(' ');
}
