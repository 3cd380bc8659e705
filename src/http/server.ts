import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from 'pino';
import { dropRest } from './body';

/** One endpoint: a method, a path (a RegExp's groups become `params`), and what to do. */
export interface Route {
  method: 'GET' | 'POST';
  path: string | RegExp;
  /** How metrics name the route; defaults to its path (a RegExp route should say). */
  label?: string;
  handle(req: IncomingMessage, res: ServerResponse, params: string[]): Promise<void> | void;
}

/** How long a client may take to send its headers, and its whole request: past them, a 408. */
export interface RequestTimeLimits {
  headersMs: number;
  requestMs: number;
}

/**
 * Slack and the alert sources send a request in one go. A client that sends part of one and waits (a
 * slow-loris, or a request line Node's parser cannot finish, such as `PRI / HTTP/1.1`) gets a 408 after
 * these, checked every second, instead of holding a connection for Node's default five minutes.
 */
export const REQUEST_TIME_LIMITS: RequestTimeLimits = { headersMs: 10_000, requestMs: 30_000 };

/**
 * calma's one HTTP server on `PORT`: Slack's events in HTTP mode, the alert webhooks, health and the
 * read API all share it, so an operator opens one port. Routes are plain `node:http` handlers: each
 * reads (and bounds) its own body, because signatures must be checked on the raw bytes.
 *
 * Nothing a client sends can stop the process: a malformed request line or header, a path that does not
 * decode, a route that throws; each gets a 4xx (or a 500) and every refusal is logged at warn with its
 * reason, never with a header value or a body.
 */
export class HttpServer {
  private readonly routes: Route[] = [];
  private server: Server | null = null;
  private observer: ((route: string, method: string, status: number, seconds: number) => void) | null = null;

  constructor(
    private readonly log: Logger,
    private readonly limits: RequestTimeLimits = REQUEST_TIME_LIMITS,
  ) {}

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
    const server = createServer(
      {
        headersTimeout: this.limits.headersMs,
        requestTimeout: this.limits.requestMs,
        connectionsCheckingInterval: Math.min(1000, this.limits.headersMs),
      },
      (req, res) => {
        this.dispatch(req, res).catch((error: unknown) =>
          this.log.error({ err: error }, 'HTTP answer failed'),
        );
      },
    );
    server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) =>
      this.malformed(error, socket),
    );
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
    let route = 'unmatched';
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const status = res.statusCode;
      this.observer?.(route, req.method ?? '', status, Number(process.hrtime.bigint() - started) / 1e9);
      if (status >= 400 && status < 500) {
        const where = route === 'unmatched' ? { path: path.slice(0, 200) } : {};
        const why = reasons.get(res) ?? STATUS_CODES[status] ?? 'refused';
        this.log.warn(
          { method: req.method, route, ...where, status, ip: req.socket.remoteAddress, why },
          'HTTP request refused',
        );
      }
    });
    try {
      const matches = this.routes.flatMap((each) => {
        const params = match(each.path, path);
        return params ? [{ route: each, params }] : [];
      });
      const found = matches.find((m) => m.route.method === req.method);
      if (found) {
        route = found.route.label ?? String(found.route.path);
        return await found.route.handle(req, res, found.params);
      }
      if (matches.length > 0) {
        res.setHeader('allow', [...new Set(matches.map((m) => m.route.method))].join(', '));
        return refuse(req, res, 405, `${req.method} is not allowed here`);
      }
      return refuse(req, res, 404, `nothing at ${path}`, 'no such route');
    } catch (error) {
      if (error instanceof URIError && !res.headersSent) {
        return refuse(req, res, 400, 'the path is not valid percent-encoding');
      }
      this.log.error({ err: error, method: req.method, route }, 'HTTP request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'calma failed to answer; the error is in its log' });
      else res.end();
    }
  }

  /**
   * A request Node could not parse (bad request line, header, chunking; headers over 16 KiB; too slow):
   * answered and closed here, as Node would, but logged like every refusal.
   */
  private malformed(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
    // A client that went away, or an answer already under way on this connection (Node's own rule): cut.
    const answering = (socket as { _httpMessage?: ServerResponse })._httpMessage?.headersSent;
    if (error.code === 'ECONNRESET' || !socket.writable || answering) return void socket.destroy();
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    this.log.warn(
      { status, ip: socket.remoteAddress, why: `malformed HTTP request (${error.code ?? 'unknown'})` },
      'HTTP request refused',
    );
    const body = JSON.stringify({ error: `malformed HTTP request: ${STATUS_CODES[status]}` });
    // The answer to a HEAD has no body: a client would read it as bytes after the answer and fail.
    const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
    );
  }
}

/** Why each refused response was refused, for the server's warn line (set by `refuse`). */
const reasons = new WeakMap<ServerResponse, string>();

/**
 * Answers a refusal `{ error }` (or a body with an `error` and more) to the sender. `why` is what the
 * log says (the error by default): give one when the error quotes the request's content. The rest of an
 * unread body is dropped, not buffered.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: string | { error: string; [more: string]: unknown },
  why = typeof error === 'string' ? error : error.error,
): void {
  reasons.set(res, why);
  dropRest(req, res);
  sendJson(res, status, typeof error === 'string' ? { error } : error);
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
