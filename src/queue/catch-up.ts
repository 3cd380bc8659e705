import { DelayedError, type Job, Queue } from 'bullmq';
import { REMINDER_KINDS } from '../core/reminders';
import type { ReminderJob } from '../ports/scheduler';
import type { RedisConnection } from '../redis/connect';
import { type StoreKeys, storeKeys } from '../store/keys';
import { BOUNDED_EVENTS } from './events';
import {
  CATCH_UP,
  type CatchUpJob,
  catchUpJobId,
  chainId,
  type QueueSettings,
  REMINDER_JOB_OPTIONS,
} from './reminder-queue';

/**
 * A reminder is missed when it fell due at least this many playbook minutes before this process began
 * working reminders: calma was down (a console closed overnight, a crashed server). One due just before
 * the start is only a little late and comes on its own, saying so.
 */
export const MISSED_AFTER_MINUTES = 2;

/** A card waits until no missed reminder of its incident has come in for this long: the burst gathers. */
export const GATHER_MS = 2000;

/**
 * A card waits for the missed jobs of its incident still queued (a busy worker has not run them yet),
 * but not longer than this after the first missed reminder was kept: one that cannot run comes later.
 */
export const MAX_GATHER_MS = 60_000;

/** States of a job that has not yet kept its missed reminders. */
const NOT_YET_RUN = new Set(['waiting', 'delayed', 'prioritized', 'active', 'waiting-children']);

/** Missed reminders whose card never came (a week stale by then) are forgotten. */
const KEEP_MS = 7 * 24 * 3600 * 1000;

/** What is kept of a missed reminder: the job, and when it was kept (to know when the burst is over). */
interface Kept {
  job: ReminderJob;
  at: number;
}

/**
 * Reminders missed while calma was away, gathered per incident for one card instead of a burst of stale
 * ones. A missed reminder job does not post: it is kept in the incident's hash and queues the incident's
 * catch-up job (a fixed id per batch, so one exists). That job waits until no missed job of the incident
 * is left to run (each kind has one queued job, and a loaded worker may run them seconds apart) and the
 * hash has been quiet for `gatherMs`, takes the batch (renamed away in one step, so a reminder kept later starts the next batch
 * and never falls between two) and hands it to `post`.
 */
export class CatchUp {
  readonly queue: Queue<CatchUpJob>;
  private readonly keys: StoreKeys;

  constructor(
    settings: QueueSettings,
    /** Where the missed reminders are kept. */
    private readonly redis: RedisConnection,
    /** When this process began working reminders (epoch ms). */
    private readonly since: number,
    private readonly minuteMs: number,
    private readonly now: () => number,
    private readonly gatherMs: number = GATHER_MS,
  ) {
    this.queue = new Queue<CatchUpJob>(settings.name, {
      connection: settings.connection,
      prefix: settings.prefix,
      defaultJobOptions: REMINDER_JOB_OPTIONS,
      streams: BOUNDED_EVENTS,
    });
    this.keys = storeKeys(settings.prefix);
  }

  /** Reminders due at or before this instant (epoch ms) were missed. */
  get cutoff(): number {
    return this.since - MISSED_AFTER_MINUTES * this.minuteMs;
  }

  /** Whether a reminder job fell due while calma was away. Drill injects and archiving are never gathered. */
  missed(job: ReminderJob): boolean {
    if (job.kind === 'inject' || job.kind === 'archive') return false;
    return job.dueAt <= this.cutoff;
  }

  /** Keeps a missed reminder for its incident's card, and queues that card. */
  async keep(job: ReminderJob, id: string): Promise<void> {
    const redis = this.redis;
    const key = this.keys.missedReminders(job.workspace, job.seq);
    const kept: Kept = { job, at: this.now() };
    // Kept and batch read in one step: the batch it joins is the one whose card will take it.
    const results = await redis
      .multi()
      .hset(key, id, JSON.stringify(kept))
      .pexpire(key, KEEP_MS)
      .get(`${key}:batch`)
      .exec();
    const data: CatchUpJob = {
      workspace: job.workspace,
      seq: job.seq,
      batch: Number(results?.[2]?.[1] ?? 0),
    };
    await this.queue.add(CATCH_UP, data, { jobId: catchUpJobId(data), delay: this.gatherMs });
  }

  /** Runs a catch-up job: once the burst is over, takes its batch (again, on a retry) and posts it. */
  async run(
    job: Job<CatchUpJob>,
    token: string | undefined,
    post: (missed: { job: ReminderJob; id: string }[], id: string) => Promise<void>,
  ): Promise<void> {
    const redis = this.redis;
    const key = this.keys.missedReminders(job.data.workspace, job.data.seq);
    const taken = `${key}:${job.data.batch}`;
    if (!(await redis.exists(taken))) {
      const waiting = (await redis.hvals(key)).map((value) => (JSON.parse(value) as Kept).at);
      if (waiting.length === 0) return;
      const quietAt = Math.max(...waiting) + this.gatherMs;
      const pending =
        this.now() < Math.min(...waiting) + MAX_GATHER_MS &&
        (await this.missedStillQueued(job.data.workspace, job.data.seq));
      if (this.now() < quietAt || pending) {
        await job.moveToDelayed(Math.max(quietAt, this.now() + this.gatherMs), token);
        throw new DelayedError();
      }
      await redis
        .multi()
        .rename(key, taken)
        .pexpire(taken, KEEP_MS)
        .incr(`${key}:batch`)
        .pexpire(`${key}:batch`, KEEP_MS)
        .exec();
    }
    // The batch is left to expire, not deleted: a re-run of this job finds it, and the card's claim.
    const missed = Object.entries(await redis.hgetall(taken)).map(([id, value]) => ({
      id,
      job: (JSON.parse(value) as Kept).job,
    }));
    if (missed.length > 0) await post(missed, job.id ?? catchUpJobId(job.data));
  }

  /** Whether a job of the incident that fell due while calma was away has not run (and kept it) yet. */
  private async missedStillQueued(workspace: string, seq: number): Promise<boolean> {
    const pending = await Promise.all(
      REMINDER_KINDS.map(async (kind) => {
        const id = await this.queue.getDeduplicationJobId(chainId(workspace, seq, kind));
        const queued = id ? await this.queue.getJob(id) : undefined;
        if (!queued || !this.missed(queued.data as unknown as ReminderJob)) return false;
        return NOT_YET_RUN.has(await queued.getState());
      }),
    );
    return pending.includes(true);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
