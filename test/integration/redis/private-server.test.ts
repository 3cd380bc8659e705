import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import {
  type PrivateRedis,
  RedisNotInstalledError,
  startPrivateRedis,
} from '../../../src/redis/private-server';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { aNote, anIncident, anOpenedEntry } from '../../support/fixtures';

let dataDir: string;
const running: PrivateRedis[] = [];

async function start(persist = true): Promise<PrivateRedis> {
  const server = await startPrivateRedis({ dataDir, persist });
  running.push(server);
  return server;
}

/** Runs `use` with a store on `url`, closing the connection afterwards. */
async function withStore<T>(url: string, use: (store: RedisIncidentStore) => Promise<T>): Promise<T> {
  const redis = new Redis(url);
  try {
    return await use(new RedisIncidentStore(redis));
  } finally {
    await redis.quit();
  }
}

function portAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(url).port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'calma-private-redis-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('startPrivateRedis', () => {
  test('GIVEN an incident written to the private Redis WHEN calma stops and starts again on the same dir THEN the incident and its timeline are still there', async () => {
    const incident = anIncident({ room: 'C001' });
    const first = await start();
    await withStore(first.url, async (store) => {
      await store.create({ incident, events: [anOpenedEntry(incident)] });
      await store.update('T0TEST', 1, (current) => ({
        change: { incident: current, events: [aNote('held')] },
      }));
    });
    await first.stop();

    const second = await start();
    const [stored, timeline] = await withStore(second.url, (store) =>
      Promise.all([store.findByRoom('T0TEST', 'C001'), store.timeline('T0TEST', 1)]),
    );

    expect(stored).toEqual(incident);
    expect(timeline.map((entry) => entry.kind)).toEqual(['opened', 'note']);
  });

  test('GIVEN a running private Redis WHEN it is stopped THEN its port no longer answers', async () => {
    const server = await start();
    expect(await portAnswers(server.url)).toBe(true);

    await server.stop();
    await server.stop(); // stopping twice is harmless

    expect(await portAnswers(server.url)).toBe(false);
  });

  test('GIVEN a data dir in use WHEN a second private Redis starts on it THEN it fails saying another calma uses the dir', async () => {
    const server = await start();

    await expect(start()).rejects.toThrow(`another calma is using ${path.resolve(dataDir)}`);
    // The refused start did not disturb the running one.
    expect(await withStore(server.url, async (store) => store.nextSeq('T0TEST'))).toBe(1);
  });

  test('GIVEN a data dir whose previous owner crashed WHEN a private Redis starts THEN the stale lock does not block it', async () => {
    const server = await start();
    await server.stop();
    // What a crash leaves behind: a pid file naming a process that no longer exists.
    await writeFile(path.join(dataDir, 'redis.pid'), '999999999\n');

    await expect(start()).resolves.toMatchObject({
      url: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:\d+$/),
    });
  });

  test('GIVEN no redis-server on PATH WHEN starting THEN the error says how to install it', async () => {
    const emptyDir = await mkdtemp(path.join(os.tmpdir(), 'calma-empty-path-'));
    const savedPath = process.env.PATH;
    process.env.PATH = emptyDir;
    try {
      const attempt = startPrivateRedis({ dataDir });
      await expect(attempt).rejects.toThrow(RedisNotInstalledError);
      await expect(attempt).rejects.toThrow(/apt-get install -y redis-server[\s\S]*brew install redis/);
      await expect(attempt).rejects.toThrow(/REDIS_URL/);
    } finally {
      process.env.PATH = savedPath;
      await rm(emptyDir, { recursive: true, force: true });
    }
  });
});
