import { readdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { LUA_DIR, SCRIPT_NAMES } from '../../../src/store/scripts';
import { aNote, anIncident, anOpenedEntry } from '../../support/fixtures';
import { uniquePrefix } from '../../support/redis';
import { RedisProcess } from '../../support/redis-process';

describe('Lua scripts', () => {
  it('GIVEN the lua folder WHEN listed THEN it holds one file per script the loader knows, and nothing else', () => {
    expect(readdirSync(LUA_DIR).sort()).toEqual(SCRIPT_NAMES.map((name) => `${name}.lua`).sort());
  });

  describe('on a Redis that forgets them', () => {
    // A server of its own: SCRIPT FLUSH on the shared one would pull scripts from under other test files.
    let server: RedisProcess;
    let redis: Redis;

    beforeAll(async () => {
      server = await RedisProcess.start();
      redis = new Redis(server.url);
    });

    afterAll(async () => {
      await redis.quit();
      await server.kill();
    });

    it('GIVEN a store that has run its scripts WHEN Redis drops them (SCRIPT FLUSH, as after a restart) THEN its next writes still land', async () => {
      const store = new RedisIncidentStore(redis, uniquePrefix());
      const incident = anIncident({ seq: await store.nextSeq('T0TEST', 'request-1'), room: 'C001' });
      await store.create({ incident, events: [anOpenedEntry(incident)] });

      await redis.script('FLUSH');
      const updated = await store.update('T0TEST', incident.seq, (current) => ({
        change: { incident: { ...current, title: 'Checkout is down' }, events: [aNote('still down')] },
      }));

      expect(updated?.change?.incident.title).toBe('Checkout is down');
      expect((await store.get('T0TEST', incident.seq))?.title).toBe('Checkout is down');
      expect((await store.timeline('T0TEST', incident.seq)).map((e) => e.kind)).toEqual(['opened', 'note']);
      expect(await store.nextSeq('T0TEST', 'request-1')).toBe(incident.seq);
      expect(await store.delete('T0TEST', incident.seq)).toBe('deleted');
    });
  });
});
