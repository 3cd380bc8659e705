/**
 * The chaos table of a Redis fail-over: three calma replicas (Slack HTTP mode) on a real primary with a
 * replica and three sentinels (AOF, fsync every second, as in production), REDIS_URL in its Sentinel
 * form. In the middle of a burst of `/crisis open` and alerts the primary is SIGKILLed; the sentinels
 * promote the replica, and calma carries on. The table says what was taken and what became of it: lost
 * must be 0 beyond Redis' replication window (docs/operations.md). The scenario is
 * test/support/replicas-scenario.ts, which the e2e tests run too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCalma } from '../test/support/calma-build';
import { chaosCounts, chaosTable } from '../test/support/chaos-table';
import { SentinelTopology } from '../test/support/redis-topology';
import { runReplicasScenario } from '../test/support/replicas-scenario';

/** `--quick`: a smaller burst. */
export async function runReplicasChaosBench(argv: readonly string[]): Promise<boolean> {
  const quick = argv.includes('--quick');
  const build = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-build-'));
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'calma-replicas-chaos-'));
  // The replicas run calma compiled once, as the e2e tests do (test/support/calma-build.ts).
  await buildCalma(build);
  process.env.CALMA_TEST_BUILD = build;
  const topology = await SentinelTopology.start({ appendOnly: true });
  let passed = false;
  try {
    const burst = quick ? 12 : 40;
    console.log(
      `3 calma replicas, REDIS_URL=redis+sentinel://… (primary + replica, 3 sentinels, appendfsync everysec); ` +
        `a burst of ${burst} /crisis open and ${burst} alerts; the primary SIGKILLed in the middle\n`,
    );
    const result = await runReplicasScenario({
      redisUrl: topology.url,
      warmup: 3,
      burst,
      minuteMs: 300,
      strikeAfter: burst,
      logDir,
      log: (line) => console.log(`  ${line}`),
      strike: async () => {
        const killedAt = Date.now();
        await topology.killPrimary();
        await topology.waitForPromotion();
        return `Redis primary SIGKILLed; replica promoted after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`;
      },
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
