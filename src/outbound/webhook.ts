import { isTimeout, WEBHOOK_TIMEOUT_MS } from '../timeouts';
import { sign } from './signature';

export interface WebhookTarget {
  name: string;
  url: string;
  secret: string;
  /** How long calma waits for the target's answer before giving the attempt up; tests shorten it. */
  timeoutMs?: number;
}

/** How a POST ended: delivered, worth retrying (5xx, 408, 429, network), or refused for good (other 4xx). */
export type PostOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

/**
 * POSTs a JSON body signed with the target's secret. `delivery` is the same on every retry of one
 * delivery, so a receiver that got it before (a timeout after it was received) can drop the repeat.
 */
export async function postSigned(
  target: WebhookTarget,
  body: string,
  delivery: string,
  now: () => number = Date.now,
): Promise<PostOutcome> {
  const timestamp = Math.floor(now() / 1000);
  const timeoutMs = target.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'calma',
        'x-calma-delivery': delivery,
        'x-calma-timestamp': String(timestamp),
        'x-calma-signature': sign(target.secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return { ok: true };
    const retry = response.status >= 500 || response.status === 408 || response.status === 429;
    return { ok: false, retry, error: `HTTP ${response.status}` };
  } catch (error) {
    // fetch may wrap the abort (`TypeError: fetch failed` caused by a TimeoutError): look inside.
    const reason = isTimeout(error) ? `no answer within ${timeoutMs / 1000} s` : networkCode(error);
    return { ok: false, retry: true, error: reason };
  }
}

/** `ECONNREFUSED`, `ENOTFOUND`…: what an operator can look up, without the URL (it may carry a token). */
function networkCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
