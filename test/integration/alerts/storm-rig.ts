/**
 * The alert queue and worker of a chat platform's test world, as src/main.ts wires them: a real
 * AlertIntake and BullMQ worker on the test Redis, calma's AlertStore put into the platform's deps (so
 * its buttons find the triage cards), and the storm rule on. Plus a storm of alert groups to send.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AlertIntake, type AlertJob, alertQueueName } from '../../../src/alerts/intake';
import type { AlertSettings } from '../../../src/alerts/process';
import { alertWorkerService } from '../../../src/alerts/worker';
import type { Deps } from '../../../src/app/deps';
import { compileRoutes, type RouteSetting } from '../../../src/core/alert-route';
import { RedisAlertStore } from '../../../src/store/redis-alert-store';
import { testRedis, uniquePrefix } from '../../support/redis';
import { OPENED_AT } from '../handlers/world';
import { alert } from './alert-world';

export interface StormRig {
  /** Queues the jobs as the door does, 50 at a time, and waits until the worker has processed them. */
  send(jobs: AlertJob[]): Promise<void>;
  stop(): Promise<void>;
}

export interface StormRigOptions {
  workspace: string;
  triageChannel: string;
  routes?: RouteSetting[];
  /** The storm rule: past this many new groups in a minute, a digest. */
  groups?: number;
}

export function stormRig(redis: Redis, deps: Deps, options: StormRigOptions): StormRig {
  const prefix = uniquePrefix();
  const url = process.env.CALMA_TEST_REDIS_URL ?? '';
  const platform = `test-${randomBytes(4).toString('hex')}`;
  const alerts = new RedisAlertStore(redis, prefix);
  deps.alerts = alerts;
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const intake = new AlertIntake({ connection, prefix, name: alertQueueName(platform) });
  const worker = alertWorkerService({ redisUrl: url, prefix, platform });
  const settings: AlertSettings = {
    workspace: async () => options.workspace,
    routes: compileRoutes(options.routes ?? []),
    triageChannel: options.triageChannel,
    groupWindow: 10,
    storm: { groups: options.groups ?? 5, window: 1 },
  };
  worker.work({ ...deps, alerts }, settings);
  return {
    async send(jobs) {
      for (let i = 0; i < jobs.length; i += 50) await intake.accept(jobs.slice(i, i + 50));
      await worker.idle(60_000);
    },
    async stop() {
      await intake.close();
      await worker.stop();
      connection.disconnect();
    },
  };
}

/**
 * Registers the hooks of a test file that needs storm rigs: `rig(deps, options)` inside a test starts one
 * on the test Redis (stopped after the test).
 */
export function useStormRigs(): (deps: Deps, options: StormRigOptions) => StormRig {
  let redis: Redis;
  const rigs: StormRig[] = [];
  beforeAll(() => {
    redis = testRedis();
  });
  afterEach(async () => {
    for (const rig of rigs.splice(0)) await rig.stop();
  });
  afterAll(async () => {
    await redis.quit();
  });
  return (deps, options) => {
    const rig = stormRig(redis, deps, options);
    rigs.push(rig);
    return rig;
  };
}

/** `perGroup` alerts in each of `groups` groups (numbered from `from`), interleaved as a storm sends them. */
export function storm(groups: number, perGroup: number, from = 0): AlertJob[] {
  return Array.from({ length: groups * perGroup }, (_, i) => {
    const g = from + (i % groups);
    return {
      alert: alert({
        dedupKey: `fp-${g}-${Math.floor(i / groups)}`,
        groupKey: `{}/{team="social"}:{alertname="Spike${g}"}`,
        title: `Mentions spike in region ${g}`,
        labels: { alertname: `Spike${g}`, team: 'social', region: `r${g}` },
      }),
      delivery: `storm-${randomBytes(3).toString('hex')}`,
      index: i,
      receivedAt: OPENED_AT,
    };
  });
}
