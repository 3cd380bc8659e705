/**
 * A user's mistake is a value, not an exception (after sapphire's `Result` / `UserError`): it carries
 * the message-catalogue key and parameters of the friendly reply the adapter shows in the user's language.
 */
export interface UserError {
  key: string;
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(key: string, params?: Record<string, string | number>): Result<T> => ({
  ok: false,
  error: params ? { key, params } : { key },
});
