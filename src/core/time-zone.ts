/** calma's zone when none is configured: the one nobody has to convert from. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * The canonical IANA name of a time zone (`europe/madrid` → `Europe/Madrid`), or null when the runtime
 * does not know it. Asked of Intl, so the answer always matches what the formatting can show.
 */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
