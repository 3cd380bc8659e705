import { fail, ok, type Result } from './result';
import { LOCALES, type Locale, type Role, type Severity, type UserId } from './types';

/**
 * The `/crisis` grammar, shared by every adapter: Slack and the console pass the text after `/crisis`;
 * Discord builds the same typed commands from its options. `#N` anywhere names the incident explicitly.
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

/** `<@U123>`, `<@U123|ana>` (Slack), `<@123>` / `<@!123>` (Discord) or `@ana` (console). */
export function parseUser(token: string): UserId | null {
  const platform = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (platform?.[1]) return platform[1];
  const plain = /^@([\p{L}\p{N}._-]+)$/u.exec(token);
  return plain?.[1] ?? null;
}

export interface ParseContext {
  /** Known playbook ids, so `/crisis open <playbook> ...` can tell a playbook from a title word. */
  playbooks: string[];
}

export function parseCommand(text: string, context: ParseContext): Result<Command> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  let incident: number | undefined;
  const rest: string[] = [];
  for (const token of tokens) {
    const ref = /^#(\d+)$/.exec(token);
    if (ref && incident === undefined) incident = Number(ref[1]);
    else rest.push(token);
  }
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
      return args.length > 0 ? ok({ name: 'note', ...target, text: args.join(' ') }) : fail('note.empty');
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
  } else if (first && (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(first) || (words[1] && parseSeverity(words[1])))) {
    // `open hacked-acount sev1 ...`: a playbook id was meant; say which ones exist rather than guess.
    return fail('open.unknownPlaybook', { playbook: first, playbooks: context.playbooks.join(', ') });
  }
  const sev = words[0] ? parseSeverity(words[0]) : null;
  if (sev === 'invalid') return fail('sev.invalid', { value: words[0] ?? '' });
  if (sev) {
    severity = sev;
    words.shift();
  }
  const title = words.join(' ').trim();
  if (!title) return fail('open.emptyTitle');
  return ok({ name: 'open', title, ...(playbook ? { playbook } : {}), ...(severity ? { severity } : {}) });
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
