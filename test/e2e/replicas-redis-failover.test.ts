/**
 * Three real calma processes (Slack HTTP mode) on a real Redis primary + replica + three sentinels
 * (AOF, fsync every second), REDIS_URL in its Sentinel form. The primary is SIGKILLed in the middle of a
 * burst of `/crisis open` and alerts: whatever calma acknowledged (200) or accepted (202) is done or,
 * for a command caught half-way, the person is told it failed; nothing is silently lost; what calma
 * could not take it refused, so the sender knows. The chaos table (bench/replicas-chaos.bench.ts) is
 * printed. The same on a Cluster: replicas-cluster-failover.test.ts.
 */
import { expectRedisFailoverLosesNothing } from './redis-failover-run';

test('GIVEN three calma replicas on Redis through Sentinel WHEN the primary is SIGKILLed in a burst of /crisis open and alerts THEN nothing acknowledged or accepted is silently lost, and incident numbers, channels and deliveries stay unique', async () => {
  await expectRedisFailoverLosesNothing('sentinel');
}, 480_000);
