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
 * For a call calma retries itself (a create, a keyed post: it must know when Slack may have acted without
 * answering), how long to wait before the next attempt, as the shared client would; undefined: no retry.
 */
export function retryWait(retry: SlackRetries, error: unknown, attempt: number): number | undefined {
  if (attempt >= retry.retries) return undefined;
  if (error instanceof webApi.WebAPIRateLimitedError) return error.retryAfter * 1000;
  if (error instanceof webApi.WebAPIRequestError || error instanceof webApi.WebAPIHTTPError) {
    return Math.min(retry.minTimeout * retry.factor ** attempt, retry.maxTimeout);
  }
  return undefined;
}
