/**
 * The senders of the alert bench, in their own thread: building, signing and timing requests is the
 * senders' work, so it does not run on the event loop of the server being measured.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import {
  BENCH_SECRETS,
  type StormPlan,
  type StormReply,
  type StormRequest,
  type StormResult,
} from './alert-storm-protocol';

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const RUN = Date.now().toString(36);

/** Request `n` of the storm: its body and headers, as Alertmanager or a signing script would send it. */
function build(plan: StormPlan, n: number): { body: string; headers: Record<string, string> } {
  const group = n % plan.groups;
  const alerts = Array.from({ length: plan.alertsPerRequest }, (_, k) => `${RUN}-${n}-${k}`);
  if (plan.source === 'alertmanager') {
    const body = JSON.stringify({
      receiver: 'calma',
      status: 'firing',
      alerts: alerts.map((id) => ({
        status: 'firing',
        labels: {
          alertname: `MentionsSpike${group}`,
          instance: `listener-${id}`,
          severity: 'critical',
          team: 'social',
        },
        annotations: {
          summary: `Brand mentions up in region ${group}`,
          description: 'Negative mentions 12x baseline',
        },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=mentions_ratio+%3E+5',
        fingerprint: id,
      })),
      groupLabels: { alertname: `MentionsSpike${group}` },
      commonLabels: { alertname: `MentionsSpike${group}`, team: 'social' },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example.com:9093',
      version: '4',
      groupKey: `{}/{team="social"}:{alertname="MentionsSpike${group}"}`,
      truncatedAlerts: 0,
    });
    return {
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_SECRETS.alertmanager}` },
    };
  }
  const items = alerts.map((id) => ({
    dedup_key: id,
    group_key: `query-${group}`,
    status: 'firing',
    severity: 'sev2',
    title: `Mentions of query ${group} up 800%`,
    summary: '1,240 mentions in 30 minutes',
    url: `https://listening.example.com/q/${group}`,
    labels: { tool: 'listener', query: String(group) },
  }));
  const body = JSON.stringify(items.length === 1 ? items[0] : items);
  const timestamp = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', BENCH_SECRETS.generic).update(`${timestamp}.${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-calma-timestamp': String(timestamp),
      'x-calma-signature': `v1=${mac}`,
    },
  };
}

/** Sends one request; resolves with its status (0: network error). */
function send(url: URL, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function run(plan: StormPlan): Promise<StormResult> {
  const url = new URL(plan.url);
  const result: StormResult = {
    sent: 0,
    accepted: 0,
    acceptedAlerts: 0,
    refused: {},
    latencies: [],
    elapsedMs: 0,
  };
  let n = plan.from;
  const one = async (scheduled?: number) => {
    const { body, headers } = build(plan, n++);
    result.sent++;
    // Open loop: latency counts from the scheduled time (a late send is the server's delay too).
    const started = Math.min(scheduled ?? Number.POSITIVE_INFINITY, performance.now());
    const status = await send(url, body, headers);
    result.latencies.push(performance.now() - started);
    if (status === 202) {
      result.accepted++;
      result.acceptedAlerts += plan.alertsPerRequest;
    } else result.refused[status] = (result.refused[status] ?? 0) + 1;
  };
  const start = performance.now();
  const end = start + plan.durationMs;
  if (plan.concurrency) {
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        while (performance.now() < end) await one();
      }),
    );
  } else {
    const rate = plan.requestsPerSecond ?? 1;
    const inFlight: Promise<void>[] = [];
    const total = Math.round((rate * plan.durationMs) / 1000);
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(one(due));
    }
    await Promise.all(inFlight);
  }
  result.elapsedMs = performance.now() - start;
  return result;
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('alert-storm.worker runs as a worker thread');
  port.on('message', (request: StormRequest) => {
    const reply: Promise<StormReply> =
      request.kind === 'run'
        ? run(request.plan).then((result) => ({ id: request.id, kind: 'result', result }))
        : Promise.resolve({ id: request.id, kind: 'closed' });
    reply.then(
      (r) => port.postMessage(r),
      (error: unknown) => port.postMessage({ id: request.id, kind: 'error', message: String(error) }),
    );
  });
  port.postMessage({ id: 0, kind: 'ready' } satisfies StormReply);
}

main();
