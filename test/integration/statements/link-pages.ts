/**
 * What the tests of the pages behind a link (approval page, draft editor) share: calma's routes on a
 * free port per test, and a browser's GET (its cookie, the form's hidden values) and form POST.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import { HttpServer, type Route } from '../../../src/http/server';
import { LinkClaims } from '../../../src/store/link-claims';
import { testRedis, uniquePrefix } from '../../support/redis';
import type { World } from '../handlers/world';

/** Registers the hooks: a Redis for link claims, and each test's server closed after it. */
export function useLinkServer(): {
  /** A fresh single-use store for the links' nonces. */
  claims(): LinkClaims;
  /** Serves `routes` on a free port; resolves to the base URL. */
  serve(...routes: Route[]): Promise<string>;
} {
  let redis: Redis | undefined;
  let server: HttpServer | null = null;
  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await redis?.quit();
  });
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  return {
    claims() {
      if (!redis) throw new Error('link claims are only available inside a test');
      return new LinkClaims(redis, uniquePrefix());
    },
    async serve(...routes) {
      const started = new HttpServer(pino({ level: 'silent' })).route(...routes);
      server = started;
      return `http://127.0.0.1:${await started.listen(0, '127.0.0.1')}`;
    },
  };
}

/** Opens the page as a browser would: its cookie and the form's CSRF value and version (if it has one). */
export async function openPage(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  const version = /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
  return { response, body, cookie, csrf, version };
}

export function post(url: string, form: Record<string, string>, cookie?: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });
}

export const statementOf = async (w: World) => (await w.incident(1)).statements?.[0];
