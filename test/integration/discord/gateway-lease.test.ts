/**
 * Several calma replicas with one bot token: Discord sends every event to every gateway session of a
 * bot, so only the holder of the gateway lease connects; the others wait as standbys and take over when
 * it goes. Real discord.js against the local Discord fake, real Redis.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import { type RunningDiscord, startDiscord } from '../../../src/discord/app';
import { type GatewayLease, gatewayLease } from '../../../src/discord/gateway-lease';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { callbacksFor, liveSessions, openCrisis } from '../../support/discord-failover';
import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../../support/fake-discord';
import { testRedis, uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';

const { announcements, crisis } = DISCORD_SEED.channels;
const WAIT_MS = 20_000;

/** One calma Discord process: its lease, then (once held) its Discord adapter. */
interface Replica {
  readonly lease: GatewayLease;
  /** What it logged (pino JSON lines). */
  readonly log: string[];
  /** Its running adapter once it holds the lease; null if stopped before. */
  readonly running: Promise<RunningDiscord | null>;
  stop(): Promise<void>;
}

let redis: Redis;
let playbooks: PlaybookRegistry;
let fake: FakeDiscord;
let prefix: string;
let store: RedisIncidentStore;
const replicas: Replica[] = [];
const connections: Redis[] = [];

beforeAll(async () => {
  redis = testRedis();
  playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(async () => {
  fake = await startFakeDiscord();
  prefix = uniquePrefix();
  store = new RedisIncidentStore(redis, prefix);
});
afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica.stop();
  for (const connection of connections.splice(0)) connection.disconnect();
  await fake.close();
});

/** Starts a replica whose lease runs on `connection` (default: the shared test connection). */
function replica(ttlMs: number, connection: Redis = redis): Replica {
  const lines: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const lease = gatewayLease({ redis: connection, prefix, token: fake.token, ttlMs, log });
  const running = lease.acquire().then((fence) =>
    fence === null
      ? null
      : startDiscord(
          testDeps(store, playbooks, { announcements, log }),
          {
            token: fake.token,
            apiUrl: fake.apiUrl,
            category: crisis,
            archiveCategory: null,
            captureReaction: '📌',
            handOff: { redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '', prefix },
            lease,
          },
          log,
        ),
  );
  const started: Replica = {
    lease,
    log: lines,
    running,
    async stop() {
      await lease.stop();
      await (await running)?.stop();
    },
  };
  replicas.push(started);
  return started;
}

/** A separate connection, so a test can cut one replica off Redis. */
function ownConnection(): Redis {
  const connection = new Redis(process.env.CALMA_TEST_REDIS_URL ?? '');
  connection.on('error', () => {});
  connections.push(connection);
  return connection;
}

/** Opens an incident and waits until it is announced; returns the interaction. */
async function openedOnce(title: string) {
  const interaction = openCrisis(fake, title);
  await interaction.callback(WAIT_MS);
  await fake.waitFor(
    () => fake.messagesIn(announcements).find((m) => JSON.stringify(m).includes(title)),
    `the announcement of "${title}"`,
    WAIT_MS,
  );
  return interaction;
}

const logged = (replica: Replica, text: string) =>
  waitFor(() => replica.log.some((line) => line.includes(text)), WAIT_MS, `a log line "${text}"`);

describe('one Discord gateway session per bot across calma replicas', () => {
  test('GIVEN two calma replicas with the same bot token on one Redis WHEN both start THEN one connects to the gateway, the other waits as a standby, and /crisis open opens one incident with one answer', async () => {
    const first = replica(5000);
    await first.running;
    await fake.waitForReady(WAIT_MS);
    const second = replica(5000);
    await logged(second, 'waits as a standby');

    const interaction = await openedOnce('Spam on our Instagram');

    expect(liveSessions(fake)).toHaveLength(1);
    expect(callbacksFor(fake, interaction.id).map((call) => call.status)).toEqual([204]);
    expect((await store.list(fake.guildId)).map((i) => i.title)).toEqual(['Spam on our Instagram']);
    expect(fake.channels().filter((c) => c.parent_id === crisis)).toHaveLength(1);
  }, 60_000);

  test('GIVEN the holder cut off Redis without giving the lease up WHEN its lease lapses THEN it leaves the gateway by itself, the standby connects within seconds, and the next /crisis open is answered once', async () => {
    const firstRedis = ownConnection();
    const first = replica(2000, firstRedis);
    await first.running;
    await fake.waitForReady(WAIT_MS);
    const second = replica(2000);
    await logged(second, 'waits as a standby');
    await openedOnce('Spam on our Instagram');
    const firstSession = liveSessions(fake)[0];

    const cut = Date.now();
    firstRedis.disconnect();
    const secondSession = await fake.waitFor(
      () => liveSessions(fake).find((session) => session !== firstSession),
      "the standby's gateway session",
      WAIT_MS,
    );
    console.log(`Discord gateway fail-over (holder cut off Redis, lease 2 s): ${Date.now() - cut} ms`);
    await logged(first, 'lost the Discord gateway lease');
    await fake.waitFor(() => !firstSession?.socket, "the old holder's session to close", WAIT_MS);

    const interaction = await openedOnce('Fake giveaway');
    expect(liveSessions(fake)).toEqual([secondSession]);
    expect(callbacksFor(fake, interaction.id).map((call) => call.status)).toEqual([204]);
    expect((await store.list(fake.guildId)).map((i) => i.title).sort()).toEqual([
      'Fake giveaway',
      'Spam on our Instagram',
    ]);
  }, 60_000);

  test('GIVEN the lease vanished under its holder (a Redis fail-over lost it) and a standby took it WHEN an interaction reaches both sessions THEN only the new holder answers it, and the stale holder leaves the gateway', async () => {
    // A long lease: renewing every 30 s, the stale holder would not notice on its own for a while.
    const first = replica(90_000);
    await first.running;
    await fake.waitForReady(WAIT_MS);
    const second = replica(90_000);
    await logged(second, 'waits as a standby');

    await redis.del(first.lease.key);
    await second.running;
    await fake.waitFor(() => liveSessions(fake).length === 2, 'both sessions live', WAIT_MS);

    const interaction = await openedOnce('Spam on our Instagram');
    // Told by the interaction's fenced claim, long before its next renewal.
    await fake.waitFor(() => liveSessions(fake).length === 1, 'the stale session to close', 10_000);
    expect(first.log.join('')).toContain('lost the Discord gateway lease (a newer holder took it over)');

    expect(callbacksFor(fake, interaction.id).map((call) => call.status)).toEqual([204]);
    expect((await store.list(fake.guildId)).map((i) => i.title)).toEqual(['Spam on our Instagram']);
    expect(fake.channels().filter((c) => c.parent_id === crisis)).toHaveLength(1);
  }, 60_000);
});
