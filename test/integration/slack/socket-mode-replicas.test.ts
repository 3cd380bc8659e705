/**
 * Two calma processes in Slack Socket Mode with one app token on one Redis. Unlike Discord's gateway,
 * Slack accepts several connections per app and sends each payload to one of them (and may send a
 * retry to another): both processes stay connected, and a request is run once wherever it lands.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { type RunningSlack, startSlack } from '../../../src/slack/app';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import {
  type FakeSlackSocket,
  slashCommandPayload,
  startFakeSlackSocket,
} from '../../support/fake-slack-socket';
import { testRedis, uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';

const TEAM = 'T1';
const WAIT_MS = 10_000;

let redis: Redis;
let playbooks: PlaybookRegistry;
let fake: FakeSlack;
let socket: FakeSlackSocket;
let prefix: string;
let store: RedisIncidentStore;
const replicas: RunningSlack[] = [];

beforeAll(async () => {
  redis = testRedis();
  playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
});

beforeEach(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSlackSocket(fake);
  prefix = uniquePrefix();
  store = new RedisIncidentStore(redis, prefix);
  for (let i = 0; i < 2; i++) {
    replicas.push(
      await startSlack(
        testDeps(store, playbooks, { announcements: 'C0ANNOUNCE' }),
        {
          botToken: 'xoxb-test',
          appToken: 'xapp-test',
          apiUrl: fake.apiUrl,
          port: 0,
          captureReaction: 'pushpin',
          handOff: { redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '', prefix },
        },
        pino({ level: 'silent' }),
      ),
    );
  }
  await socket.waitForConnection(2);
});

afterEach(async () => {
  for (const replica of replicas.splice(0)) await replica.stop();
  await socket.close();
  await fake.close();
});

afterAll(async () => {
  await redis.quit();
});

/** `/crisis <text>` by ana, as Socket Mode carries it. */
function command(text: string, responseId: string, triggerId?: string) {
  return slashCommandPayload({
    text,
    team_id: TEAM,
    user_id: 'U0ANA',
    channel_id: 'C0GENERAL',
    response_url: fake.responseUrl(responseId),
    ...(triggerId ? { trigger_id: triggerId } : {}),
  });
}

/** Every request handed off has been run or dropped as a repeat: nothing is left in flight. */
const settled = () =>
  waitFor(
    async () => (await redis.hlen(`${prefix}:{commands-slack}:in-flight`)) === 0,
    WAIT_MS,
    'no Slack request in flight',
  );

describe('Slack Socket Mode with two calma processes', () => {
  test('GIVEN two calma processes connected with one app token WHEN Slack sends one command on each connection THEN both processes acknowledge and each command is run once', async () => {
    const first = socket.send(
      { type: 'slash_commands', payload: command('open hacked-account sev1 Spam', 'one') },
      1,
    );
    const second = socket.send(
      { type: 'slash_commands', payload: command('open troll-attack sev2 Raid', 'two') },
      2,
    );

    expect((await socket.waitForAck(first.envelope_id, WAIT_MS)).connection).toBe(1);
    expect((await socket.waitForAck(second.envelope_id, WAIT_MS)).connection).toBe(2);
    await fake.waitForResponse((r) => r.id === 'one', WAIT_MS);
    await fake.waitForResponse((r) => r.id === 'two', WAIT_MS);
    await settled();

    expect(fake.calls('conversations.create').map((c) => c.args.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/-spam$/), expect.stringMatching(/-raid$/)]),
    );
    expect(fake.calls('conversations.create')).toHaveLength(2);
    expect((await store.list(TEAM)).map((i) => i.title).sort()).toEqual(['Raid', 'Spam']);
    expect(socket.protocolErrors).toEqual([]);
  });

  test('GIVEN two calma processes connected with one app token WHEN the same command reaches both connections (a redelivery) THEN the incident opens once and ana is answered once', async () => {
    const payload = command('open hacked-account sev1 Spam', 'open');
    const once = socket.send({ type: 'slash_commands', payload }, 2);
    const again = socket.send({ type: 'slash_commands', payload }, 1);

    await socket.waitForAck(once.envelope_id, WAIT_MS);
    await socket.waitForAck(again.envelope_id, WAIT_MS);
    await fake.waitForResponse((r) => r.id === 'open', WAIT_MS);
    await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
    await settled();

    expect(fake.calls('conversations.create')).toHaveLength(1);
    expect((await store.list(TEAM)).map((i) => i.seq)).toEqual([1]);
    expect(fake.calls('chat.postMessage').filter((c) => c.args.channel === 'C0ANNOUNCE')).toHaveLength(1);
    expect(fake.responses.filter((r) => r.id === 'open')).toHaveLength(1);
    expect(socket.protocolErrors).toEqual([]);
  });
});
