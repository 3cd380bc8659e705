import { chaosCounts, chaosTable } from '../support/chaos-table';
import { type FailoverKind, runRedisFailover, startFailoverTopology } from '../support/redis-failover';
import { expectEveryEffectOnceThroughFailover } from './replicas-expectations';

/**
 * The body of test/e2e/replicas-*-failover.test.ts: three calma replicas on a fresh `kind` topology,
 * its primary SIGKILLed mid-burst; prints the chaos table, then expects nothing taken lost, nothing
 * failed half-way or done twice, and every step reminder once, through Sentinel as on a Cluster.
 */
export async function expectRedisFailoverLosesNothing(kind: FailoverKind): Promise<void> {
  const topology = await startFailoverTopology(kind);
  try {
    const result = await runRedisFailover(topology, {
      burst: 12,
      strikeAfter: 12,
      // CALMA_REPLICAS_LOGS=<dir> keeps each replica's log there, to read after a failure.
      ...(process.env.CALMA_REPLICAS_LOGS ? { logDir: process.env.CALMA_REPLICAS_LOGS } : {}),
      log: (line) => console.log(line),
    });
    console.log(`${topology.description}\n${chaosTable(chaosCounts(result))}`);
    expectEveryEffectOnceThroughFailover(result);
  } finally {
    await topology.stop();
  }
}
