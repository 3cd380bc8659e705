import { UnrecoverableError } from 'bullmq';
import { publicName } from '../core/incident';
import type { Incident } from '../core/types';
import { roleName, translator } from '../i18n';
import { postSigned, type WebhookTarget } from '../outbound/webhook';
import type { ApprovalRequestJob } from '../ports/outbox';
import { requestLine } from './approval-invites';
import type { Deps } from './deps';
import { displayNames } from './display-names';

/**
 * Sends one approval request to its webhook target (a team's mail relay emails it), retried like a
 * statement delivery. A request whose link can no longer act (expired, the statement edited, published
 * or rejected) is dropped: nobody is emailed a dead link. Given up for good, it is said in the room, with
 * the way to a new link.
 */
export async function runApprovalRequest(
  deps: Deps,
  targets: WebhookTarget[],
  job: ApprovalRequestJob,
  id: string,
  lastAttempt: boolean,
): Promise<void> {
  const incident = await deps.store.get(job.workspace, job.seq);
  const statement = incident?.statements?.find((s) => s.n === job.n);
  if (!incident || statement?.status !== 'pending' || statement.version !== job.version) return;
  if (job.expires <= deps.clock.now().getTime()) return;
  const target = targets.find((t) => t.name === job.target);
  const outcome = target
    ? await postSigned(target, JSON.stringify(await approvalRequest(deps, incident, job, id)), id)
    : {
        ok: false as const,
        retry: false,
        error: `no outbound target "${job.target}" is configured any more`,
      };
  if (outcome.ok) return;
  if (outcome.retry && !lastAttempt) throw new Error(outcome.error);
  deps.log.error(
    { incident: job.seq, statement: job.n, target: job.target, error: outcome.error },
    'approval request failed for good',
  );
  if (incident.room) {
    const t = translator(incident.locale, deps.timeZone);
    await deps.chat
      .post(incident.room, {
        lines: [
          t('approvalLink.requestFailed', {
            n: job.n,
            who: deps.chat.mention(job.user),
            target: job.target,
            error: outcome.error,
          }),
        ],
        tone: 'warning',
      })
      .catch((error: unknown) =>
        deps.log.error({ err: error }, 'could not report the failed approval request'),
      );
  }
  throw new UnrecoverableError(outcome.error);
}

/** What the target receives (docs/statements.md, "Approval requests by email"). */
export async function approvalRequest(deps: Deps, incident: Incident, job: ApprovalRequestJob, id: string) {
  const t = translator(incident.locale, deps.timeZone);
  const name = (await displayNames(deps, job.workspace, [job.user])).get(job.user) ?? job.user;
  const incidentName = `#${incident.seq} ${publicName(incident)}`;
  return {
    type: 'approval.requested',
    delivery: id,
    locale: incident.locale,
    approver: {
      user: job.user,
      name,
      email: deps.approvalRequests?.emails[job.user] ?? null,
      role: job.role,
      role_name: roleName(t, job.role),
    },
    incident: {
      workspace: incident.workspace,
      seq: incident.seq,
      name: publicName(incident),
      severity: incident.severity,
    },
    statement: { n: job.n, version: job.version },
    link: { url: job.url, expires_at: new Date(job.expires).toISOString() },
    // Ready to send, in the incident's language: the relay needs no template of its own.
    message: {
      subject: t('approvalLink.emailSubject', { n: job.n, incident: incidentName }),
      text: requestLine(t, incident, job.n, job.role, job.url, job.expires),
    },
  };
}
