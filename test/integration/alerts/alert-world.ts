/**
 * Alert processing as it runs in calma: the handler World (real Redis store, shipped playbooks, the
 * recording chat), a real AlertIntake filling `alerts-<platform>` and the real BullMQ worker working it,
 * with calma's AlertStore, each on a fresh key prefix and queue name. Tests enqueue AlertJobs the way the
 * door does (no HTTP), then wait for the worker to be idle.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AlertIntake, type AlertJob, alertQueueName } from '../../../src/alerts/intake';
import type { AlertDesk, AlertOutcome, AlertSettings, DigestJob } from '../../../src/alerts/process';
import { type AlertWorkerService, alertWorkerService } from '../../../src/alerts/worker';
import type { Alert } from '../../../src/core/alert';
import { compileRoutes, type RouteSetting } from '../../../src/core/alert-route';
import { RedisAlertStore } from '../../../src/store/redis-alert-store';
import { testRedis, uniquePrefix } from '../../support/redis';
import { OPENED_AT, WORKSPACE, type World } from '../handlers/world';

export const TRIAGE = 'C0TRIAGE';

export interface DeskOptions {
  routes?: RouteSetting[];
  triageChannel?: string | null;
  /** `alerts.group_window`, in playbook minutes. */
  groupWindow?: number;
  /** How long a playbook minute lasts for this world (the group window counts in them). */
  minuteMs?: number;
}

/** An Alertmanager-shaped alert about the brand: override what the test is about. */
export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    source: 'alertmanager',
    dedupKey: 'fp-mentions-1',
    groupKey: '{}/{team="social"}:{alertname="MentionsSpike"}',
    status: 'firing',
    severity: 2,
    title: 'Mentions of the brand up 900% in 10 minutes',
    summary: 'Most mentions quote a post from our account that we did not write.',
    url: 'https://grafana.example/d/social?viewPanel=4',
    startedAt: OPENED_AT,
    labels: { alertname: 'MentionsSpike', team: 'social', severity: 'critical' },
    ...overrides,
  };
}

export class AlertRig {
  readonly alerts: RedisAlertStore;
  readonly intake: AlertIntake;
  readonly worker: AlertWorkerService;
  readonly settings: AlertSettings;
  readonly outcomes: AlertOutcome[] = [];
  private readonly connection: Redis;
  private nextDelivery = 1;

  constructor(
    readonly world: World,
    redis: Redis,
    options: DeskOptions = {},
  ) {
    const prefix = uniquePrefix();
    const platform = `test-${randomBytes(4).toString('hex')}`;
    const url = process.env.CALMA_TEST_REDIS_URL ?? '';
    this.alerts = new RedisAlertStore(redis, prefix);
    world.deps.alerts = this.alerts;
    if (options.minuteMs) world.deps.minuteMs = options.minuteMs;
    this.settings = {
      workspace: async () => WORKSPACE,
      routes: compileRoutes(options.routes ?? []),
      triageChannel: options.triageChannel === undefined ? TRIAGE : options.triageChannel,
      groupWindow: options.groupWindow ?? 10,
    };
    this.connection = new Redis(url, { maxRetriesPerRequest: null });
    this.intake = new AlertIntake({ connection: this.connection, prefix, name: alertQueueName(platform) });
    this.worker = alertWorkerService({ redisUrl: url, prefix, platform });
    this.worker.onProcessed((outcome) => this.outcomes.push(outcome));
    this.worker.work({ ...world.deps, alerts: this.alerts }, this.settings);
  }

  /** A job as the door makes it; each call is a new delivery unless `delivery` says otherwise. */
  job(a: Alert, delivery = `test-${this.nextDelivery++}`, index = 0): AlertJob {
    return { alert: a, delivery, index, receivedAt: OPENED_AT };
  }

  /** Queues the jobs as the door does and waits until the worker has processed them all. */
  async send(...jobs: (AlertJob | Alert)[]): Promise<void> {
    await this.intake.accept(jobs.map((j) => ('alert' in j ? j : this.job(j))));
    await this.worker.idle(20_000);
  }

  /** The processing the worker does, called directly (no queue): for races the queue would serialise. */
  desk(): AlertDesk {
    return {
      deps: { ...this.world.deps, alerts: this.alerts },
      alerts: this.alerts,
      settings: this.settings,
      digest: async (_job: DigestJob, _delayMs: number) => {},
    };
  }

  async stop(): Promise<void> {
    await this.intake.close();
    await this.worker.stop();
    this.connection.disconnect();
  }
}

/**
 * Registers the hooks of a test file that needs alert rigs: `rig(world, options)` inside a test starts
 * one (stopped after the test).
 */
export function useAlertRigs(): (world: World, options?: DeskOptions) => AlertRig {
  let redis: Redis;
  const rigs: AlertRig[] = [];
  beforeAll(() => {
    redis = testRedis();
  });
  afterEach(async () => {
    for (const rig of rigs.splice(0)) await rig.stop();
  });
  afterAll(async () => {
    await redis.quit();
  });
  return (world, options) => {
    const rig = new AlertRig(world, redis, options);
    rigs.push(rig);
    return rig;
  };
}
