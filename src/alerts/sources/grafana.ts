import { z } from 'zod';
import { amAlert, amShape } from './alertmanager';
import { type AlertSourceHandler, firstText, stringMap } from './common';

/**
 * Grafana Alerting's webhook body: Alertmanager-shaped, plus Grafana's own fields (orgId, title, state,
 * message, and per alert the panel / dashboard / silence links and the values that fired).
 * https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
 * A contact point with a custom payload template sends something else: calma answers 400 to it.
 */
export const GrafanaPayload = z.object({
  receiver: z.string().optional(),
  status: z.enum(['firing', 'resolved']),
  orgId: z.number().int().optional(),
  alerts: z.array(
    amAlert.extend({
      silenceURL: z.string().optional(),
      dashboardURL: z.string().optional(),
      panelURL: z.string().optional(),
      imageURL: z.string().optional(),
      values: z.record(z.string(), z.number().nullable()).nullable().optional(),
      valueString: z.string().optional(),
    }),
  ),
  groupLabels: stringMap.default({}),
  commonLabels: stringMap.default({}),
  commonAnnotations: stringMap.default({}),
  externalURL: z.string().optional(),
  version: z.string().optional(),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).default(0),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});
export type GrafanaPayload = z.infer<typeof GrafanaPayload>;

/**
 * As Alertmanager (fingerprint, groupKey, labels, annotations); the link is the panel, else the
 * dashboard, else the alert rule (generatorURL).
 */
export const grafana: AlertSourceHandler<GrafanaPayload> = {
  source: 'grafana',
  schema: GrafanaPayload,
  normalise(payload, receivedAt) {
    return payload.alerts.map((alert) => ({
      source: 'grafana',
      ...amShape(alert, payload.groupKey, receivedAt),
      ...(payload.truncatedAlerts > 0 ? { truncated: payload.truncatedAlerts } : {}),
      url: firstText(alert.panelURL, alert.dashboardURL, alert.generatorURL) ?? null,
    }));
  },
};
