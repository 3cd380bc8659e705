import { fail, ok, type Result } from './result';
import { LOCALES, type Locale, type Role, type Severity, type UserId } from './types';

/**
 * The `/crisis` grammar, shared by every adapter: Slack and the console pass the text after `/crisis`;
 * Discord builds the same typed commands from its options. `#N` right after the subcommand names the incident.
 */
export type Command =
  | { name: 'open'; playbook?: string; severity?: Severity; title: string }
  | { name: 'status'; incident?: number }
  | { name: 'list'; all: boolean }
  | { name: 'note'; incident?: number; text: string }
  | { name: 'role'; incident?: number; role: Role; user: UserId }
  | { name: 'sev'; incident?: number; severity: Severity }
  | { name: 'step'; incident?: number; verb: 'show' | 'done'; step?: number }
  | { name: 'step'; incident?: number; verb: 'skip'; step?: number; reason: string }
  | { name: 'step'; incident?: number; verb: 'assign'; step?: number; user: UserId }
  | { name: 'lang'; incident?: number; locale: Locale }
  | { name: 'help' };

export const SUBCOMMANDS = ['open', 'status', 'list', 'note', 'role', 'sev', 'step', 'lang', 'help'] as const;

/** Role names people type, in the three languages, accents removed. */
const ROLE_ALIASES: Record<string, Role> = {
  lead: 'lead',
  lider: 'lead',
  responsable: 'lead',
  il: 'lead',
  comms: 'comms',
  comunicacion: 'comms',
  communication: 'comms',
  portavoz: 'comms',
  cl: 'comms',
  approver: 'approver',
  aprobador: 'approver',
  aprobadora: 'approver',
  approbateur: 'approver',
  approbatrice: 'approver',
  scribe: 'scribe',
  secretario: 'scribe',
  secretaria: 'scribe',
  relator: 'scribe',
  listener: 'listener',
  escucha: 'listener',
  veille: 'listener',
  sme: 'sme',
  experto: 'sme',
  experta: 'sme',
  tecnico: 'sme',
  expert: 'sme',
  technique: 'sme',
  support: 'support',
  soporte: 'support',
  atencion: 'support',
  moderation: 'support',
  legal: 'legal',
  juridique: 'legal',
  juridico: 'legal',
  dpo: 'legal',
  hr: 'hr',
  rrhh: 'hr',
  rh: 'hr',
};

const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');

export function parseRole(token: string): Role | null {
  return ROLE_ALIASES[fold(token)] ?? null;
}

/** `sev1`, `SEV2`, `s3` or a bare `4`. Anything else is not a severity. */
export function parseSeverity(token: string): Severity | null | 'invalid' {
  const match = /^(?:sev|s)?(\d+)$/i.exec(token);
  if (!match) return null;
  const level = Number(match[1]);
  return level >= 1 && level <= 4 ? (level as Severity) : 'invalid';
}

/**
 * `<@U123>`, `<@U123|ana>` (Slack), `<!subteam^S123|@comms>` (a Slack user group), `<@123>` / `<@!123>`
 * (Discord) or `@ana` (console).
 */
export function parseUser(token: string): UserId | null {
  const platform = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (platform?.[1]) return platform[1];
  const group = /^<!subteam\^([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (group?.[1]) return group[1];
  const plain = /^@([\p{L}\p{N}._-]+)$/u.exec(token);
  return plain?.[1] ?? null;
}

export interface ParseContext {
  /** Known playbook ids, so `/crisis open <playbook> ...` can tell a playbook from a title word. */
  playbooks: string[];
}

export function parseCommand(text: string, context: ParseContext): Result<Command> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  // `#N` names the incident before or right after the subcommand, or at the end of a command without
  // free text (`sev 2 #7`); inside a note, a title or a reason it is text (`note see #12`).
  const last = tokens.length - 1;
  const carriesText =
    ['note', 'open'].includes(tokens[0]?.toLowerCase() ?? '') || /^skip$/i.test(tokens[1] ?? '');
  const refAt = [0, 1, ...(carriesText ? [] : [last])].find((i) => i >= 0 && /^#\d+$/.test(tokens[i] ?? ''));
  const incident = refAt === undefined ? undefined : Number(tokens[refAt]?.slice(1));
  const rest = tokens.filter((_, i) => i !== refAt);
  const [typed, ...typedArgs] = rest;
  // `/crisis sev2` is read as `/crisis sev 2`, so `sev9` gets the severity answer, not "unknown command".
  const glued = typed ? /^sev(\d+)$/i.exec(typed) : null;
  const [name, args] = glued ? ['sev', [glued[1] ?? '']] : [typed, typedArgs];
  const target = incident === undefined ? {} : { incident };
  switch (name?.toLowerCase()) {
    case undefined:
    case 'help':
      return ok({ name: 'help' });
    case 'open':
      return parseOpen(args, context);
    case 'status':
      return ok({
        name: 'status',
        ...target,
        ...(args[0] && /^\d+$/.test(args[0]) ? { incident: Number(args[0]) } : {}),
      });
    case 'list':
      return ok({ name: 'list', all: args[0]?.toLowerCase() === 'all' });
    case 'note':
      // The note keeps its own spacing and line breaks: it is the text people will read later.
      return args.length > 0
        ? ok({ name: 'note', ...target, text: afterTokens(text, refAt === undefined ? 1 : 2) })
        : fail('note.empty');
    case 'role':
      return parseRoleCommand(args, target);
    case 'sev':
      return parseSevCommand(args, target);
    case 'step':
      return parseStep(args, target);
    case 'lang': {
      const locale = args[0]?.toLowerCase();
      return LOCALES.includes(locale as Locale)
        ? ok({ name: 'lang', ...target, locale: locale as Locale })
        : fail('lang.usage', { locales: LOCALES.join(', ') });
    }
    default:
      return fail('command.unknown', { name: name ?? '' });
  }
}

function parseOpen(args: string[], context: ParseContext): Result<Command> {
  const words = [...args];
  let playbook: string | undefined;
  let severity: Severity | undefined;
  const first = words[0];
  if (first && context.playbooks.includes(first.toLowerCase())) {
    playbook = first.toLowerCase();
    words.shift();
  } else if (first && looksLikePlaybook(first, words[1], context.playbooks)) {
    // `open hacked-acount sev1 ...`: a playbook id was meant; say which ones exist rather than guess.
    return fail('open.unknownPlaybook', { playbook: first, playbooks: context.playbooks.join(', ') });
  }
  // Only `sevN` counts as a severity here: a bare number starts titles ("3 accounts hacked").
  const sev = words[0] && SEV_TOKEN.test(words[0]) ? parseSeverity(words[0]) : null;
  if (sev === 'invalid') return fail('sev.invalid', { value: words[0] ?? '' });
  if (sev) {
    severity = sev;
    words.shift();
  }
  // An empty title is not an error here: the handler answers with the open form, pre-filled.
  const title = words.join(' ').trim();
  return ok({ name: 'open', title, ...(playbook ? { playbook } : {}), ...(severity ? { severity } : {}) });
}

const SEV_TOKEN = /^sev\d+$/i;

/**
 * A first word that is not a known playbook id but was meant as one: kebab-case and followed by a
 * severity (`hacked-acount sev1 ...`), or a near miss of a real id. `e-mail caído` stays a title.
 */
function looksLikePlaybook(word: string, next: string | undefined, playbooks: string[]): boolean {
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(word)) return false;
  return (next !== undefined && SEV_TOKEN.test(next)) || playbooks.some((id) => editDistance(word, id) <= 2);
}

/** Levenshtein distance, for telling a typo of a playbook id from a title word. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The text after the first `count` words, with its spacing and line breaks kept. */
function afterTokens(text: string, count: number): string {
  return text
    .trim()
    .replace(new RegExp(`^(?:\\S+\\s+){${count}}`), '')
    .trim();
}

function parseRoleCommand(args: string[], target: { incident?: number }): Result<Command> {
  const [roleToken, userToken] = args;
  if (!roleToken) return fail('role.usage');
  const role = parseRole(roleToken);
  if (!role) return fail('role.unknown', { role: roleToken });
  const user = userToken ? parseUser(userToken) : null;
  if (!user) return fail('role.noUser', { role, id: role });
  return ok({ name: 'role', ...target, role, user });
}

function parseSevCommand(args: string[], target: { incident?: number }): Result<Command> {
  const severity = args[0] ? parseSeverity(args[0]) : null;
  if (!severity || severity === 'invalid') return fail('sev.invalid', { value: args[0] ?? '' });
  return ok({ name: 'sev', ...target, severity });
}

function parseStep(args: string[], target: { incident?: number }): Result<Command> {
  const [verbToken, ...rest] = args;
  const verb = verbToken?.toLowerCase() ?? 'show';
  const number = rest[0] && /^\d+$/.test(rest[0]) ? Number(rest.shift()) : undefined;
  const step = number === undefined ? {} : { step: number - 1 };
  switch (verb) {
    case 'show':
    case 'done':
      return ok({ name: 'step', ...target, verb, ...step });
    case 'skip':
      return rest.length > 0
        ? ok({ name: 'step', ...target, verb, ...step, reason: rest.join(' ') })
        : fail('step.skipUsage');
    case 'assign': {
      const user = rest[0] ? parseUser(rest[0]) : null;
      return user ? ok({ name: 'step', ...target, verb, ...step, user }) : fail('step.assignUsage');
    }
    default:
      return fail('step.usage');
  }
}
