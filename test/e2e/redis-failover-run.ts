import { chaosCounts, chaosTable } from '../support/chaos-table';
import { type FailoverKind, runRedisFailover, startFailoverTopology } from '../support/redis-failover';
import { expectNothingTakenLost } from './replicas-expectations';

/**
 * The body of test/e2e/replicas-*-failover.test.ts: three calma replicas on a fresh `kind` topology,
 * its primary SIGKILLed mid-burst; prints the chaos table, then expects nothing taken silently lost.
 * Repeats in the fail-over window (an alert card posted twice) show in the table, not asserted here.
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
    expectNothingTakenLost(result);
  } finally {
    await topology.stop();
  }
}
