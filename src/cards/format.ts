import type { Severity } from '../core/types';
import type { Translator } from '../i18n';
import type { Text } from '../playbook/schema';

/** Mentions a user through the platform's own syntax. */
export type Mention = (user: string) => string;

/** Playbook texts carry all three languages. */
export const local = (text: Text, t: Translator): string => text[t.locale];

/** `SEV1`…`SEV4`, or `SEV?` while unset: short enough for titles, topics and channel headers. */
export const severityLabel = (severity: Severity | null): string => (severity ? `SEV${severity}` : 'SEV?');

/**
 * Dates and times in UTC with the date always shown: crises run past midnight and responders sit in
 * several time zones, so `2026-11-23 16:40 UTC` is the one form nobody misreads.
 */
export const when = (iso: string | Date): string => {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};
