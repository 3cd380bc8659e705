import { when } from '../cards/format';
import type { PublicIncident } from '../core/status-page';
import { LOCALES, type Locale } from '../core/types';
import type { Translator } from '../i18n';
import { type Html, html, type Page, page } from './html';

/** What the pages show besides the incidents (calma.yaml `status_page`). */
export interface StatusLook {
  title: string;
  logoUrl: string | null;
  /** Feeds are linked only when they are served (they need an absolute address). */
  feeds: boolean;
}

/** One incident and the id of its page. */
export interface Listed {
  shown: PublicIncident;
  id: string;
}

const NATIVE: Record<Locale, string> = { en: 'English', es: 'Español', fr: 'Français' };

// Dark on light, at least 7:1 for text; the state is written out, its colour only repeats it.
const STYLE = `:root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--link:#0b4fa3}
*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:46rem;margin:0 auto;padding:1rem}header{border-bottom:1px solid var(--line)}
header img{max-height:3rem;max-width:12rem;display:block;margin-bottom:.5rem}h1{font-size:1.6rem;margin:.25rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.1rem;margin:0 0 .25rem}a{color:var(--link)}
a:focus-visible{outline:3px solid var(--link);outline-offset:2px}nav ul{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
article{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.state{display:inline-block;font-weight:700;padding:0 .5rem;border:2px solid currentColor;border-radius:.25rem;margin-bottom:.25rem}
.ongoing{color:#8a1f00}.resolved{color:#1d5e20}.meta{color:var(--muted);margin:.25rem 0;font-size:.95rem}
.text{white-space:pre-line;overflow-wrap:anywhere}ol{padding-left:1.25rem}li{margin-bottom:1rem}footer{color:var(--muted);font-size:.95rem}`;

/**
 * Rewrites each server-rendered time (the team's zone, with its offset) into the reader's own zone,
 * in the page's language. Without it the page says the same in the team's zone.
 */
const SCRIPT = `(function(){var l=document.documentElement.lang,z=Intl.DateTimeFormat().resolvedOptions().timeZone;
var f=new Intl.DateTimeFormat(l,{year:"numeric",month:"short",day:"numeric",hour:"2-digit",minute:"2-digit",timeZoneName:"short"});
document.querySelectorAll("time[datetime]").forEach(function(t){var d=new Date(t.getAttribute("datetime"));if(!isNaN(d))t.textContent=f.format(d);});
var n=document.querySelector("[data-zone-note]");if(n&&z)n.textContent=n.getAttribute("data-zone-note").replace("{zone}",z);})();`;

const moment = (iso: string, t: Translator): Html => html`<time datetime="${iso}">${when(iso, t)}</time>`;

/** A message with a time in it: the text around `{{when}}` is escaped, the time is a <time>. */
function withTime(t: Translator, key: Parameters<Translator>[0], iso: string): Html {
  const [before = '', after = ''] = t(key, { when: '\u0000' }).split('\u0000');
  return html`${before}${moment(iso, t)}${after}`;
}

function shell(t: Translator, look: StatusLook, heading: string, path: string, content: Html): Page {
  const languages = LOCALES.map(
    (lang) =>
      html`<li><a href="${path}?lang=${lang}" hreflang="${lang}" lang="${lang}"${lang === t.locale ? html` aria-current="true"` : ''}>${NATIVE[lang]}</a></li>`,
  );
  const feeds = look.feeds
    ? html`<section aria-labelledby="follow"><h2 id="follow">${t('statusPage.subscribe')}</h2>
<ul><li><a href="/status/feed.atom?lang=${t.locale}" type="application/atom+xml">${t('statusPage.atom')}</a></li>
<li><a href="/status/feed.json?lang=${t.locale}" type="application/feed+json">${t('statusPage.json')}</a></li></ul></section>`
    : '';
  const body = html`<header>
${look.logoUrl ? html`<img src="${look.logoUrl}" alt="">` : ''}${heading === look.title ? '' : html`<p class="meta">${look.title}</p>`}
<h1>${heading}</h1>
<nav aria-label="${t('statusPage.language')}"><ul>${languages}</ul></nav>
</header>
<main>
${content}
</main>
<footer>
${feeds}
<p data-zone-note="${t('statusPage.zoneNote', { zone: '{zone}' })}">${t('statusPage.zoneNote', { zone: t.timeZone })}</p>
</footer>`;
  const head = look.feeds
    ? html`<link rel="alternate" type="application/atom+xml" href="/status/feed.atom?lang=${t.locale}" title="${t('statusPage.atom')}">
<link rel="alternate" type="application/feed+json" href="/status/feed.json?lang=${t.locale}" title="${t('statusPage.json')}">`
    : undefined;
  const images = look.logoUrl ? [new URL(look.logoUrl).origin] : [];
  return page(t.locale, heading, body, { style: STYLE, script: SCRIPT, images, ...(head ? { head } : {}) });
}

function state(t: Translator, shown: PublicIncident): Html {
  return shown.incident.status === 'open'
    ? html`<span class="state ongoing">${t('statusPage.stateOngoing')}</span>`
    : html`<span class="state resolved">${t('statusPage.stateResolved')}</span>`;
}

function facts(t: Translator, shown: PublicIncident): Html {
  const { incident, nextUpdateAt } = shown;
  return html`<p class="meta">${withTime(t, 'statusPage.started', shown.statements[0]?.publishedAt ?? incident.openedAt)}</p>
${incident.status === 'resolved' && incident.resolvedAt ? html`<p class="meta">${withTime(t, 'statusPage.resolvedAt', incident.resolvedAt)}</p>` : ''}
${nextUpdateAt ? html`<p class="meta"><strong>${withTime(t, 'statusPage.nextUpdate', nextUpdateAt)}</strong></p>` : ''}`;
}

function summary(t: Translator, { shown, id }: Listed): Html {
  const latest = shown.statements.at(-1);
  return html`<article>
${state(t, shown)}
<h3><a href="/status/incidents/${id}?lang=${t.locale}">${shown.incident.title}</a></h3>
${facts(t, shown)}
${latest?.publishedAt ? html`<p class="meta">${withTime(t, 'statusPage.updatedAt', latest.publishedAt)}</p><p class="text">${latest.text}</p>` : ''}
</article>`;
}

/** The page at /status: ongoing incidents first, then the recently resolved. */
export function statusIndex(t: Translator, look: StatusLook, listed: Listed[]): Page {
  const ongoing = listed.filter((l) => l.shown.incident.status === 'open');
  const resolved = listed.filter((l) => l.shown.incident.status !== 'open');
  const content = html`<section aria-labelledby="ongoing"><h2 id="ongoing">${t('statusPage.ongoing')}</h2>
${ongoing.length > 0 ? ongoing.map((l) => summary(t, l)) : html`<p>${t('statusPage.noOngoing')}</p>`}
</section>
<section aria-labelledby="recent"><h2 id="recent">${t('statusPage.recent')}</h2>
${resolved.length > 0 ? resolved.map((l) => summary(t, l)) : html`<p>${t('statusPage.noRecent')}</p>`}
</section>`;
  return shell(t, look, look.title, '/status', content);
}

/** One incident's page: every published statement, in order, each with its time. */
export function statusIncident(t: Translator, look: StatusLook, { shown, id }: Listed): Page {
  const updates = shown.statements.map(
    (
      s,
      i,
    ) => html`<li><article aria-labelledby="u${i + 1}"><h3 id="u${i + 1}">${t('statusPage.update', { n: i + 1 })}</h3>
<p class="meta">${withTime(t, 'statusPage.publishedAt', s.publishedAt ?? '')}</p>
<p class="text">${s.text}</p></article></li>`,
  );
  const content = html`<p><a href="/status?lang=${t.locale}">${t('statusPage.allIncidents')}</a></p>
${state(t, shown)}
${facts(t, shown)}
<section aria-labelledby="updates"><h2 id="updates">${t('statusPage.updates')}</h2>
<ol>${updates}</ol></section>`;
  return shell(t, look, shown.incident.title, `/status/incidents/${id}`, content);
}
