/**
 * calma's one HTTP server built the way src/main.ts builds it: health, metrics, the read API, the four
 * alert doors and Slack's HTTP mode (startSlack sharing the server, against the local fake Slack), on a
 * free port, with the test Redis. Its log is kept, so a test can read what was logged.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { AlertIntake } from '../../../src/alerts/intake';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { ALERT_SOURCES } from '../../../src/core/types';
import { alertRoutes } from '../../../src/http/alerts';
import { healthRoute } from '../../../src/http/health';
import { incidentApi } from '../../../src/http/incident-api';
import { CalmaMetrics } from '../../../src/http/metrics';
import { HttpServer } from '../../../src/http/server';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { type RunningSlack, startSlack } from '../../../src/slack/app';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import { testRedis, uniquePrefix } from '../../support/redis';
import { SECRETS } from '../alerts/door';

export const API_TOKEN = 'read-api-token-for-tests';
export const SLACK_SECRET = 'slack-signing-secret-for-tests';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface CalmaHttp {
  port: number;
  fake: FakeSlack;
  /** Every line logged, parsed. */
  logs: Record<string, unknown>[];
  /** One request with node:http; rejects if no answer comes within `timeoutMs`. */
  send(options: SendOptions): Promise<Answer>;
  /** Raw bytes on a fresh connection; resolves with what came back before the server closed it. */
  raw(bytes: Buffer | string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export interface SendOptions {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
}

export async function startCalmaHttp(): Promise<CalmaHttp> {
  const redis: Redis = testRedis();
  const prefix = uniquePrefix();
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  const store = new RedisIncidentStore(redis, prefix);
  const metrics = new CalmaMetrics({ process: false });
  const intake = new AlertIntake({
    connection: redis,
    prefix,
    name: `alerts-test-${randomBytes(4).toString('hex')}`,
  });
  metrics.watch(intake.queue);
  const generous = { per_second: 10_000, burst: 10_000 };
  // Short limits, so a request Node's parser waits on (`PRI / HTTP/1.1`) is answered 408 in the test.
  const http = new HttpServer(log, { headersMs: 300, requestMs: 1000 })
    .observe((route, method, status, seconds) => metrics.observe(route, method, status, seconds))
    .route(healthRoute({ redis, platforms: () => ({}) }))
    .route(metrics.route())
    .route(
      ...incidentApi(
        { store, playbooks, policy: defaultReminderPolicy, minuteMs: 60_000, timeZone: 'UTC' },
        API_TOKEN,
      ),
    )
    .route(
      ...alertRoutes({
        sink: intake,
        secrets: SECRETS,
        rateLimits: Object.fromEntries(ALERT_SOURCES.map((s) => [s, generous])) as never,
        log,
      }),
    );
  const fake = await startFakeSlack();
  const slack: RunningSlack = await startSlack(
    testDeps(store, playbooks),
    {
      botToken: 'xoxb-test',
      signingSecret: SLACK_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      http,
      captureReaction: 'pushpin',
      handOff: { redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '', prefix },
    },
    log,
  );
  const port = await http.listen(0, '127.0.0.1');

  return {
    port,
    fake,
    logs,
    send: ({ method, path, headers = {}, body, timeoutMs = 10_000 }) =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
          res.on('error', reject);
        });
        req.setTimeout(timeoutMs, () =>
          req.destroy(new Error(`no answer to ${method} ${path} in ${timeoutMs} ms`)),
        );
        req.on('error', reject);
        req.end(body);
      }),
    raw: (bytes, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.setTimeout(timeoutMs, () => {
          socket.destroy();
          reject(
            new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(bytes).slice(0, 200))}`),
          );
        });
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          // One answer is all a test needs: do not wait for a keep-alive connection to time out.
          if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) {
            socket.destroy();
            resolve(Buffer.concat(chunks).toString('latin1'));
          }
        });
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
        socket.on('error', () => {});
        socket.write(bytes);
      }),
    async close() {
      await slack.stop();
      await http.close();
      await intake.obliterate();
      await intake.close();
      await fake.close();
      await redis.quit();
    },
  };
}
