import { fold, type Input, type Reader } from './grammar';
import { fail, ok, type Result, type UserError } from './result';
import { LOCALES, type Locale, type Role, type Severity, type UserId } from './types';

/**
 * The words of `/crisis`: how a severity, a person, a role or a numbered thing is typed, and the readers
 * commands' definitions are made of (src/core/grammar.ts reads them in turn).
 */

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
  valideur: 'approver',
  valideuse: 'approver',
  validateur: 'approver',
  validatrice: 'approver',
  scribe: 'scribe',
  secretario: 'scribe',
  secretaria: 'scribe',
  relator: 'scribe',
  encargado: 'scribe',
  encargada: 'scribe',
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

/** `S2`, `s2` or `2` (prefix `S`): a statement, question (`Q`) or follow-up (`F`) number. */
export function parseNumbered(prefix: 'S' | 'Q' | 'F', token: string | undefined): number | null {
  const match = token ? new RegExp(`^${prefix}?(\\d{1,4})$`, 'i').exec(token) : null;
  return match ? Number(match[1]) : null;
}

/** Slack wraps links in angle brackets: `<https://x.com/...>` or `<https://...|label>`. */
export const unwrapLink = (token: string): string => token.replace(/^<([^|>]+)(?:\|[^>]*)?>$/, '$1');

/** Words collapsed to single spaces: a title or a reason typed on one line. */
export const singleSpaced = (text: string): string => text.split(/\s+/).filter(Boolean).join(' ');

// ---------------------------------------------------------------------------------------------------------
// Readers

type Mistake = UserError | ((input: Input, token: string) => UserError);

const mistake = (m: Mistake, input: Input, token = ''): UserError =>
  typeof m === 'function' ? m(input, token) : m;

const error = (key: string, params?: Record<string, string | number>): UserError =>
  params ? { key, params } : { key };

/**
 * One word. `parse` says what it means: a value, a mistake, or null (not this kind of word). Without
 * `required`, a missing or other word is left to the next reader; with it, either is that mistake.
 */
export function word(
  key: string,
  parse: (token: string, input: Input, at: number) => Result<unknown> | null,
  required?: Mistake,
): Reader {
  return {
    key,
    read(input, at) {
      const token = input.tokens[at];
      const parsed = token === undefined ? null : parse(token, input, at);
      if (parsed === null) return required ? { ok: false, error: mistake(required, input, token) } : ok(at);
      if (!parsed.ok) return parsed;
      input.values[key] = parsed.value;
      return ok(at + 1);
    },
  };
}

/**
 * The rest of the text: `kept` as typed (a note, a statement: its line breaks are what people read
 * later), or `single`-spaced (a title, a skipped step's reason). `required`: nothing left is a mistake.
 */
export function text(key: string, spacing: 'kept' | 'single', required?: UserError): Reader {
  return {
    key,
    tail: true,
    read(input, at) {
      if (required && at >= input.tokens.length) return { ok: false, error: required };
      input.values[key] = spacing === 'kept' ? input.textFrom(at) : input.tokens.slice(at).join(' ');
      return ok(input.tokens.length);
    },
  };
}

/** `sev2`, `s2` or `2` (`bare`), or only `sev2` where a bare number may start a title. */
export function severity(key: string, options: { bare: boolean; required?: boolean }): Reader {
  const invalid = (_: Input, token: string) => error('sev.invalid', { value: token });
  return word(
    key,
    (token) => {
      if (!options.bare && !/^sev\d+$/i.test(token)) return null;
      const level = parseSeverity(token);
      if (level === 'invalid') return fail('sev.invalid', { value: token });
      return level === null ? null : ok(level);
    },
    options.required ? invalid : undefined,
  );
}

/** A person or a group: `<@U123>`, `<!subteam^S1|@legal>`, `<@&123>`, `@ana`. */
export const user = (key: string, required?: Mistake): Reader =>
  word(
    key,
    (token) => {
      const id = parseUser(token);
      return id === null ? null : ok(id);
    },
    required,
  );

/** A role, in any of the three languages; `usage` when none is given. */
export const role = (key: string, usage: UserError): Reader => ({
  key,
  read(input, at) {
    const token = input.tokens[at];
    if (token === undefined) return { ok: false, error: usage };
    const found = parseRole(token);
    if (!found) return fail('role.unknown', { role: token });
    input.values[key] = found;
    return ok(at + 1);
  },
});

/** `S2`, `Q2`, `F2` or `2`. */
export const numbered = (key: string, prefix: 'S' | 'Q' | 'F', required?: Mistake): Reader =>
  word(
    key,
    (token) => {
      const n = parseNumbered(prefix, token);
      return n === null ? null : ok(n);
    },
    required,
  );

/** Digits only, as `value` makes of them (a step typed `3` is index 2). */
export const digits = (key: string, value: (n: number) => number = (n) => n): Reader =>
  word(key, (token) => (/^\d+$/.test(token) ? ok(value(Number(token))) : null));

/** A whole number from `min` to `max`; digits out of range are `invalid`. */
export const integer = (key: string, min: number, max: number, invalid: UserError): Reader =>
  word(key, (token) => {
    if (!/^\d{1,9}$/.test(token)) return null;
    const n = Number(token);
    return n >= min && n <= max ? ok(n) : { ok: false, error: invalid };
  });

/** One of calma's languages, by its code. */
export const locale = (key: string): Reader =>
  word(
    key,
    (token) => {
      const code = token.toLowerCase();
      return LOCALES.includes(code as Locale) ? ok(code) : null;
    },
    error('lang.usage', { locales: LOCALES.join(', ') }),
  );

/** An id (a playbook's, a scenario's), lowercased; whether it exists is the handler's to say. */
export const id = (key: string): Reader => word(key, (token) => ok(token.toLowerCase()));

/** True when the word is one of `words` (`all`, `todas`, `toutes`); any other word is left alone. */
export const flag = (key: string, words: readonly string[]): Reader =>
  word(key, (token) => (words.includes(fold(token)) ? ok(true) : null));

/** A link, as typed or as Slack wraps it. */
export const link = (key: string, required: UserError): Reader =>
  word(
    key,
    (token) => {
      const url = unwrapLink(token);
      return url ? ok(url) : null;
    },
    required,
  );

/**
 * A known playbook id. A first word that is not one but was meant as one is a mistake that names the
 * known ones: kebab-case and followed by a severity (`hacked-acount sev1 ...`), or a near miss of a
 * real id. `e-mail caído` stays a title.
 */
export const playbook = (key: string): Reader =>
  word(key, (token, input, at) => {
    const playbooks = input.context.playbooks;
    if (playbooks.includes(token.toLowerCase())) return ok(token.toLowerCase());
    const next = input.tokens[at + 1];
    if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(token)) return null;
    const meant =
      (next !== undefined && /^sev\d+$/i.test(next)) || playbooks.some((p) => editDistance(token, p) <= 2);
    return meant ? fail('open.unknownPlaybook', { playbook: token, playbooks: playbooks.join(', ') }) : null;
  });

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

/** A severity option's value (`sev2`) as its level; anything else is none. */
export function severityOf(value: unknown): Severity | undefined {
  const level = typeof value === 'string' ? parseSeverity(value) : null;
  return level === null || level === 'invalid' ? undefined : level;
}
