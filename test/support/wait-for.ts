import { PATIENCE_MS } from './patience';

/**
 * Polls `probe` every 10 ms until it returns something truthy, and returns that. Fails with `what` after
 * `timeoutMs`: a bounded wait on a condition, instead of sleeping and hoping.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  timeoutMs = PATIENCE_MS,
  what = 'the condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
