import { z } from 'zod';
import type { Alert, AlertNote } from '../../core/alert';
import { type AlertSourceHandler, firstText, isoTime, mapSeverity, PayloadError } from './common';

/** PagerDuty's `*_reference` objects: calma reads their summary (a name) and id. */
const reference = z
  .object({ id: z.string().optional(), summary: z.string().optional() })
  .nullable()
  .optional();

/**
 * A PagerDuty webhook v3 body: one event, `{ event: { id, event_type, resource_type, occurred_at, agent,
 * client, data } }`. Only incident events (`incident.triggered`, `.acknowledged`, `.resolved`, …) carry
 * an incident in `data`; the others (`pagey.ping`, `service.*`) are accepted and queue nothing.
 * https://developer.pagerduty.com/docs/webhooks-overview
 */
export const PagerDutyPayload = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    resource_type: z.string().min(1),
    occurred_at: z.string(),
    agent: reference,
    data: z.record(z.string(), z.unknown()).nullable(),
  }),
});
export type PagerDutyPayload = z.infer<typeof PagerDutyPayload>;

/** The incident in an `incident.*` event's data. */
export const PagerDutyIncident = z.object({
  id: z.string().min(1),
  type: z.literal('incident').optional(),
  number: z.number().int().optional(),
  status: z.string().optional(),
  title: z.string().optional(),
  html_url: z.string().optional(),
  created_at: z.string().optional(),
  incident_key: z.string().nullable().optional(),
  urgency: z.string().nullable().optional(),
  priority: reference,
  service: reference,
  teams: z
    .array(z.object({ summary: z.string().optional() }))
    .nullable()
    .optional(),
});

/** Events that say something about an incident worth its timeline; other non-incident data is ignored. */
const NOTE_EVENTS: Record<string, AlertNote['kind']> = {
  'incident.annotated': 'annotation',
  'incident.status_update_published': 'status-update',
};

/** The data of a note event: the incident it is about, and the text (`content`, or `message`). */
const PagerDutyNote = z.object({
  incident: z.object({
    id: z.string().min(1),
    summary: z.string().optional(),
    html_url: z.string().optional(),
  }),
  content: z.string().optional(),
  message: z.string().optional(),
});

/** A note's text is cut here on the timeline (PagerDuty allows much longer annotations). */
const MAX_NOTE_CHARS = 3000;

/**
 * One alert per incident event: dedup and group key = the incident id (PGR0VU2), resolved when the event
 * is `incident.resolved` or the incident's status is resolved, otherwise firing (acknowledged,
 * escalated, reassigned… are still going on). Severity from the priority (P1 → SEV1 … P5 → SEV4), else
 * from the urgency (high → SEV2, low → SEV4).
 */
export const pagerduty: AlertSourceHandler<PagerDutyPayload> = {
  source: 'pagerduty',
  schema: PagerDutyPayload,
  delivery: ({ event }) => event.id,
  normalise({ event }, receivedAt): Alert[] {
    if (event.resource_type !== 'incident' || !event.event_type.startsWith('incident.')) return [];
    const noteKind = NOTE_EVENTS[event.event_type];
    if (noteKind) return noteAlert(event, noteKind, receivedAt);
    // Responders, conference bridges, workflows, custom fields…: accepted, nothing for calma to show.
    if (!['incident', undefined].includes(event.data?.type as string | undefined)) return [];
    const parsed = PagerDutyIncident.safeParse(event.data);
    if (!parsed.success) {
      throw new PayloadError(parsed.error.issues.map((i) => ({ ...i, path: ['event', 'data', ...i.path] })));
    }
    const incident = parsed.data;
    const resolved = event.event_type === 'incident.resolved' || incident.status === 'resolved';
    const what = event.event_type.slice('incident.'.length).replace(/_/g, ' ');
    const by = event.agent?.summary ? ` by ${event.agent.summary}` : '';
    const service = incident.service?.summary;
    const labels: Record<string, string> = { pagerduty_event: event.event_type };
    if (incident.status) labels.status = incident.status;
    if (service) labels.service = service;
    if (incident.urgency) labels.urgency = incident.urgency;
    if (incident.priority?.summary) labels.priority = incident.priority.summary;
    if (incident.number !== undefined) labels.incident_number = String(incident.number);
    const teams = (incident.teams ?? []).map((t) => t.summary).filter(Boolean);
    if (teams.length > 0) labels.teams = teams.join(', ');
    return [
      {
        source: 'pagerduty',
        dedupKey: incident.id,
        groupKey: incident.id,
        status: resolved ? 'resolved' : 'firing',
        severity: mapSeverity(incident.priority?.summary) ?? mapSeverity(incident.urgency),
        title: firstText(incident.title) ?? `PagerDuty incident ${incident.number ?? incident.id}`,
        summary: `PagerDuty: ${what}${by}${service ? ` (${service})` : ''}`,
        url: firstText(incident.html_url) ?? null,
        startedAt: isoTime(incident.created_at ?? event.occurred_at, receivedAt),
        labels,
      },
    ];
  },
};

/** A note event as an alert that only adds to the incident its PagerDuty incident is linked to. */
function noteAlert(event: PagerDutyPayload['event'], kind: AlertNote['kind'], receivedAt: string): Alert[] {
  const parsed = PagerDutyNote.safeParse(event.data);
  const text = parsed.success ? firstText(parsed.data.content, parsed.data.message)?.trim() : undefined;
  if (!parsed.success || !text) return [];
  const { incident } = parsed.data;
  return [
    {
      source: 'pagerduty',
      dedupKey: incident.id,
      groupKey: incident.id,
      status: 'firing',
      severity: null,
      title: firstText(incident.summary) ?? `PagerDuty incident ${incident.id}`,
      summary: text,
      url: firstText(incident.html_url) ?? null,
      startedAt: isoTime(event.occurred_at, receivedAt),
      labels: { pagerduty_event: event.event_type },
      note: {
        kind,
        by: firstText(event.agent?.summary) ?? null,
        text: text.length > MAX_NOTE_CHARS ? `${text.slice(0, MAX_NOTE_CHARS - 1)}…` : text,
      },
    },
  ];
}
