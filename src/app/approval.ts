import { destinationName, stillNeeded } from '../cards/statement';
import type { Card } from '../core/card';
import type { Result } from '../core/result';
import { type ApprovalOutcome, approveStatement, type Destination, rejectStatement } from '../core/statement';
import type { Incident } from '../core/types';
import { translator } from '../i18n';
import { approvalRefusal, approverRoles, statementApprovals } from './approvers';
import type { Caller, Deps, Reply } from './deps';
import { announce, callerLocale, mutateIncident, problem } from './mutate';
import { playbookOf } from './room';
import { showStatement } from './statement-room';
import { targetIncident } from './target';

/**
 * The one approval path: `/crisis approve`, the Approve button and the approval link's page all come
 * here, so four eyes, approval slots and publication are the same wherever an approver is. `via` is
 * where the decision came from when not chat (the timeline says so). The last approval publishes: the
 * statement is frozen and its deliveries are handed to the outbox.
 */
export async function approveAs(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; version?: number },
  via?: 'link',
): Promise<Reply> {
  const target = await targetIncident(deps, caller, command.incident);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const roles = await approverRoles(deps, caller.user, target.value);
  const n = command.statement;
  // Queued before publishing: if this process dies between the two, the guard delivers (nothing is lost).
  await deps.outbox?.guard(target.value, n);
  let published = false;
  let stepsDone: number[] = [];
  const result = await mutateIncident(deps, caller, target.value.seq, (incident, now) => {
    const outcome: Result<ApprovalOutcome> = approveStatement(
      incident,
      n,
      { user: caller.user, roles, ...(via ? { via } : {}) },
      {
        requires: statementApprovals(deps, incident),
        configured: deps.approvers,
        playbook: playbookOf(deps, incident),
        policy: deps.policy,
        minuteMs: deps.minuteMs,
        destinations: destinations(deps, incident, n),
      },
      now,
      command.version,
    );
    published = outcome.ok && outcome.value.published;
    stepsDone = outcome.ok
      ? outcome.value.events.flatMap((e) => (e.kind === 'step-done' ? [e.step] : []))
      : [];
    return outcome;
  });
  if (!result.ok) return approvalRefusal(deps, caller, target.value, result.error);
  const incident = result.value;
  if (published) await deps.outbox?.deliver(incident, n);
  const t = translator(incident.locale, deps.timeZone);
  const statement = incident.statements?.find((s) => s.n === n);
  const who = deps.chat.mention(caller.user);
  const line = published
    ? t('statement.publishing', {
        n,
        who,
        where: Object.keys(statement?.deliveries ?? {})
          .map((d) => destinationName(d, t))
          .join(', '),
      })
    : t('statement.approvedOne', {
        n,
        who,
        done: statement?.approvals.length ?? 0,
        count: statement?.requires.length ?? 0,
        needed: statement
          ? stillNeeded(incident, statement, deps.approvers, t, (u) => deps.chat.mention(u))
          : '',
      });
  const done = stepsDone.map((step) => t('statement.stepDone', { step: step + 1, n }));
  const card: Card = { lines: [line, ...done], tone: published ? 'success' : 'info' };
  try {
    await showStatement(deps, incident, n);
    return await announce(deps, caller, incident, [card]);
  } catch (error) {
    // The approval is stored (and a publication queued): a chat outage must not tell the approver it
    // failed. The outbox posts the statement when the platform is back.
    deps.log.warn(
      { err: error, incident: incident.seq, statement: n },
      'could not show the approval in the room',
    );
    return {
      cards: [card, ...(published ? [{ lines: [t('statement.queued')], tone: 'warning' as const }] : [])],
    };
  }
}

/** Where a statement goes once published: the room, the announcements channel, its chosen targets. */
function destinations(deps: Deps, incident: Incident, n: number): Destination[] {
  const chosen = incident.statements?.find((s) => s.n === n)?.targets ?? [];
  return [
    'room',
    ...(deps.announcements && deps.announcements !== incident.room ? (['announcements'] as const) : []),
    ...deps.outboundTargets.filter((name) => chosen.includes(name)).map((name) => `target:${name}` as const),
  ];
}

/**
 * The one rejection path (`/crisis reject`, its form, the approval link's page): the draft goes back to
 * its author with the reason, and its card in the room shows it. The reason is not empty (callers ask).
 */
export async function rejectAs(
  deps: Deps,
  caller: Caller,
  incident: Incident,
  command: { statement: number; reason: string },
  via?: 'link',
): Promise<Reply> {
  const n = command.statement;
  const roles = await approverRoles(deps, caller.user, incident);
  const result = await mutateIncident(deps, caller, incident.seq, (current, now) =>
    rejectStatement(current, n, command.reason, { user: caller.user, roles, ...(via ? { via } : {}) }, now),
  );
  if (!result.ok) return approvalRefusal(deps, caller, incident, result.error);
  await showStatement(deps, result.value, n);
  const t = translator(result.value.locale, deps.timeZone);
  return announce(deps, caller, result.value, [
    {
      lines: [
        t('statement.rejected', { n, who: deps.chat.mention(caller.user), reason: command.reason.trim() }),
      ],
      tone: 'warning',
    },
  ]);
}
