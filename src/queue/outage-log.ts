import type { Logger } from '../log';
import type { RedisConnection } from '../redis/connect';

/**
 * Errors this far apart are two outages: on a Cluster the connection as a whole stays ready while the
 * primary of calma's slot is replaced, so its 'ready' does not mark the end of that outage. While Redis
 * is away, every connection retries (and fails) every two seconds at most.
 */
const QUIET_MS = 60_000;

/**
 * An 'error' listener for BullMQ queues and workers (and the like), which report every failed
 * reconnection while Redis is away: `report` is called for the first error of an outage only, and
 * again once `connection` was ready or quiet in between.
 */
export function oncePerOutage(
  connection: RedisConnection,
  report: (error: unknown) => void,
): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  connection.on('ready', () => {
    last = Number.NEGATIVE_INFINITY;
  });
  return (error) => {
    const now = Date.now();
    const quiet = now - last > QUIET_MS;
    last = now;
    if (quiet) report(error);
  };
}

/**
 * The 'error' listener of one component's queues and workers: without one, Node printed each failed
 * reconnection as a raw stack trace; logged one by one they would bury everything else. The component
 * says it once per outage; main's "lost Redis" / "Redis answers again" lines carry the rest. Only the
 * error's message is logged: no stack, no connection options.
 */
export function outageLog(
  log: Logger,
  component: string,
  connection: RedisConnection,
): (error: unknown) => void {
  return oncePerOutage(connection, (error) =>
    log.warn(
      { error: error instanceof Error ? error.message : String(error) },
      `${component}: Redis unreachable`,
    ),
  );
}
