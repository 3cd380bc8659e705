/**
 * The alert door's figure of the `lanes` report part: requests a second calma's door answers 202 (real
 * routes, signature check, normalisation, AlertIntake with its lanes) against its floor, a bare node:http
 * server that reads the body and does one Redis XADD per request on the same kind of client, both fed by
 * the same closed-loop sender (a worker thread) in interleaved phases of one run. docs/benchmarks.md
 * ("The alert door") says how it is measured.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import { AlertIntake, alertQueueName, laneOf } from '../../src/alerts/intake';
import { compileRoutes } from '../../src/core/alert-route';
import { alertRoutes } from '../../src/http/alerts';
import { HttpServer } from '../../src/http/server';
import { startStormSender } from '../support/alert-storm';
import { BENCH_SECRETS } from '../support/alert-storm-protocol';
import type { Figure } from './figure';

const GOAL = 0.6;
/** Pairs of interleaved phases (calma, floor), each this long, after a warm-up of each. */
const PAIRS = 8;
const PHASE_MS = 1000;
const WARM_MS = 4000;
const CONCURRENCY = 32;

interface Door {
  url: string;
  /** After a phase: empties what the phase queued, so every phase starts from the same Redis. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** calma's door as src/main.ts runs it (a typical route list: SEV1 opens, the rest is triaged). */
async function calmaDoor(redisUrl: string): Promise<Door> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const log = pino({ level: 'silent' });
  const routes = compileRoutes([
    { match: { severity: 1 }, action: 'open', playbook: 'hacked-account' },
    { match: {}, action: 'triage' },
  ]);
  const intake = new AlertIntake(
    { connection, prefix: 'door', name: alertQueueName(`bench-${randomBytes(3).toString('hex')}`) },
    { lane: laneOf(routes) },
  );
  const unlimited = { per_second: 1_000_000, burst: 1_000_000 };
  const server = new HttpServer(log).route(
    ...alertRoutes({
      sink: intake,
      secrets: { generic: BENCH_SECRETS.generic },
      rateLimits: { alertmanager: unlimited, grafana: unlimited, pagerduty: unlimited, generic: unlimited },
      log,
    }),
  );
  const port = await server.listen(0, '127.0.0.1');
  const obliterate = () => intake.obliterate();
  return {
    url: `http://127.0.0.1:${port}/alerts/generic`,
    reset: async () => void (await obliterate()),
    async stop() {
      await server.close();
      await obliterate();
      await intake.close();
      connection.disconnect();
    },
  };
}

/** The floor: read the body, one XADD of it, answer 202. */
async function xaddFloor(redisUrl: string): Promise<Door> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const stream = `door-floor-${randomBytes(3).toString('hex')}`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      redis.xadd(stream, '*', 'body', Buffer.concat(chunks)).then(
        () => {
          const text = '{"accepted":1}';
          res.writeHead(202, { 'content-type': 'application/json', 'content-length': text.length }).end(text);
        },
        () => res.writeHead(503).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/alerts/generic`,
    reset: async () => void (await redis.del(stream)),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis.del(stream);
      redis.disconnect();
    },
  };
}

/** calma's door against its XADD floor on `redisUrl`: one figure. */
export async function measureDoor(redisUrl: string): Promise<Figure> {
  const sender = await startStormSender();
  const doors = { calma: await calmaDoor(redisUrl), floor: await xaddFloor(redisUrl) };
  const ratios: number[] = [];
  const rates: Record<keyof typeof doors, number[]> = { calma: [], floor: [] };
  let from = 0;
  const phase = async (name: keyof typeof doors, durationMs: number) => {
    const result = await sender.run({
      url: doors[name].url,
      source: 'generic',
      alertsPerRequest: 1,
      groups: 50,
      from,
      durationMs,
      concurrency: CONCURRENCY,
    });
    from += result.sent;
    if (result.accepted !== result.sent) {
      throw new Error(`${name}: ${result.sent - result.accepted} requests not answered 202`);
    }
    await doors[name].reset();
    return result.accepted / (result.elapsedMs / 1000);
  };
  try {
    await phase('calma', WARM_MS);
    await phase('floor', WARM_MS);
    for (let pair = 0; pair < PAIRS; pair++) {
      // Alternate which goes first; each pair's ratio compares two neighbouring phases, so the load
      // other programs put on the machine weighs on both alike.
      const order = pair % 2 === 0 ? (['calma', 'floor'] as const) : (['floor', 'calma'] as const);
      const got = { calma: 0, floor: 0 };
      for (const name of order) got[name] = await phase(name, PHASE_MS);
      rates.calma.push(got.calma);
      rates.floor.push(got.floor);
      ratios.push(got.calma / got.floor);
    }
  } finally {
    await sender.close();
    await doors.calma.stop();
    await doors.floor.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const ratio = median(ratios);
  return {
    measure: 'alert door req/s vs one Redis XADD per request (same client, same run)',
    calma: `${ratio.toFixed(2)}× (${Math.round(median(rates.calma))} req/s)`,
    anchor: `${Math.round(median(rates.floor))} req/s`,
    goal: `≥ ${GOAL}×`,
    pass: ratio >= GOAL,
    note:
      `signed generic JSON, 1 alert a request, ${CONCURRENCY} in flight; median ratio of ${PAIRS} pairs of ` +
      `neighbouring ${PHASE_MS / 1000} s phases (${ratios.map((r) => r.toFixed(2)).join(', ')})`,
  };
}
