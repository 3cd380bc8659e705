import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * calma's HTML pages are written with `html` templates: every interpolated value is escaped (titles,
 * statements, names come from outside), so markup enters a page only as an `Html` value made by `html`
 * itself or by an explicit `raw()` of calma's own text.
 */
export interface Html {
  readonly __html: string;
}

/** A value an `html` template accepts: text (escaped), markup, or lists of them; nothing for null/false. */
export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element's content and for a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/** calma's own markup, inserted as is: never call it on text that came from outside. */
export function raw(markup: string): Html {
  return { __html: markup };
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && '__html' in value;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isHtml(value)) return value.__html;
  return escapeHtml(String(value));
}

/** A template whose every interpolation is escaped unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return raw(out);
}

/** A whole document and the Content-Security-Policy that goes with it (send both). */
export interface Page {
  html: string;
  csp: string;
}

export interface PageOptions {
  /** The page's inline CSS (allowed by its hash, so no 'unsafe-inline'). */
  style?: string;
  /** A small inline script (allowed by its hash); the page must be complete without it. */
  script?: string;
  /** Origins images may come from (a configured logo); none by default. */
  images?: string[];
  /** Extra markup for <head> (calma's own: alternate links, meta). */
  head?: Html;
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The shell every page shares: `<html lang>`, a phone viewport, one title, and a policy that allows
 * nothing external but the listed images, and only this page's own style and script.
 */
export function page(lang: string, title: string, body: Html, options: PageOptions = {}): Page {
  const { style, script, images = [], head } = options;
  const csp = [
    "default-src 'none'",
    `style-src ${style ? hash(style) : "'none'"}`,
    `script-src ${script ? hash(script) : "'none'"}`,
    `img-src ${images.length > 0 ? images.join(' ') : "'none'"}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const document = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${style ? html`<style>${raw(style)}</style>` : ''}${head ?? ''}
</head>
<body>
${body}
${script ? html`<script>${raw(script)}</script>` : ''}
</body>
</html>
`;
  return { html: document.__html, csp };
}

/**
 * Sends a page of calma's own with the headers every such page wants: its policy, no referrer (a link's
 * token never leaks), no sniffing, no framing, no caching.
 */
export function sendPage(res: ServerResponse, status: number, document: Page): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(document.html),
    'content-security-policy': document.csp,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  });
  res.end(document.html);
}

/** One cookie's value from a request, or null. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
