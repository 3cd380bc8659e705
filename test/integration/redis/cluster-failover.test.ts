/**
 * REDIS_URL in its Cluster form, on three primaries with a replica each: the primary holding calma's slot
 * is SIGKILLed, the cluster promotes its replica, and calma's store and BullMQ queue are served again
 * through the same connections (ioredis follows the slot to its new primary).
 */
import { Queue, Worker } from 'bullmq';
import { type RedisConnection, redisClient, redisKeyPrefix } from '../../../src/redis/connect';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { anIncident, anOpenedEntry } from '../../support/fixtures';
import { uniquePrefix } from '../../support/redis';
import { ClusterTopology } from '../../support/redis-topology';
import { waitFor } from '../../support/wait-for';

// A loaded machine can make the sentinels' (or the cluster's) election fail and start again after its
// timeout: the fail-over bounds are generous, the test usually takes seconds.
jest.setTimeout(150_000);

const WS = 'T0CLUSTER';

describe('Redis Cluster fail-over', () => {
  let topology: ClusterTopology;
  let main: RedisConnection;
  let bull: RedisConnection;
  let queue: Queue;
  let worker: Worker;
  const done: string[] = [];
  const prefix = redisKeyPrefix(uniquePrefix(), 'redis+cluster://');

  beforeAll(async () => {
    topology = await ClusterTopology.start({ replicas: 1 });
    // As calma's own: the store's connection gives up on a command after 3 retries, BullMQ's waits.
    main = redisClient(topology.url, { maxRetriesPerRequest: 3 });
    main.on('error', () => {});
    bull = redisClient(topology.url, { maxRetriesPerRequest: null });
    bull.on('error', () => {});
    queue = new Queue('failover', { connection: bull, prefix });
    queue.on('error', () => {});
    worker = new Worker('failover', async (job) => void done.push(job.name), { connection: bull, prefix });
    worker.on('error', () => {});
  }, 55_000);

  afterAll(async () => {
    await worker?.close(true);
    await queue?.close();
    main?.disconnect();
    bull?.disconnect();
    await topology?.stop();
  });

  const open = async (store: RedisIncidentStore, request: string) => {
    const incident = anIncident({
      workspace: WS,
      seq: await store.nextSeq(WS, request),
      room: `C-${request}`,
    });
    await store.create({ incident, events: [anOpenedEntry(incident)] });
    return incident.seq;
  };

  it("GIVEN calma on a Cluster URL WHEN the primary holding calma's slot is SIGKILLed THEN, once its replica is promoted, the same connections serve writes and jobs again, and what was replicated is kept", async () => {
    const store = new RedisIncidentStore(main, prefix);
    const before = await open(store, 'before');
    await queue.add('job-before', {});
    await waitFor(() => done.includes('job-before'), 20_000, 'the job queued before the fail-over');
    const primary = await topology.primaryOf(prefix);
    // Replication is asynchronous: what the replica has not received when its primary dies is lost
    // (Redis' documented window). Waiting for it makes these writes kept, so the test can expect them.
    await topology.waitUntilReplicated(primary);

    const killedAt = Date.now();
    await topology.kill(primary);
    // Commands sent during the fail-over fail (the slot has no primary); the next ones are served.
    let after = 0;
    await waitFor(
      async () => {
        after = await open(store, 'after').catch(() => 0);
        return after;
      },
      100_000,
      'a write through the same connection after the fail-over',
    );
    const servedInMs = Date.now() - killedAt;
    process.stdout.write(
      `Redis fail-over (Cluster): ${servedInMs} ms from SIGKILL of the primary to the first write served\n`,
    );

    expect(await topology.waitForPromotion(prefix, primary)).not.toBe(primary);
    expect((await store.list(WS)).map((incident) => incident.seq).sort()).toEqual([before, after].sort());
    await queue.add('job-after', {});
    await waitFor(() => done.includes('job-after'), 30_000, 'a job queued after the fail-over');
  });
});
