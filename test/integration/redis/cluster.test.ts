/**
 * REDIS_URL in its Cluster form, on a real cluster of three primaries: with the prefix calma uses there
 * (a hash tag), BullMQ's scripts and calma's own (several keys each) run without CROSSSLOT errors.
 */
import { Queue, Worker } from 'bullmq';
import { commandQueue } from '../../../src/queue/commands';
import {
  type RedisConnection,
  redisClient,
  redisKeyPrefix,
  STORE_CONNECTION,
} from '../../../src/redis/connect';
import { RedisAlertStore } from '../../../src/store/redis-alert-store';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { aNote, anIncident, anOpenedEntry } from '../../support/fixtures';
import { uniquePrefix } from '../../support/redis';
import { ClusterTopology } from '../../support/redis-topology';
import { waitFor } from '../../support/wait-for';

jest.setTimeout(55_000);

describe('Redis Cluster', () => {
  let topology: ClusterTopology;
  let main: RedisConnection;
  let bull: RedisConnection;
  let prefix: string;

  beforeAll(async () => {
    topology = await ClusterTopology.start();
    prefix = redisKeyPrefix(uniquePrefix(), topology.url);
    main = redisClient(topology.url, STORE_CONNECTION);
    bull = redisClient(topology.url, { maxRetriesPerRequest: null });
  }, 55_000);

  afterAll(async () => {
    main?.disconnect();
    bull?.disconnect();
    await topology?.stop();
  });

  it("GIVEN a Cluster URL WHEN calma's incident and alert stores work on several workspaces THEN their scripts and transactions run, all in the prefix's slot", async () => {
    const store = new RedisIncidentStore(main, prefix);
    const alerts = new RedisAlertStore(main, prefix);
    for (const workspace of ['T0ALPHA', 'T0BRAVO', 'T0CHARLIE']) {
      const seq = await store.nextSeq(workspace, 'open-1');
      expect(await store.nextSeq(workspace, 'open-1')).toBe(seq);
      const incident = anIncident({ workspace, seq, room: `C-${workspace}` });
      await store.create({ incident, events: [anOpenedEntry(incident)] });
      await store.update(workspace, seq, (current) => ({
        change: { incident: { ...current, title: 'Checkout is down' }, events: [aNote('still down')] },
      }));
      expect((await store.list(workspace)).map((open) => open.title)).toEqual(['Checkout is down']);
      expect((await store.timeline(workspace, seq)).map((entry) => entry.kind)).toEqual(['opened', 'note']);
      const [ticket] = await store.beginWrites(workspace, seq, [{ target: 'topic', digest: 'd1' }]);
      expect(ticket).toMatchObject({ target: 'topic' });

      const keys = { group: 'checkout-errors', dedup: 'pagerduty-123' };
      expect(await alerts.claim(workspace, keys, `incident:${seq}`, [], 60_000)).toBeNull();
      expect(await alerts.linked(workspace, keys)).toBe(`incident:${seq}`);
      expect((await alerts.note(workspace, 'checkout', Date.now(), 60_000)).post).toBe(true);
      expect(await store.delete(workspace, seq)).toBe('deleted');
    }
    // The decision in docs/decisions.md: one slot, so one primary holds all of calma's keys.
    expect(await topology.nodesHoldingKeys()).toHaveLength(1);
  });

  it('GIVEN a Cluster URL WHEN a BullMQ queue and worker use the hash-tagged prefix THEN jobs, delayed ones included, are done', async () => {
    const done: string[] = [];
    const queue = new Queue('cluster-jobs', { connection: bull, prefix });
    const worker = new Worker('cluster-jobs', async (job) => void done.push(job.name), {
      connection: bull,
      prefix,
    });
    try {
      await queue.addBulk([
        { name: 'now', data: {} },
        { name: 'next', data: {} },
      ]);
      await queue.add('later', {}, { delay: 300 });
      await waitFor(() => done.length === 3, 30_000, 'the three jobs');
      expect(done.sort()).toEqual(['later', 'next', 'now']);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('GIVEN a Cluster URL WHEN a process that acknowledged a request stops before finishing it THEN another one runs it (the hand-off)', async () => {
    const options = { redisUrl: topology.url, prefix, platform: 'slack', lapseMs: 1000 };
    const [dying, survivor] = [await commandQueue<string>(options), await commandQueue<string>(options)];
    const ran: string[] = [];
    try {
      expect((await dying.guard('request-1', 'close incident 7')).duplicate).toBe(false);
      expect((await dying.guard('request-1', 'close incident 7')).duplicate).toBe(true);
      await dying.stop();
      survivor.work(
        async (data) => void ran.push(data),
        () => {},
      );
      await waitFor(() => ran.length > 0, 30_000, 'the surviving process to run the request');
      expect(ran).toEqual(['close incident 7']);
    } finally {
      await survivor.stop();
    }
  });
});
