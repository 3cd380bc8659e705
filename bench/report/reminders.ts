/**
 * The report's reminder figures (issue "crisis-time throughput", points 3 and 6): Redis bytes and keys
 * per incident after the workload, and the lateness of 4,000 reminders falling due in the same
 * playbook minute. The method is in docs/benchmarks.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { defaultReminderPolicy } from '../../src/config/schema';
import { REMINDER_CONCURRENCY } from '../../src/queue/reminder-queue';
import { startPrivateRedis } from '../../src/redis/private-server';
import { startEnvironment, storeIncident } from '../reminders.bench';
import { measureIncidentMemory } from '../support/incident-memory';
import { percentile } from '../support/stats';
import type { Figure, ReportPart } from './figure';

/** Incidents the memory figure is averaged over (the queue's own keys are shared by all of them). */
const MEMORY_INCIDENTS = 50;
const MAX_BYTES_PER_INCIDENT = 20 * 1024;

/** Reminders falling due together, and the playbook minute they fall due in (60× real time). */
const BURST = 4000;
const BURST_MINUTE_MS = 1000;
const MAX_P99_MS = 1000;
/** Incidents being stored at once before the burst (a busy team's worth of commands). */
const FILL_IN_FLIGHT = 32;

export interface BurstResult {
  posted: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  /** Whether every incident was stored before the first reminder fell due. */
  storedInTime: boolean;
}

/**
 * `count` running SEV1 incidents, their steps done, whose next status-update reminder (their fifth, 100
 * playbook minutes after opening) falls due within one playbook minute, evenly spread, a few seconds after they are all
 * stored; one worker works them as calma does. Lateness is the post time minus the due time.
 */
export async function burstLateness(
  count = BURST,
  minuteMs = BURST_MINUTE_MS,
  concurrency?: number,
): Promise<BurstResult> {
  const cadence = defaultReminderPolicy.cadence[1];
  if (cadence === null) throw new Error('the bench needs a SEV1 cadence');
  const env = await startEnvironment({
    incidents: count,
    minuteMs,
    state: 'running',
    openWindowMs: 0,
    graceMs: 0,
    concurrency,
  });
  try {
    // Storing 4,000 incidents takes one to three seconds on a busy machine: the burst starts after.
    const burstAt = Date.now() + 6000;
    const openedAt = (seq: number) => () => {
      const spread = (seq * 0.618_033_988_75) % 1;
      return new Date(burstAt + spread * minuteMs - 5 * cadence * minuteMs);
    };
    let next = 1;
    const lane = async () => {
      while (next <= count) {
        const seq = next++;
        await storeIncident(env.deps, env.playbook, seq, openedAt(seq), true);
      }
    };
    await Promise.all(Array.from({ length: FILL_IN_FLIGHT }, lane));
    const storedInTime = Date.now() < burstAt;

    const deadline = burstAt + minuteMs + 30_000;
    const firsts = new Map<number, number>();
    let read = 0;
    while (firsts.size < count && Date.now() < deadline) {
      for (; read < env.chat.posts.length; read++) {
        const post = env.chat.posts[read];
        if (post?.kind === 'cadence' && !firsts.has(post.seq)) firsts.set(post.seq, post.latenessMs);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return burstResult([...firsts.values()], count, storedInTime);
  } finally {
    await env.stop();
  }
}

/**
 * The anchor: the same number of bare BullMQ jobs, due in the same window on the same kind of throwaway
 * Redis, worked by a worker of calma's concurrency whose processor only notes how late each one is. It
 * is the floor a reminder burst cannot beat on this machine at this moment.
 */
export async function bareBurstLateness(count = BURST, windowMs = BURST_MINUTE_MS): Promise<BurstResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-bare-'));
  const server = await startPrivateRedis({ dataDir: dir, persist: false });
  const connection = new Redis(server.url, { maxRetriesPerRequest: null });
  const queue = new Queue<{ dueAt: number }>('bare', { connection });
  const late: number[] = [];
  const worker = new Worker<{ dueAt: number }>(
    'bare',
    async (job) => {
      late.push(Date.now() - job.data.dueAt);
    },
    { connection, concurrency: REMINDER_CONCURRENCY, removeOnComplete: { count: 0 } },
  );
  try {
    await Promise.all([queue.waitUntilReady(), worker.waitUntilReady()]);
    const burstAt = Date.now() + 3000;
    const jobs = Array.from({ length: count }, (_, i) => {
      const dueAt = Math.round(burstAt + ((i * 0.618_033_988_75) % 1) * windowMs);
      return { name: 'bare', data: { dueAt }, opts: { delay: dueAt - Date.now() } };
    });
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    const storedInTime = Date.now() < burstAt;
    const deadline = burstAt + windowMs + 30_000;
    while (late.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return burstResult(late, count, storedInTime);
  } finally {
    await worker.close(true);
    await queue.close();
    connection.disconnect();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const remindersPart: ReportPart = {
  id: 'reminders',
  async run(): Promise<Figure[]> {
    const memory = await measureIncidentMemory(MEMORY_INCIDENTS);
    const top = memory.families
      .slice(0, 4)
      .map((f) => `${f.family.replace(/^calma:/, '')} ${kb(f.bytes / memory.incidents)}`)
      .join(', ');
    const burst = await burstLateness();
    const bare = await bareBurstLateness();
    const missed = burst.missing > 0 ? `; ${burst.missing} not posted in time` : '';
    const late = burst.storedInTime ? '' : '; storing ran into the burst';
    return [
      {
        measure: 'Redis per incident (5 notes, 1 statement, 3 step changes)',
        calma: `${kb(memory.bytesPerIncident)}, ${memory.keysPerIncident.toFixed(0)} keys`,
        anchor: '-',
        goal: '≤ 20 KB',
        pass: memory.bytesPerIncident <= MAX_BYTES_PER_INCIDENT,
        note: `MEMORY USAGE of every key / ${memory.incidents} incidents; ${top}`,
      },
      {
        measure: `reminder lateness when ${BURST.toLocaleString('en')} fall due in the same minute`,
        calma: `p99 ${seconds(burst.p99)}`,
        anchor: `bare BullMQ jobs: p99 ${seconds(bare.p99)}`,
        goal: 'p99 < 1 s',
        pass: burst.missing === 0 && burst.storedInTime && burst.p99 < MAX_P99_MS,
        note: `p50 ${seconds(burst.p50)}, max ${seconds(burst.max)}; one playbook minute = ${BURST_MINUTE_MS} ms, one worker${missed}${late}`,
      },
    ];
  },
};

/** A burst's lateness (ms, nearest-rank percentiles; infinite when nothing came) and what was missing. */
function burstResult(late: number[], count: number, storedInTime: boolean): BurstResult {
  const sorted = [...late].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length > 0 ? percentile(sorted, p) : Number.POSITIVE_INFINITY);
  return {
    posted: sorted.length,
    missing: count - sorted.length,
    p50: at(50),
    p99: at(99),
    max: at(100),
    storedInTime,
  };
}
