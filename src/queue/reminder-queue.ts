import { type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import {
  plan,
  REMINDER_KINDS,
  type Reminder,
  type ReminderKind,
  type ReminderPolicy,
  stillWanted,
} from '../core/reminders';
import type { Incident } from '../core/types';
import type { PlaybookRegistry } from '../playbook/registry';
import type { ReminderJob, Scheduler, SyncScope } from '../ports/scheduler';
import { BOUNDED_EVENTS } from './events';

/** What a reminder job carries: enough to find its incident and to recognise itself in the plan. */

export interface QueueSettings {
  connection: ConnectionOptions;
  /** BullMQ's key prefix (calma's `redis.key_prefix`), never an ioredis keyPrefix. */
  prefix: string;
  /** One queue per chat platform: a process only works the reminders it can deliver. */
  name: string;
}

/**
 * A stable id per reminder and due time: queuing it again is a no-op (BullMQ keeps the first), and a
 * moved reminder (snoozed, new severity) gets a new id, which replaces its kind's job (`chainId`).
 * BullMQ ids may not contain ':'.
 */
export function jobId(job: ReminderJob): string {
  const workspace = encodeURIComponent(job.workspace).replace(/[.:]/g, '_');
  return [
    workspace,
    job.seq,
    job.kind,
    job.step ?? job.statement ?? job.followup ?? job.inject ?? 'x',
    job.attempt,
    job.dueAt,
  ].join('.');
}

/** The start every job id of one incident shares (`cancel` finds them by it). */
export function incidentJobPrefix(workspace: string, seq: number): string {
  return jobId({ workspace, seq, kind: 'step', attempt: 0, dueAt: 0 }).split('.').slice(0, 2).join('.');
}

/**
 * The job that posts an incident's reminders missed while calma was away (src/queue/catch-up.ts): one
 * per batch, so a reminder missed after a batch was posted starts the next one.
 */
export const CATCH_UP = 'catch-up';

export interface CatchUpJob {
  workspace: string;
  seq: number;
  batch: number;
}

export const catchUpJobId = (job: CatchUpJob): string =>
  [incidentJobPrefix(job.workspace, job.seq), CATCH_UP, job.batch].join('.');

/** A reminder whose post fails (the platform is down) is retried with backoff: 1, 2, 4… 64 s. */
export const REMINDER_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
} as const;

/**
 * What the worker keeps of a job once it is over (set on the worker, so no job carries it): of those that
 * ran, the last thousand for an hour at most (a glance at what ran lately; nothing depends on them, since
 * what was sent is recorded on the incident); a failed one for a week.
 */
export const REMINDER_KEEP = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * The deduplication id of one kind of reminder (`step`, `cadence`, `no-lead`…) of one incident: BullMQ
 * keeps one job per id, so an incident has at most one queued job per kind, whatever the number of its
 * steps, follow-ups or statements. A new next reminder replaces a delayed one; one queued while the
 * kind's job runs waits until that job is over (BullMQ's `keepLastIfActive`), which is how a firing job
 * queues its successor.
 */
export function chainId(workspace: string, seq: number, kind: ReminderKind): string {
  return [incidentJobPrefix(workspace, seq), kind].join('.');
}

/** What tells two reminders of a kind apart: a step, statement, follow-up or inject number. */
const subject = (r: Reminder) => r.step ?? r.statement ?? r.followup ?? r.inject ?? 0;

/**
 * The next reminder of each kind: the earliest due (a step's reminder before its escalation, the first
 * of two steps due together).
 */
export function nextPerKind(reminders: readonly Reminder[]): Map<ReminderKind, Reminder> {
  const next = new Map<ReminderKind, Reminder>();
  const before = (a: Reminder, b: Reminder) =>
    a.dueAt - b.dueAt || subject(a) - subject(b) || a.attempt - b.attempt;
  for (const reminder of reminders) {
    const seen = next.get(reminder.kind);
    if (!seen || before(reminder, seen) < 0) next.set(reminder.kind, reminder);
  }
  return next;
}

/** How many times `sync` plans again when the stored incident moved on while it was queuing. */
const SYNC_ROUNDS = 3;

/**
 * Queues incidents' reminders as delayed BullMQ jobs: the next one of each kind only. When it fires, the
 * job queues its kind's successor (src/app/remind.ts).
 */
export class ReminderScheduler implements Scheduler {
  readonly queue: Queue<ReminderJob>;
  /**
   * Reads an incident as stored now. With it, `sync` checks after queuing that the incident did not
   * change meanwhile (another command, another process), and queues again from what is stored if it
   * did: of two syncs racing, the one planned from the older state cannot win.
   */
  latest: ((workspace: string, seq: number) => Promise<Incident | null>) | null = null;
  /**
   * Reminders due at or before this instant (epoch ms) fell due while calma was away: the card of missed
   * reminders gathers them (src/queue/catch-up.ts), so no successor is ever one of them.
   */
  missedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    settings: QueueSettings,
    private readonly playbooks: PlaybookRegistry,
    private readonly policy: ReminderPolicy,
    private readonly minuteMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.queue = new Queue<ReminderJob>(settings.name, {
      connection: settings.connection,
      prefix: settings.prefix,
      defaultJobOptions: REMINDER_JOB_OPTIONS,
      streams: BOUNDED_EVENTS,
    });
  }

  /** The next reminder of each kind `incident` wants (of `scope.kinds` only, when given). */
  private next(incident: Incident, scope: SyncScope, now: number): ReminderJob[] {
    // The playbook's clock, with the scenario's injects for a drill that has one.
    const playbook = this.playbooks.clock(incident);
    if (!playbook) return [];
    const at = Math.max(now, scope.after ?? now);
    const successor = scope.after !== undefined;
    const planned = plan(incident, playbook, this.policy, this.minuteMs, at).filter(
      (r) => !successor || r.dueAt > this.missedUntil,
    );
    const kinds = scope.kinds ? new Set(scope.kinds) : null;
    return [...nextPerKind(planned).entries()]
      .filter(([kind]) => kinds?.has(kind) ?? true)
      .map(([, reminder]) => ({ workspace: incident.workspace, seq: incident.seq, ...reminder }));
  }

  async sync(incident: Incident, scope: SyncScope = {}): Promise<void> {
    let current: Incident | null = incident;
    let queued = new Set<string>();
    for (let round = 0; current && round < SYNC_ROUNDS; round++) {
      const now = this.now();
      let jobs = this.next(current, scope, now);
      const cadence = scope.after === undefined && jobs.some((job) => job.kind === 'cadence');
      if (cadence && (await this.cadenceDue(current, now)))
        jobs = jobs.filter((job) => job.kind !== 'cadence');
      const ids = new Set(jobs.map(jobId));
      // Already queued by the round before: the stored incident did not change what it wants.
      if (round > 0 && [...ids].every((id) => queued.has(id))) return;
      await this.add(jobs.map((data) => this.job(data, now)));
      queued = ids;
      if (!this.latest) return;
      current = await this.latest(incident.workspace, incident.seq);
    }
  }

  /**
   * Whether the incident's queued status-update reminder is due and not yet run (no worker was free: a
   * burst of reminders, a loaded machine), and `incident` still wants it. A change then leaves it
   * queued: the cadence plans its next beat not before now, so queuing that would replace the due one and
   * move the status update a whole interval later (the reminder before a promised update, lost). Once it
   * runs, it queues its successor.
   */
  private async cadenceDue(incident: Incident, now: number): Promise<boolean> {
    const playbook = this.playbooks.clock(incident);
    if (!playbook) return false;
    const id = await this.queue.getDeduplicationJobId(chainId(incident.workspace, incident.seq, 'cadence'));
    const queued = id ? await this.queue.getJob(id) : undefined;
    if (!queued || queued.data.dueAt > now) return false;
    return stillWanted(incident, playbook, this.policy, this.minuteMs, queued.data);
  }

  /**
   * One job (a fired reminder's successor, nearly every sync) is added on its own: `addBulk` builds an
   * ioredis pipeline for it, which defines every one of BullMQ's scripts on it first (about 5% of a
   * reminder burst's time went there).
   */
  private async add(jobs: ReturnType<ReminderScheduler['job']>[]): Promise<void> {
    const [only, ...more] = jobs;
    if (!only) return;
    if (more.length === 0) await this.queue.add(only.name, only.data, only.opts);
    else await this.queue.addBulk(jobs);
  }

  private job(data: ReminderJob, now: number) {
    return {
      name: data.kind,
      data,
      opts: {
        jobId: jobId(data),
        delay: Math.max(0, data.dueAt - now),
        deduplication: {
          id: chainId(data.workspace, data.seq, data.kind),
          replace: true,
          keepLastIfActive: true,
        },
      },
    };
  }

  /**
   * Removes the queued reminders of a closed or deleted incident: the job of each kind. A job that is
   * running then is left alone (BullMQ refuses to remove a locked job): it re-checks the incident. The
   * card of missed reminders stays: it re-checks each one, and a follow-up's may be among them.
   */
  async cancel(incident: Incident): Promise<void> {
    const ids = await Promise.all(
      REMINDER_KINDS.map((kind) =>
        this.queue.getDeduplicationJobId(chainId(incident.workspace, incident.seq, kind)),
      ),
    );
    await Promise.allSettled(
      ids.flatMap((id) => (id ? [this.queue.getJob(id).then((job) => job?.remove())] : [])),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * Reminder jobs one worker runs at once. A reminder spends most of its time waiting for Redis and the
 * platform (about six round trips), so when thousands fall due in the same minute, 32 at once keep the
 * process busy where 8 left it waiting (p99 lateness of 4,000 due together: docs/benchmarks.md). Posts
 * go to as many rooms, each within its own platform limit.
 */
export const REMINDER_CONCURRENCY = 32;

/**
 * Runs reminder jobs with `fire`, and the cards of missed reminders with `catchUp` (without it they are
 * left alone); several processes may run workers on one queue, each job runs once. A reminder whose last
 * attempt fails is handed to `giveUp` before it fails for good: its kind must go on without it.
 */
export function startReminderWorker(
  settings: QueueSettings,
  /** `rerun`: BullMQ started this job before (its process died, or its run failed). */
  fire: (job: ReminderJob, jobId: string, rerun: boolean) => Promise<void>,
  options: {
    concurrency?: number | undefined;
    catchUp?: (job: Job<CatchUpJob>, token: string | undefined) => Promise<void>;
    giveUp?: (job: ReminderJob) => Promise<void>;
  } = {},
): Worker<ReminderJob> {
  return new Worker<ReminderJob>(
    settings.name,
    async (job, token) => {
      if (job.name === CATCH_UP) return options.catchUp?.(job as unknown as Job<CatchUpJob>, token);
      try {
        await fire(job.data, job.id ?? jobId(job.data), job.attemptsStarted > 1);
      } catch (error) {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (last) await options.giveUp?.(job.data).catch(() => undefined);
        throw error;
      }
    },
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: options.concurrency ?? REMINDER_CONCURRENCY,
      ...REMINDER_KEEP,
    },
  );
}
