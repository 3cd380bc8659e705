import { z } from 'zod';
import { SEVERITIES } from '../../core/types';
import { type AlertSourceHandler, isoTime, mapSeverity } from './common';

/** At most this many alerts in one generic delivery. */
export const MAX_GENERIC_ALERTS = 1000;

const key = z
  .string()
  .trim()
  .min(1, 'an empty key')
  .max(200, 'at most 200 characters')
  .regex(/^[^\s]+$/, 'no spaces');

/**
 * calma's own alert, for Zapier, social-listening tools and scripts (documented in docs/alerts.md).
 * Strict: an unknown field is a typo the sender should hear about (`dedupKey` for `dedup_key`).
 */
export const GenericAlert = z
  .object({
    dedup_key: key,
    group_key: key.optional(),
    status: z.enum(['firing', 'resolved']),
    severity: z
      .union([z.literal(SEVERITIES), z.string()])
      .refine((v) => mapSeverity(v) !== null, 'expected 1-4 or a word such as critical, high, warning, info')
      .nullable()
      .optional(),
    title: z.string().trim().min(1, 'an empty title').max(500, 'at most 500 characters'),
    summary: z.string().max(10_000, 'at most 10000 characters').optional(),
    url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).optional(),
    started_at: z.iso
      .datetime({ offset: true, error: 'an ISO 8601 time, like 2026-11-22T09:30:00Z' })
      .optional(),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type GenericAlert = z.infer<typeof GenericAlert>;

/** One alert, or an array of 1 to MAX_GENERIC_ALERTS. */
export const GenericPayload = z.union([
  GenericAlert,
  z
    .array(GenericAlert)
    .min(1, 'an empty array')
    .max(MAX_GENERIC_ALERTS, `at most ${MAX_GENERIC_ALERTS} alerts per request`),
]);
export type GenericPayload = z.infer<typeof GenericPayload>;

export const generic: AlertSourceHandler<GenericPayload> = {
  source: 'generic',
  schema: GenericPayload,
  normalise(payload, receivedAt) {
    return (Array.isArray(payload) ? payload : [payload]).map((a) => ({
      source: 'generic',
      dedupKey: a.dedup_key,
      groupKey: a.group_key ?? a.dedup_key,
      status: a.status,
      severity: mapSeverity(a.severity),
      title: a.title,
      summary: a.summary ?? '',
      url: a.url ?? null,
      startedAt: isoTime(a.started_at, receivedAt),
      labels: { ...a.labels },
    }));
  },
};
