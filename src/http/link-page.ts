import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { csrfValue, type LinkPlatform, MAX_TOKEN_LENGTH, sameValue } from '../app/approval-link';
import type { Deps } from '../app/deps';
import { type Clock, LOCALES, type Locale } from '../core/types';
import type { MessageKey, Translator } from '../i18n';
import { type Html, html, page, readCookie, sendPage } from './html';
import type { Route } from './server';

/**
 * What the pages behind a link share (the approval page, the draft editor): the reader's language before
 * the link is read, the form's CSRF cookie, and the one-message page a refusal or an outcome is.
 */

/** What a page behind a link needs to open one, the same for the approval page and the draft editor. */
export interface LinkPageSettings {
  /** CALMA_LINK_SECRET; with it or public_url unset, links are off and the page says so. */
  secret: string | undefined;
  publicUrl: string | null;
  /** The handlers' dependencies of the platform a link's holder is on, once it is started. */
  deps(platform: LinkPlatform): Deps | undefined;
  locale: Locale;
  clock: Clock;
  log: Logger;
}

/** The first of calma's languages the browser asks for (Accept-Language, by its q order), else the default. */
export function readerLocale(req: IncomingMessage, fallback: Locale): Locale {
  const asked = (req.headers['accept-language'] ?? '')
    .slice(0, 200)
    .split(',')
    .map((part, i) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) || 0, i };
    })
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (asked.find((a) => (LOCALES as readonly string[]).includes(a.lang))?.lang as Locale) ?? fallback;
}

/** Where a page's form cookie lives and for how long: under its own path, until the link expires. */
export interface FormCookie {
  name: string;
  path: string;
  publicUrl: string | null;
  /** The link's expiry, ms since the epoch. */
  expires: number;
  now: Date;
}

/** Sets a fresh SameSite=Strict cookie for the page's form and returns its value (the form's CSRF is made of it). */
export function setFormCookie(res: ServerResponse, cookie: FormCookie): string {
  const value = randomBytes(16).toString('base64url');
  const secure = cookie.publicUrl?.startsWith('https:') ? '; Secure' : '';
  const maxAge = Math.max(1, Math.floor((cookie.expires - cookie.now.getTime()) / 1000));
  res.setHeader(
    'set-cookie',
    `${cookie.name}=${value}; Path=${cookie.path}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`,
  );
  return value;
}

/**
 * The page's cookie when the posted form's `csrf` is the HMAC of the link's nonce and that cookie
 * (compared in constant time); null for a POST from anywhere but this page in this browser.
 */
export function checkedFormCookie(
  req: IncomingMessage,
  name: string,
  form: URLSearchParams,
  link: { secret: string; nonce: string },
): string | null {
  const cookie = readCookie(req, name);
  const csrf = form.get('csrf') ?? '';
  if (!cookie || !csrf || !sameValue(csrf, csrfValue(link.secret, link.nonce, cookie))) return null;
  return cookie;
}

/** calma's own sentences: `code` spans shown as code, everything else escaped. */
export function codeText(line: string): Html {
  return html`${line.split('`').map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`;
}

/** A page that says one thing: its title, calma's own sentences, and optionally more markup. */
export function messagePage(
  res: ServerResponse,
  status: number,
  t: Translator,
  style: string,
  content: { title: string; lines: string[]; more?: Html },
): void {
  const { title, lines, more = '' } = content;
  const body = html`<main><h1>${title}</h1>${lines.map((line) => html`<p>${codeText(line)}</p>`)}${more}</main>`;
  sendPage(res, status, page(t.locale, title, body, { style }));
}

/**
 * Why a link cannot be used, in the page's own words (`<prefix>.why.<why>`, `.refusedTitle`), and with
 * `next`, how to get a new link (`.next` for statement `n`, `.nextAny` when it is not known).
 */
export function refusalLines(
  t: Translator,
  prefix: 'approvalPage' | 'draftPage',
  why: string,
  n: number | undefined,
  next: boolean,
): { title: string; lines: string[] } {
  const how = next ? [n === undefined ? t(`${prefix}.nextAny`) : t(`${prefix}.next`, { n })] : [];
  const reason = t(`${prefix}.why.${why}` as MessageKey, n === undefined ? {} : { n });
  return { title: t(`${prefix}.refusedTitle`), lines: [reason, ...how] };
}

/**
 * The two routes of a page behind a link, `GET` and `POST /<base>/<token>`: the page, and its form.
 */
export function linkRoutes(
  base: string,
  show: (req: IncomingMessage, res: ServerResponse, token: string) => Promise<void>,
  submit: (req: IncomingMessage, res: ServerResponse, token: string) => Promise<void>,
): Route[] {
  const path = new RegExp(`^/${base}/([A-Za-z0-9_.-]{1,${MAX_TOKEN_LENGTH}})$`);
  const label = `/${base}/:token`;
  return [
    { method: 'GET', path, label, handle: (req, res, [token = '']) => show(req, res, token) },
    { method: 'POST', path, label, handle: (req, res, [token = '']) => submit(req, res, token) },
  ];
}
