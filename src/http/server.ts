import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** One endpoint: a method, a path (a RegExp's groups become `params`), and what to do. */
export interface Route {
  method: 'GET' | 'POST';
  path: string | RegExp;
  /** How metrics name the route; defaults to its path (a RegExp route should say). */
  label?: string;
  handle(req: IncomingMessage, res: ServerResponse, params: string[]): Promise<void> | void;
}

/**
 * calma's one HTTP server on `PORT`: Slack's events in HTTP mode, the alert webhooks, health and the
 * read API all share it, so an operator opens one port. Routes are plain `node:http` handlers: each
 * reads (and bounds) its own body, because signatures must be checked on the raw bytes.
 */
export class HttpServer {
  private readonly routes: Route[] = [];
  private server: Server | null = null;
  private observer: ((route: string, method: string, status: number, seconds: number) => void) | null = null;

  constructor(private readonly log: Logger) {}

  /** Called once per answered request (the metrics' request histogram). */
  observe(observer: (route: string, method: string, status: number, seconds: number) => void): this {
    this.observer = observer;
    return this;
  }

  route(...routes: Route[]): this {
    this.routes.push(...routes);
    return this;
  }

  /** Starts listening; resolves with the bound port (0 picks a free one, for tests). */
  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((req, res) => void this.dispatch(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const matches = this.routes.flatMap((route) => {
      const params = match(route.path, path);
      return params ? [{ route, params }] : [];
    });
    const found = matches.find((m) => m.route.method === req.method);
    const observer = this.observer;
    if (observer) {
      const started = process.hrtime.bigint();
      const route = found ? (found.route.label ?? String(found.route.path)) : 'unmatched';
      res.once('finish', () =>
        observer(route, req.method ?? '', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9),
      );
    }
    try {
      if (found) return await found.route.handle(req, res, found.params);
      if (matches.length > 0) {
        res.setHeader('allow', [...new Set(matches.map((m) => m.route.method))].join(', '));
        return sendJson(res, 405, { error: `${req.method} is not allowed here` });
      }
      return sendJson(res, 404, { error: `nothing at ${path}` });
    } catch (error) {
      this.log.error({ err: error, method: req.method, path }, 'HTTP request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'calma failed to answer; the error is in its log' });
      else res.end();
    }
  }
}

function match(pattern: string | RegExp, path: string): string[] | null {
  if (typeof pattern === 'string') return pattern === path ? [] : null;
  const found = pattern.exec(path);
  return found ? found.slice(1).map((p) => decodeURIComponent(p ?? '')) : null;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
