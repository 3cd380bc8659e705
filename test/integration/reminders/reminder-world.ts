/**
 * The world the reminder tests run in: the handler world (real Redis store, shipped playbooks, real i18n,
 * recording chat platform) plus what reminders need for real: a BullMQ queue and worker on the test
 * Redis, the system clock (BullMQ delays are real time) and a short playbook minute, so a 20-minute
 * cadence takes under a second.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { Caller, Deps, Reply } from '../../../src/app/deps';
import { dispatch } from '../../../src/app/dispatch';
import { fireReminder, giveUpReminder } from '../../../src/app/remind';
import { defaultReminderPolicy } from '../../../src/config/schema';
import { type Button, type Card, encodeAction } from '../../../src/core/card';
import type { Reminder, ReminderPolicy } from '../../../src/core/reminders';
import { type Incident, systemClock, type TimelineEntry } from '../../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import type { Playbook } from '../../../src/playbook/schema';
import type { MessageRef, PostOnce } from '../../../src/ports/chat';
import type { ReminderJob } from '../../../src/ports/scheduler';
import {
  jobId,
  type QueueSettings,
  ReminderScheduler,
  startReminderWorker,
} from '../../../src/queue/reminder-queue';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { PATIENCE_MS } from '../../support/patience';
import { RecordingChat, textOf } from '../../support/recording-chat';
import { testRedis, uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';

export { waitFor };

/**
 * One playbook minute in these tests. Long enough that a command round trip (a few ms on the local
 * Redis) is well under a minute, short enough that the SEV1 cadence (20 min) comes in 0.8 s.
 */
export const MINUTE_MS = 40;
/**
 * The reminder job the worker is running, carried in async context from the `fire` the test worker is
 * given down to the chat's `post`, through `fireReminder` unchanged (it hands the platform a card, not the
 * job). This is how a test knows which due time calma planned a post for, exactly, however late a loaded
 * machine ran the job: how late is a number for the bench (bench/reminders.bench.ts), not for a test.
 */
const working = new AsyncLocalStorage<ReminderJob>();

/** A chat platform that also remembers when each message was posted, and for which planned job. */
export class TimedChat extends RecordingChat {
  private readonly postedAt = new Map<string, number>();
  private readonly plannedFor = new Map<string, ReminderJob>();

  override async post(room: string, card: Card, once?: PostOnce): Promise<MessageRef> {
    const job = working.getStore();
    const ref = await super.post(room, card, once);
    if (job) this.plannedFor.set(ref.id, job);
    this.postedAt.set(ref.id, Date.now());
    return ref;
  }

  /**
   * Every post in a room with the time it was posted and the job that posted it (none: not posted by a
   * reminder job of the test worker), oldest first (one still on its way is left out).
   */
  timedPosts(room: string): TimedPost[] {
    return this.posts
      .filter((p) => p.room === room)
      .flatMap((p) => {
        const at = this.postedAt.get(p.ref.id);
        const job = this.plannedFor.get(p.ref.id);
        return at === undefined ? [] : [{ card: p.card, text: textOf(p.card), at, job }];
      });
  }

  /** The reminders posted in a room so far, oldest first: every card that carries a Dismiss button. */
  reminders(room: string): PostedReminder[] {
    return this.posts
      .filter((p) => p.room === room)
      .flatMap((p) => {
        const dismiss = p.card.buttons?.find((b) => b.action.kind === 'reminder.dismiss');
        const at = this.postedAt.get(p.ref.id);
        // A post whose time is not recorded yet is still on its way: it shows up on the next look.
        if (!dismiss || at === undefined) return [];
        const [seq = '', key = ''] = dismiss.action.args;
        const job = this.plannedFor.get(p.ref.id);
        const lines = (p.card.lines ?? []).filter((line) => !LATE_NOTE.test(line));
        return [{ seq: Number(seq), key, card: p.card, text: textOf(p.card), lines, at, job }];
      });
  }
}

export interface TimedPost {
  card: Card;
  text: string;
  /** When it was posted (epoch ms). */
  at: number;
  /** The reminder job that posted it, as calma planned it (its `dueAt`, kind, step...). */
  job: ReminderJob | undefined;
}

/**
 * The due time calma planned the job that posted `post` for (epoch ms). A post no job of the test worker
 * made has none, and fails the test: every reminder these tests look at is posted by one.
 */
export function plannedDue(post: { job: ReminderJob | undefined; text: string }): number {
  if (!post.job) throw new Error(`not posted by a reminder job: ${post.text}`);
  return post.job.dueAt;
}

/**
 * The note calma adds to a reminder sent more than a second after its due time (`reminders.late`): it
 * says so honestly, and a loaded machine may run a job that late, so tests read the lines without it.
 */
const LATE_NOTE = /^Sent \d+ min late: calma was not running when it was due\.$/;

export interface PostedReminder {
  seq: number;
  /** The reminder's key, from its Dismiss button: `step-2`, `cadence`, `no-lead`... */
  key: string;
  card: Card;
  text: string;
  /** The card's lines without the "Sent N min late" note a job run late on a loaded machine adds. */
  lines: string[];
  /** When it was posted (epoch ms). */
  at: number;
  /** The reminder job that posted it, as calma planned it (none: not posted by the test worker). */
  job: ReminderJob | undefined;
}

/** An incident opened through `/crisis open`, and the instant the reminders count from. */
export interface Opened {
  seq: number;
  room: string;
  /** `openedAt` of the stored incident, in epoch ms. */
  openedAt: number;
}

/**
 * One test's world: its own workspace (so job ids never collide with another test's in the shared
 * queue), its own store prefix and chat; the queue, scheduler and worker belong to the file.
 */
export class ReminderWorld {
  readonly workspace = `T${randomBytes(4).toString('hex').toUpperCase()}`;
  readonly chat = new TimedChat();
  readonly store: RedisIncidentStore;
  readonly deps: Deps;
  readonly ana: Caller;
  readonly bob: Caller;
  readonly lena: Caller;
  /**
   * Awaited by the test worker before it runs each job of this world: a test may hold a job there (the
   * worker runs one job at a time), to act while it is queued and before it runs, however slow the machine.
   */
  beforeFire: ((job: ReminderJob) => Promise<void>) | undefined;

  constructor(
    redis: Redis,
    playbooks: PlaybookRegistry,
    readonly scheduler: ReminderScheduler,
    policy: ReminderPolicy = defaultReminderPolicy,
  ) {
    this.store = new RedisIncidentStore(redis, uniquePrefix());
    this.ana = { workspace: this.workspace, user: 'U0ANA', room: 'C_GENERAL' };
    this.bob = { workspace: this.workspace, user: 'U0BOB', room: 'C_GENERAL' };
    this.lena = { workspace: this.workspace, user: 'U0LENA', room: 'C_GENERAL' };
    this.deps = {
      store: this.store,
      chat: this.chat,
      playbooks,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      locale: 'en',
      timeZone: 'UTC',
      minuteMs: MINUTE_MS,
      channelPrefix: 'crisis',
      responders: [],
      announcements: null,
      playbooksUrl: null,
      scheduler,
      policy,
      approvers: {},
      outboundTargets: [],
      outbox: null,
    };
  }

  get queue(): Queue<ReminderJob> {
    return this.scheduler.queue;
  }

  /** `/crisis <text>`. */
  command(caller: Caller, text: string): Promise<Reply> {
    return dispatch(this.deps, caller, { type: 'command', text });
  }

  /** Presses a button, as the chat platform would hand it to calma. */
  press(caller: Caller, button: Button): Promise<Reply> {
    return dispatch(this.deps, caller, { type: 'action', value: encodeAction(button.action) });
  }

  /** Opens a hacked-account incident as ana, at the given severity (the playbook's clock starts now). */
  async open(severity: 'sev1' | 'sev2' | 'sev3' | 'sev4' = 'sev1'): Promise<Opened> {
    const reply = await this.command(this.ana, `open hacked-account ${severity} Our account is posting spam`);
    if (!reply.openedRoom)
      throw new Error(`open did not open a room: ${reply.cards.map(textOf).join(' / ')}`);
    const incident = await this.store.findByRoom(this.workspace, reply.openedRoom);
    if (!incident) throw new Error('the opened incident is not stored');
    return { seq: incident.seq, room: reply.openedRoom, openedAt: Date.parse(incident.openedAt) };
  }

  async incident(seq: number): Promise<Incident> {
    const incident = await this.store.get(this.workspace, seq);
    if (!incident) throw new Error(`incident #${seq} is not stored`);
    return incident;
  }

  timeline(seq: number): Promise<TimelineEntry[]> {
    return this.store.timeline(this.workspace, seq);
  }

  /** In the room of `opened`: the person in `caller`, typing there. */
  inRoom(caller: Caller, opened: Opened): Caller {
    return { ...caller, room: opened.room };
  }

  /** The BullMQ id of one of this world's reminders. */
  jobIdOf(seq: number, reminder: Reminder): string {
    return jobId({ workspace: this.workspace, seq, ...reminder });
  }

  /** The delayed jobs of one incident (the queue is shared by the whole test file). */
  async delayedJobsOf(seq: number): Promise<Job<ReminderJob>[]> {
    const delayed = await this.queue.getDelayed();
    return delayed.filter((job) => job.data.workspace === this.workspace && job.data.seq === seq);
  }

  /**
   * The jobs of one incident that may still post something: delayed, waiting or running. None left
   * means nothing more can come, without waiting to see.
   */
  async pendingJobsOf(seq: number): Promise<Job<ReminderJob>[]> {
    const jobs = await this.queue.getJobs(['delayed', 'waiting', 'prioritized', 'active']);
    return jobs.filter((job) => job.data.workspace === this.workspace && job.data.seq === seq);
  }

  /**
   * Waits until the worker has run the job of `reminder` to completion, or, for a reminder the incident
   * no longer wants (its step done, snoozed, the cadence moved), until its due time has passed with
   * nothing of its kind left that could still post it: only the next reminder of a kind is queued, and
   * a reminder that was never queued has no job to wait for. After that, whatever it was going to post
   * is posted. This is how a test knows that a reminder that should stay silent did.
   */
  async jobDone(seq: number, reminder: Reminder, timeoutMs = PATIENCE_MS): Promise<void> {
    const id = this.jobIdOf(seq, reminder);
    await waitFor(
      async () => {
        if ((await this.queue.getJobState(id)) === 'completed') return true;
        if (Date.now() <= reminder.dueAt) return false;
        const pending = await this.pendingJobsOf(seq);
        return !pending.some((job) => job.data.kind === reminder.kind && job.data.dueAt <= reminder.dueAt);
      },
      timeoutMs,
      `job ${id} to complete`,
    );
  }
}

/** A step reminder (attempt 1 to the owner, 2 to the lead) due `minutes` after `opened`. */
export function stepReminder(opened: Opened, step: number, attempt: 1 | 2, minutes: number): Reminder {
  return { kind: 'step', step, attempt, dueAt: opened.openedAt + minutes * MINUTE_MS };
}

/**
 * Waits until the wall clock reaches `epochMs`. Only for tests about time itself (a reminder must NOT
 * have come before some instant, or something must happen at a chosen moment): nothing to poll for.
 */
export async function until(epochMs: number): Promise<void> {
  const wait = epochMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

export interface ReminderHarness {
  world(): ReminderWorld;
  /** The file's worker (a test may pause it, and must resume it). */
  worker(): Worker<ReminderJob>;
  /** Another worker on the same queue, as a second calma process would run; closed after the test. */
  startWorker(): Promise<Worker<ReminderJob>>;
  /** The job failures so far, which this test expects (they no longer fail it), then forgets them. */
  takeFailures(): string[];
}

/**
 * Registers a test file's hooks: one queue with a random name and its own BullMQ key prefix, one
 * scheduler and one worker for the file (with `policy`: calma.yaml's defaults unless a file needs other
 * timings; the shipped playbooks, or some `replacing` them); a fresh world for every test. The worker
 * hands each job to the world of its workspace, so a job left over from an earlier test (its world
 * gone) does nothing.
 */
export function useReminders(
  policy: ReminderPolicy = defaultReminderPolicy,
  /** Playbooks that replace shipped ones of the same id for this file (a faster clock, say). */
  replacing: (shipped: Playbook[]) => Playbook[] = () => [],
): ReminderHarness {
  let redis: Redis;
  let connection: Redis;
  let scheduler: ReminderScheduler;
  let worker: Worker<ReminderJob>;
  let settings: QueueSettings;
  let current: ReminderWorld | undefined;
  let playbooks: PlaybookRegistry;
  const workers: Worker<ReminderJob>[] = [];
  const failures: string[] = [];

  async function startWorker(): Promise<Worker<ReminderJob>> {
    const mine = (job: ReminderJob) => (current && job.workspace === current.workspace ? current : null);
    const started = startReminderWorker(
      settings,
      async (job, id) => {
        const world = mine(job);
        // The job rides along in async context to TimedChat's `post`, through fireReminder unchanged.
        if (!world) return;
        await world.beforeFire?.(job);
        await working.run(job, () => fireReminder(world.deps, job, id));
      },
      {
        giveUp: async (job) => {
          const world = mine(job);
          if (world) await giveUpReminder(world.deps, job);
        },
      },
    );
    started.on('failed', (job, error) => failures.push(`${job?.id}: ${error.message}`));
    workers.push(started);
    await started.waitUntilReady();
    return started;
  }

  beforeAll(async () => {
    redis = testRedis();
    const url = process.env.CALMA_TEST_REDIS_URL ?? '';
    // BullMQ blocks on its connection while it waits for jobs: it needs one of its own, never giving up.
    connection = new Redis(url, { maxRetriesPerRequest: null });
    const loaded = await loadPlaybooks([builtinPlaybooksDir]);
    if (loaded.problems.length > 0) throw new Error(`shipped playbooks have problems: ${loaded.problems}`);
    playbooks = new PlaybookRegistry([...loaded.playbooks, ...replacing(loaded.playbooks)], loaded.scenarios);
    settings = {
      connection,
      prefix: uniquePrefix(),
      name: `reminders-${randomBytes(4).toString('hex')}`,
    };
    scheduler = new ReminderScheduler(settings, playbooks, policy, MINUTE_MS);
    worker = await startWorker();
  });

  beforeEach(() => {
    current = new ReminderWorld(redis, playbooks, scheduler, policy);
    failures.length = 0;
  });

  afterEach(async () => {
    current = undefined;
    // A second worker a test started would take jobs while a later test has the file's worker paused.
    await Promise.all(workers.splice(1).map((extra) => extra.close()));
    // A test that failed while the worker was paused must not leave the next one without a worker.
    await worker.resume();
    // The next test must not wait behind this one's leftover reminders.
    await scheduler.queue.drain(true);
    if (failures.length > 0) throw new Error(`reminder jobs failed: ${failures.join('; ')}`);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await scheduler?.queue.obliterate({ force: true });
    await scheduler?.close();
    await connection?.quit();
    await redis?.quit();
  });

  return {
    world() {
      if (!current) throw new Error('world() is only available inside a test');
      return current;
    },
    worker() {
      return worker;
    },
    startWorker,
    takeFailures() {
      return failures.splice(0);
    },
  };
}
