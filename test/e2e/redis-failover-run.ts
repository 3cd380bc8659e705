import { chaosCounts, chaosTable } from '../support/chaos-table';
import { type FailoverKind, runRedisFailover, startFailoverTopology } from '../support/redis-failover';
import { expectEveryEffectOnceThroughFailover, expectNothingTakenLost } from './replicas-expectations';

/**
 * The body of test/e2e/replicas-*-failover.test.ts: three calma replicas on a fresh `kind` topology,
 * its primary SIGKILLed mid-burst; prints the chaos table, then expects nothing taken lost. Through
 * Sentinel also nothing failed half-way or done twice, and every step reminder once; on a Cluster an
 * open caught by the switch can still be told "Something went wrong" (ioredis' cluster client gives up
 * after its redirections, about 1.6 s, before the replica is promoted: docs/operations.md).
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
    if (kind === 'sentinel') expectEveryEffectOnceThroughFailover(result);
    else expectNothingTakenLost(result);
  } finally {
    await topology.stop();
  }
}
