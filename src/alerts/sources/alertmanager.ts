import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Alert } from '../../core/alert';
import { type AlertSourceHandler, firstText, isoTime, mapSeverity, stringMap } from './common';

/**
 * One alert of an Alertmanager (or Grafana) notification: the fields calma reads; others are ignored.
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */
export const amAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: stringMap,
  annotations: stringMap.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).optional(),
});
export type AmAlert = z.infer<typeof amAlert>;

/** Alertmanager's webhook body, version 4. */
export const AlertmanagerPayload = z.object({
  version: z.literal('4', { error: 'expected "4" (Alertmanager webhook payload version 4)' }),
  groupKey: z.string().min(1),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupLabels: stringMap.default({}),
  commonLabels: stringMap.default({}),
  commonAnnotations: stringMap.default({}),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().int().min(0).default(0),
  alerts: z.array(amAlert),
});
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayload>;

/**
 * Alertmanager's fingerprint identifies an alert by its labels. A sender that leaves it out gets the
 * same kind of key: a hash of the sorted labels.
 */
export function labelsKey(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

/** The parts of an Alertmanager-shaped alert both Alertmanager and Grafana normalise the same way. */
export function amShape(alert: AmAlert, groupKey: string, receivedAt: string): Omit<Alert, 'source' | 'url'> {
  const { labels, annotations } = alert;
  return {
    dedupKey: alert.fingerprint ?? labelsKey(labels),
    groupKey,
    status: alert.status,
    severity: mapSeverity(labels.severity ?? labels.priority ?? null),
    title: firstText(labels.alertname, annotations.summary, annotations.title) ?? 'Alert',
    summary: firstText(annotations.summary, annotations.description, annotations.message) ?? '',
    startedAt: isoTime(alert.startsAt, receivedAt),
    labels: { ...labels },
  };
}

/** One alert per entry of `alerts[]`; dedup key = fingerprint, group key = the notification's groupKey. */
export const alertmanager: AlertSourceHandler<AlertmanagerPayload> = {
  source: 'alertmanager',
  schema: AlertmanagerPayload,
  normalise(payload, receivedAt) {
    return payload.alerts.map((alert) => ({
      source: 'alertmanager',
      ...amShape(alert, payload.groupKey, receivedAt),
      ...(payload.truncatedAlerts > 0 ? { truncated: payload.truncatedAlerts } : {}),
      url: firstText(alert.generatorURL) ?? null,
    }));
  },
};
