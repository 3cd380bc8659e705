import { z } from 'zod';
import type { Alert } from '../../core/alert';
import type { AlertSource, Severity } from '../../core/types';

/**
 * One alert source's half of the door: the zod schema of its body and how a valid body becomes calma's
 * normalised alerts. `src/http/alerts.ts` does the rest (authenticity, size, content type, queuing).
 */
export interface AlertSourceHandler<P = unknown> {
  source: AlertSource;
  schema: z.ZodType<P>;
  /** Valid body → alerts (possibly none: PagerDuty's ping). `receivedAt` stands in for missing times. */
  normalise(payload: P, receivedAt: string): Alert[];
  /**
   * The sender's id of the event, signed inside the body (PagerDuty's `event.id`): a delivery replayed
   * with fresh headers is the same delivery. Without it, the body's hash is the id.
   */
  delivery?(payload: P): string;
}

/**
 * Severity words of the usual tools, mapped to calma's SEV1–SEV4 (docs/alerts.md has the table).
 * Matched case-insensitively on the trimmed value; anything else is `null` (no severity: the route or a
 * human decides).
 */
const SEVERITY_WORDS: Record<string, Severity> = Object.fromEntries(
  (
    [
      [1, ['critical', 'crit', 'emergency', 'emerg', 'fatal', 'disaster', 'page', 'p1', 'sev1', 's1', '1']],
      [2, ['high', 'error', 'err', 'major', 'p2', 'sev2', 's2', '2']],
      [3, ['warning', 'warn', 'medium', 'moderate', 'minor', 'average', 'p3', 'sev3', 's3', '3']],
      [4, ['info', 'informational', 'notice', 'low', 'debug', 'p4', 'p5', 'sev4', 's4', '4', '5']],
    ] as const
  ).flatMap(([level, words]) => words.map((word) => [word, level])),
);

export function mapSeverity(value: string | number | null | undefined): Severity | null {
  if (value === null || value === undefined) return null;
  const key = String(value)
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  return SEVERITY_WORDS[key] ?? null;
}

/** A source's time as ISO 8601 UTC; `fallback` when it is absent, zero (Go's 0001-01-01) or unreadable. */
export function isoTime(value: string | null | undefined, fallback: string): string {
  if (!value) return fallback;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || new Date(ms).getUTCFullYear() < 1971) return fallback;
  return new Date(ms).toISOString();
}

/** The first non-empty string, else null. */
export function firstText(...values: (string | null | undefined)[]): string | null {
  for (const value of values) if (typeof value === 'string' && value.trim() !== '') return value;
  return null;
}

/** Labels and annotations: a map of strings (Alertmanager and Grafana send nothing else). */
export const stringMap = z.record(z.string(), z.string());

/**
 * A body that passed a source's outer schema but not an inner one (PagerDuty's incident in `data`):
 * answered 400 with the paths, like a zod failure.
 */
export class PayloadError extends Error {
  constructor(readonly issues: { path: PropertyKey[]; message: string }[]) {
    super('invalid payload');
  }
}
