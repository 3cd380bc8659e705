import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_TOKEN_LENGTH, verifyLink } from '../app/approval-link';
import type { Deps } from '../app/deps';
import { renderTimelineChart } from '../app/postmortem';
import { severityLabel, when } from '../cards/format';
import { timelineLine } from '../cards/timeline';
import type { Incident, Statement, TimelineEntry } from '../core/types';
import { type Translator, translator } from '../i18n';
import { linkRefusal } from './approval-page';
import { hasBearer } from './bearer';
import { type Html, html, page, raw } from './html';
import { type Route, refuse } from './server';

/**
 * An incident in the browser, for the people running it: `GET /incidents/<workspace>-<seq>` (title,
 * severity, status, the timeline chart inline, statements, the timeline) and the chart alone,
 * `GET /incidents/<workspace>-<seq>/timeline.svg` (which the postmortem's Markdown links to, relative
 * to `postmortem.md`). Server-rendered, no script, nothing external.
 */

type PageDeps = Pick<Deps, 'store' | 'playbooks' | 'policy' | 'minuteMs' | 'timeZone' | 'clock' | 'locale'>;

/** Timeline entries listed on the page at most (the latest); the postmortem has them all. */
export const MAX_LISTED = 500;

/**
 * Whether this request may see this incident: the read API's bearer token, or an approval link for
 * this very incident (`link`: its token, checked here for signature and expiry). Reading does not use
 * a link: one already used, or voided by an edit, still shows its incident until it expires, and
 * nothing after that (docs/statements.md).
 */
export async function mayView(
  req: IncomingMessage,
  incident: Incident,
  token: string | undefined,
  link?: { secret: string; token: string; now: Date },
): Promise<boolean> {
  if (link) {
    const check = verifyLink(link.secret, link.token, link.now);
    if (check.ok && check.claims.workspace === incident.workspace && check.claims.incident === incident.seq) {
      return true;
    }
  }
  return token !== undefined && hasBearer(req, token);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#111;background:#fff;margin:0 auto;max-width:62rem;padding:1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:bold}dd{margin:0}figure{margin:0;overflow-x:auto}svg{max-width:100%;height:auto}
blockquote{white-space:pre-wrap;border-left:4px solid #555;margin:.5rem 0;padding:.25rem .75rem}
a{color:#0b5394}li{margin:.25rem 0}`;

/** Security headers every answer of these routes carries. */
const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * `linkSecret` (CALMA_LINK_SECRET) also serves the pages under an approval link,
 * `GET /approve/<token>/incident` and its chart: the token already in the approver's URL, no other.
 */
export function incidentPages(deps: PageDeps, token: string | undefined, linkSecret?: string): Route[] {
  /** The incident this request may see, or null once it was refused (401 without a right, 404 with none). */
  const viewable = async (req: IncomingMessage, res: ServerResponse, workspace: string, seq: string) => {
    const incident = await deps.store.get(workspace, Number(seq));
    if (incident && (await mayView(req, incident, token))) return incident;
    // Only someone who may look anywhere learns that an incident does not exist.
    if (!incident && token && hasBearer(req, token)) {
      refuse(req, res, 404, `no incident ${seq} in workspace ${workspace}`);
      return null;
    }
    res.setHeader('www-authenticate', 'Bearer realm="calma"');
    refuse(req, res, 401, 'missing or wrong bearer token (Authorization: Bearer ...)');
    return null;
  };
  /**
   * The incident an approval link is for, or null once refused: a page saying so in the reader's
   * language, as the approval page does (410 expired, 404 not valid).
   */
  const linked = async (req: IncomingMessage, res: ServerResponse, link: string) => {
    const now = deps.clock.now();
    const check = linkSecret ? verifyLink(linkSecret, link, now) : null;
    const incident = check?.ok ? await deps.store.get(check.claims.workspace, check.claims.incident) : null;
    if (
      linkSecret &&
      incident &&
      (await mayView(req, incident, token, { secret: linkSecret, token: link, now }))
    ) {
      return incident;
    }
    const expired = check?.ok === false && check.why === 'expired';
    linkRefusal(req, res, deps.locale, expired ? 'expired' : 'tampered');
    return null;
  };
  const linkPath = `/approve/([A-Za-z0-9_.-]{1,${MAX_TOKEN_LENGTH}})/incident`;
  return [
    {
      method: 'GET',
      path: /^\/incidents\/([^/]+)-(\d{1,9})$/,
      label: '/incidents/:id',
      async handle(req, res, [workspace = '', seq = '']) {
        const incident = await viewable(req, res, workspace, seq);
        if (incident) await sendPage(res, incident, `${incident.workspace}-${seq}/timeline.svg`);
      },
    },
    {
      method: 'GET',
      path: /^\/incidents\/([^/]+)-(\d{1,9})\/timeline\.svg$/,
      label: '/incidents/:id/timeline.svg',
      async handle(req, res, [workspace = '', seq = '']) {
        const incident = await viewable(req, res, workspace, seq);
        if (incident) await sendChart(res, incident);
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${linkPath}$`),
      label: '/approve/:token/incident',
      async handle(req, res, [link = '']) {
        const incident = await linked(req, res, link);
        if (incident) await sendPage(res, incident, 'incident/timeline.svg');
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${linkPath}/timeline\\.svg$`),
      label: '/approve/:token/incident/timeline.svg',
      async handle(req, res, [link = '']) {
        const incident = await linked(req, res, link);
        if (incident) await sendChart(res, incident);
      },
    },
  ];

  /** The page; `svg`: where its chart is alone, relative to the page. */
  async function sendPage(res: ServerResponse, incident: Incident, svg: string): Promise<void> {
    const timeline = await deps.store.timeline(incident.workspace, incident.seq);
    const chart = await renderTimelineChart(deps, incident);
    const t = translator(incident.locale, deps.timeZone);
    const title = t('incidentPage.title', { seq: incident.seq, title: incident.title });
    const { html: body, csp } = page(
      incident.locale,
      title,
      incidentBody(incident, timeline, chart, t, svg),
      {
        style: STYLE,
      },
    );
    res.writeHead(200, {
      ...HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'content-security-policy': csp,
    });
    res.end(body);
  }

  async function sendChart(res: ServerResponse, incident: Incident): Promise<void> {
    const svg = await renderTimelineChart(deps, incident);
    res.writeHead(200, {
      ...HEADERS,
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-length': Buffer.byteLength(svg),
      // Opened on its own, the SVG runs nothing and loads nothing.
      'content-security-policy': "default-src 'none'",
    });
    res.end(svg);
  }
}

function incidentBody(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  chart: string,
  t: Translator,
  svg: string,
): Html {
  const status = incident.status === 'open' ? t('status.open') : t('status.resolved');
  const listed = timeline.slice(-MAX_LISTED);
  const earlier = timeline.length - listed.length;
  return html`<main>
<h1>${incident.drill ? `${t('incidentPage.drill')} · ` : ''}${t('incidentPage.title', { seq: incident.seq, title: incident.title })}</h1>
<dl>
<dt>${t('incidentPage.severity')}</dt><dd>${severityLabel(incident.severity)}</dd>
<dt>${t('incidentPage.status')}</dt><dd>${status}</dd>
<dt>${t('incidentPage.opened')}</dt><dd>${when(incident.openedAt, t)}</dd>
${incident.resolvedAt && incident.status === 'resolved' ? html`<dt>${t('incidentPage.resolved')}</dt><dd>${when(incident.resolvedAt, t)}</dd>` : ''}
</dl>
<section aria-labelledby="chart">
<h2 id="chart">${t('incidentPage.chart')}</h2>
<figure>${raw(chart)}</figure>
<p><a href="${svg}">${t('incidentPage.svgLink')}</a></p>
</section>
<section aria-labelledby="statements">
<h2 id="statements">${t('incidentPage.statements')}</h2>
${
  (incident.statements ?? []).length > 0
    ? html`<ol>${(incident.statements ?? []).map((s) => statementItem(s, t))}</ol>`
    : html`<p>${t('incidentPage.noStatements')}</p>`
}
</section>
<section aria-labelledby="timeline">
<h2 id="timeline">${t('incidentPage.timeline')}</h2>
${earlier > 0 ? html`<p>${t('incidentPage.earlier', { count: earlier })}</p>` : ''}
<ol>${listed.map((e) => html`<li>${timelineLine(e, t, (user) => `@${user}`)}</li>`)}</ol>
</section>
</main>`;
}

function statementItem(statement: Statement, t: Translator): Html {
  const state =
    statement.status === 'published'
      ? t('incidentPage.published', { when: when(statement.publishedAt ?? statement.createdAt, t) })
      : statement.status === 'rejected'
        ? t('incidentPage.rejected')
        : t('incidentPage.pending');
  return html`<li><strong>${t('incidentPage.statement', { n: statement.n })}</strong> · ${state}<blockquote>${statement.text}</blockquote></li>`;
}
