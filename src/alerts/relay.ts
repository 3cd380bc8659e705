import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { duplicateClient, type RedisConnection } from '../redis/connect';
import { ALERT_JOB_OPTIONS, type AlertJob, type AlertLane, alertJobId, intakeStreamKey } from './intake';

/** The consumer group of every relay on an intake stream. */
const GROUP = 'relay';
/** Entries read at once (each holds up to the intake's batch of alerts). */
const COUNT = 20;
/**
 * Jobs added in one `addBulk`: BullMQ runs a script per job inside one MULTI, which holds Redis for
 * everyone meanwhile (about 70 µs a job): a few hundred at a time keeps that to milliseconds.
 */
const CHUNK = 200;
/** How long a read blocks waiting for entries (a stop waits at most this). */
const BLOCK_MS = 1000;
/** An entry another relay took and has not acknowledged after this long is taken over (it died). */
const CLAIM_IDLE_MS = 30_000;
/** How often a relay looks for such entries. */
const CLAIM_EVERY_MS = 10_000;

export interface AlertRelayOptions {
  /** Each lane's reads block on a duplicate of this connection (closed on stop). */
  connection: RedisConnection;
  prefix: string;
  /** Each lane's BullMQ queue, where the relay adds the jobs (the triage lane's also holds digests). */
  queues: Record<AlertLane, Queue>;
  onError?: (error: unknown) => void;
  /** An entry a relay took and has not acknowledged for this long is taken over (default 30 s). */
  claimIdleMs?: number;
  /** How often a relay looks for such entries (default 10 s). */
  claimEveryMs?: number;
}

/**
 * Moves accepted alerts from each lane's intake stream (where the door appends them with one XADD a
 * batch) into the lane's BullMQ queue, under their job id, so a retried delivery is still dropped there.
 * An entry is acknowledged and deleted once its jobs are in the queue; one a relay took but never
 * acknowledged (its process died) is taken over by another after 30 s and added again, its jobs a no-op
 * if already there. Each lane is read on its own, so the open lane never waits for the triage lane.
 */
export class AlertRelay {
  private readonly consumer = `relay-${randomBytes(6).toString('hex')}`;
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly connections: RedisConnection[] = [];

  constructor(private readonly options: AlertRelayOptions) {}

  start(): void {
    for (const lane of ['open', 'triage'] as const) this.loops.push(this.run(lane));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const connection of this.connections) connection.disconnect();
    await Promise.allSettled(this.loops);
  }

  private async run(lane: AlertLane): Promise<void> {
    const { prefix, queues } = this.options;
    const connection = duplicateClient(this.options.connection);
    this.connections.push(connection);
    const queue = queues[lane];
    const key = intakeStreamKey(prefix, queue.name);
    let ready = false;
    let ownFirst = true;
    let claimedAt = 0;
    while (!this.stopping) {
      try {
        if (!ready) {
          await connection.xgroup('CREATE', key, GROUP, '0', 'MKSTREAM').catch((error: unknown) => {
            if (!String(error).includes('BUSYGROUP')) throw error;
          });
          ready = true;
        }
        if (Date.now() - claimedAt > (this.options.claimEveryMs ?? CLAIM_EVERY_MS)) {
          claimedAt = Date.now();
          const claimed = (await connection.xautoclaim(
            key,
            GROUP,
            this.consumer,
            this.options.claimIdleMs ?? CLAIM_IDLE_MS,
            '0-0',
            'COUNT',
            COUNT,
          )) as [string, [string, string[] | null][] | null];
          await this.relay(connection, queue, key, claimed[1] ?? []);
        }
        // After a failure, this relay's own unacknowledged entries first ('0'), then new ones ('>').
        const read = (
          ownFirst
            ? await connection.xreadgroup('GROUP', GROUP, this.consumer, 'COUNT', COUNT, 'STREAMS', key, '0')
            : await connection.xreadgroup(
                'GROUP',
                GROUP,
                this.consumer,
                'COUNT',
                COUNT,
                'BLOCK',
                BLOCK_MS,
                'STREAMS',
                key,
                '>',
              )
        ) as [string, [string, string[] | null][]][] | null;
        const entries = read?.[0]?.[1] ?? [];
        if (ownFirst && entries.length === 0) ownFirst = false;
        await this.relay(connection, queue, key, entries);
      } catch (error) {
        if (this.stopping) return;
        this.options.onError?.(error);
        ownFirst = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async relay(
    connection: RedisConnection,
    queue: Queue,
    key: string,
    entries: [string, string[] | null][],
  ): Promise<void> {
    if (entries.length === 0) return;
    const jobs: AlertJob[] = [];
    for (const [, fields] of entries) {
      // An entry deleted after it was read (relayed, then its acknowledgement lost) comes back empty.
      if (!fields) continue;
      const at = fields.indexOf('jobs');
      const text = at === -1 ? undefined : fields[at + 1];
      if (text) jobs.push(...(JSON.parse(text) as AlertJob[]));
    }
    for (let at = 0; at < jobs.length; at += CHUNK) {
      await queue.addBulk(
        jobs.slice(at, at + CHUNK).map((data) => ({
          name: data.alert.source,
          data,
          opts: { ...ALERT_JOB_OPTIONS, jobId: alertJobId(data) },
        })),
      );
    }
    const ids = entries.map(([id]) => id);
    await connection
      .multi()
      .xack(key, GROUP, ...ids)
      .xdel(key, ...ids)
      .exec();
  }
}
