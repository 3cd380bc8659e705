import { runAlertsBench } from './alerts.bench';
import { chaosOptions, runChaosBench } from './chaos.bench';
import { runRemindersBench } from './reminders.bench';
import { replicaCounts, runReplicasBench } from './replicas.bench';
import { runReplicasChaosBench } from './replicas-chaos.bench';
import { PARTS } from './report/parts';
import { runReport } from './report/report';
import { runSlackAckBench } from './slack-ack.bench';
import { runStoreBench } from './store.bench';

/**
 * `npm run bench [-- [report] [store] [slack-ack] [reminders] [alerts] [chaos [--quick] [--seed=N]] [replicas [--replicas=1,2,3]] [replicas-chaos [--quick] [--cluster]] [--strict] [--save]]`:
 * without a name, the throughput report (one table, every figure with its anchor: bench/report/); with
 * names, those benches in turn. Benches report; with --strict a missed target also makes the exit code 1
 * (CI does not run benches: this is for people checking a change by hand). `--save` writes the report's
 * table into docs/benchmarks.md.
 */
const BENCHES: Record<string, { heading: string; run: (argv: readonly string[]) => Promise<boolean> }> = {
  report: {
    heading: 'throughput report: every figure against its anchor, in one run',
    run: (argv) => runReport(PARTS, argv.includes('--save')),
  },
  store: {
    heading: 'store throughput',
    run: async () => {
      await runStoreBench();
      return true; // a yardstick, no target
    },
  },
  'slack-ack': { heading: 'Slack ack latency', run: runSlackAckBench },
  reminders: { heading: 'reminder lateness with 10,000 incidents', run: () => runRemindersBench() },
  alerts: { heading: 'alert storm: accepted alerts per second', run: () => runAlertsBench() },
  chaos: {
    heading: 'chaos: SIGKILLed processes and a Redis restart, nothing acknowledged lost',
    run: (argv) => runChaosBench(chaosOptions(argv)),
  },
  replicas: {
    heading: '1, 2 and 3 calma replicas: acks, alerts, reminders, Discord and Redis fail-over',
    run: (argv) => runReplicasBench(replicaCounts(argv)),
  },
  'replicas-chaos': {
    heading:
      'chaos table: 3 replicas on Sentinel (--cluster: a Redis Cluster), the Redis primary SIGKILLed in a burst',
    run: runReplicasChaosBench,
  },
};

async function main(argv: readonly string[]): Promise<number> {
  const strict = argv.includes('--strict');
  const given = argv.filter((arg) => !arg.startsWith('--'));
  const named = given.length > 0 ? given : ['report'];
  const unknown = named.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
    return 2;
  }
  let allPassed = true;
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (!named.includes(name)) continue;
    console.log(`\n=== ${name}: ${bench.heading} ===\n`);
    allPassed = (await bench.run(argv)) && allPassed;
  }
  if (!allPassed) console.log(strict ? 'a target was missed (--strict): exit code 1' : 'a target was missed');
  return strict && !allPassed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
