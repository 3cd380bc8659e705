import type { Redis } from 'ioredis';
import type { Change, Incident } from '../../../src/core/types';
import { IncidentExistsError, RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { aNote, anIncident, anOpenedEntry } from '../../support/fixtures';
import { testRedis, uniquePrefix } from '../../support/redis';

let redis: Redis;
let store: RedisIncidentStore;

beforeAll(() => {
  redis = testRedis();
});

beforeEach(() => {
  // A fresh prefix per test: every test starts from an empty store.
  store = new RedisIncidentStore(redis, uniquePrefix());
});

afterAll(async () => {
  await redis.quit();
});

function opening(incident: Incident): Change {
  return { incident, events: [anOpenedEntry(incident)] };
}

function withNote(text: string) {
  return (incident: Incident) => ({
    change: { incident: { ...incident, updatedAt: new Date().toISOString() }, events: [aNote(text)] },
  });
}

describe('RedisIncidentStore', () => {
  test('GIVEN incidents opened in a workspace WHEN reading them back THEN get, list, findByRoom and the timeline show them', async () => {
    const first = anIncident({ seq: 1, room: 'C001' });
    const second = anIncident({ seq: 2, title: 'Price shows 0 EUR', room: 'C002' });
    await store.create(opening(first));
    await store.create({ incident: second, events: [anOpenedEntry(second), aNote('screenshots in thread')] });

    expect(await store.get('T0TEST', 1)).toEqual(first);
    expect(await store.get('T0TEST', 3)).toBeNull();
    expect((await store.list('T0TEST')).map((i) => i.seq)).toEqual([2, 1]);
    expect(await store.findByRoom('T0TEST', 'C002')).toEqual(second);
    expect(await store.findByRoom('T0TEST', 'C999')).toBeNull();

    const timeline = await store.timeline('T0TEST', 2);
    expect(timeline.map((e) => e.kind)).toEqual(['opened', 'note']);
    expect(timeline[1]).toMatchObject({ kind: 'note', text: 'screenshots in thread', by: 'U0SCRIBE' });
    expect(timeline.every((e) => typeof e.id === 'string')).toBe(true);
  });

  test('GIVEN an open and a resolved incident WHEN listing THEN only the open one shows unless all is asked', async () => {
    await store.create(opening(anIncident({ seq: 1, status: 'resolved' })));
    await store.create(opening(anIncident({ seq: 2 })));

    expect((await store.list('T0TEST')).map((i) => i.seq)).toEqual([2]);
    expect((await store.list('T0TEST', { all: true })).map((i) => i.seq)).toEqual([2, 1]);
    expect(await store.list('T0OTHER')).toEqual([]);
  });

  test('GIVEN an incident that gets its room later WHEN the update stores it THEN findByRoom finds it', async () => {
    await store.create(opening(anIncident()));
    await store.update('T0TEST', 1, (incident) => ({
      change: { incident: { ...incident, room: 'C042' }, events: [] },
    }));

    expect(await store.findByRoom('T0TEST', 'C042')).toMatchObject({ seq: 1, room: 'C042' });
  });

  test('GIVEN two workspaces WHEN 50 sequence numbers are taken at once THEN each workspace counts 1..50 with no repeats', async () => {
    const [a, b] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, () => store.nextSeq('T0A'))),
      Promise.all(Array.from({ length: 50 }, () => store.nextSeq('T0B'))),
    ]);
    const oneToFifty = Array.from({ length: 50 }, (_, i) => i + 1);
    expect([...a].sort((x, y) => x - y)).toEqual(oneToFifty);
    expect([...b].sort((x, y) => x - y)).toEqual(oneToFifty);
  });

  test('GIVEN a request that took a sequence number WHEN it runs again (its process died) THEN it gets the same number, and other requests the next ones', async () => {
    const first = await store.nextSeq('T0A', 'slack:T0A:trigger:111');
    const again = await Promise.all([
      store.nextSeq('T0A', 'slack:T0A:trigger:111'),
      store.nextSeq('T0A', 'slack:T0A:trigger:111'),
    ]);
    const other = await store.nextSeq('T0A', 'slack:T0A:trigger:222');
    const plain = await store.nextSeq('T0A');

    expect(first).toBe(1);
    expect(again).toEqual([1, 1]);
    expect(other).toBe(2);
    expect(plain).toBe(3);
  });

  test('GIVEN 20 responders adding a note at the same moment WHEN all updates finish THEN no note is lost', async () => {
    await store.create(opening(anIncident({ steps: [] })));

    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.update('T0TEST', 1, (incident) => ({
          change: {
            incident: { ...incident, steps: [...incident.steps, { state: 'done' as const, by: `U${i}` }] },
            events: [aNote(`note ${i}`)],
          },
        })),
      ),
    );

    const notes = (await store.timeline('T0TEST', 1)).filter((e) => e.kind === 'note');
    expect(notes).toHaveLength(20);
    // Every update was applied to the state the previous one left: 20 appended steps, none overwritten.
    expect((await store.get('T0TEST', 1))?.steps).toHaveLength(20);
  });

  test('GIVEN three calma processes sharing one Redis WHEN each adds 15 steps to one incident at once THEN none is lost', async () => {
    const prefix = uniquePrefix();
    const connections = [testRedis(), testRedis(), testRedis()];
    const processes = connections.map((connection) => new RedisIncidentStore(connection, prefix));
    try {
      await processes[0]?.create(opening(anIncident({ steps: [] })));
      await Promise.all(
        processes.flatMap((proc, p) =>
          Array.from({ length: 15 }, (_, i) =>
            proc.update('T0TEST', 1, (incident) => ({
              change: {
                incident: {
                  ...incident,
                  steps: [...incident.steps, { state: 'done' as const, by: `U${p}-${i}` }],
                },
                events: [aNote(`note ${p}-${i}`)],
              },
            })),
          ),
        ),
      );
      const stored = await processes[1]?.get('T0TEST', 1);
      expect(stored?.steps).toHaveLength(45);
      expect((await processes[2]?.timeline('T0TEST', 1))?.filter((e) => e.kind === 'note')).toHaveLength(45);
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });

  test('GIVEN a command that changes nothing WHEN update runs THEN nothing is stored and its result comes back', async () => {
    const incident = anIncident();
    await store.create(opening(incident));

    const result = await store.update('T0TEST', 1, (): { change?: Change; error: string } => ({
      error: 'not-your-step',
    }));

    expect(result).toEqual({ error: 'not-your-step' });
    expect(await store.get('T0TEST', 1)).toEqual(incident);
    expect(await store.timeline('T0TEST', 1)).toHaveLength(1);
  });

  test('GIVEN no such incident WHEN updating it THEN update returns null and mutate never runs', async () => {
    const mutate = jest.fn(withNote('lost'));

    expect(await store.update('T0TEST', 7, mutate)).toBeNull();
    expect(mutate).not.toHaveBeenCalled();
  });

  test('GIVEN an incident WHEN an update succeeds THEN the new state and its event are stored', async () => {
    await store.create(opening(anIncident()));

    const result = await store.update('T0TEST', 1, withNote('account recovered'));

    expect(result?.change.events).toHaveLength(1);
    expect(await store.get('T0TEST', 1)).toEqual(result?.change.incident);
    expect((await store.timeline('T0TEST', 1)).map((e) => e.kind)).toEqual(['opened', 'note']);
  });

  test('GIVEN an incident WHEN another is created with the same seq THEN create throws and the first is untouched', async () => {
    const original = anIncident();
    await store.create(opening(original));

    await expect(store.create(opening(anIncident({ title: 'Impostor' })))).rejects.toThrow(
      IncidentExistsError,
    );

    expect(await store.get('T0TEST', 1)).toEqual(original);
    expect(await store.timeline('T0TEST', 1)).toHaveLength(1);
  });

  test('GIVEN a redelivered event WHEN its idempotency key is claimed twice THEN only the first claim wins', async () => {
    expect(await store.claim('slack:event:Ev123', 60)).toBe(true);
    expect(await store.claim('slack:event:Ev123', 60)).toBe(false);
    expect(await store.claim('slack:event:Ev124', 60)).toBe(true);
  });

  test('GIVEN a draft WHEN it is taken twice THEN the first take gets it and the second gets nothing', async () => {
    await store.putDraft('open:U0LEAD', { title: 'Hacked account', severity: 1 }, 60);

    expect(await store.takeDraft('open:U0LEAD')).toEqual({ title: 'Hacked account', severity: 1 });
    expect(await store.takeDraft('open:U0LEAD')).toBeNull();
  });

  test('GIVEN two stores with different prefixes WHEN one writes THEN the other sees none of it', async () => {
    const other = new RedisIncidentStore(redis, uniquePrefix());
    await store.create(opening(anIncident({ room: 'C001' })));
    await store.claim('webhook:1', 60);
    await store.putDraft('d', 'x', 60);

    expect(await other.get('T0TEST', 1)).toBeNull();
    expect(await other.list('T0TEST', { all: true })).toEqual([]);
    expect(await other.findByRoom('T0TEST', 'C001')).toBeNull();
    expect(await other.timeline('T0TEST', 1)).toEqual([]);
    expect(await other.nextSeq('T0TEST')).toBe(1);
    expect(await other.claim('webhook:1', 60)).toBe(true);
    expect(await other.takeDraft('d')).toBeNull();
  });
});
