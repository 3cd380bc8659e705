import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log';

/**
 * Bolt's logger interface on top of calma's pino, so Bolt's lines are JSON, redacted, in one stream.
 * While `quiet()` holds, Bolt's warnings and errors are debug lines: calma says what failed itself.
 */
export function boltLogger(log: Logger, quiet: () => boolean = () => false): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => (quiet() ? child.debug(text(msg)) : child.warn(text(msg))),
    error: (...msg: unknown[]) => (quiet() ? child.debug(text(msg)) : child.error(text(msg))),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
