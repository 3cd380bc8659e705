import type { NetworkId } from '../core/networks';
import type { Translator } from '../i18n';
import { escapeHtml } from './html';
import type { Listed } from './status-render';

/** One published statement as a feed entry. */
interface Entry {
  id: string;
  url: string;
  title: string;
  text: string;
  at: string;
  /** Its approved versions per network, published with it (absent: none). */
  variants?: Partial<Record<NetworkId, string>>;
}

function entries(t: Translator, base: string, listed: Listed[]): Entry[] {
  return listed
    .flatMap(({ shown, id }) =>
      shown.statements.map((s, i) => {
        const url = `${base}/status/incidents/${id}`;
        return {
          id: `${url}#update-${i + 1}`,
          url,
          title: t('statusPage.entryTitle', { title: shown.incident.title, n: i + 1 }),
          text: s.text,
          at: s.publishedAt ?? '',
          ...(s.variants && Object.keys(s.variants).length > 0 ? { variants: s.variants } : {}),
        };
      }),
    )
    .sort((a, b) => b.at.localeCompare(a.at));
}

// A statement typed in chat may hold control characters XML 1.0 forbids: one would void the whole feed.
const allowedInXml = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
const xml = (text: string) =>
  escapeHtml(
    Array.from(text)
      .filter((ch) => allowedInXml(ch.codePointAt(0) ?? 0))
      .join(''),
  );

/** When a feed last changed: its newest entry; with none, a fixed moment (so its ETag holds still). */
const updated = (all: Entry[]) => all[0]?.at ?? '1970-01-01T00:00:00.000Z';

/** RFC 4287: each published statement is an entry, newest first. */
export function atomFeed(t: Translator, title: string, base: string, listed: Listed[]): string {
  const all = entries(t, base, listed);
  const items = all.map(
    (e) => `<entry>
<id>${xml(e.id)}</id>
<title>${xml(e.title)}</title>
<updated>${e.at}</updated>
<published>${e.at}</published>
<link rel="alternate" type="text/html" href="${xml(`${e.url}?lang=${t.locale}`)}"/>
<content type="text">${xml(e.text)}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${t.locale}">
<id>${xml(`${base}/status`)}</id>
<title>${xml(title)}</title>
<updated>${updated(all)}</updated>
<author><name>${xml(title)}</name></author>
<link rel="self" type="application/atom+xml" href="${xml(`${base}/status/feed.atom?lang=${t.locale}`)}"/>
<link rel="alternate" type="text/html" href="${xml(`${base}/status?lang=${t.locale}`)}"/>
${items.join('\n')}
</feed>
`;
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), the same entries. */
export function jsonFeed(t: Translator, title: string, base: string, listed: Listed[]): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: `${base}/status?lang=${t.locale}`,
    feed_url: `${base}/status/feed.json?lang=${t.locale}`,
    language: t.locale,
    authors: [{ name: title }],
    items: entries(t, base, listed).map((e) => ({
      id: e.id,
      url: `${e.url}?lang=${t.locale}`,
      title: e.title,
      content_text: e.text,
      date_published: e.at,
      date_modified: e.at,
      // A JSON Feed extension (`_` + a name): partners who republish copy each network's version as is.
      ...(e.variants ? { _calma: { variants: e.variants } } : {}),
    })),
  };
  return JSON.stringify(feed);
}
