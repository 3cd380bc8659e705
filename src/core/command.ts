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
  | { name: 'update'; incident?: number; text: string }
  | { name: 'approve'; incident?: number; statement: number }
  | { name: 'reject'; incident?: number; statement: number; reason: string }
  | { name: 'edit'; incident?: number; statement: number; text: string }
  | { name: 'question'; incident?: number; text: string }
  | { name: 'answer'; incident?: number; question: number; text: string; statement?: number }
  | { name: 'evidence'; incident?: number; url: string; note: string }
  | { name: 'postmortem'; incident?: number }
  | { name: 'close'; incident?: number; resolution: string }
  | { name: 'reopen'; incident?: number; reason: string }
  | { name: 'followup'; incident?: number; verb: 'add'; text: string; owner?: UserId }
  | { name: 'followup'; incident?: number; verb: 'done'; followup: number }
  | { name: 'followup'; incident?: number; verb: 'list' }
  | { name: 'stats'; days: number }
  | { name: 'drill'; playbook?: string; scenario?: string }
  | { name: 'delete'; incident: number }
  | { name: 'help' };

export const SUBCOMMANDS = [
  'open',
  'status',
  'list',
  'note',
  'role',
  'sev',
  'step',
  'update',
  'approve',
  'reject',
  'edit',
  'question',
  'answer',
  'evidence',
  'postmortem',
  'close',
  'reopen',
  'followup',
  'stats',
  'drill',
  'delete',
  'lang',
  'help',
] as const;

/** Subcommands whose last words are free text, where `#12` is text rather than an incident. */
const TEXT_COMMANDS = [
  'note',
  'open',
  'update',
  'reject',
  'edit',
  'question',
  'answer',
  'evidence',
  'close',
  'reopen',
  'followup',
];

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
 * (Discord), `<@&123>` (a Discord role: `&123`, everyone holding it, as a Slack group stands for its
 * members) or `@ana` (console).
 */
export function parseUser(token: string): UserId | null {
  const role = /^<@&(\d+)>$/.exec(token);
  if (role?.[1]) return `&${role[1]}`;
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
    TEXT_COMMANDS.includes(tokens[0]?.toLowerCase() ?? '') || /^skip$/i.test(tokens[1] ?? '');
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
        ? ok({ name: 'note', ...target, text: afterTokens(text, words(refAt, 1)) })
        : fail('note.empty');
    case 'role':
      return parseRoleCommand(args, target);
    case 'sev':
      return parseSevCommand(args, target);
    case 'step':
      return parseStep(args, target);
    case 'update':
      // An empty update is not an error: the handler answers with the drafting form.
      return ok({ name: 'update', ...target, text: afterTokens(text, words(refAt, 1)) });
    case 'question':
      return args.length > 0
        ? ok({ name: 'question', ...target, text: afterTokens(text, words(refAt, 1)) })
        : fail('question.empty');
    case 'approve':
    case 'reject':
    case 'edit':
      return parseStatementCommand(name.toLowerCase() as 'approve', args, text, refAt, target);
    case 'answer':
      return parseAnswer(args, text, refAt, target);
    case 'postmortem':
      return ok({ name: 'postmortem', ...target });
    case 'evidence': {
      // Slack wraps links in angle brackets: <https://x.com/...> or <https://...|label>.
      const url = (args[0] ?? '').replace(/^<([^|>]+)(?:\|[^>]*)?>$/, '$1');
      return url
        ? ok({ name: 'evidence', ...target, url, note: afterTokens(text, words(refAt, 2)) })
        : fail('evidence.usage');
    }
    // Without text, close and reopen answer with a form.
    case 'close':
      return ok({ name: 'close', ...target, resolution: afterTokens(text, words(refAt, 1)) });
    case 'reopen':
      return ok({ name: 'reopen', ...target, reason: afterTokens(text, words(refAt, 1)) });
    case 'followup':
      return parseFollowup(args, afterTokens(text, words(refAt, 1)), target);
    case 'stats':
      return parseStats(args);
    case 'drill':
      return parseDrill(args);
    case 'delete': {
      // Deleting is for good: the drill is named explicitly, `#N` (or a bare number), never guessed.
      const seq =
        incident ?? (args.length === 1 && /^\d{1,9}$/.test(args[0] ?? '') ? Number(args[0]) : undefined);
      return seq !== undefined && (incident === undefined || args.length === 0)
        ? ok({ name: 'delete', incident: seq })
        : fail('drill.deleteUsage');
    }
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

/** `drill [playbook] [scenario]`: ids only; whether they exist is the handler's to say, with the lists. */
function parseDrill(args: string[]): Result<Command> {
  if (args.length > 2) return fail('drill.usage');
  const [playbook, scenario] = args.map((arg) => arg.toLowerCase());
  return ok({ name: 'drill', ...(playbook ? { playbook } : {}), ...(scenario ? { scenario } : {}) });
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
  if (text.trim().split(/\s+/).length <= count) return '';
  return text
    .trim()
    .replace(new RegExp(`^(?:\\S+\\s+){${count}}`), '')
    .trim();
}

/** How many words come before a command's free text: `count`, plus the `#N` (always before the text). */
const words = (refAt: number | undefined, count: number): number => (refAt === undefined ? count : count + 1);

/** `S2`, `s2` or `2`: a statement number. */
export function parseStatementNumber(token: string | undefined): number | null {
  const match = token ? /^s?(\d{1,4})$/i.exec(token) : null;
  return match ? Number(match[1]) : null;
}

/** `Q2`, `q2` or `2`: a question number. */
function parseQuestionNumber(token: string | undefined): number | null {
  const match = token ? /^q?(\d{1,4})$/i.exec(token) : null;
  return match ? Number(match[1]) : null;
}

function parseStatementCommand(
  name: 'approve' | 'reject' | 'edit',
  args: string[],
  text: string,
  refAt: number | undefined,
  target: { incident?: number },
): Result<Command> {
  const statement = parseStatementNumber(args[0]);
  if (statement === null) return fail(`statement.${name}Usage`);
  if (name === 'approve') return ok({ name, ...target, statement });
  // Reason and text may be empty here: the handler answers with a form, pre-filled for an edit.
  const rest = afterTokens(text, words(refAt, 2));
  return name === 'reject'
    ? ok({ name, ...target, statement, reason: rest })
    : ok({ name, ...target, statement, text: rest });
}

/** `answer Q2 <text>`, or `answer Q2 S3` when a published statement answers it. */
function parseAnswer(
  args: string[],
  text: string,
  refAt: number | undefined,
  target: { incident?: number },
): Result<Command> {
  const question = parseQuestionNumber(args[0]);
  if (question === null || args.length < 2) return fail('question.answerUsage');
  const rest = afterTokens(text, words(refAt, 2));
  const linked = /^s(\d{1,4})\b[\s:,.-]*/i.exec(rest);
  if (linked) {
    return ok({
      name: 'answer',
      ...target,
      question,
      statement: Number(linked[1]),
      text: rest.slice(linked[0].length),
    });
  }
  return ok({ name: 'answer', ...target, question, text: rest });
}

/** `F2`, `f2` or `2`: a follow-up number. */
function parseFollowupNumber(token: string | undefined): number | null {
  const match = token ? /^f?(\d{1,4})$/i.exec(token) : null;
  return match ? Number(match[1]) : null;
}

/**
 * `followup` alone lists them; `followup done F1` marks one done; anything else is a new follow-up,
 * its owner an @mention at the very end (`followup Rotate the API keys @ana`).
 */
function parseFollowup(args: string[], rest: string, target: { incident?: number }): Result<Command> {
  if (args.length === 0) return ok({ name: 'followup', ...target, verb: 'list' });
  if (args[0]?.toLowerCase() === 'done') {
    const followup = parseFollowupNumber(args[1]);
    if (followup !== null && args.length === 2)
      return ok({ name: 'followup', ...target, verb: 'done', followup });
    // `done` alone or `done F1 and more` is a mistake; `done` followed by words is a follow-up's text.
    if (args.length === 1 || followup !== null) return fail('followup.doneUsage');
  }
  const last = args.at(-1) ?? '';
  const owner = parseUser(last);
  const body = owner ? rest.slice(0, rest.lastIndexOf(last)).trim() : rest;
  if (!body) return fail('followup.empty');
  return ok({ name: 'followup', ...target, verb: 'add', text: body, ...(owner ? { owner } : {}) });
}

/** `stats` (the last 30 days) or `stats 90`. */
export const STATS_DEFAULT_DAYS = 30;
export const STATS_MAX_DAYS = 3660;

function parseStats(args: string[]): Result<Command> {
  if (args.length === 0) return ok({ name: 'stats', days: STATS_DEFAULT_DAYS });
  const days = args.length === 1 && /^\d{1,4}$/.test(args[0] ?? '') ? Number(args[0]) : 0;
  return days >= 1 && days <= STATS_MAX_DAYS
    ? ok({ name: 'stats', days })
    : fail('stats.usage', { max: STATS_MAX_DAYS });
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
