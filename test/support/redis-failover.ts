/**
 * The replicas scenario with the Redis primary SIGKILLed mid-burst, on either topology calma supports
 * for fail-over: a primary + replica behind three sentinels, or a three-primary Cluster with a replica
 * each (the primary holding calma's slot is the one killed). Both run with the AOF on (`appendfsync
 * everysec`), as in production. Used by test/e2e/replicas-*-failover.test.ts and
 * bench/replicas-chaos.bench.ts, so the tests and the table run the same thing.
 */
import { ClusterTopology, SentinelTopology } from './redis-topology';
import { runReplicasScenario, type ScenarioOptions, type ScenarioResult } from './replicas-scenario';

export type FailoverKind = 'sentinel' | 'cluster';

/** A running topology: calma's REDIS_URL, how to kill its primary mid-burst, how to stop it all. */
export interface FailoverTopology {
  kind: FailoverKind;
  /** What it is, for a heading: `redis+sentinel://… (primary + replica, 3 sentinels)`. */
  description: string;
  url: string;
  /** SIGKILLs the primary serving calma's keys; resolves once a replica serves them, saying how long. */
  killPrimary(keyPrefix: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startFailoverTopology(kind: FailoverKind): Promise<FailoverTopology> {
  if (kind === 'sentinel') {
    const sentinel = await SentinelTopology.start({ appendOnly: true });
    return {
      kind,
      description: 'REDIS_URL=redis+sentinel://… (primary + replica, 3 sentinels, appendfsync everysec)',
      url: sentinel.url,
      killPrimary: async () => {
        const killedAt = Date.now();
        await sentinel.killPrimary();
        await sentinel.waitForPromotion();
        return `Redis primary SIGKILLed; the sentinels promoted its replica after ${since(killedAt)}`;
      },
      stop: () => sentinel.stop(),
    };
  }
  const cluster = await ClusterTopology.start({ replicas: 1, appendOnly: true });
  return {
    kind,
    description:
      'REDIS_URL=redis+cluster://… (3 primaries with a replica each, node timeout 2 s, appendfsync everysec)',
    url: cluster.url,
    killPrimary: async (keyPrefix) => {
      // calma's keys all share the slot of its hash tag (`{prefix}`): one primary holds all of them.
      const primary = await cluster.primaryOf(keyPrefix);
      const killedAt = Date.now();
      await cluster.kill(primary);
      const promoted = await cluster.waitForPromotion(keyPrefix, primary);
      return `Redis primary of calma's slot (${primary}) SIGKILLed; the cluster promoted its replica (${promoted}) after ${since(killedAt)}`;
    },
    stop: () => cluster.stop(),
  };
}

/** Three calma replicas on `topology`, its primary SIGKILLed after `strikeAfter` requests of the burst. */
export function runRedisFailover(
  topology: FailoverTopology,
  options: Pick<ScenarioOptions, 'burst' | 'strikeAfter' | 'log' | 'logDir'>,
): Promise<ScenarioResult> {
  return runReplicasScenario({
    ...options,
    redisUrl: topology.url,
    warmup: 3,
    minuteMs: 300,
    strike: (_replicas, keyPrefix) => topology.killPrimary(keyPrefix),
  });
}

const since = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;
