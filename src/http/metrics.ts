import type { Queue } from 'bullmq';
import type { Histogram, Registry } from 'prom-client';
import type { Route } from './server';

/** The job states worth an alert: a backlog waiting, work under way, retries pending, failures for good. */
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Requests observed before prom-client is loaded, replayed into it once it is. */
const MAX_PENDING = 1000;

/** What the alert door accepted and a relay has not yet moved into a BullMQ queue (src/alerts/intake.ts). */
interface AlertBacklog {
  unrelayedByQueue(): Promise<Record<string, number>>;
}

type Observation = [route: string, method: string, status: number, seconds: number];

/**
 * `GET /metrics` in Prometheus text (prom-client): the process (CPU, memory, event loop lag), every
 * HTTP request by route and status (alert webhooks refused with 401 show here), and the BullMQ queues'
 * jobs by state, read from Redis at scrape time, so any process shows the shared backlog: undelivered
 * statements (outbox), late reminders, unprocessed alerts (those still in the door's intake streams too). No label carries a user, a title or a secret.
 *
 * prom-client is loaded at the first scrape (or once 1,000 requests wait to be counted), not at start-up:
 * it is about a tenth of calma's start and of its idle memory, for a page many installations never
 * read. Requests before it loads are kept and counted then; the process metrics' event-loop lag and GC
 * histograms start with it (CPU and memory are totals the process keeps anyway).
 */
export class CalmaMetrics {
  private loaded: { registry: Registry; requests: Histogram<'route' | 'method' | 'status'> } | undefined;
  private pending: Observation[] = [];
  private readonly queues: Queue[] = [];
  private readonly intakes: AlertBacklog[] = [];

  constructor(private readonly options: { process?: boolean } = {}) {}

  /** The registry, with prom-client loaded now if it was not yet. */
  get registry(): Registry {
    return this.load().registry;
  }

  private load(): NonNullable<CalmaMetrics['loaded']> {
    if (this.loaded) return this.loaded;
    const { collectDefaultMetrics, Gauge, Histogram, Registry } =
      require('prom-client') as typeof import('prom-client');
    const registry = new Registry();
    if (this.options.process ?? true) collectDefaultMetrics({ register: registry, prefix: 'calma_' });
    const requests = new Histogram({
      name: 'calma_http_request_duration_seconds',
      help: 'HTTP requests calma answered, by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    const queues = this.queues;
    new Gauge({
      name: 'calma_queue_jobs',
      help: 'BullMQ jobs by queue and state (reminders, outbox, alerts, audits of the platforms served)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    const intakes = this.intakes;
    new Gauge({
      name: 'calma_alert_intake_pending',
      help: 'Alerts accepted by the door and not yet moved into their lane queue by a relay, by that queue',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const intake of intakes) {
          for (const [queue, count] of Object.entries(await intake.unrelayedByQueue()))
            this.set({ queue }, count);
        }
      },
    });
    this.loaded = { registry, requests };
    for (const [route, method, status, seconds] of this.pending.splice(0)) {
      requests.observe({ route, method, status: String(status) }, seconds);
    }
    return this.loaded;
  }

  /** Queues whose jobs `/metrics` counts. */
  watch(...queues: Queue[]): this {
    this.queues.push(...queues);
    return this;
  }

  /** Alert intakes whose accepted-but-not-yet-queued alerts `/metrics` counts. */
  watchIntake(...intakes: AlertBacklog[]): this {
    this.intakes.push(...intakes);
    return this;
  }

  observe(route: string, method: string, status: number, seconds: number): void {
    if (this.loaded) {
      this.loaded.requests.observe({ route, method, status: String(status) }, seconds);
      return;
    }
    this.pending.push([route, method, status, seconds]);
    if (this.pending.length >= MAX_PENDING) this.load();
  }

  route(): Route {
    return {
      method: 'GET',
      path: '/metrics',
      handle: async (_req, res) => {
        const { registry } = this.load();
        const body = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      },
    };
  }
}
