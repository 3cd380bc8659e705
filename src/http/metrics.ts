import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Route } from './server';

/** The job states worth an alert: a backlog waiting, work under way, retries pending, failures for good. */
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * `GET /metrics` in Prometheus text (prom-client): the process (CPU, memory, event loop lag), every
 * HTTP request by route and status (alert webhooks refused with 401 show here), and the BullMQ queues'
 * jobs by state, read from Redis at scrape time, so any process shows the shared backlog: undelivered
 * statements (outbox), late reminders, unprocessed alerts. No label carries a user, a title or a secret.
 */
export class CalmaMetrics {
  readonly registry = new Registry();
  private readonly requests: Histogram<'route' | 'method' | 'status'>;
  private readonly queues: Queue[] = [];

  constructor(options: { process?: boolean } = {}) {
    if (options.process ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'calma_' });
    this.requests = new Histogram({
      name: 'calma_http_request_duration_seconds',
      help: 'HTTP requests calma answered, by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    const queues = this.queues;
    new Gauge({
      name: 'calma_queue_jobs',
      help: 'BullMQ jobs by queue and state (reminders, outbox, alerts, audits of the platforms served)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
  }

  /** Queues whose jobs `/metrics` counts. */
  watch(...queues: Queue[]): this {
    this.queues.push(...queues);
    return this;
  }

  observe(route: string, method: string, status: number, seconds: number): void {
    this.requests.observe({ route, method, status: String(status) }, seconds);
  }

  route(): Route {
    return {
      method: 'GET',
      path: '/metrics',
      handle: async (_req, res) => {
        const body = await this.registry.metrics();
        res.writeHead(200, { 'content-type': this.registry.contentType });
        res.end(body);
      },
    };
  }
}
