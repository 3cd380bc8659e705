import type { Deps } from '../app/deps';
import { renderPostmortem } from '../app/postmortem';
import { hasBearer } from './bearer';
import { type Route, refuse } from './server';

/**
 * calma's read API, behind `Authorization: Bearer $CALMA_API_TOKEN`. With no token configured it is
 * off: every request is refused, so it is never open to anyone by accident.
 *
 * `GET /incidents/<workspace>-<seq>/postmortem.md`: the postmortem as Markdown (e.g. `T0ACME-42`).
 */
export function incidentApi(
  deps: Pick<Deps, 'store' | 'playbooks' | 'policy' | 'minuteMs' | 'timeZone'>,
  token: string | undefined,
): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/incidents\/([^/]+)-(\d{1,9})\/postmortem\.md$/,
      label: '/incidents/:id/postmortem.md',
      async handle(req, res, [workspace = '', seq = '']) {
        if (!token) {
          return refuse(req, res, 403, 'the read API is off: set CALMA_API_TOKEN to turn it on');
        }
        if (!hasBearer(req, token)) {
          res.setHeader('www-authenticate', 'Bearer realm="calma"');
          return refuse(req, res, 401, 'missing or wrong bearer token (Authorization: Bearer ...)');
        }
        const incident = await deps.store.get(workspace, Number(seq));
        if (!incident) return refuse(req, res, 404, `no incident ${seq} in workspace ${workspace}`);
        const markdown = await renderPostmortem(deps, incident);
        res.writeHead(200, {
          'content-type': 'text/markdown; charset=utf-8',
          'content-length': Buffer.byteLength(markdown),
          'cache-control': 'no-store',
        });
        res.end(markdown);
      },
    },
  ];
}
