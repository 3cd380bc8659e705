/**
 * Every connection calma makes on a Sentinel URL comes back after a fail-over. A calma process holds
 * tens of them (its own, BullMQ's queues, workers and their blocking duplicates): one that ends for good
 * leaves the process unable to reach Redis until it is restarted (its health says 503 forever).
 */
import { type RedisConnection, redisClient, STORE_CONNECTION } from '../../../src/redis/connect';
import { SentinelTopology } from '../../support/redis-topology';
import { waitFor } from '../../support/wait-for';

// A loaded machine can make the sentinels' election fail and start again (10 s later here).
jest.setTimeout(150_000);

/** About as many as a calma process holds. */
const CONNECTIONS = 24;

let topology: SentinelTopology | undefined;
const connections: RedisConnection[] = [];

afterEach(async () => {
  for (const connection of connections) connection.disconnect();
  await topology?.stop();
});

test('GIVEN many calma connections on a Sentinel URL WHEN the primary is SIGKILLed THEN every one of them serves again once the replica is promoted (none ends for good)', async () => {
  topology = await SentinelTopology.start();
  const url = topology.url;
  for (let i = 0; i < CONNECTIONS; i++) {
    connections.push(redisClient(url, i % 2 ? STORE_CONNECTION : { maxRetriesPerRequest: null }));
  }
  await Promise.all(connections.map((connection) => connection.ping()));

  await topology.killPrimary();
  await topology.waitForPromotion();

  await waitFor(
    async () => {
      const answers = await Promise.all(
        connections.map((connection) =>
          connection.set('after', '1').then(
            () => 'ok',
            () => connection.status,
          ),
        ),
      );
      const ended = answers.filter((answer) => answer === 'end').length;
      // One ended for good never comes back: say so at once rather than wait out the bound.
      if (ended > 0) throw new Error(`${ended} of ${CONNECTIONS} connections ended for good`);
      return answers.every((answer) => answer === 'ok');
    },
    60_000,
    'every connection to write on the promoted replica',
  );
});
