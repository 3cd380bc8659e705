import type { AlertRoute } from '../core/alert-route';
import type { Logger } from '../log';
import { outageLog } from '../queue/outage-log';
import { redisClient } from '../redis/connect';
import { AlertIntake, alertQueueName, laneOf } from './intake';

export interface AlertIntakeServiceOptions {
  redisUrl: string;
  prefix: string;
  /** Alerts go to `alerts-<platform>`, worked by the processes serving that chat platform. */
  platform: string;
  /** calma.yaml's alert routes: alerts a route opens an incident for go to the open lane. */
  routes: AlertRoute[];
  log: Logger;
}

export interface AlertIntakeService {
  intake: AlertIntake;
  stop(): Promise<void>;
}

/**
 * The alert endpoints' queue and its own Redis connection. Adds fail after a couple of retries rather
 * than waiting for Redis forever: the endpoint then answers 503 and the sender retries later.
 */
export function alertIntakeService(options: AlertIntakeServiceOptions): AlertIntakeService {
  const connection = redisClient(options.redisUrl, { maxRetriesPerRequest: 2 });
  const intake = new AlertIntake(
    {
      connection,
      prefix: options.prefix,
      name: alertQueueName(options.platform),
    },
    {
      lane: laneOf(options.routes),
      onError: outageLog(options.log, 'alert intake', connection),
    },
  );
  return {
    intake,
    async stop() {
      await intake.close();
      connection.disconnect();
    },
  };
}
