import type { Logger } from '../log';
import type { RedisConnection } from '../redis/connect';

/**
 * The 'error' listener of one component's BullMQ queues and workers (and the like): while Redis is away
 * they report every failed reconnection, which Node printed as raw stack traces without a listener, and
 * which logged one by one would bury everything else. The component says it once when the errors start,
 * and again only after its connection was ready in between; main's "lost Redis" / "Redis answers again"
 * lines carry the rest. Only the error's message is logged: no stack, no connection options.
 */
export function outageLog(
  log: Logger,
  component: string,
  connection: RedisConnection,
): (error: unknown) => void {
  let said = false;
  connection.on('ready', () => {
    said = false;
  });
  return (error) => {
    if (said) return;
    said = true;
    log.warn(
      { error: error instanceof Error ? error.message : String(error) },
      `${component}: Redis unreachable`,
    );
  };
}
