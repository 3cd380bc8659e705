import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../app/deps';
import { renderTimelineChart } from '../app/postmortem';
import { severityLabel, when } from '../cards/format';
import { timelineLine } from '../cards/timeline';
import type { Incident, Statement, TimelineEntry } from '../core/types';
import { type Translator, translator } from '../i18n';
import { hasBearer } from './bearer';
import { type Html, html, page, raw } from './html';
import { type Route, refuse } from './server';

/**
 * An incident in the browser, for the people running it: `GET /incidents/<workspace>-<seq>` (title,
 * severity, status, the timeline chart inline, statements, the timeline) and the chart alone,
 * `GET /incidents/<workspace>-<seq>/timeline.svg` (which the postmortem's Markdown links to, relative
 * to `postmortem.md`). Server-rendered, no script, nothing external.
 */

type PageDeps = Pick<Deps, 'store' | 'playbooks' | 'policy' | 'minuteMs' | 'timeZone' | 'clock'>;

/** Timeline entries listed on the page at most (the latest); the postmortem has them all. */
export const MAX_LISTED = 500;

/**
 * Whether this request may see this incident: the read API's bearer token. (An approval-link session
 * is the other way in: it extends this one function.)
 */
export async function mayView(
  req: IncomingMessage,
  _incident: Incident,
  token: string | undefined,
): Promise<boolean> {
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

export function incidentPages(deps: PageDeps, token: string | undefined): Route[] {
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
  return [
    {
      method: 'GET',
      path: /^\/incidents\/([^/]+)-(\d{1,9})$/,
      label: '/incidents/:id',
      async handle(req, res, [workspace = '', seq = '']) {
        const incident = await viewable(req, res, workspace, seq);
        if (!incident) return;
        const timeline = await deps.store.timeline(incident.workspace, incident.seq);
        const chart = await renderTimelineChart(deps, incident);
        const t = translator(incident.locale, deps.timeZone);
        const title = t('incidentPage.title', { seq: incident.seq, title: incident.title });
        const { html: body, csp } = page(
          incident.locale,
          title,
          incidentBody(incident, timeline, chart, t, seq),
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
      },
    },
    {
      method: 'GET',
      path: /^\/incidents\/([^/]+)-(\d{1,9})\/timeline\.svg$/,
      label: '/incidents/:id/timeline.svg',
      async handle(req, res, [workspace = '', seq = '']) {
        const incident = await viewable(req, res, workspace, seq);
        if (!incident) return;
        const svg = await renderTimelineChart(deps, incident);
        res.writeHead(200, {
          ...HEADERS,
          'content-type': 'image/svg+xml; charset=utf-8',
          'content-length': Buffer.byteLength(svg),
          // Opened on its own, the SVG runs nothing and loads nothing.
          'content-security-policy': "default-src 'none'",
        });
        res.end(svg);
      },
    },
  ];
}

function incidentBody(
  incident: Incident,
  timeline: readonly TimelineEntry[],
  chart: string,
  t: Translator,
  seq: string,
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
<p><a href="${`${incident.workspace}-${seq}/timeline.svg`}">${t('incidentPage.svgLink')}</a></p>
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
