/**
 * What an incident's platform targets are known to show (`beginWrites` / `endWrites` on the real Redis):
 * a write is skipped only when the target surely shows its content already. Overlapping writes, whose
 * order on the platform nobody knows, and a write that never ended leave the target unknown.
 */
import type { Redis } from 'ioredis';
import { storeKeys } from '../../../src/store/keys';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { anIncident, anOpenedEntry } from '../../support/fixtures';
import { testRedis, uniquePrefix } from '../../support/redis';

const WS = 'T0TEST';
let redis: Redis;
let other: Redis;
let a: RedisIncidentStore;
let b: RedisIncidentStore;
let prefix: string;

beforeAll(() => {
  redis = testRedis();
  other = testRedis();
});
beforeEach(() => {
  prefix = uniquePrefix();
  a = new RedisIncidentStore(redis, prefix);
  b = new RedisIncidentStore(other, prefix);
});
afterAll(async () => {
  await Promise.all([redis.quit(), other.quit()]);
});

const topic = (digest: string) => ({ target: 'topic', digest });

async function write(store: RedisIncidentStore, digest: string): Promise<boolean> {
  const [ticket] = await store.beginWrites(WS, 1, [topic(digest)]);
  if (!ticket) return false;
  await store.endWrites(WS, 1, [ticket]);
  return true;
}

describe('platform writes that change nothing', () => {
  test('GIVEN a topic written WHEN the same topic is to be written, from either process THEN it is skipped, AND a different one is not', async () => {
    expect(await write(a, 'sev1')).toBe(true);

    expect(await write(a, 'sev1')).toBe(false);
    expect(await write(b, 'sev1')).toBe(false);
    expect(await write(b, 'sev2')).toBe(true);
    expect(await write(a, 'sev2')).toBe(false);
    expect(await write(a, 'sev1')).toBe(true);
  });

  test('GIVEN each target of an incident WHEN one is written THEN the others are not taken for written', async () => {
    const [topicTicket, summaryTicket] = await a.beginWrites(WS, 1, [
      topic('x'),
      { target: 'summary', digest: 'x' },
    ]);
    await a.endWrites(WS, 1, [topicTicket ?? fail()]);
    expect(summaryTicket).not.toBeNull();

    const again = await a.beginWrites(WS, 1, [topic('x'), { target: 'summary', digest: 'x' }]);
    expect(again[0]).toBeNull();
    expect(again[1]).not.toBeNull();
    expect(await a.beginWrites(WS, 2, [topic('x')])).not.toEqual([null]);
  });

  test('GIVEN two processes whose writes of one topic overlap WHEN both end THEN neither content counts as shown: the next write of either goes through', async () => {
    const [first] = await a.beginWrites(WS, 1, [topic('sev2')]);
    const [second] = await b.beginWrites(WS, 1, [topic('sev3')]);
    await a.endWrites(WS, 1, [first ?? fail()]);
    await b.endWrites(WS, 1, [second ?? fail()]);

    expect(await write(a, 'sev3')).toBe(true);
    expect(await write(b, 'sev3')).toBe(false);
  });

  test('GIVEN a write begun that never ended (its process died mid-call) WHEN another writes the same content THEN it goes through and is not recorded while the first may still land', async () => {
    expect(await write(a, 'sev1')).toBe(true);
    await a.beginWrites(WS, 1, [topic('sev2')]);

    expect(await write(b, 'sev1')).toBe(true);
    expect(await write(b, 'sev1')).toBe(true);
  });

  test('GIVEN an incident whose topic was written WHEN the incident is deleted THEN what its targets showed goes with it', async () => {
    const incident = anIncident({ workspace: WS, seq: 1, room: 'C001' });
    await a.create({ incident, events: [anOpenedEntry(incident)] });
    await write(a, 'sev1');

    expect(await a.delete(WS, 1)).toBe('deleted');

    expect(await redis.exists(storeKeys(prefix).written(WS, 1))).toBe(0);
  });
});

function fail(): never {
  throw new Error('expected a ticket');
}
