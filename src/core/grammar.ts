import { fail, ok, type Result, type UserError } from './result';

/**
 * The `/crisis` text grammar, built from the commands' definitions (handlers/<command>.ts): Slack and
 * the console pass the text after `/crisis`. A command is named in any of its languages; its words are
 * read in turn by its readers (src/core/command.ts has the common ones); `#N` right before or after the
 * command's name names the incident, and so does `#N` at the very end of a command without free text.
 */

/** A command's or a verb's names besides its English one, which replies quote and Discord carries. */
export interface Names {
  es: string;
  fr: string;
  /** More words people type for it (`statut`, `saltar`): understood, never shown first. */
  also?: readonly string[];
}

export interface ParseContext {
  /** Known playbook ids, so `/crisis open <playbook> ...` can tell a playbook from a title word. */
  playbooks: readonly string[];
}

/** What a reader sees: the words after the command (and its verb), `#N` left out. */
export interface Input {
  readonly tokens: readonly string[];
  /** What was read so far (the incident of `#N` included); a reader adds its own. */
  readonly values: Record<string, unknown>;
  /** The text from word `at` on, its spacing and line breaks kept. */
  textFrom(at: number): string;
  readonly context: ParseContext;
}

/** Reads one argument from word `at`: the position of the next word, or the user's mistake. */
export interface Reader {
  /** The argument it fills. */
  key: string;
  /** Free text to the end: a `#12` at its end is text, not an incident. */
  tail?: boolean;
  read(input: Input, at: number): Result<number>;
}

/** The words read after a command (or one of its verbs). */
export interface Arguments {
  read?: readonly Reader[];
  /** Words left over are this mistake; without it they are ignored. */
  extra?: UserError;
}

export interface VerbGrammar extends Arguments {
  names: Names;
  /** False: never typed (`followup` alone lists); it is chosen by the command's `otherwise`. */
  typed?: boolean;
  /** When the verb's word counts as the verb, given the word after it (`followup done deal review`). */
  when?(next: string | undefined): boolean;
}

export interface CommandGrammar extends Arguments {
  name: string;
  names: Names;
  /** `/crisis sev2` reads as `/crisis sev 2` (a command without free text). */
  glued?: boolean;
  /** Subcommands (`step done`), their words typed right after the command's. */
  verbs?: Readonly<Record<string, VerbGrammar>>;
  /** The verb when none is typed, from the words after the command; or the mistake. */
  otherwise?(tokens: readonly string[]): Result<string>;
}

export interface Parsed<G extends CommandGrammar = CommandGrammar> {
  command: G;
  verb?: string;
  values: Record<string, unknown>;
}

/** Lowercase, accents removed: `État`, `etat` and `état` are one word. */
export const fold = (s: string): string => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

/** Every word a command or verb answers to, folded. */
const wordsOf = (name: string, names: Names): string[] => [
  ...new Set([name, names.es, names.fr, ...(names.also ?? [])].map(fold)),
];

const REF = /^#\d+$/;

/**
 * A parser for these commands. Nothing typed is `empty`. Two commands answering to one word is a
 * mistake in their definitions, refused here rather than resolved by order.
 */
export function grammarOf<G extends CommandGrammar>(
  commands: readonly G[],
  empty: string,
): (text: string, context: ParseContext) => Result<Parsed<G>> {
  const byWord = new Map<string, G>();
  for (const command of commands) {
    for (const word of wordsOf(command.name, command.names)) {
      const taken = byWord.get(word);
      if (taken && taken !== command) {
        throw new Error(`/crisis ${command.name} and /crisis ${taken.name} both answer to "${word}"`);
      }
      byWord.set(word, command);
    }
  }
  const fallback = commands.find((c) => c.name === empty);

  /** The command typed first, or glued to its first argument (`sev2`). */
  function find(typed: string): { command: G; glued?: string } | null {
    const command = byWord.get(fold(typed));
    if (command) return { command };
    const glued = /^(\D+)(\d+)$/.exec(typed);
    const prefix = glued?.[1] ? byWord.get(fold(glued[1])) : undefined;
    return prefix?.glued && glued?.[2] ? { command: prefix, glued: glued[2] } : null;
  }

  /** Whether the command written first takes free text, where a `#12` at the end is text. */
  function carriesText(tokens: readonly string[]): boolean {
    const found = tokens[0] === undefined ? null : find(tokens[0]);
    if (!found) return false;
    const verb = found.command.verbs ? pickVerb(found.command, tokens.slice(1)) : null;
    if (verb && !verb.ok) return false;
    const read = verb?.ok ? found.command.verbs?.[verb.value.verb]?.read : found.command.read;
    return (read ?? []).some((reader) => reader.tail);
  }

  return (text, context) => {
    const tokens = text.trim().split(/\s+/).filter(Boolean);
    const last = tokens.length - 1;
    // `#N` names the incident before or right after the command, or at the end of a command without
    // free text (`sev 2 #7`); inside a note, a title or a reason it is text (`note see #12`).
    const refAt = [0, 1, ...(carriesText(tokens) ? [] : [last])].find(
      (i) => i >= 0 && REF.test(tokens[i] ?? ''),
    );
    const values: Record<string, unknown> =
      refAt === undefined ? {} : { incident: Number(tokens[refAt]?.slice(1)) };
    const rest = tokens.filter((_, i) => i !== refAt);
    const [typed] = rest;
    if (typed === undefined) {
      return fallback ? ok({ command: fallback, values: {} }) : fail('command.unknown', { name: '' });
    }
    const found = find(typed);
    if (!found) return fail('command.unknown', { name: typed });
    const { command } = found;
    let args = found.glued === undefined ? rest.slice(1) : [found.glued, ...rest.slice(1)];
    let start = 1;
    let grammar: Arguments = command;
    let verb: string | undefined;
    if (command.verbs) {
      const picked = pickVerb(command, args);
      if (!picked.ok) return picked;
      verb = picked.value.verb;
      grammar = command.verbs[verb] ?? {};
      if (picked.value.typed) {
        args = args.slice(1);
        start += 1;
      }
    }
    // A word's place in what was typed: `#N` may sit before it.
    const original = (at: number) => at + (refAt !== undefined && at >= refAt ? 1 : 0);
    const input: Input = {
      tokens: args,
      values,
      context,
      textFrom: (at) => afterTokens(text, original(start + at)),
    };
    let at = 0;
    for (const reader of grammar.read ?? []) {
      const read = reader.read(input, at);
      if (!read.ok) return read;
      at = read.value;
    }
    if (at < args.length && grammar.extra) return { ok: false, error: grammar.extra };
    return ok({ command, ...(verb === undefined ? {} : { verb }), values });
  };
}

/** The verb typed first among `tokens`, else the command's `otherwise`. */
function pickVerb(
  command: CommandGrammar,
  tokens: readonly string[],
): Result<{ verb: string; typed: boolean }> {
  const [first, next] = tokens;
  const typed = Object.entries(command.verbs ?? {}).find(
    ([name, verb]) =>
      verb.typed !== false &&
      first !== undefined &&
      wordsOf(name, verb.names).includes(fold(first)) &&
      (verb.when?.(next) ?? true),
  );
  if (typed) return ok({ verb: typed[0], typed: true });
  const otherwise = command.otherwise?.(tokens) ?? fail('command.unknown', { name: command.name });
  return otherwise.ok ? ok({ verb: otherwise.value, typed: false }) : otherwise;
}

/** The text after the first `count` words, with its spacing and line breaks kept. */
function afterTokens(text: string, count: number): string {
  if (text.trim().split(/\s+/).length <= count) return '';
  return text
    .trim()
    .replace(new RegExp(`^(?:\\S+\\s+){${count}}`), '')
    .trim();
}
