import { UnrecoverableError } from 'bullmq';
import { destinationName, publishedCard } from '../cards/statement';
import type { Destination } from '../core/statement';
import { recordDelivery } from '../core/statement';
import type { Incident, Statement } from '../core/types';
import { translator } from '../i18n';
import type { WebhookTarget } from '../outbound/webhook';
import { postSigned } from '../outbound/webhook';
import type { ApprovalRequestJob, OutboxJob } from '../ports/outbox';
import { runApprovalRequest } from './approval-requests';
import type { Deps } from './deps';
import { jobPost } from './post-once';

/**
 * Longer than a post or a webhook call may take (PLATFORM_TIMEOUTS.callMs, WEBHOOK_TIMEOUT_MS: 10 s),
 * shorter than a few retries' backoff.
 */
const IN_FLIGHT_SECONDS = 30;
const DELIVERED_SECONDS = 30 * 24 * 3600;

/**
 * Runs one outbox job. A delivery is claimed, done, then confirmed, so a job run twice (a crash, a
 * stalled worker) delivers once; a failure gives the claim back and BullMQ retries with backoff. On the
 * last attempt, or when a target refuses for good, the failure is recorded and said in the room.
 */
export async function runOutboxJob(
  deps: Deps,
  targets: WebhookTarget[],
  job: OutboxJob | ApprovalRequestJob,
  id: string,
  lastAttempt: boolean,
  rerun = false,
): Promise<void> {
  if ('kind' in job) return runApprovalRequest(deps, targets, job, id, lastAttempt);
  const incident = await deps.store.get(job.workspace, job.seq);
  const statement = incident?.statements?.find((s) => s.n === job.n);
  if (!incident || !statement) return;
  if (job.destination === 'guard') {
    // The approval that published may have died before queuing its deliveries: queue them now.
    if (statement.status === 'published') await deps.outbox?.deliver(incident, job.n);
    return;
  }
  const destination = job.destination;
  if (statement.deliveries?.[destination]?.state !== 'pending') return;

  const claim = `outbox:${id}`;
  if (!(await deps.store.claim(claim, IN_FLIGHT_SECONDS))) {
    if (!(await deps.store.isConfirmed(claim))) {
      throw new Error(`delivery ${id} is in progress elsewhere or its worker died: retry later`);
    }
    // Delivered by an earlier run that died before recording it.
    return record(deps, incident, job.n, destination, { state: 'delivered' });
  }
  let failure: { retry: boolean; error: string } | null = null;
  try {
    failure = await send(deps, targets, incident, statement, destination, id, rerun);
  } catch (error) {
    failure = { retry: true, error: error instanceof Error ? error.message : String(error) };
  }
  if (!failure) {
    await deps.store.confirm(claim, DELIVERED_SECONDS);
    return record(deps, incident, job.n, destination, { state: 'delivered' });
  }
  await deps.store.release(claim);
  if (failure.retry && !lastAttempt) throw new Error(failure.error);
  await record(deps, incident, job.n, destination, { state: 'failed', error: failure.error });
  await warnRoom(deps, incident, job.n, destination, failure.error);
  throw new UnrecoverableError(failure.error);
}

/** Delivers to one destination; returns why it failed, or null once delivered. */
async function send(
  deps: Deps,
  targets: WebhookTarget[],
  incident: Incident,
  statement: Statement,
  destination: Destination,
  id: string,
  rerun: boolean,
): Promise<{ retry: boolean; error: string } | null> {
  // Run again, it may find the card its predecessor posted and died before recording.
  const published = statement.publishedAt ? new Date(statement.publishedAt) : new Date(0);
  const once = (key: string) => jobPost('publish', key, rerun ? published : undefined);
  const card = publishedCard(incident, statement, translator(incident.locale, deps.timeZone), (u) =>
    deps.chat.mention(u),
  );
  if (destination === 'room') {
    if (!incident.room) return { retry: false, error: 'the incident has no channel' };
    await deps.chat.post(incident.room, card, once(`${id}:room`));
    return null;
  }
  if (destination === 'announcements') {
    if (!deps.announcements) return { retry: false, error: 'no announcements channel is configured' };
    await deps.chat.post(deps.announcements, card, once(`${id}:announcements`));
    return null;
  }
  // Drills never leave the chat, even if a delivery was somehow queued for one.
  if (incident.drill) return { retry: false, error: 'drills are never sent outside the chat' };
  const name = destination.slice('target:'.length);
  const target = targets.find((t) => t.name === name);
  if (!target) return { retry: false, error: `no outbound target "${name}" is configured any more` };
  const outcome = await postSigned(target, JSON.stringify(payload(incident, statement, id)), id);
  return outcome.ok ? null : outcome;
}

/** What a target receives (documented in docs/outbound-webhooks.md). */
export function payload(incident: Incident, statement: Statement, delivery: string) {
  return {
    type: 'statement.published',
    delivery,
    incident: {
      workspace: incident.workspace,
      seq: incident.seq,
      title: incident.title,
      severity: incident.severity,
      playbook: incident.playbook,
    },
    statement: {
      n: statement.n,
      text: statement.text,
      // The same statement per network (docs/statements.md), covered by the same approvals.
      variants: statement.variants ?? {},
      locale: incident.locale,
      authors: statement.authors,
      // sha256: of what each approver approved: the text, or with variants [text, variants] (approvalHash).
      approvals: statement.approvals.map((a) => ({ user: a.by, role: a.as, at: a.at, sha256: a.sha256 })),
      published_at: statement.publishedAt,
      next_update_at: statement.nextUpdateAt ?? null,
    },
  };
}

async function record(
  deps: Deps,
  incident: Incident,
  n: number,
  destination: Destination,
  outcome: { state: 'delivered' } | { state: 'failed'; error: string },
): Promise<void> {
  await deps.store.update(incident.workspace, incident.seq, (current) => {
    const change = recordDelivery(current, n, destination, outcome, deps.clock.now());
    return change ? { change } : {};
  });
}

/** A delivery given up is said where the team looks; if the room itself is unreachable, the log says it. */
async function warnRoom(deps: Deps, incident: Incident, n: number, destination: Destination, error: string) {
  const t = translator(incident.locale, deps.timeZone);
  deps.log.error(
    { incident: incident.seq, statement: n, destination, error },
    'statement delivery failed for good',
  );
  if (!incident.room || destination === 'room') return;
  try {
    await deps.chat.post(incident.room, {
      lines: [t('statement.deliveryFailed', { n, where: destinationName(destination, t), error })],
      tone: 'danger',
    });
  } catch (failure) {
    deps.log.error(
      { err: failure, incident: incident.seq },
      'could not report the failed delivery in the room',
    );
  }
}
