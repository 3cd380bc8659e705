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

/** Begins a write of the topic: its ticket, null (skip) or 'busy'. */
async function begin(store: RedisIncidentStore, digest: string, force = false) {
  const [ticket] = await store.beginWrites(WS, 1, [topic(digest)], force);
  return ticket;
}

function ticketOf<T>(ticket: T | 'busy' | null | undefined): T {
  if (!ticket || ticket === 'busy') throw new Error(`expected a ticket, got ${String(ticket)}`);
  return ticket;
}

/** A whole write of the topic: true when it went to the platform, false when skipped. */
async function write(store: RedisIncidentStore, digest: string, force = false): Promise<boolean> {
  const ticket = await begin(store, digest, force);
  if (ticket === null) return false;
  await store.endWrites(WS, 1, [ticketOf(ticket)]);
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
    await a.endWrites(WS, 1, [ticketOf(topicTicket)]);
    expect(summaryTicket).not.toBeNull();

    const again = await a.beginWrites(WS, 1, [topic('x'), { target: 'summary', digest: 'x' }]);
    expect(again[0]).toBeNull();
    expect(again[1]).toBe('busy');
    expect(await a.beginWrites(WS, 2, [topic('x')])).not.toEqual([null]);
  });

  test('GIVEN a process writing the topic WHEN another is to write it THEN it is told to wait, AND once the first is done, skips the same topic and writes another', async () => {
    const first = ticketOf(await begin(a, 'sev2'));

    expect(await begin(b, 'sev2')).toBe('busy');
    expect(await begin(b, 'sev3')).toBe('busy');
    await a.endWrites(WS, 1, [first]);

    expect(await write(b, 'sev2')).toBe(false);
    expect(await write(b, 'sev3')).toBe(true);
  });

  test('GIVEN two processes whose writes of one topic overlap with different topics WHEN both end THEN neither counts as shown: the next write of either goes through', async () => {
    const first = ticketOf(await begin(a, 'sev2'));
    const second = ticketOf(await begin(b, 'sev3', true));
    await a.endWrites(WS, 1, [first]);
    await b.endWrites(WS, 1, [second]);

    expect(await write(a, 'sev3')).toBe(true);
    expect(await write(b, 'sev3')).toBe(false);
  });

  test('GIVEN two processes whose writes of one topic overlap with the same topic WHEN both end THEN it counts as shown', async () => {
    const first = ticketOf(await begin(a, 'sev2'));
    const second = ticketOf(await begin(b, 'sev2', true));
    expect(await begin(a, 'sev2')).toBe('busy');
    await a.endWrites(WS, 1, [first]);
    expect(await begin(a, 'sev2')).toBeNull();
    await b.endWrites(WS, 1, [second]);

    expect(await write(a, 'sev2')).toBe(false);
  });

  test('GIVEN a write begun that never ended (its call failed, or its process died) WHEN another writes the same content as before THEN it goes through, and is not recorded while the first may still land', async () => {
    expect(await write(a, 'sev1')).toBe(true);
    await begin(a, 'sev2');

    expect(await write(b, 'sev1', true)).toBe(true);
    expect(await write(b, 'sev1', true)).toBe(true);
  });
  test('GIVEN an incident whose topic was written WHEN the incident is deleted THEN what its targets showed goes with it', async () => {
    const incident = anIncident({ workspace: WS, seq: 1, room: 'C001' });
    await a.create({ incident, events: [anOpenedEntry(incident)] });
    await write(a, 'sev1');

    expect(await a.delete(WS, 1)).toBe('deleted');

    expect(await redis.exists(storeKeys(prefix).written(WS, 1))).toBe(0);
  });
});
