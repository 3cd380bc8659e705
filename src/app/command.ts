import { z } from 'zod';
import type { HelpArg } from '../cards/help';
import { type CommandGrammar, grammarOf, type ParseContext, type VerbGrammar } from '../core/grammar';
import { fail, ok, type Result } from '../core/result';
import type { Catalogue, MessageKey } from '../i18n';
import type { Caller, Deps, Reply } from './deps';

/**
 * A `/crisis` subcommand, defined once next to its handler (handlers/<command>.ts) and listed in
 * handlers/index.ts. From the definitions come the text grammar (Slack, console), Discord's subcommands
 * (src/discord/commands.ts), the help card (src/cards/help.ts) and the README's command table
 * (scripts/readme-commands.ts). docs/architecture.md, "Adding a command", walks through one.
 */

/** An option's name and description: `discord.option.<text>` in the catalogues. */
export type OptionText = keyof Catalogue['discord']['option'];

/** An argument as a typed option (Discord's): what the person picks or types, and the argument it fills. */
export interface TypedOption {
  key: string;
  text: OptionText;
  type: 'string' | 'integer' | 'boolean' | 'mentionable';
  required?: boolean;
  /** A string's longest length (default: the platform's longest); an integer's highest value. */
  max?: number;
  choices?: 'playbook' | 'severity' | 'role' | 'language' | 'network';
  /** The argument from the option's value, where they differ (`sev2` → 2; step 3 → index 2). */
  read?(value: string | number | boolean): unknown;
}

/**
 * Who may run a command. Today's rules depend on the statement or step named, so core checks them
 * where the state is, atomically (src/core/statement.ts, src/core/incident.ts); the definition says
 * which applies, for the help, the docs and reviewers.
 * - `anyone`: anyone who can type `/crisis` in the workspace.
 * - `approvers`: someone holding an approval role the statement requires (to approve: not its author).
 * - `step-approvers`: anyone, except that a step needing approval is done by one of its approvers.
 */
export type Access = 'anyone' | 'approvers' | 'step-approvers';

export interface VerbDefinition extends VerbGrammar {
  options?: readonly TypedOption[];
}

export interface CommandDefinition<N extends string = string, S extends z.ZodType = z.ZodType>
  extends CommandGrammar {
  name: N;
  /** The arguments the handler takes; text and options are both checked against it. */
  args: S;
  /** The command as typed options, required ones first; `#N` is the `incident` option. */
  options?: readonly TypedOption[];
  verbs?: Readonly<Record<string, VerbDefinition>>;
  /** Its help line after `/crisis `, placeholders in the reader's language. */
  usage(arg: (name: HelpArg) => string): string;
  /** What it does, in the help card and the README. */
  help: MessageKey;
  access: Access;
  run(deps: Deps, caller: Caller, args: z.output<S>, registry: Registry): Promise<Reply>;
}

/** Keeps a definition's types: its handler takes what its schema gives. */
export const defineCommand = <const N extends string, S extends z.ZodType>(
  definition: CommandDefinition<N, S>,
): CommandDefinition<N, S> => definition;

/** A command as parsed or received: its name and its arguments. */
export type CommandOf<D> =
  D extends CommandDefinition<infer N, infer S>
    ? // A command without arguments (`help`): zod types `{}` as a record of nothing.
      z.output<S> extends Record<string, never>
      ? { name: N }
      : { name: N } & z.output<S>
    : never;

export interface Registry<C extends { name: string } = { name: string }> {
  /** In the order the help, Discord and the README list them. */
  readonly commands: readonly CommandDefinition[];
  /** The text after `/crisis` (Slack, console). */
  parse(text: string, context: ParseContext): Result<C>;
  /** Typed options (Discord's), by argument: checked against the command's schema. */
  fromOptions(name: string, verb: string | undefined, values: Readonly<Record<string, unknown>>): Result<C>;
  run(deps: Deps, caller: Caller, command: C): Promise<Reply>;
}

/** The registry of these commands. Nothing typed after `/crisis` is `help`. */
export function createRegistry<const D extends readonly CommandDefinition[]>(
  commands: D,
): Registry<CommandOf<D[number]>> {
  type C = CommandOf<D[number]>;
  const grammar = grammarOf(commands, 'help');
  const byName = new Map<string, CommandDefinition>(commands.map((c) => [c.name, c]));

  /** The command with its arguments, as its schema makes them (defaults filled in). */
  function checked(definition: CommandDefinition, verb: string | undefined, values: object) {
    const args = definition.args.safeParse({ ...values, ...(verb === undefined ? {} : { verb }) });
    return args.success ? ({ name: definition.name, ...(args.data as object) } as C) : null;
  }

  const registry: Registry<C> = {
    commands,
    parse(text, context) {
      const parsed = grammar(text, context);
      if (!parsed.ok) return parsed;
      const { command, verb, values } = parsed.value;
      const result = checked(command, verb, values);
      // The grammar and the schema are one definition: a mismatch is a bug, not the user's mistake.
      if (!result) throw new Error(`/crisis ${command.name}: the text read does not fit the schema`);
      return ok(result);
    },
    fromOptions(name, verb, values) {
      const definition = byName.get(name);
      if (!definition) return fail('command.unknown', { name });
      const known = definition.verbs
        ? verb !== undefined && Object.hasOwn(definition.verbs, verb)
        : verb === undefined;
      if (!known) return fail('command.badOptions');
      const options = (verb === undefined ? definition.options : definition.verbs?.[verb]?.options) ?? [];
      const read = Object.fromEntries(
        options.flatMap((option) => {
          const value = values[option.key];
          if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return [];
          return [[option.key, option.read ? option.read(value) : value]];
        }),
      );
      const result = checked(definition, verb, read);
      return result ? ok(result) : fail('command.badOptions');
    },
    run(deps, caller, { name, ...args }) {
      const definition = byName.get(name);
      if (!definition) throw new Error(`/crisis ${name} is not registered`);
      return definition.run(deps, caller, args, registry as Registry);
    },
  };
  return registry;
}

/** The highest incident number an option takes, and the highest of any other number (a step, a statement…). */
export const MAX_INCIDENT = 999_999_999;
const MAX_NUMBER = 9999;

/** Typed options as definitions write them. */
export const option = {
  string: (key: string, text: OptionText, extra: Partial<TypedOption> = {}): TypedOption => ({
    key,
    text,
    type: 'string',
    ...extra,
  }),
  integer: (key: string, text: OptionText, extra: Partial<TypedOption> = {}): TypedOption => ({
    key,
    text,
    type: 'integer',
    max: MAX_NUMBER,
    ...extra,
  }),
  boolean: (key: string, text: OptionText): TypedOption => ({ key, text, type: 'boolean' }),
  /** A person or a group (a Discord role, held by everyone with it, like a Slack user group). */
  mentionable: (key: string, text: OptionText, required: boolean): TypedOption => ({
    key,
    text,
    type: 'mentionable',
    ...(required ? { required } : {}),
  }),
  /** `#N` as an option: the incident, when not this channel's. */
  incident: (): TypedOption => ({ key: 'incident', text: 'incident', type: 'integer', max: MAX_INCIDENT }),
};

/** `#N`, or a typed option: the incident, when not the room's (src/app/target.ts). */
export const incidentArg = z.number().optional();
