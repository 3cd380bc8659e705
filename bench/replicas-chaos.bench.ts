/**
 * The chaos table of a Redis fail-over: three calma replicas (Slack HTTP mode) on a real Redis with the
 * AOF on (fsync every second, as in production). In the middle of a burst of `/crisis open` and alerts
 * the primary is SIGKILLed; a replica is promoted, and calma carries on. By default on a primary with a
 * replica and three sentinels (REDIS_URL in its Sentinel form); `--cluster`: on a three-primary Cluster
 * with a replica each, the primary holding calma's slot killed (the Cluster form). The table says what
 * was taken and what became of it: lost must be 0 beyond Redis' replication window
 * (docs/operations.md). The scenario is test/support/redis-failover.ts, which the e2e tests run too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCalma } from '../test/support/calma-build';
import { chaosCounts, chaosTable } from '../test/support/chaos-table';
import { runRedisFailover, startFailoverTopology } from '../test/support/redis-failover';

/** `--quick`: a smaller burst; `--cluster`: on a Redis Cluster instead of Sentinel. */
export async function runReplicasChaosBench(argv: readonly string[]): Promise<boolean> {
  const quick = argv.includes('--quick');
  const build = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-build-'));
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'calma-replicas-chaos-'));
  // The replicas run calma compiled once, as the e2e tests do (test/support/calma-build.ts).
  await buildCalma(build);
  process.env.CALMA_TEST_BUILD = build;
  const topology = await startFailoverTopology(argv.includes('--cluster') ? 'cluster' : 'sentinel');
  let passed = false;
  try {
    const burst = quick ? 12 : 40;
    console.log(
      `3 calma replicas, ${topology.description}; ` +
        `a burst of ${burst} /crisis open and ${burst} alerts; the primary SIGKILLed in the middle\n`,
    );
    const result = await runRedisFailover(topology, {
      burst,
      strikeAfter: burst,
      logDir,
      log: (line) => console.log(`  ${line}`),
    });
    const counts = chaosCounts(result);
    console.log(`\n${chaosTable(counts)}\n`);
    const refused = result.sent.filter((s) => !s.acknowledged);
    console.log(
      `not taken (the sender was told so: "nothing was changed", 503 + Retry-After): ${refused.length}` +
        (refused.length > 0 ? ` (${[...new Set(refused.map((s) => s.answer))].join(', ')})` : ''),
    );
    const lost =
      counts.commands.lost + counts.alerts.lost + counts.deliveries.expected - counts.deliveries.delivered;
    const twice = counts.commands.twice + counts.alerts.twice + counts.reminders.twice;
    passed = lost === 0 && counts.deliveries.twoIds === 0;
    console.log(
      `${passed ? 'PASS' : 'FAIL'}: ${lost} taken requests or deliveries silently lost, ` +
        `${counts.deliveries.twoIds} statements delivered under two ids (both must be 0); ` +
        `${twice} done twice in the fail-over window (at-least-once, docs/operations.md)`,
    );
  } finally {
    await topology.stop();
    await rm(build, { recursive: true, force: true });
    if (passed) await rm(logDir, { recursive: true, force: true });
    else console.log(`calma's logs are kept in ${logDir}`);
  }
  return passed;
}
