import pino from 'pino';
import type PinoPretty from 'pino-pretty';
import { SECRET_ENV_NAMES } from './config/schema';

export type Logger = pino.Logger;

export const REDACTED = '[redacted]';

/** Keys whose whole value is secret, at the top level and one level down (fast-redact's `*`). */
const SECRET_KEYS = ['token', 'secret', 'password', 'authorization', 'cookie', ...SECRET_ENV_NAMES];

/** Keys holding a URL that may carry a password: only the password is hidden, the host stays useful. */
const URL_KEYS = ['url', 'redisUrl', 'REDIS_URL'];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`]),
  ...['headers', 'req.headers', '*.headers', '*.config.headers'].flatMap((h) => [
    `${h}.authorization`,
    // Error objects from HTTP clients keep the header as it was set, capitalised.
    `${h}.Authorization`,
    `${h}.cookie`,
    `${h}["x-slack-signature"]`,
  ]),
  ...URL_KEYS.flatMap((k) => [k, `*.${k}`]),
];

const urlKeys = new Set(URL_KEYS);

/**
 * Hides the password of a URL such as `redis://user:pass@host:6379/0` (and `password=`/`token=` query
 * parameters) so a connection string can be logged. Works on text that is not a valid URL too, because
 * the strings that most need it are the mistyped ones shown in configuration errors.
 */
export function redactUrl(url: string): string {
  let out = url;
  const at = out.lastIndexOf('@');
  if (at >= 0) {
    const scheme = out.indexOf('//');
    const start = scheme >= 0 && scheme < at ? scheme + 2 : 0;
    const colon = out.indexOf(':', start);
    if (colon >= 0 && colon < at) out = `${out.slice(0, colon + 1)}${REDACTED}${out.slice(at)}`;
  }
  // `sentinelPassword=` too (a Sentinel URL, src/redis/url.ts).
  return out.replace(/([?&](?:\w*password|pass|token|secret)=)[^&#]*/gi, `$1${REDACTED}`);
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (urlKeys.has(key)) return typeof value === 'string' ? redactUrl(value) : value;
  return REDACTED;
}

export interface LoggerOptions {
  level: string;
  /** Human-readable lines; main passes whether the terminal is interactive. */
  pretty?: boolean;
  /** Where lines go; default stderr. Tests pass a stream that captures them. */
  destination?: pino.DestinationStream;
  /**
   * The console in a terminal: each line is short (time, level, message and an error's message, no
   * objects or stacks; `2>file` keeps the JSON) and goes through this, which prints it above the prompt.
   */
  console?: (line: string) => void;
}

/**
 * JSON lines (one object per line, ISO time) for log collectors; pretty text in a terminal.
 *
 * Logs go to stderr (fd 2), never stdout: the console adapter uses stdout for the chat itself, and
 * `docker logs` / systemd keep both streams anyway. Writes are synchronous so the last line before a
 * crash or `process.exit` is not lost, and pino-pretty runs in-process (not a worker transport) for the
 * same reason and because a worker thread per process is overkill for a terminal.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level,
    redact: { paths: [...REDACT_PATHS], censor },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (opts.console) {
    const print = opts.console;
    // Built at the first line: the console logs warnings only, and most sessions have none.
    let brief: ((line: string) => string) | undefined;
    const format = (line: string) => {
      brief ??= prettyModule().prettyFactory({
        colorize: prettyModule().isColorSupported,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname',
        hideObject: true,
        messageFormat: (log, messageKey) => {
          const err = log.err as { message?: unknown } | undefined;
          return err?.message ? `${log[messageKey]}: ${err.message}` : String(log[messageKey]);
        },
      });
      return brief(line);
    };
    return pino(options, { write: (line: string) => print(format(line).trimEnd()) });
  }
  if (opts.pretty) {
    // pino-pretty is loaded with the first line, not at start-up (docs/decisions.md).
    let stream: pino.DestinationStream | undefined;
    const lazy: pino.DestinationStream = {
      write: (line: string) => {
        if (!stream) {
          const pretty = prettyModule();
          const colorize =
            opts.destination === undefined && Boolean(process.stderr.isTTY) && pretty.isColorSupported;
          stream = pretty({ colorize, sync: true, destination: opts.destination ?? 2 });
        }
        stream.write(line);
      },
    };
    return pino(options, lazy);
  }
  return pino(options, opts.destination ?? pino.destination({ fd: 2, sync: true }));
}

/** pino-pretty, required when the first pretty line is written (about 0.1 s of start-up otherwise). */
function prettyModule(): typeof PinoPretty {
  return require('pino-pretty') as typeof PinoPretty;
}
