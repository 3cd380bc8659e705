import { Cluster, ReplyError } from 'ioredis';
import type { RedisConnection } from '../redis/connect';
import { type Route, sendJson } from './server';

/**
 * A chat platform's link as last seen: `connecting` until start-up got through, then up or down; or
 * `standby` while another replica holds the platform's one connection (Discord's gateway).
 */
export type PlatformState = 'connecting' | 'connected' | 'reconnecting' | 'standby';

export interface HealthChecks {
  redis: RedisConnection;
  /** Each chat platform's state, read from memory (no network call: /healthz stays cheap). */
  platforms: () => Record<string, PlatformState>;
  /** How long Redis has to answer PING. */
  timeoutMs?: number;
  /**
   * A key of calma's slot (its key prefix). On a Cluster a PING goes to any primary, which answers while
   * the one holding calma's slot is dead: a read of this key asks that one.
   */
  slotKey?: string;
}

/**
 * `GET /healthz`: 503 when Redis does not answer within a second (a load balancer stops sending, an
 * orchestrator may restart calma), else 200. A chat platform that is not connected makes the status
 * `degraded` but keeps 200: restarting calma would not bring Slack or Discord back, and alerts are still
 * accepted and kept meanwhile.
 */
export function healthRoute(checks: HealthChecks): Route {
  const timeoutMs = checks.timeoutMs ?? 1000;
  // Probes arriving together share one PING, so a frozen Redis does not pile them up on the connection.
  let pending: Promise<string | null> | null = null;
  const redisProblem = () => {
    pending ??= pingProblem(checks.redis, timeoutMs, checks.slotKey).finally(() => {
      pending = null;
    });
    return pending;
  };
  return {
    method: 'GET',
    path: '/healthz',
    async handle(_req, res) {
      const platforms = checks.platforms();
      const problem = await redisProblem();
      if (problem) {
        sendJson(res, 503, { status: 'unavailable', redis: 'down', error: problem, ...platforms });
        return;
      }
      const allConnected = Object.values(platforms).every(
        (state) => state === 'connected' || state === 'standby',
      );
      sendJson(res, 200, { status: allConnected ? 'ok' : 'degraded', redis: 'ok', ...platforms });
    },
  };
}

/**
 * Null when Redis answers PING in time, else why not. ioredis queues commands while it reconnects and
 * waits forever on a frozen server, so the link's state is checked first and the PING has a deadline.
 */
async function pingProblem(
  redis: RedisConnection,
  timeoutMs: number,
  slotKey: string | undefined,
): Promise<string | null> {
  if (redis.status !== 'ready') return 'Redis is unreachable';
  let timer: NodeJS.Timeout | undefined;
  // A PING sent as the link broke waits for the reconnection (calma's connection waits through a
  // fail-over): the link's state at the deadline tells a dead server from a frozen one.
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          redis.status === 'ready'
            ? `Redis did not answer within ${timeoutMs / 1000} s`
            : 'Redis is unreachable',
        ),
      timeoutMs,
    );
  });
  const asked: Promise<unknown> =
    redis instanceof Cluster && slotKey !== undefined ? redis.exists(slotKey) : redis.ping();
  const answer = asked.then(
    () => null,
    // An error reply (LOADING while it replays its file) names its code; anything else is the link.
    (error: unknown) =>
      error instanceof ReplyError
        ? `Redis answered ${(error as Error).message.split(' ')[0]}`
        : 'Redis is unreachable',
  );
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
