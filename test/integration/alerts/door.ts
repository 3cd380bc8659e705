/**
 * The alert door as senders reach it: calma's HttpServer on a free port with the alert routes, and a
 * real AlertIntake on the test Redis (its own prefix and queue name), so a test sees exactly what was
 * queued. No worker runs, only the relay that moves accepted alerts into their queue under their job id:
 * accepted jobs stay waiting there, where the test reads them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { AlertIntake, type AlertJob } from '../../../src/alerts/intake';
import type { RateLimit } from '../../../src/alerts/rate-limit';
import { AlertRelay } from '../../../src/alerts/relay';
import type { AlertSource } from '../../../src/core/types';
import { alertRoutes } from '../../../src/http/alerts';
import { HttpServer } from '../../../src/http/server';
import { uniquePrefix } from '../../support/redis';

export const SECRETS: Record<AlertSource, string> = {
  alertmanager: 'am-bearer-token-for-tests',
  grafana: 'grafana-hmac-secret-for-tests',
  // PagerDuty's own published test secret (go-pagerduty, webhookv3/webhookv3_test.go).
  pagerduty: 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK',
  generic: 'generic-hmac-secret-for-tests',
};

const GENEROUS: RateLimit = { per_second: 10_000, burst: 10_000 };

export interface DoorOptions {
  secrets?: Partial<Record<AlertSource, string>>;
  rateLimits?: Partial<Record<AlertSource, RateLimit>>;
  /** A connection of the test's choosing for the intake (a dead one, to see a 503). */
  connection?: Redis;
}

export interface Door {
  url(path: string): string;
  intake: AlertIntake;
  /** The jobs waiting in the queue, by job id. */
  jobs(): Promise<{ id: string; data: AlertJob }[]>;
  close(): Promise<void>;
}

export async function openDoor(options: DoorOptions = {}): Promise<Door> {
  const connection = options.connection ?? new Redis(process.env.CALMA_TEST_REDIS_URL ?? '');
  const prefix = uniquePrefix();
  const intake = new AlertIntake({
    connection,
    prefix,
    name: `alerts-test-${randomBytes(4).toString('hex')}`,
  });
  const relayConnection = new Redis(process.env.CALMA_TEST_REDIS_URL ?? '', { maxRetriesPerRequest: null });
  const relay = new AlertRelay({
    connection: relayConnection,
    prefix,
    queues: { open: intake.openQueue, triage: intake.queue },
  });
  relay.start();
  const server = new HttpServer(pino({ level: 'silent' })).route(
    ...alertRoutes({
      sink: intake,
      secrets: options.secrets ?? SECRETS,
      rateLimits: {
        alertmanager: GENEROUS,
        grafana: GENEROUS,
        pagerduty: GENEROUS,
        generic: GENEROUS,
        ...options.rateLimits,
      },
      log: pino({ level: 'silent' }),
      queueTimeoutMs: 2000,
    }),
  );
  const port = await server.listen(0, '127.0.0.1');
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    intake,
    async jobs() {
      // Every accepted alert relayed first (the door answered only once they were in Redis).
      for (let i = 0; i < 500; i++) {
        const left = await Promise.all(Object.values(intake.streams).map((s) => relayConnection.xlen(s)));
        if (left.every((n) => n === 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const jobs = await intake.queue.getJobs(['waiting', 'delayed', 'prioritized']);
      return jobs
        .map((job) => ({ id: job.id ?? '', data: job.data }))
        .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    },
    async close() {
      await server.close();
      await relay.stop();
      relayConnection.disconnect();
      if (connection.status === 'ready') await intake.obliterate();
      await intake.close();
      connection.disconnect();
    },
  };
}

export const hmacHex = (secret: string, message: string): string =>
  createHmac('sha256', secret).update(message).digest('hex');

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** calma's generic signature, computed as docs/alerts.md tells a sender to: v1=hex(HMAC(ts + "." + body)). */
export function genericHeaders(body: string, timestamp = nowSeconds()): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-calma-timestamp': String(timestamp),
    'x-calma-signature': `v1=${hmacHex(SECRETS.generic, `${timestamp}.${body}`)}`,
  };
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', body, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}
