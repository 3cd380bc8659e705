/**
 * Every connection calma makes on a Sentinel URL comes back after a fail-over. A calma process holds
 * tens of them (its own, BullMQ's queues, workers and their blocking duplicates): one that ends for good
 * leaves the process unable to reach Redis until it is restarted (its health says 503 forever). The
 * sentinels are reached through a slow link (as across a loaded network), so the connections are
 * asking them for the primary when they announce the switch: the moment ioredis' fail-over detector
 * ended connections for good.
 */
import net from 'node:net';
import { type RedisConnection, redisClient, STORE_CONNECTION } from '../../../src/redis/connect';
import { SentinelTopology } from '../../support/redis-topology';
import { waitFor } from '../../support/wait-for';

// A loaded machine can make the sentinels' election fail and start again (10 s later here).
jest.setTimeout(150_000);

/** About as many as a calma process holds. */
const CONNECTIONS = 24;

/** Each way, per chunk, on the link to the sentinels. */
const SENTINEL_LINK_DELAY_MS = 150;

let topology: SentinelTopology | undefined;
const connections: RedisConnection[] = [];
const links: net.Server[] = [];

afterEach(async () => {
  for (const connection of connections) connection.disconnect();
  for (const link of links) link.close();
  await topology?.stop();
});

/** A local port that relays to `port`, each chunk `delayMs` late (in order). */
async function slowLink(port: number, delayMs: number): Promise<number> {
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    const relay = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), delayMs));
      from.on('close', () => setTimeout(() => to.destroy(), delayMs));
      from.on('error', () => {});
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  links.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

test('GIVEN many calma connections on a Sentinel URL WHEN the primary is SIGKILLed THEN every one of them serves again once the replica is promoted (none ends for good)', async () => {
  topology = await SentinelTopology.start();
  let url = topology.url;
  for (const port of topology.sentinelPorts) {
    url = url.replace(`127.0.0.1:${port}`, `127.0.0.1:${await slowLink(port, SENTINEL_LINK_DELAY_MS)}`);
  }
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
