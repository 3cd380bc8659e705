/**
 * REDIS_URL in its Cluster form, on three primaries with a replica each: the primary holding calma's slot
 * is SIGKILLed, the cluster promotes its replica, and calma's store and BullMQ queue are served again
 * through the same connections (ioredis follows the slot to its new primary). A write sent while the
 * slot has no primary waits for the promotion instead of failing (src/redis/connect.ts clusterPatience).
 */
import { redisKeyPrefix } from '../../../src/redis/connect';
import { type FailoverClients, failoverClients } from '../../support/failover-clients';
import { uniquePrefix } from '../../support/redis';
import { ClusterTopology } from '../../support/redis-topology';
import { waitFor } from '../../support/wait-for';

// A loaded machine can make the sentinels' (or the cluster's) election fail and start again after its
// timeout: the fail-over bounds are generous, the test usually takes seconds.
jest.setTimeout(150_000);

const WS = 'T0CLUSTER';

describe('Redis Cluster fail-over', () => {
  let topology: ClusterTopology;
  let clients: FailoverClients;
  const prefix = redisKeyPrefix(uniquePrefix(), 'redis+cluster://');

  beforeAll(async () => {
    topology = await ClusterTopology.start({ replicas: 1 });
    clients = failoverClients(topology.url, prefix, WS);
  }, 55_000);

  afterAll(async () => {
    await clients?.close();
    await topology?.stop();
  });

  it("GIVEN calma on a Cluster URL WHEN the primary holding calma's slot is SIGKILLed THEN a write sent right then waits for the replica's promotion and is served, through the same connections, and what was replicated is kept", async () => {
    const { store, queue, done, open } = clients;
    const before = await open('before');
    await queue.add('job-before', {});
    await waitFor(() => done.includes('job-before'), 20_000, 'the job queued before the fail-over');
    const primary = await topology.primaryOf(prefix);
    // Replication is asynchronous: what the replica has not received when its primary dies is lost
    // (Redis' documented window). Waiting for it makes these writes kept, so the test can expect them.
    await topology.waitUntilReplicated(primary);

    const killedAt = Date.now();
    await topology.kill(primary);
    // Sent while the slot has no primary: it is retried until the replica is promoted, not failed.
    const after = await open('after');
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
