import { type ConnectionOptions, type Job, Queue, Worker } from 'bullmq';
import { plan, type Reminder, type ReminderPolicy } from '../core/reminders';
import type { Incident } from '../core/types';
import type { PlaybookRegistry } from '../playbook/registry';
import type { ReminderJob, Scheduler } from '../ports/scheduler';

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
 * moved reminder (snoozed, new severity) gets a new id while the old job finds itself out of the plan.
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
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
} as const;

/** Queues incidents' reminders as delayed BullMQ jobs. */
export class ReminderScheduler implements Scheduler {
  readonly queue: Queue<ReminderJob>;

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
    });
  }

  async sync(incident: Incident, only?: (reminder: Reminder) => boolean): Promise<void> {
    // The playbook's clock, with the scenario's injects for a drill that has one.
    const playbook = this.playbooks.clock(incident);
    if (!playbook) return;
    const now = this.now();
    const jobs = plan(incident, playbook, this.policy, this.minuteMs, now)
      .filter((reminder) => only?.(reminder) ?? true)
      .map((reminder) => ({
        workspace: incident.workspace,
        seq: incident.seq,
        ...reminder,
      }));
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: data.kind,
        data,
        opts: { jobId: jobId(data), delay: Math.max(0, data.dueAt - now) },
      })),
    );
  }

  async cancel(incident: Incident): Promise<void> {
    const prefix = incidentJobPrefix(incident.workspace, incident.seq);
    const delayed = await this.queue.getDelayed();
    // A job can start between the listing and its removal: BullMQ then refuses to remove it (it is
    // locked). That is harmless, since a running job re-checks the incident, and must not stop the
    // others' removal nor the caller's re-sync (a closed incident's follow-ups are queued again after).
    // The card of missed reminders stays: it re-checks each one, and a follow-up's may be among them.
    await Promise.allSettled(
      delayed
        .filter((job) => job.id?.startsWith(`${prefix}.`) && job.name !== CATCH_UP)
        .map((job) => job.remove()),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
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
    { connection: settings.connection, prefix: settings.prefix, concurrency: options.concurrency ?? 8 },
  );
}
