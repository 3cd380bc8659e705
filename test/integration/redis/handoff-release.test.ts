/**
 * A request whose run failed here is released for another run. When Redis cannot take the release at
 * that moment (its connection lost, as in a fail-over), it is tried again until it lands: left under
 * the name of a process that is alive, no sweep would ever run it, and the acknowledged request would
 * be lost without anyone being told.
 */
import { Redis } from 'ioredis';
import { type CommandQueue, commandQueue } from '../../../src/queue/commands';
import { uniquePrefix } from '../../support/redis';
import { RedisProcess } from '../../support/redis-process';
import { waitFor } from '../../support/wait-for';

let redis: RedisProcess | undefined;
let queue: CommandQueue<{ text: string }> | undefined;

afterEach(async () => {
  await queue?.stop();
  await redis?.kill();
});

test('GIVEN a request whose run failed WHEN its release is written while the connection to Redis is lost THEN, once it is back, the request is run again', async () => {
  redis = await RedisProcess.start();
  queue = await commandQueue<{ text: string }>({
    redisUrl: redis.url,
    prefix: uniquePrefix(),
    platform: 'slack',
    lapseMs: 2000,
  });
  const ran: string[] = [];
  queue.work(
    async (data) => void ran.push(data.text),
    () => {},
  );
  const guard = await queue.guard('slack:T1:trigger:1', { text: 'open hacked-account sev1 Spam' });

  // Every connection but this one is closed by Redis; the release is written before calma reconnects.
  const admin = new Redis(redis.url);
  await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
  await admin.quit();
  const live = queue;
  await waitFor(() => !live.ready(), 5000, 'the hand-off connection to notice');
  await guard.release();

  // A sweep job the cut left active (taken by a fetch whose answer was lost) holds up the next sweeps
  // (scheduled from it) until its lock (one lapse, 2 s) lapses and the stalled check (every half lapse)
  // takes it back: about 5 s at worst, with room for a loaded machine. With BullMQ's defaults (30 s
  // lock, 30 s check) a CI run waited past 20 s.
  await waitFor(() => ran.length > 0, 20_000, 'the released request to be run');
  expect(ran).toEqual(['open hacked-account sev1 Spam']);
}, 40_000);
