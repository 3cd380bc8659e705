/**
 * Every connection calma holds through a Sentinel URL comes back after a fail-over. With ioredis'
 * failoverDetector, a `+switch-master` announcement arriving while a connection was asking the
 * sentinels for the primary ended it for good ("Connection is closed"): about one in six of them, and
 * a BullMQ worker on such a connection stops until calma is restarted.
 */
import { type RedisConnection, redisClient } from '../../../src/redis/connect';
import { SentinelTopology } from '../../support/redis-topology';

jest.setTimeout(150_000);

let topology: SentinelTopology | undefined;
const connections: RedisConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.disconnect();
  await topology?.stop();
});

test('GIVEN 30 calma connections on a Sentinel URL WHEN the primary is SIGKILLed THEN, once the replica is promoted, every one of them serves commands again', async () => {
  topology = await SentinelTopology.start();
  const url = topology.url;
  // As BullMQ's: a command waits for Redis to come back instead of failing.
  for (let i = 0; i < 30; i++) connections.push(redisClient(url, { maxRetriesPerRequest: null }));
  await Promise.all(connections.map((connection) => connection.ping()));

  await topology.killPrimary();
  await topology.waitForPromotion();

  // A connection waits for Redis (no retry limit); one that ended fails at once. The sentinels' last
  // announcements come just after the promotion: every connection is asked again for 5 s.
  const failures = new Set<string>();
  const watchUntil = Date.now() + 5000;
  while (Date.now() < watchUntil) {
    const answers = await Promise.all(
      connections.map((connection) =>
        connection.ping().then(
          () => 'serves',
          (error: Error) => error.message,
        ),
      ),
    );
    for (const answer of answers) if (answer !== 'serves') failures.add(answer);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect([...failures]).toEqual([]);
  expect(connections.map((connection) => connection.status).filter((status) => status !== 'ready')).toEqual(
    [],
  );
});
