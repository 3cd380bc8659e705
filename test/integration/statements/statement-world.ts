/**
 * The world the statement tests run in: the handler world (real Redis store, shipped playbooks, real
 * i18n, recording chat) plus the real outbox: a BullMQ queue and worker on the test Redis with short
 * retry delays, and a local HTTP server standing in for an outbound target (a status page).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { runOutboxJob } from '../../../src/app/deliver';
import type { Caller } from '../../../src/app/deps';
import type { WebhookTarget } from '../../../src/outbound/webhook';
import type { ApprovalRequestJob, OutboxJob } from '../../../src/ports/outbox';
import { BullOutbox, type OutboxSettings, startOutboxWorker } from '../../../src/queue/outbox-queue';
import { ONE_APPROVER } from '../../support/approval-policy';
import { uniquePrefix } from '../../support/redis';
import { waitFor } from '../../support/wait-for';
import { inRoom, useWorld, WORKSPACE, type World } from '../handlers/world';

export const TARGET_SECRET = 'whsec-test-statuspage';
export const ANNOUNCEMENTS = 'C_NEWS';

/** Carl is a second configured approver; Lena is legal in calma.yaml. */
export const carl: Caller = { workspace: WORKSPACE, user: 'U0CARL', room: 'C_GENERAL' };

/** What the status page received. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** What it answered; 0 when it never did (`holdNext`). */
  status: number;
}

/** How long calma waits for the status page here (10 s in production). */
export const TARGET_TIMEOUT_MS = 500;

/**
 * A status page that answers with the statuses it is told to, then 200, and remembers every request.
 * `holdNext` makes it take requests and never answer them.
 */
export class TargetServer {
  readonly received: Received[] = [];
  private readonly answers: number[] = [];
  private held = 0;
  private server: Server | null = null;
  url = '';

  answerNext(...statuses: number[]): void {
    this.answers.push(...statuses);
  }

  holdNext(times = 1): void {
    this.held += times;
  }

  /** Requests that were answered 2xx: what the status page actually took. */
  accepted(): Received[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (this.held > 0) {
          this.held--;
          this.received.push({ headers: req.headers, body, status: 0 });
          return;
        }
        const status = this.answers.shift() ?? 200;
        this.received.push({ headers: req.headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/calma`;
  }

  reset(): void {
    this.received.length = 0;
    this.answers.length = 0;
    this.held = 0;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface StatementHarness {
  world(): World;
  target: TargetServer;
  /** Job failures so far (a retried delivery fails first), then forgets them. */
  takeFailures(): string[];
}

/** Fast retries: a delivery that fails is retried after 50, 100, 200, 200 ms; five attempts in all. */
export const TIMING = { retryBaseMs: 50, maxRetryMs: 200, attempts: 5, guardDelayMs: 300 };

/**
 * Registers a test file's hooks: the handler world (fresh per test), the outbox queue and worker, and
 * the target server. calma.yaml's approvers: bob and carl as approvers, lena as legal; one approval at
 * every severity (the policy's tests put the defaults back: `delete w.deps.approvalPolicy`).
 */
export function useStatements(): StatementHarness {
  const target = new TargetServer();
  const failures: string[] = [];
  let connection: Redis;
  let settings: OutboxSettings;
  let outbox: BullOutbox;
  let worker: Worker<OutboxJob | ApprovalRequestJob>;
  let targets: WebhookTarget[] = [];
  // The outbox is created before the world exists (useWorld's overrides are read in beforeEach).
  const lazyOutbox = {
    guard: (...args: Parameters<BullOutbox['guard']>) => outbox.guard(...args),
    deliver: (...args: Parameters<BullOutbox['deliver']>) => outbox.deliver(...args),
    request: (...args: Parameters<BullOutbox['request']>) => outbox.request(...args),
  };
  const world = useWorld({
    outbox: lazyOutbox,
    approvers: { approver: ['U0BOB', 'U0CARL'], legal: ['U0LENA'] },
    approvalPolicy: ONE_APPROVER,
    outboundTargets: ['statuspage'],
    announcements: ANNOUNCEMENTS,
  });

  beforeAll(async () => {
    await target.start();
    targets = [{ name: 'statuspage', url: target.url, secret: TARGET_SECRET, timeoutMs: TARGET_TIMEOUT_MS }];
    connection = new Redis(process.env.CALMA_TEST_REDIS_URL ?? '', { maxRetriesPerRequest: null });
    settings = {
      connection,
      prefix: uniquePrefix(),
      name: `outbox-${randomBytes(4).toString('hex')}`,
      ...TIMING,
    };
    outbox = new BullOutbox(settings);
    worker = startOutboxWorker(settings, (job, id, last) =>
      runOutboxJob(world().deps, targets, job, id, last),
    );
    worker.on('failed', (job, error) => failures.push(`${job?.id}: ${error.message}`));
    await worker.waitUntilReady();
  });

  beforeEach(() => {
    target.reset();
    failures.length = 0;
  });

  afterEach(async () => {
    // Every test's incident is #1 of the same workspace: its delivery ids must not be taken already.
    // Wait for the test's jobs to settle first (a job removed under a busy worker is an error).
    await waitFor(
      async () => {
        const counts = await outbox.queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return Object.values(counts).every((count) => count === 0);
      },
      10_000,
      'the outbox to settle',
    );
    await outbox.queue.obliterate({ force: true });
  });

  afterAll(async () => {
    await worker?.close();
    await outbox?.queue.obliterate({ force: true });
    await outbox?.close();
    await connection?.quit();
    await target.stop();
  });

  return {
    world,
    target,
    takeFailures: () => failures.splice(0),
  };
}

/** Opens the hacked-account SEV1 as ana and returns its room; ana then drafts S1 in the room. */
export async function openAndDraft(w: World, text = DEFAULT_TEXT): Promise<string> {
  const room = await w.open({ workspace: WORKSPACE, user: 'U0ANA', room: 'C_GENERAL' });
  await w.command({ workspace: WORKSPACE, user: 'U0ANA', room }, `update ${text}`);
  return room;
}

export const DEFAULT_TEXT =
  'We are sorry: our account was hacked this morning and posted spam. Do not click its links. Next update at 11:00.';

export { inRoom };
