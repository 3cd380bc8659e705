/**
 * The relay between the door's intake streams and the lanes' BullMQ queues (src/alerts/relay.ts), on the
 * test Redis: every accepted alert reaches its lane's queue once, under its job id, even when a relay
 * dies holding entries it had read.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { AlertIntake, type AlertJob, laneOf } from '../../../src/alerts/intake';
import { AlertRelay } from '../../../src/alerts/relay';
import { compileRoutes } from '../../../src/core/alert-route';
import { uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';
import { alert } from './alert-world';

const url = () => process.env.CALMA_TEST_REDIS_URL ?? '';
const ROUTES = compileRoutes([
  { match: { severity: 1 }, action: 'open', playbook: 'hacked-account' },
  { match: {}, action: 'triage' },
]);

function jobs(count: number, delivery: string, severity: 1 | 3 = 3): AlertJob[] {
  return Array.from({ length: count }, (_, index) => ({
    alert: alert({ dedupKey: `${delivery}-${index}`, groupKey: `${delivery}-${index}`, severity }),
    delivery,
    index,
    receivedAt: new Date().toISOString(),
  }));
}

describe('the alert relay', () => {
  let connection: Redis;
  let intake: AlertIntake;
  const relays: AlertRelay[] = [];
  const relay = (options: { claimIdleMs?: number; claimEveryMs?: number } = {}) => {
    const made = new AlertRelay({
      connection,
      prefix: intake.queue.opts.prefix ?? '',
      queues: { open: intake.openQueue, triage: intake.queue },
      ...options,
    });
    relays.push(made);
    made.start();
    return made;
  };
  const queued = async () => {
    const [triage, open] = await Promise.all([
      intake.queue.getJobs(['waiting']),
      intake.openQueue.getJobs(['waiting']),
    ]);
    return { triage: triage.map((j) => j.id).sort(), open: open.map((j) => j.id).sort() };
  };
  const streamLength = async () =>
    (await Promise.all(Object.values(intake.streams).map((s) => connection.xlen(s)))).reduce((a, b) => a + b);

  beforeEach(() => {
    connection = new Redis(url(), { maxRetriesPerRequest: null });
    intake = new AlertIntake(
      { connection, prefix: uniquePrefix(), name: `alerts-relay-${randomBytes(4).toString('hex')}` },
      { lane: laneOf(ROUTES) },
    );
  });
  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await intake.obliterate();
    await intake.close();
    connection.disconnect();
  });

  test('GIVEN alerts accepted before any relay runs, one delivery of 450 sent twice WHEN a relay starts THEN each is queued once in its lane and the streams are empty', async () => {
    await intake.accept(jobs(450, 'd1'));
    await intake.accept(jobs(2, 'sev1', 1));
    await intake.accept(jobs(450, 'd1'));

    relay();

    await waitFor(async () => (await streamLength()) === 0, 10_000, 'the streams to empty');
    const got = await queued();
    expect(got.triage).toHaveLength(450);
    expect(new Set(got.triage).size).toBe(450);
    expect(got.open).toEqual(['sev1.0', 'sev1.1']);
  });

  test('GIVEN a relay that read entries and died before acknowledging them WHEN another relay runs THEN it takes them over and every alert is queued once', async () => {
    // The dead relay: the group exists, and its consumer read the entries (pending, never acknowledged).
    const stream = intake.streams.triage;
    await connection.xgroup('CREATE', stream, 'relay', '0', 'MKSTREAM');
    await intake.accept(jobs(20, 'd2'));
    await connection.xreadgroup('GROUP', 'relay', 'dead', 'COUNT', 100, 'STREAMS', stream, '>');
    await intake.accept(jobs(5, 'd3'));

    relay({ claimIdleMs: 200, claimEveryMs: 100 });

    await waitFor(async () => (await streamLength()) === 0, 10_000, 'the streams to empty');
    const got = await queued();
    expect(got.triage).toHaveLength(25);
    expect(new Set(got.triage).size).toBe(25);
    const pending = (await connection.xpending(stream, 'relay')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });
});
