import { type Incident, SEVERITIES, type Severity } from './types';

/**
 * Metrics across incidents (`/crisis stats`): how many crises a workspace had over a period and how fast
 * it spoke and resolved them. Drills are practice: they never count.
 */
export interface IncidentStats {
  days: number;
  /** The period: incidents opened at or after `from` and not after `to` (ISO). */
  from: string;
  to: string;
  opened: number;
  resolved: number;
  stillOpen: number;
  /** Current severity of each counted incident; `unset` when it never got one. */
  bySeverity: Record<`sev${Severity}` | 'unset', number>;
  /** Median of (first published statement − opening), over the incidents that published one. */
  medianToFirstStatementMs: number | null;
  withStatement: number;
  /** Median of (resolution − opening), over the resolved incidents. */
  medianToResolutionMs: number | null;
  /** Drills opened in the period, left out of every number above. */
  drillsExcluded: number;
  /** Scheduled audits opened in the period, left out too. */
  auditsExcluded: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function incidentStats(incidents: Incident[], now: Date, days: number): IncidentStats {
  const to = now.getTime();
  const from = to - days * DAY_MS;
  const inPeriod = incidents.filter((i) => {
    const opened = Date.parse(i.openedAt);
    return opened >= from && opened <= to;
  });
  // Practice and prevention are not crises: drills and scheduled audits stay out of the numbers.
  const counted = inPeriod.filter((i) => !i.drill && !i.audit);
  const bySeverity: IncidentStats['bySeverity'] = { sev1: 0, sev2: 0, sev3: 0, sev4: 0, unset: 0 };
  for (const incident of counted) {
    bySeverity[incident.severity ? (`sev${incident.severity}` as const) : 'unset']++;
  }
  const toStatement = counted.flatMap((i) => {
    const first = firstPublication(i);
    return first === null ? [] : [first - Date.parse(i.openedAt)];
  });
  const resolved = counted.filter((i) => i.status === 'resolved');
  const toResolution = resolved.flatMap((i) =>
    i.resolvedAt ? [Date.parse(i.resolvedAt) - Date.parse(i.openedAt)] : [],
  );
  return {
    days,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    opened: counted.length,
    resolved: resolved.length,
    stillOpen: counted.length - resolved.length,
    bySeverity,
    medianToFirstStatementMs: median(toStatement),
    withStatement: toStatement.length,
    medianToResolutionMs: median(toResolution),
    drillsExcluded: inPeriod.filter((i) => i.drill).length,
    auditsExcluded: inPeriod.filter((i) => i.audit && !i.drill).length,
  };
}

/** When the incident's first public statement went out (epoch ms), or null if none did. */
function firstPublication(incident: Incident): number | null {
  const times = (incident.statements ?? []).flatMap((s) =>
    s.status === 'published' && s.publishedAt ? [Date.parse(s.publishedAt)] : [],
  );
  return times.length === 0 ? null : Math.min(...times);
}

/** The middle value; with an even count, the mean of the two middle ones; null for no values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

export const SEVERITY_KEYS = [...SEVERITIES.map((s) => `sev${s}` as const), 'unset'] as const;
