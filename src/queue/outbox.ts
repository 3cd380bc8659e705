import type { Worker } from 'bullmq';
import { runOutboxJob } from '../app/deliver';
import type { Deps } from '../app/deps';
import type { WebhookTarget } from '../outbound/webhook';
import { redisClient } from '../redis/connect';
import { outageLog } from './outage-log';
import { BullOutbox, defaultOutboxTiming, type OutboxSettings, startOutboxWorker } from './outbox-queue';

export interface OutboxOptions {
  redisUrl: string;
  prefix: string;
  /** Each chat platform has its own outbox, worked by the processes serving that platform. */
  platform: string;
  targets: WebhookTarget[];
  /** Retry timing; tests shorten it. */
  timing?: Partial<typeof defaultOutboxTiming>;
}

export interface OutboxService {
  outbox: BullOutbox;
  work(deps: Deps): void;
  stop(): Promise<void>;
}

/** The statement outbox of one chat platform and, once `work` is called, its worker. */
export function outboxService(options: OutboxOptions): OutboxService {
  const connection = redisClient(options.redisUrl, { maxRetriesPerRequest: null });
  const settings: OutboxSettings = {
    connection,
    prefix: options.prefix,
    name: `outbox-${options.platform}`,
    ...defaultOutboxTiming,
    ...options.timing,
  };
  const outbox = new BullOutbox(settings);
  let worker: Worker | null = null;
  return {
    outbox,
    work(deps) {
      worker = startOutboxWorker(settings, (job, id, last, rerun) =>
        runOutboxJob(deps, options.targets, job, id, last, rerun),
      );
      worker.on('failed', (job, error) =>
        deps.log.warn({ err: error, job: job?.id, attempts: job?.attemptsMade }, 'statement delivery failed'),
      );
      const unreachable = outageLog(deps.log, 'statement outbox', connection);
      outbox.queue.on('error', unreachable);
      worker.on('error', unreachable);
    },
    async stop() {
      await worker?.close();
      await outbox.close();
      connection.disconnect();
    },
  };
}
