/** Messages between the alert bench (main thread) and the storm sender (alert-storm.worker.ts). */

/** Which sender the storm imitates. */
export type StormSource = 'alertmanager' | 'generic';

export interface StormPlan {
  url: string;
  source: StormSource;
  /** Alerts per request (Alertmanager: one notification of a group; generic: an array). */
  alertsPerRequest: number;
  /** Alert groups the storm's alerts fall into. */
  groups: number;
  /** Requests numbered from here, so no two requests of a run carry the same alerts. */
  from: number;
  durationMs: number;
  /** Closed loop: this many requests in flight, each sent when the previous answers. */
  concurrency?: number;
  /** Open loop: this many requests per second, on schedule whatever the answers (latency from the schedule). */
  requestsPerSecond?: number;
}

export interface StormResult {
  /** Requests sent, and answered 202. */
  sent: number;
  accepted: number;
  /** Alerts in the requests answered 202. */
  acceptedAlerts: number;
  /** Other statuses (and network errors as 0), by code. */
  refused: Record<string, number>;
  /** Each answered request's latency in ms. */
  latencies: number[];
  elapsedMs: number;
}

export type StormRequest = { id: number; kind: 'run'; plan: StormPlan } | { id: number; kind: 'close' };
export type StormReply =
  | { id: number; kind: 'ready' }
  | { id: number; kind: 'result'; result: StormResult }
  | { id: number; kind: 'closed' }
  | { id: number; kind: 'error'; message: string };

export const BENCH_SECRETS = {
  alertmanager: 'bench-alertmanager-token',
  generic: 'bench-generic-secret',
};
