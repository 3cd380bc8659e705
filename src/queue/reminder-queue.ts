import { type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import { type PlaybookClock, plan, type Reminder, type ReminderPolicy, reminderKey } from '../core/reminders';
import type { Incident } from '../core/types';
import type { PlaybookRegistry } from '../playbook/registry';
import type { ReminderJob, Scheduler, SyncScope } from '../ports/scheduler';

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
 * moved reminder (snoozed, new severity) gets a new id, which replaces the key's job (`keyId`).
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
 * BullMQ's event stream of a queue: calma listens to none of its queues' events, so it keeps only the
 * last few (BullMQ's default is 10,000, about 20 KB for each incident's reminders).
 */
export const QUEUE_EVENTS_MAX_LEN = 100;

/**
 * The deduplication id of a reminder key (`step-3`, `cadence`…) of one incident: BullMQ keeps one job per
 * id. A new reminder for the key replaces a delayed one; one queued while the key's job runs waits until
 * that job is over (BullMQ's `keepLastIfActive`), which is how a firing job queues its successor.
 */
export function keyId(workspace: string, seq: number, key: string): string {
  return [incidentJobPrefix(workspace, seq), key].join('.');
}

/** The next reminder of each key, earliest first within a key (a step's reminder before its escalation). */
export function nextPerKey(reminders: readonly Reminder[]): Map<string, Reminder> {
  const next = new Map<string, Reminder>();
  for (const reminder of reminders) {
    const key = reminderKey(reminder);
    const seen = next.get(key);
    if (
      !seen ||
      reminder.dueAt < seen.dueAt ||
      (reminder.dueAt === seen.dueAt && reminder.attempt < seen.attempt)
    )
      next.set(key, reminder);
  }
  return next;
}

/** How many times `sync` plans again when the stored incident moved on while it was queuing. */
const SYNC_ROUNDS = 3;

/**
 * Queues incidents' reminders as delayed BullMQ jobs: the next one of each key only. When it fires, the
 * job queues its key's successor (src/app/remind.ts).
 */
export class ReminderScheduler implements Scheduler {
  readonly queue: Queue<ReminderJob>;
  /**
   * Reads an incident as stored now. With it, `sync` checks after queuing that the incident did not
   * change meanwhile (another command, another process), and queues again from what is stored if it
   * did: of two syncs racing, the one planned from the older state cannot win.
   */
  latest: ((workspace: string, seq: number) => Promise<Incident | null>) | null = null;

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
      streams: { events: { maxLen: QUEUE_EVENTS_MAX_LEN } },
    });
  }

  /** The next reminder of each key `incident` wants (of `scope.keys` only, when given). */
  private next(incident: Incident, scope: SyncScope, now: number): ReminderJob[] {
    // The playbook's clock, with the scenario's injects for a drill that has one.
    const playbook = this.playbooks.clock(incident);
    if (!playbook) return [];
    const at = Math.max(now, scope.after ?? now);
    const planned = plan(incident, playbook, this.policy, this.minuteMs, at);
    const keys = scope.keys ? new Set(scope.keys) : null;
    return [...nextPerKey(planned).entries()]
      .filter(([key]) => keys?.has(key) ?? true)
      .map(([, reminder]) => ({ workspace: incident.workspace, seq: incident.seq, ...reminder }));
  }

  async sync(incident: Incident, scope: SyncScope = {}): Promise<void> {
    let current: Incident | null = incident;
    let queued = new Set<string>();
    for (let round = 0; current && round < SYNC_ROUNDS; round++) {
      const now = this.now();
      const jobs = this.next(current, scope, now);
      const ids = new Set(jobs.map(jobId));
      // Already queued by the round before: the stored incident did not change what it wants.
      if (round > 0 && [...ids].every((id) => queued.has(id))) return;
      if (jobs.length > 0) await this.queue.addBulk(jobs.map((data) => this.job(data, now)));
      queued = ids;
      if (!this.latest) return;
      current = await this.latest(incident.workspace, incident.seq);
    }
  }

  private job(data: ReminderJob, now: number) {
    return {
      name: data.kind,
      data,
      opts: {
        jobId: jobId(data),
        delay: Math.max(0, data.dueAt - now),
        deduplication: {
          id: keyId(data.workspace, data.seq, reminderKey(data)),
          replace: true,
          keepLastIfActive: true,
        },
      },
    };
  }

  /**
   * Removes the queued reminders of a closed or deleted incident: the job of each key it can have. A
   * job that is running then is left alone (BullMQ refuses to remove a locked job): it re-checks the
   * incident. The card of missed reminders stays: it re-checks each one, and a follow-up's may be among
   * them.
   */
  async cancel(incident: Incident): Promise<void> {
    const ids = await Promise.all(
      possibleKeys(incident, this.playbooks.clock(incident)).map((key) =>
        this.queue.getDeduplicationJobId(keyId(incident.workspace, incident.seq, key)),
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

/** Every reminder key an incident can have a job for, whatever its state. */
function possibleKeys(incident: Incident, clock: PlaybookClock | undefined): string[] {
  const keys = ['cadence', 'no-lead', 'no-severity', 'stale', 'archive'];
  (clock?.steps ?? []).forEach((_, step) => keys.push(reminderKey({ kind: 'step', step })));
  (clock?.injects ?? []).forEach((_, inject) => keys.push(reminderKey({ kind: 'inject', inject })));
  for (const s of incident.statements ?? []) keys.push(reminderKey({ kind: 'approval', statement: s.n }));
  for (const f of incident.followups ?? []) keys.push(reminderKey({ kind: 'followup', followup: f.n }));
  return keys;
}

/**
 * Runs reminder jobs with `fire`, and the cards of missed reminders with `catchUp` (without it they are
 * left alone); several processes may run workers on one queue, each job runs once.
 */
export function startReminderWorker(
  settings: QueueSettings,
  fire: (job: ReminderJob, jobId: string) => Promise<void>,
  options: {
    concurrency?: number | undefined;
    catchUp?: (job: Job<CatchUpJob>, token: string | undefined) => Promise<void>;
  } = {},
): Worker<ReminderJob> {
  return new Worker<ReminderJob>(
    settings.name,
    async (job, token) => {
      if (job.name !== CATCH_UP) return fire(job.data, job.id ?? jobId(job.data));
      await options.catchUp?.(job as unknown as Job<CatchUpJob>, token);
    },
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: options.concurrency ?? 8,
      ...REMINDER_KEEP,
    },
  );
}
