/**
 * The processing side of the alert storm: calma's alert worker (the real one, on BullMQ) works an
 * AlertIntake's queue until nothing is left, opening incidents in a fresh workspace store with the
 * handlers' real code and a recording chat. It answers the bench's question: how many incidents did
 * the storm create? (It must equal the number of alert groups.)
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AlertIntake } from '../../src/alerts/intake';
import { alertWorkerService } from '../../src/alerts/worker';
import { compileRoutes } from '../../src/core/alert-route';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import { RedisAlertStore } from '../../src/store/redis-alert-store';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { testDeps } from '../../test/support/deps';
import { RecordingChat } from '../../test/support/recording-chat';

export interface ProcessedStorm {
  /** Alert jobs the worker processed. */
  alerts: number;
  /** Incidents the storm opened (every alert is routed to `open`). */
  incidents: number;
  /** Wall time from starting the worker to an empty queue. */
  ms: number;
}

const WORKSPACE = 'TBENCH';
const QUEUE_PREFIX = 'alerts-';

/**
 * Works everything queued in `intake` (its queue must be named `alerts-<platform>`, as the door names
 * it) with every alert routed to open a `hacked-account` incident, then counts the incidents. The
 * incidents and links live under a key prefix of their own, so each call starts from nothing.
 */
export async function processStorm(
  intake: AlertIntake,
  redisUrl: string,
  timeoutMs = 300_000,
): Promise<ProcessedStorm> {
  const name = intake.queue.name;
  if (!name.startsWith(QUEUE_PREFIX))
    throw new Error(`queue ${name} is not an alert queue (alerts-<platform>)`);
  const loaded = await loadPlaybooks([builtinPlaybooksDir]);
  const playbooks = new PlaybookRegistry(loaded.playbooks, loaded.scenarios);
  const redis = new Redis(redisUrl);
  const prefix = `storm-${randomBytes(4).toString('hex')}`;
  const store = new RedisIncidentStore(redis, prefix);
  const alerts = new RedisAlertStore(redis, prefix);
  const worker = alertWorkerService({
    redisUrl,
    prefix: intake.queue.opts.prefix ?? 'bull',
    platform: name.slice(QUEUE_PREFIX.length),
    concurrency: 64,
  });
  let processed = 0;
  worker.onProcessed(() => {
    processed++;
  });
  const started = performance.now();
  try {
    worker.work(
      { ...testDeps(store, playbooks), chat: new RecordingChat(), alerts },
      {
        workspace: async () => WORKSPACE,
        routes: compileRoutes([{ action: 'open', playbook: 'hacked-account' }]),
        triageChannel: null,
        groupWindow: 10,
      },
    );
    await worker.idle(timeoutMs);
    const ms = performance.now() - started;
    return { alerts: processed, incidents: (await store.list(WORKSPACE, { all: true })).length, ms };
  } finally {
    await worker.stop();
    redis.disconnect();
  }
}
