/**
 * `GET /metrics` as Prometheus scrapes it: the process, every request by route and status, and the
 * BullMQ queues' jobs by state read from a real Redis at scrape time.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { AlertIntake, type AlertJob } from '../../../src/alerts/intake';
import { healthRoute } from '../../../src/http/health';
import { CalmaMetrics } from '../../../src/http/metrics';
import { HttpServer } from '../../../src/http/server';
import { uniquePrefix } from '../../support/redis';

let server: HttpServer | null = null;
let connection: Redis;
let queue: Queue;

beforeEach(() => {
  connection = new Redis(process.env.CALMA_TEST_REDIS_URL ?? '', { maxRetriesPerRequest: null });
  queue = new Queue('outbox-discord', { connection, prefix: uniquePrefix() });
});
afterEach(async () => {
  await server?.close();
  server = null;
  await queue.close();
  connection.disconnect();
});

async function serve(metrics: CalmaMetrics): Promise<string> {
  server = new HttpServer(pino({ level: 'silent' }))
    .observe((route, method, status, seconds) => metrics.observe(route, method, status, seconds))
    .route(healthRoute({ redis: connection, platforms: () => ({}) }), metrics.route());
  return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
}

test('GIVEN two statement deliveries waiting to be retried WHEN Prometheus scrapes THEN the outbox backlog, the requests by route and status, and the process show', async () => {
  const metrics = new CalmaMetrics().watch(queue);
  await queue.add('deliver', { n: 1 }, { delay: 60_000 });
  await queue.add('deliver', { n: 2 }, { delay: 60_000 });
  const base = await serve(metrics);
  await fetch(`${base}/healthz`);
  await fetch(`${base}/nothing-here`);

  const response = await fetch(`${base}/metrics`);
  const text = await response.text();

  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  expect(text).toContain('calma_queue_jobs{queue="outbox-discord",state="delayed"} 2');
  expect(text).toContain('calma_queue_jobs{queue="outbox-discord",state="failed"} 0');
  expect(text).toContain(
    'calma_http_request_duration_seconds_count{route="/healthz",method="GET",status="200"} 1',
  );
  expect(text).toContain(
    'calma_http_request_duration_seconds_count{route="unmatched",method="GET",status="404"} 1',
  );
  expect(text).toMatch(/^calma_process_resident_memory_bytes \d+/m);
});

test('GIVEN a delivery that failed for good WHEN scraped again THEN the failed count follows Redis, not a stale number', async () => {
  const metrics = new CalmaMetrics({ process: false }).watch(queue);
  const base = await serve(metrics);
  expect(await (await fetch(`${base}/metrics`)).text()).toContain('state="failed"} 0');

  const worker = new Worker(
    queue.name,
    async () => {
      throw new Error('the target answered 500 thirty times');
    },
    { connection, prefix: queue.opts.prefix },
  );
  const failed = new Promise((resolve) => worker.once('failed', resolve));
  await queue.add('deliver', { n: 3 }, { attempts: 1 });
  await failed;
  await worker.close();

  expect(await (await fetch(`${base}/metrics`)).text()).toContain(
    'calma_queue_jobs{queue="outbox-discord",state="failed"} 1',
  );
});

test('GIVEN three alerts the door accepted while no relay runs (they are still in its intake stream) WHEN scraped THEN they show as pending for their lane queue, and nothing for the other lane', async () => {
  const prefix = uniquePrefix();
  const intake = new AlertIntake({ connection, prefix, name: 'alerts-slack' });
  const metrics = new CalmaMetrics({ process: false }).watchIntake(intake);
  const jobs: AlertJob[] = [1, 2, 3].map((index) => ({
    alert: {
      source: 'generic',
      dedupKey: `disk-${index}`,
      groupKey: `disk-${index}`,
      status: 'firing',
      severity: 3,
      title: 'Disk almost full',
      summary: '',
      url: null,
      startedAt: new Date().toISOString(),
      labels: {},
    },
    delivery: 'generic-metrics-test',
    index,
    receivedAt: new Date().toISOString(),
  }));
  try {
    await intake.accept(jobs);
    const base = await serve(metrics);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('calma_alert_intake_pending{queue="alerts-slack"} 3');
    expect(text).toContain('calma_alert_intake_pending{queue="alerts-slack-open"} 0');
  } finally {
    await intake.obliterate();
    await intake.close();
  }
});
