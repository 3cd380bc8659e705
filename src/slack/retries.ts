import { webApi } from '@slack/bolt';

/**
 * Retries for a Slack call that failed on the network, with a 5xx or unanswered: a few quick ones, then
 * the user is told. (Slack's default retries for half an hour, while the person who clicked waits.) A
 * 429 is waited out (its Retry-After) and then retried, but no retry starts once the call's time is up.
 */
export const slackRetries = (callMs: number) =>
  ({
    retries: 2,
    factor: 2,
    minTimeout: 300,
    maxTimeout: 2000,
    maxRetryTime: callMs,
  }) satisfies webApi.RetryOptions;

export type SlackRetries = ReturnType<typeof slackRetries>;

/**
 * A call calma retries itself rather than the Web API client, because an attempt left unanswered
 * (aborted for time, connection lost, a 5xx) may have been carried out by Slack all the same: each run
 * of `attempt` is told whether one was (`unanswered`), to look before acting again. Waits as the shared
 * client would between attempts (a 429's Retry-After: Slack refused, it did nothing), and starts no
 * attempt once the call's time is up. Used by channel creates and keyed posts.
 */
export async function retriedByCalma<T>(
  retry: SlackRetries,
  attempt: (unanswered: boolean) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  let unanswered = false;
  for (let n = 0; ; n++) {
    try {
      return await attempt(unanswered);
    } catch (error) {
      const wait = retryWait(retry, error, n);
      if (wait === undefined || Date.now() + wait >= started + retry.maxRetryTime) throw error;
      if (!(error instanceof webApi.WebAPIRateLimitedError)) unanswered = true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** How long to wait before the next attempt, as the shared client would; undefined: no retry. */
function retryWait(retry: SlackRetries, error: unknown, attempt: number): number | undefined {
  if (attempt >= retry.retries) return undefined;
  if (error instanceof webApi.WebAPIRateLimitedError) return error.retryAfter * 1000;
  if (error instanceof webApi.WebAPIRequestError || error instanceof webApi.WebAPIHTTPError) {
    return Math.min(retry.minTimeout * retry.factor ** attempt, retry.maxTimeout);
  }
  return undefined;
}
