/**
 * Redis bytes and keys per incident: N incidents each go through the workload of
 * test/support/incident-workload.ts on a throwaway Redis, with calma's reminder queue and outbox (their
 * workers running, as in production), then every key is weighed with MEMORY USAGE and sorted into its
 * family. Used by the report (bench/report/reminders.ts); the method is in docs/benchmarks.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Deps } from '../../src/app/deps';
import { defaultReminderPolicy } from '../../src/config/schema';
import { systemClock } from '../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../src/playbook/loader';
import { PlaybookRegistry } from '../../src/playbook/registry';
import { outboxService } from '../../src/queue/outbox';
import { reminders } from '../../src/queue/reminders';
import { startPrivateRedis } from '../../src/redis/private-server';
import { RedisIncidentStore } from '../../src/store/redis-incident-store';
import { incidentWorkload } from '../../test/support/incident-workload';
import { RecordingChat } from '../../test/support/recording-chat';

const PREFIX = 'calma';

export interface KeyFamily {
  /** The key's name with its variable parts replaced (`calma:ws:{W}:incident:N`). */
  family: string;
  keys: number;
  bytes: number;
}

export interface IncidentMemory {
  incidents: number;
  /** MEMORY USAGE summed over every key, divided by the number of incidents. */
  bytesPerIncident: number;
  keysPerIncident: number;
  /** Largest first. */
  families: KeyFamily[];
}

/** The family of a key: workspace, numbers, ids and hashes replaced by placeholders. */
export function familyOf(key: string): string {
  return key
    .replace(/\{[^}]*\}/g, '{W}')
    .replace(/:incident:\d+/g, ':incident:N')
    .replace(/:(request|room):[^:]+/g, ':$1:…')
    .replace(/^(calma:(?:reminders|outbox)-[a-z]+:)(de:)?[^:]+\.\d+\..+$/, '$1$2<job id>')
    .replace(/^(calma:idem:)(reminder|outbox|slack):.*$/, '$1$2:…')
    .replace(/:missed:\d+$/, ':missed:B');
}

/** Runs the workload on `incidents` incidents and weighs what they leave in Redis. */
export async function measureIncidentMemory(incidents: number): Promise<IncidentMemory> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-memory-'));
  const server = await startPrivateRedis({ dataDir: dir, persist: false });
  const redis = new Redis(server.url);
  const loaded = await loadPlaybooks([builtinPlaybooksDir]);
  const playbooks = new PlaybookRegistry(loaded.playbooks, loaded.scenarios);
  const minuteMs = 60_000;
  const timed = reminders({
    redisUrl: server.url,
    prefix: PREFIX,
    platform: 'slack',
    playbooks,
    policy: defaultReminderPolicy,
    minuteMs,
  });
  const outbox = outboxService({ redisUrl: server.url, prefix: PREFIX, platform: 'slack', targets: [] });
  const deps: Deps = {
    store: new RedisIncidentStore(redis, PREFIX),
    chat: new RecordingChat(),
    playbooks,
    clock: systemClock,
    log: pino({ level: 'silent' }),
    locale: 'en',
    timeZone: 'UTC',
    minuteMs,
    channelPrefix: 'crisis',
    responders: [],
    announcements: null,
    playbooksUrl: null,
    scheduler: timed.scheduler,
    policy: defaultReminderPolicy,
    approvers: {},
    outboundTargets: [],
    outbox: outbox.outbox,
  };
  try {
    timed.work(deps);
    outbox.work(deps);
    for (let n = 0; n < incidents; n++) await incidentWorkload(deps, `T${String(n).padStart(4, '0')}`);
    // The published statement's delivery and its guard (15 s later) run as in production.
    await waitForQuiet(outbox.outbox.queue);
    return await weigh(redis, incidents);
  } finally {
    await timed.stop();
    await outbox.stop();
    redis.disconnect();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function waitForQuiet(queue: Queue) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed');
    if ((counts.wait ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function weigh(redis: Redis, incidents: number): Promise<IncidentMemory> {
  const families = new Map<string, KeyFamily>();
  let bytes = 0;
  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.memory('USAGE', key, 'SAMPLES', '0');
    const sizes = (await pipeline.exec()) ?? [];
    batch.forEach((key, i) => {
      const size = Number(sizes[i]?.[1] ?? 0);
      const family = familyOf(key);
      const entry = families.get(family) ?? { family, keys: 0, bytes: 0 };
      entry.keys++;
      entry.bytes += size;
      families.set(family, entry);
      bytes += size;
      keys++;
    });
  } while (cursor !== '0');
  return {
    incidents,
    bytesPerIncident: bytes / incidents,
    keysPerIncident: keys / incidents,
    families: [...families.values()].sort((a, b) => b.bytes - a.bytes),
  };
}
