import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicIncidents, type StatusRules } from '../core/status-page';
import { LOCALES, type Locale } from '../core/types';
import { isLocale, type Translator, translator } from '../i18n';
import type { Route } from './server';
import { atomFeed, jsonFeed } from './status-feeds';
import { type Listed, type StatusLook, statusIncident, statusIndex } from './status-render';
import type { StatusSource } from './status-source';

/** calma.yaml `status_page`, in the shape the routes use; null: the page is off. */
export interface StatusPageSettings extends StatusRules {
  title: string;
  logoUrl: string | null;
  baseUrl: string | null;
  /** Used when the reader asks for no language calma speaks. */
  language: Locale;
  timeZone: string;
}

/**
 * `GET /status`, `/status/incidents/<id>`, `/status/feed.atom`, `/status/feed.json`: public, no auth
 * (docs/status-page.md). Each answer carries an ETag (a hash of its body) and may be cached 10 seconds,
 * so a statement published in chat is on the page within seconds and a reload costs one 304.
 */
export function statusPageRoutes(
  settings: StatusPageSettings | null,
  source: StatusSource,
  now: () => Date = () => new Date(),
): Route[] {
  const listed = async (): Promise<Listed[]> => {
    if (!settings) return [];
    const shown = publicIncidents(await source.incidents(), settings, now());
    return Promise.all(shown.map(async (s) => ({ shown: s, id: await source.publicId(s.incident) })));
  };
  const look = (feeds: boolean): StatusLook => ({
    title: settings?.title ?? '',
    logoUrl: settings?.logoUrl ?? null,
    feeds,
  });
  const reader = (req: IncomingMessage): Translator =>
    translator(negotiate(req, settings?.language ?? 'en'), settings?.timeZone);

  return [
    {
      method: 'GET',
      path: '/status',
      async handle(req, res) {
        const t = reader(req);
        if (!settings) return plain(res, 404, t('statusPage.off'));
        const page = statusIndex(t, look(settings.baseUrl !== null), await listed());
        send(req, res, 'text/html; charset=utf-8', page.html, page.csp);
      },
    },
    {
      method: 'GET',
      path: /^\/status\/incidents\/([A-Za-z0-9_-]{1,32})$/,
      label: '/status/incidents/:id',
      async handle(req, res, [id = '']) {
        const t = reader(req);
        if (!settings) return plain(res, 404, t('statusPage.off'));
        const found = (await listed()).find((l) => l.id === id);
        if (!found) return plain(res, 404, t('statusPage.notFound'));
        const page = statusIncident(t, look(settings.baseUrl !== null), found);
        send(req, res, 'text/html; charset=utf-8', page.html, page.csp);
      },
    },
    ...(
      [
        ['/status/feed.atom', 'application/atom+xml; charset=utf-8', atomFeed],
        ['/status/feed.json', 'application/feed+json; charset=utf-8', jsonFeed],
      ] as const
    ).map(
      ([path, type, render]): Route => ({
        method: 'GET',
        path,
        async handle(req, res) {
          const t = reader(req);
          if (!settings) return plain(res, 404, t('statusPage.off'));
          // Absolute links only from configuration: built from the request's Host, a shared cache could
          // keep a feed pointing wherever a forged Host said.
          if (!settings.baseUrl) return plain(res, 404, t('statusPage.feedsOff'));
          send(
            req,
            res,
            type,
            render(t, settings.title, settings.baseUrl, await listed()),
            "default-src 'none'",
          );
        },
      }),
    ),
  ];
}

/** `?lang=` first, then Accept-Language by its q-values, then the page's own language. */
export function negotiate(req: IncomingMessage, fallback: Locale): Locale {
  const asked = new URL(req.url ?? '/', 'http://calma').searchParams.get('lang');
  if (isLocale(asked)) return asked;
  const ranked = (req.headers['accept-language'] ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return {
        lang: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        order,
      };
    })
    .filter((each) => each.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return (
    ranked.map((each) => each.lang).find((lang): lang is Locale => LOCALES.includes(lang as Locale)) ??
    fallback
  );
}

function send(req: IncomingMessage, res: ServerResponse, type: string, body: string, csp: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers = {
    etag,
    'cache-control': 'public, max-age=10',
    vary: 'Accept-Language',
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const match = (req.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (match.includes(etag) || match.includes('*')) {
    res.writeHead(304, headers);
    return void res.end();
  }
  res.writeHead(200, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, max-age=10',
  });
  res.end(text);
}
