import type { Logger } from '../log';

/**
 * The platform refused calma (a wrong token, a setting it must switch on): retrying cannot help, so calma
 * exits with this message alone, which says what to fix.
 */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** A token the platform refused, naming the variable that holds it. */
export function refusedToken(variable: string, platform: string, why: string, what: string): RefusedError {
  return new RefusedError(
    `calma could not start: ${platform} refused ${variable} (${why}). Check that it holds ${what}.`,
  );
}

/** Waits between start-up attempts: 1 s, doubling, never more than 30 s. */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const STARTUP_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000 };

/** The wait before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(attempt: number, backoff: Backoff): number {
  return Math.min(backoff.firstMs * 2 ** (attempt - 1), backoff.maxMs);
}

/**
 * The system error code (ECONNREFUSED, ETIMEDOUT…) behind a failed request, if any: clients wrap it in
 * their own errors (`original`, `cause`), and it is what an operator can act on.
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown; original?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
    current = (current.original ?? current.cause) as typeof current;
  }
  return undefined;
}

export interface RetryOptions {
  /** The platform as the operator knows it: "Slack", "Discord". */
  platform: string;
  /** One short reason for a failure (an HTTP status, a network error code), never a stack. */
  reason: (error: unknown) => string;
  log: Logger;
  backoff?: Backoff;
}

/**
 * Runs `connect` until it succeeds: a platform outage at start-up is waited out, with one warning line
 * per failed attempt, instead of a crash loop. A `RefusedError` ends the wait at once.
 */
export async function connectWithRetry<T>(connect: () => Promise<T>, options: RetryOptions): Promise<T> {
  const backoff = options.backoff ?? STARTUP_BACKOFF;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      if (error instanceof RefusedError) throw error;
      const waitMs = backoffMs(attempt, backoff);
      const seconds = Math.round(waitMs / 100) / 10;
      options.log.warn(
        { platform: options.platform.toLowerCase(), attempt, retryInSeconds: seconds },
        `${options.platform} is unreachable (${options.reason(error)}): trying again in ${seconds} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
