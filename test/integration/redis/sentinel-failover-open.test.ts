/**
 * A `/crisis open` caught by a Redis fail-over (REDIS_URL in its Sentinel form, the primary SIGKILLed,
 * the replica promoted) waits for the promoted replica on calma's own connection and completes: the
 * incident is stored once, its room made, and its reminders queued. The person is not told "Something
 * went wrong" for an outage of seconds.
 */
import { Queue } from 'bullmq';
import { openIncidentRoom } from '../../../src/app/open-incident';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { ReminderScheduler } from '../../../src/queue/reminder-queue';
import { type RedisConnection, redisClient, STORE_CONNECTION } from '../../../src/redis/connect';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { RecordingChat } from '../../support/recording-chat';
import { uniquePrefix } from '../../support/redis';
import { SentinelTopology } from '../../support/redis-topology';

// A loaded machine can make the sentinels' election fail and start again (10 s later here).
jest.setTimeout(150_000);

const WS = 'T0OPENFAILOVER';

let topology: SentinelTopology | undefined;
const connections: RedisConnection[] = [];
let scheduler: ReminderScheduler | undefined;

afterEach(async () => {
  await scheduler?.close();
  for (const connection of connections) connection.disconnect();
  await topology?.stop();
});

test('GIVEN calma on a Sentinel URL WHEN /crisis open runs while the primary has just been SIGKILLed THEN it waits for the promoted replica and completes: the incident stored with its room, its reminders queued', async () => {
  topology = await SentinelTopology.start();
  const loaded = await loadPlaybooks([builtinPlaybooksDir]);
  const playbooks = new PlaybookRegistry(loaded.playbooks, loaded.scenarios);
  const playbook = playbooks.get('service-outage');
  if (!playbook) throw new Error('the shipped service-outage playbook is missing');

  // calma's own connection as main.ts makes it, and BullMQ's (which waits for Redis, whatever the wait).
  const main = redisClient(topology.url, STORE_CONNECTION);
  const bull = redisClient(topology.url, { maxRetriesPerRequest: null });
  connections.push(main, bull);
  const prefix = uniquePrefix();
  const store = new RedisIncidentStore(main, prefix);
  scheduler = new ReminderScheduler(
    { connection: bull, prefix, name: 'reminders-failover' },
    playbooks,
    defaultReminderPolicy,
    60_000,
  );
  scheduler.queue.on('error', () => {});
  const chat = new RecordingChat();
  const deps = { ...testDeps(store, playbooks, { scheduler }), chat };
  await main.ping();
  await bull.ping();

  await topology.killPrimary();
  const opened = await openIncidentRoom(
    deps,
    { workspace: WS, user: 'U1', room: 'C-general', request: 'open-during-failover' },
    { playbook, title: 'Checkout down', severity: 1 },
  );

  expect(opened.ok).toBe(true);
  const seq = opened.ok ? opened.value.seq : 0;
  await topology.waitForPromotion();
  const stored = await store.get(WS, seq);
  expect({ seq: stored?.seq, room: stored?.room }).toEqual({ seq, room: chat.rooms[0]?.id });
  expect(chat.rooms).toHaveLength(1);
  // Its reminders are in the queue, on the promoted replica.
  const queue = new Queue('reminders-failover', { connection: bull, prefix });
  const planned = (await queue.getDelayed()).filter((job) => job.data.seq === seq);
  await queue.close();
  expect(planned.length).toBeGreaterThan(0);
});
