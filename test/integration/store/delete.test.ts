/**
 * `IncidentStore.delete` on the real Redis: the incident, its timeline, its place in the list and its
 * room index go in one atomic step, guarded by a check on the state it deletes.
 */
import type { Redis } from 'ioredis';
import type { Incident } from '../../../src/core/types';
import { storeKeys } from '../../../src/store/keys';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { aNote, anIncident, anOpenedEntry } from '../../support/fixtures';
import { testRedis, uniquePrefix } from '../../support/redis';

let redis: Redis;
let prefix: string;
let store: RedisIncidentStore;

beforeAll(() => {
  redis = testRedis();
});

beforeEach(() => {
  prefix = uniquePrefix();
  store = new RedisIncidentStore(redis, prefix);
});

afterAll(async () => {
  await redis.quit();
});

const closedDrill = (seq: number, room: string): Incident =>
  anIncident({ seq, room, drill: true, status: 'resolved', resolvedAt: '2026-11-22T10:30:00.000Z' });
const isClosedDrill = (incident: Incident) => incident.drill && incident.status === 'resolved';

async function stored(incident: Incident): Promise<void> {
  await store.create({ incident, events: [anOpenedEntry(incident), aNote('practice')] });
}

describe('RedisIncidentStore.delete', () => {
  test('GIVEN a closed drill beside another incident WHEN deleted THEN its state, timeline, list entry and room index are gone, and the other is untouched', async () => {
    const other = anIncident({ seq: 1, room: 'C001' });
    await stored(other);
    await stored(closedDrill(2, 'C002'));

    expect(await store.delete('T0TEST', 2, isClosedDrill)).toBe('deleted');

    const keys = storeKeys(prefix);
    expect(await store.get('T0TEST', 2)).toBeNull();
    expect(await store.timeline('T0TEST', 2)).toEqual([]);
    expect(await store.findByRoom('T0TEST', 'C002')).toBeNull();
    expect(
      await redis.exists(keys.incident('T0TEST', 2), keys.timeline('T0TEST', 2), keys.room('T0TEST', 'C002')),
    ).toBe(0);
    expect(await redis.zrange(keys.incidents('T0TEST'), 0, '-1')).toEqual(['1']);
    expect((await store.list('T0TEST', { all: true })).map((i) => i.seq)).toEqual([1]);
    expect(await store.get('T0TEST', 1)).toEqual(other);
    expect(await store.timeline('T0TEST', 1)).toHaveLength(2);
  });

  test('GIVEN a real incident WHEN deleted with the drill check THEN it is refused and everything stays', async () => {
    const real = anIncident({ seq: 1, room: 'C001', status: 'resolved' });
    await stored(real);

    expect(await store.delete('T0TEST', 1, isClosedDrill)).toBe('refused');
    expect(await store.get('T0TEST', 1)).toEqual(real);
    expect(await store.timeline('T0TEST', 1)).toHaveLength(2);
    expect(await store.findByRoom('T0TEST', 'C001')).toEqual(real);
  });

  test('GIVEN no such incident WHEN deleted THEN it is missing', async () => {
    expect(await store.delete('T0TEST', 9)).toBe('missing');
  });

  test('GIVEN a drill reopened by another writer between the read and the delete WHEN deleted THEN the check runs again on the new state and refuses', async () => {
    await stored(closedDrill(1, 'C001'));
    let reads = 0;
    const reopenFirst = (incident: Incident) => {
      reads++;
      if (reads === 1) {
        // Another process reopens the drill after this delete read it: the compare-and-set must notice.
        // (Same connection as the store: this write reaches Redis before the delete script.)
        void redis.set(
          storeKeys(prefix).incident('T0TEST', 1),
          JSON.stringify({ ...incident, status: 'open', resolvedAt: undefined }),
        );
      }
      return isClosedDrill(incident);
    };

    expect(await store.delete('T0TEST', 1, reopenFirst)).toBe('refused');
    expect(reads).toBe(2);
    expect((await store.get('T0TEST', 1))?.status).toBe('open');
    expect(await store.timeline('T0TEST', 1)).toHaveLength(2);
  });

  test('GIVEN a room index that now points at another incident WHEN the drill is deleted THEN that index is kept', async () => {
    await stored(closedDrill(1, 'C001'));
    await redis.set(storeKeys(prefix).room('T0TEST', 'C001'), '7');

    expect(await store.delete('T0TEST', 1)).toBe('deleted');
    expect(await redis.get(storeKeys(prefix).room('T0TEST', 'C001'))).toBe('7');
  });
});
