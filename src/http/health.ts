import { type Route, sendJson } from './server';

/** `GET /healthz`: 200 while Redis answers, 503 when it does not (a load balancer stops sending). */
export function healthRoute(ping: () => Promise<unknown>): Route {
  return {
    method: 'GET',
    path: '/healthz',
    async handle(_req, res) {
      try {
        await ping();
        sendJson(res, 200, { status: 'ok' });
      } catch {
        sendJson(res, 503, { status: 'unavailable', error: 'Redis does not answer' });
      }
    },
  };
}
