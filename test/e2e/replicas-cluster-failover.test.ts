/**
 * Three real calma processes (Slack HTTP mode) on a real three-primary Redis Cluster with a replica per
 * primary (AOF, fsync every second), REDIS_URL in its Cluster form: all of calma's keys share the slot
 * of its hash tag `{prefix}`. The primary holding that slot is SIGKILLed in the middle of a burst of
 * `/crisis open` and alerts, and the cluster promotes its replica: as with Sentinel
 * (replicas-redis-failover.test.ts), whatever calma acknowledged or accepted is done, nothing fails
 * half-way or is done twice, every step reminder comes once, and incident numbers, channels and
 * deliveries stay unique. The chaos table (bench/replicas-chaos.bench.ts --cluster) is printed.
 */
import { expectRedisFailoverLosesNothing } from './redis-failover-run';

test("GIVEN three calma replicas on a three-primary Redis Cluster WHEN the primary holding calma's slot is SIGKILLed in a burst of /crisis open and alerts THEN every acknowledged or accepted effect happens once, nothing fails half-way, and every step reminder comes once", async () => {
  await expectRedisFailoverLosesNothing('cluster');
}, 480_000);
