import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { addNote, openIncident } from '../src/core/incident';
import { startPrivateRedis } from '../src/redis/private-server';
import { RedisIncidentStore } from '../src/store/redis-incident-store';

const INCIDENTS = 10;
const SEQUENTIAL = 2000;
const CONCURRENT = 2000;

/**
 * Store throughput on a throwaway redis-server (no AOF), so a change to the store's atomic update path
 * shows up as a number. No target: it is a yardstick for comparing two versions on one machine.
 */
export async function runStoreBench(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-bench-'));
  const server = await startPrivateRedis({ dataDir: dir, persist: false });
  const redis = new Redis(server.url);
  const store = new RedisIncidentStore(redis, 'bench');
  try {
    await seedIncidents(store);
    const note = (seq: number) =>
      store.update('bench', seq, (incident) => {
        const result = addNote(incident, 'bench note', 'bench', new Date());
        return result.ok ? { change: result.value } : {};
      });

    let started = performance.now();
    for (let i = 0; i < SEQUENTIAL; i++) await note((i % INCIDENTS) + 1);
    report('sequential updates (note)', SEQUENTIAL, performance.now() - started);

    started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => note((i % INCIDENTS) + 1)));
    report(`concurrent updates on ${INCIDENTS} incidents`, CONCURRENT, performance.now() - started);
  } finally {
    redis.disconnect();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function seedIncidents(store: RedisIncidentStore): Promise<void> {
  for (let seq = 1; seq <= INCIDENTS; seq++) {
    const opened = openIncident({
      workspace: 'bench',
      seq,
      title: `Incident ${seq}`,
      playbook: { id: 'bench', steps: [{ role: 'lead', approval: [] }] },
      severity: 2,
      drill: false,
      locale: 'en',
      roomName: `crisis-${seq}`,
      by: 'bench',
      now: new Date(),
    });
    if (!opened.ok) throw new Error('open failed');
    await store.create(opened.value);
  }
}

function report(what: string, count: number, ms: number): void {
  console.log(`${what.padEnd(40)} ${count} in ${ms.toFixed(0)} ms = ${((count / ms) * 1000).toFixed(0)}/s`);
}
