/**
 * How long calma waits for what it calls: Slack's Web API and response URLs, Discord's REST API, outbound
 * webhook targets. A platform that stops answering must not hold a person's request, a channel or a
 * worker for longer than this. docs/decisions.md says why these numbers.
 */
export interface CallTimeouts {
  /** One HTTP request: unanswered by then, it is aborted (and retried while the call's budget lasts). */
  attemptMs: number;
  /** A whole call, retries and rate-limit waits included: past it, the person is told it did not answer. */
  callMs: number;
}

/** Slack and Discord: three attempts of 3 s and their backoff fit in the 10 s a call may take. */
export const PLATFORM_TIMEOUTS: CallTimeouts = { attemptMs: 3000, callMs: 10_000 };

/** An outbound webhook POST: one attempt per outbox run; the outbox retries it with backoff. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** `work`, or `onTimeout()` thrown once `ms` have passed without it settling. */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A request given up for lack of an answer, however deep the client wrapped it (@slack/web-api keeps it
 * as `original`, others as `cause`). calma aborts requests only when they run out of time.
 */
export function isTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if ('name' in e && (e.name === 'TimeoutError' || e.name === 'AbortError')) return true;
    e = 'original' in e ? e.original : 'cause' in e ? e.cause : undefined;
  }
  return false;
}

/** `fetch` with every request aborted after `ms` (on top of any signal the caller gave). */
export function fetchWithin(ms: number): typeof fetch {
  return (input, init) => {
    const limit = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, limit]) : limit });
  };
}
