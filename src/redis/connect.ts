/**
 * Every Redis connection calma makes comes from here, so all of them follow REDIS_URL's topology
 * (src/redis/url.ts). Fail-over is ioredis' own: through Sentinel it asks the sentinels for the primary
 * and reconnects to the promoted replica; on a Cluster it follows the slots (MOVED) to the new primaries.
 * `duplicate()` (BullMQ's blocking connections) copies these options, so it follows the same topology.
 */
import { Cluster, Redis } from 'ioredis';
import { isClusterUrl, parseRedisUrl } from './url';

export type RedisConnection = Redis | Cluster;

/** The options calma's connection sites set; each means the same on every topology. */
export interface ConnectionOptions {
  /** null for BullMQ's connections: a command waits for Redis to come back instead of failing. */
  maxRetriesPerRequest?: number | null;
  enableOfflineQueue?: boolean;
  commandTimeout?: number;
  lazyConnect?: boolean;
}

/**
 * The options of calma's own connection (the incident and alert stores, claims, health): a command
 * caught by a Redis fail-over waits for the promoted replica instead of failing half-way through what
 * it was doing (an incident opened without its reminders; a triage card or reminder posted and not
 * recorded, so posted again by its job's retry). ioredis waits 50 ms more before each reconnection, up
 * to 2 s: 50 attempts are about a minute, longer than Sentinel takes to promote a replica, even when a
 * first election fails and starts again. With 3, a command failed within half a second of the primary
 * dying. A longer outage still fails the command, so the person is told rather than kept waiting.
 */
export const STORE_CONNECTION = { maxRetriesPerRequest: 50 } as const satisfies ConnectionOptions;

export function redisClient(url: string, options: ConnectionOptions = {}): RedisConnection {
  return quiet(connect(url, options));
}

/**
 * A connection's errors while Redis is away come back as failed commands where they matter, and calma's
 * main connection says "lost Redis" and "answers again" once each (src/main.ts). Without a listener,
 * ioredis printed "Unhandled error event" for every retry of every connection during a fail-over.
 */
function quiet<C extends RedisConnection>(connection: C): C {
  connection.on('error', () => {});
  return connection;
}

function connect(url: string, options: ConnectionOptions): RedisConnection {
  const target = parseRedisUrl(url);
  switch (target.kind) {
    case 'single':
      return new Redis(url, options);
    case 'sentinel':
      return new Redis({
        ...options,
        sentinels: target.sentinels,
        name: target.name,
        db: target.db,
        username: target.username,
        password: target.password,
        sentinelPassword: target.sentinelPassword,
        // No failoverDetector (ioredis' reconnect on +switch-master): when the announcement came while
        // a connection was asking the sentinels for the primary, that connection ended for good
        // ("Connection is closed"), about one in six of them in a local fail-over (docs/decisions.md).
        ...(target.tls ? { tls: {}, enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
      });
    case 'cluster': {
      const { enableOfflineQueue, lazyConnect, ...perNode } = options;
      return new Cluster(target.nodes, {
        ...clusterPatience(options.maxRetriesPerRequest),
        ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
        ...(lazyConnect === undefined ? {} : { lazyConnect }),
        redisOptions: {
          ...perNode,
          username: target.username,
          password: target.password,
          ...(target.tls ? { tls: {} } : {}),
        },
      });
    }
  }
}

/** How long a Cluster client waits before trying a command again while a slot has no primary. */
const CLUSTER_RETRY_DELAY_MS = 300;
/** What one of a single connection's retries costs on average (50 of them: about a minute). */
const RETRY_COST_MS = 1200;

/**
 * A Cluster client retries a command whose node is gone (connection closed, CLUSTERDOWN) until the slot
 * has a primary again, but only `maxRedirections` times: ioredis' 16 times 100 ms gave up 1.6 s into a
 * fail-over, before the replica was promoted (a node timeout and an election: 5 s with a 2 s node
 * timeout), and an open caught by it was told "Something went wrong" with its incident half made. The
 * budget here is the one the options already ask of a single connection: none for BullMQ's (`null`:
 * wait for Redis), about a minute for calma's store (STORE_CONNECTION, as through Sentinel).
 */
export function clusterPatience(maxRetriesPerRequest: number | null | undefined) {
  const redirections =
    maxRetriesPerRequest === null
      ? Number.POSITIVE_INFINITY
      : Math.max(16, Math.ceil(((maxRetriesPerRequest ?? 0) * RETRY_COST_MS) / CLUSTER_RETRY_DELAY_MS));
  return {
    maxRedirections: redirections,
    retryDelayOnFailover: CLUSTER_RETRY_DELAY_MS,
    retryDelayOnClusterDown: CLUSTER_RETRY_DELAY_MS,
    retryDelayOnTryAgain: CLUSTER_RETRY_DELAY_MS,
  };
}

/**
 * The key prefix of every calma key and BullMQ queue. On a Cluster it is a hash tag (`{calma}`): a
 * BullMQ queue's scripts and calma's own transactions touch several keys, which a Cluster allows only
 * within one slot, so all of calma's keys share one (docs/decisions.md, "Redis Sentinel and Cluster").
 */
export function redisKeyPrefix(prefix: string, url: string | undefined): string {
  return isClusterUrl(url) ? `{${prefix}}` : prefix;
}

/** A new connection of the same topology and options (ioredis' `duplicate`, typed for both kinds). */
export function duplicateClient(connection: RedisConnection): RedisConnection {
  return quiet(connection instanceof Cluster ? connection.duplicate() : connection.duplicate());
}
