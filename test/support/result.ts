import type { Result, UserError } from '../../src/core/result';

/** The value of a result expected to succeed; a user error fails the test with its key. */
export function successOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got the user error ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The user error of a result expected to fail. */
export function errorOf<T>(result: Result<T>): UserError {
  if (result.ok) throw new Error(`expected a user error, got ${JSON.stringify(result.value)}`);
  return result.error;
}
