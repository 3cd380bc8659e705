import i18next, { type i18n } from 'i18next';
import { NETWORK_IDS, type NetworkId } from '../core/networks';
import type { UserError } from '../core/result';
import { DEFAULT_TIME_ZONE } from '../core/time-zone';
import { LOCALES, type Locale, ROLES, type Role } from '../core/types';
import { en, enNamespaces } from './en';
import { es, esNamespaces } from './es';
import { fr, frNamespaces } from './fr';

/**
 * Every message key, derived from the English catalogue: `'step.done'`, `'roles.lead'`, … A plural
 * message (`held_one`, `held_other`) is asked for by its base key with a `count`: `'alerts.held'`.
 */
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];
type Singular<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
export type MessageKey = Keys<typeof en>;

export type Params = Record<string, string | number>;
/** Speaks to one reader: in their language, with every time shown in their time zone. */
export interface Translator {
  (key: MessageKey, params?: Params): string;
  locale: Locale;
  /** IANA name of the zone times are shown in (`when` in src/cards/format.ts). */
  timeZone: string;
}

export const catalogues = { en, es, fr } as const;
/** The shape every language fills in. */
export type Catalogue = typeof en;

/** The catalogues by language and i18next namespace (one per feature: commands, cards, alerts…). */
export const namespaces = { en: enNamespaces, es: esNamespaces, fr: frNamespaces } as const;
const NAMESPACES = Object.keys(enNamespaces);

/**
 * One i18next instance for the process (a well-kept library: interpolation, fallbacks, plural rules per
 * language). Resources are bundled TypeScript objects, so loading is synchronous and typos in keys fail
 * the typecheck; es and fr are typed against en, so a missing translation fails it too. Each feature is
 * a namespace; a key's first part is unique across them, so `t('step.done')` needs no namespace: the
 * lookup falls through the namespaces to the one that has it.
 */
const instance: i18n = i18next.createInstance();
void instance.init({
  resources: namespaces,
  ns: NAMESPACES,
  defaultNS: NAMESPACES[0],
  fallbackNS: NAMESPACES,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * `timeZone` is the team's (calma.yaml `timezone`, `Deps.timeZone`) wherever a time may be shown; left
 * out only where none is (user errors), and then UTC. One translator per language and zone is kept
 * (they hold nothing else), and what it says is memoised (`lookup`): rendering a card asks for dozens of
 * fixed strings, and i18next's own path costs tens of microseconds per lookup.
 */
export function translator(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE): Translator {
  const id = `${locale}\u0000${timeZone}`;
  let t = translators.get(id);
  if (!t) {
    t = ((key: MessageKey, params?: Params) => lookup(locale, key, params)) as Translator;
    t.locale = locale;
    t.timeZone = timeZone;
    translators.set(id, t);
  }
  return t;
}

const translators = new Map<string, Translator>();
/** i18next's `t` for one language, as calma calls it. */
type FixedT = (key: string, options: Record<string, unknown>) => string;
const fixedTs = new Map<Locale, FixedT>();

/** i18next's own answer: the reference every memoised one is equal to. */
export function i18nextLookup(
  locale: Locale,
  key: string,
  params?: Params,
  skipInterpolation = false,
): string {
  let fixed = fixedTs.get(locale);
  if (!fixed) {
    fixed = instance.getFixedT(locale) as unknown as FixedT;
    fixedTs.set(locale, fixed);
  }
  return fixed(key, skipInterpolation ? { ...params, skipInterpolation } : (params ?? {}));
}

/** Messages without parameters, by language and key: the catalogues never change while calma runs. */
const fixedMessages = new Map<string, string>();
/**
 * A message's text before interpolation, by language, key and plural form, split at its placeholders;
 * null when i18next has to interpolate it itself (a placeholder with a format, a path or nesting).
 */
const templates = new Map<string, readonly (string | { name: string })[] | null>();
/** i18next's placeholder (its default `{{` … `}}`); names are trimmed, as i18next does. */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Parameters i18next reads as options, not as values: messages given one of them go through i18next. */
const OPTIONS = new Set([
  'context',
  'defaultValue',
  'interpolation',
  'joinArrays',
  'keyPrefix',
  'lng',
  'lngs',
  'ns',
  'nest',
  'ordinal',
  'postProcess',
  'replace',
  'returnDetails',
  'returnObjects',
  'skipInterpolation',
]);
const pluralRules = new Map<string, Intl.PluralRules>();

/** The plural form i18next would pick for `count`, in the language and in the English fallback. */
function pluralForm(locale: Locale, count: unknown): string {
  if (count === undefined) return '';
  if (typeof count !== 'number') return 'text';
  const rule = (code: string) => {
    let rules = pluralRules.get(code);
    if (!rules) {
      rules = new Intl.PluralRules(code);
      pluralRules.set(code, rules);
    }
    return rules.select(count);
  };
  return `${count === 0 ? 'zero:' : ''}${rule(locale)}:${rule('en')}`;
}

function compile(text: string): readonly (string | { name: string })[] | null {
  if (text.includes('$t(')) return null;
  const parts: (string | { name: string })[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!PLAIN_NAME.test(name)) return null;
    parts.push(text.slice(at, match.index), { name });
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

/**
 * What i18next says for `key` in `locale` with `params`, memoised: a message without parameters once per
 * language; one with parameters is i18next's template for its plural form (asked once), its placeholders
 * filled in here as i18next fills them (each value as a string, once: a value that looks like a
 * placeholder stays as it is). Anything else (a missing value, an option among the parameters) is
 * i18next's to answer. test/unit/i18n/memo.test.ts holds every message of every language to it.
 */
function lookup(locale: Locale, key: string, params: Params | undefined): string {
  if (!params || Object.keys(params).length === 0) {
    const id = `${locale}\u0000${key}`;
    let text = fixedMessages.get(id);
    if (text === undefined) {
      text = i18nextLookup(locale, key);
      // Only messages the catalogues have are kept: a key built from people's text stays unmemoised.
      if (text !== key) fixedMessages.set(id, text);
    }
    return text;
  }
  for (const name in params) if (OPTIONS.has(name)) return i18nextLookup(locale, key, params);
  const id = `${locale}\u0000${key}\u0000${pluralForm(locale, params.count)}`;
  let template = templates.get(id);
  if (template === undefined) {
    const count = params.count;
    const text = i18nextLookup(locale, key, count === undefined ? {} : { count }, true);
    template = compile(text);
    if (text !== key) templates.set(id, template);
  }
  if (template === null) return i18nextLookup(locale, key, params);
  let text = '';
  for (const part of template) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = params[part.name];
    if (value === undefined) return i18nextLookup(locale, key, params);
    text += String(value);
  }
  return text;
}

/** A user error in the user's language; role names in its parameters are translated too. */
export function explain(t: Translator, error: UserError): string {
  const params: Params = { ...error.params };
  // Only known role ids are translated: `role.unknown` quotes what the user typed as it was.
  if (typeof params.role === 'string' && isRole(params.role)) params.role = roleName(t, params.role);
  if (typeof params.roles === 'string') {
    params.roles = params.roles
      .split(', ')
      .map((r) => roleName(t, r))
      .join(', ');
  }
  if (typeof params.network === 'string' && isNetwork(params.network)) {
    params.network = networkName(t, params.network);
  }
  return t(error.key as MessageKey, params);
}

/** A network's name in the reader's language ("X", "Asunto del correo"). */
export const networkName = (t: Translator, network: NetworkId): string => t(`network.${network}`);

const isNetwork = (value: string): value is NetworkId => (NETWORK_IDS as readonly string[]).includes(value);

export function roleName(t: Translator, role: string): string {
  return t(`roles.${role}` as MessageKey);
}

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
