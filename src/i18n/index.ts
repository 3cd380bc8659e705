import i18next, { type i18n } from 'i18next';
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
 * out only where none is (user errors), and then UTC.
 */
export function translator(locale: Locale, timeZone: string = DEFAULT_TIME_ZONE): Translator {
  const fixed = instance.getFixedT(locale);
  const t = ((key: MessageKey, params?: Params) => fixed(key, params ?? {})) as Translator;
  t.locale = locale;
  t.timeZone = timeZone;
  return t;
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
  return t(error.key as MessageKey, params);
}

export function roleName(t: Translator, role: string): string {
  return t(`roles.${role}` as MessageKey);
}

export function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
