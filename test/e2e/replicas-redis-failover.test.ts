/**
 * Three real calma processes (Slack HTTP mode) on a real Redis primary + replica + three sentinels
 * (AOF, fsync every second), REDIS_URL in its Sentinel form. The primary is SIGKILLed in the middle of a
 * burst of `/crisis open` and alerts: whatever calma acknowledged (200) or accepted (202) is done or,
 * for a command whose hand-off could not be written, the person is told nothing was changed; nothing
 * taken is answered "Something went wrong" or done twice, and every incident gets each step reminder
 * once. The chaos table (bench/replicas-chaos.bench.ts) is printed. The same on a Cluster:
 * replicas-cluster-failover.test.ts.
 */
import { expectRedisFailoverLosesNothing } from './redis-failover-run';

test('GIVEN three calma replicas on Redis through Sentinel WHEN the primary is SIGKILLed in a burst of /crisis open and alerts THEN nothing acknowledged or accepted is lost, failed half-way or done twice, and incident numbers, channels, deliveries and reminders stay unique', async () => {
  await expectRedisFailoverLosesNothing('sentinel');
}, 480_000);
