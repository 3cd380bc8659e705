import { z } from 'zod';
import { approvalRefusal, approverRoles, statementApprovals } from '../src/app/approvers';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { playbookOf } from '../src/app/room';
import { showStatement } from '../src/app/statement-room';
import { targetIncident } from '../src/app/target';
import { destinationName, stillNeeded } from '../src/cards/statement';
import type { Card } from '../src/core/card';
import { numbered } from '../src/core/command';
import type { Result } from '../src/core/result';
import { type ApprovalOutcome, approveStatement, type Destination } from '../src/core/statement';
import type { Incident } from '../src/core/types';
import { translator } from '../src/i18n';

/**
 * `/crisis approve S<n>` and the Approve button. The last approval publishes: the statement is frozen
 * and its deliveries are handed to the outbox.
 */
export async function approve(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; version?: number },
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
      { user: caller.user, roles },
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

export const approveCommand = defineCommand({
  name: 'approve',
  names: { es: 'aprobar', fr: 'approuver' },
  args: z.object({ incident: incidentArg, statement: z.number() }),
  read: [numbered('statement', 'S', { key: 'statement.approveUsage' })],
  options: [option.integer('statement', 'statement', { required: true }), option.incident()],
  usage: () => 'approve S<n>',
  help: 'help.approve',
  access: 'approvers',
  run: approve,
});
