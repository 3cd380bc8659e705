import type { EventEmitter } from 'node:events';

/**
 * Resolves with the first value `find` returns, checking now and on every `event`; rejects after
 * `timeoutMs` with `describe()` in the message. How the local fakes let tests await what the app does
 * after it has answered.
 */
export function waitForEvent<T>(
  events: EventEmitter,
  event: string,
  find: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const found = find();
      if (found === undefined) return;
      cleanup();
      resolve(found);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      events.off(event, check);
    };
    events.on(event, check);
    check();
  });
}
