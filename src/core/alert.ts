import type { AlertSource, Severity } from './types';

/**
 * One alert from any source (Alertmanager, Grafana, PagerDuty, calma's generic webhook), normalised:
 * routing, deduplication and the incident timeline only ever see this shape.
 */
export interface Alert {
  source: AlertSource;
  /** Same key, same alert: repeats add to the incident it opened instead of opening another. */
  dedupKey: string;
  /**
   * Alerts of one group share it (Alertmanager's `groupKey`, else the dedup key): the unit of "at most
   * one chat message per window".
   */
  groupKey: string;
  status: 'firing' | 'resolved';
  /** Mapped from the source's own levels (critical → 1, …); null when the source says nothing usable. */
  severity: Severity | null;
  title: string;
  summary: string;
  url: string | null;
  /** ISO time the source says the problem started. */
  startedAt: string;
  labels: Record<string, string>;
  /** Alerts of its notification the sender left out (Alertmanager's and Grafana's `truncatedAlerts`). */
  truncated?: number;
  /**
   * Set for what is only a note about an alert already handled (a PagerDuty annotation or published
   * status update): it goes on the timeline of the incident its keys are linked to, and never opens one.
   */
  note?: AlertNote;
}

export interface AlertNote {
  kind: 'annotation' | 'status-update';
  /** Who wrote it, as the source names them; null when it does not say. */
  by: string | null;
  text: string;
}
