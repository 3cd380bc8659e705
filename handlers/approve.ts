import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { playbookOf } from '../src/app/room';
import { showStatement } from '../src/app/statement-room';
import { targetIncident } from '../src/app/target';
import { destinationName } from '../src/cards/statement';
import type { Card } from '../src/core/card';
import { numbered, text } from '../src/core/command';
import type { Result, UserError } from '../src/core/result';
import {
  type ApprovalOutcome,
  approveStatement,
  type Destination,
  findStatement,
  missingApprovals,
  possibleApprovers,
  rejectStatement,
} from '../src/core/statement';
import type { Incident, Role, UserId } from '../src/core/types';
import { translator } from '../src/i18n';

/**
 * `/crisis approve S<n>` and `/crisis reject S<n> <reason>`, and the Approve / Reject buttons. The last
 * approval publishes: the statement is frozen and its deliveries are handed to the outbox.
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
  const result = await mutateIncident(deps, caller, target.value.seq, (incident, now) => {
    const outcome: Result<ApprovalOutcome> = approveStatement(
      incident,
      n,
      { user: caller.user, roles },
      {
        playbook: playbookOf(deps, incident),
        policy: deps.policy,
        minuteMs: deps.minuteMs,
        destinations: destinations(deps, incident, n),
      },
      now,
      command.version,
    );
    published = outcome.ok && outcome.value.published;
    return outcome;
  });
  if (!result.ok) return refusal(deps, caller, target.value, result.error);
  const incident = result.value;
  if (published) await deps.outbox?.deliver(incident, n);
  const t = translator(incident.locale);
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
      });
  const card: Card = { lines: [line], tone: published ? 'success' : 'info' };
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

export async function reject(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; reason: string },
): Promise<Reply> {
  const target = await targetIncident(deps, caller, command.incident);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const n = command.statement;
  if (!command.reason.trim()) return rejectForm(deps, caller, target.value, n);
  const roles = await approverRoles(deps, caller.user, target.value);
  const result = await mutateIncident(deps, caller, target.value.seq, (incident, now) =>
    rejectStatement(incident, n, command.reason, { user: caller.user, roles }, now),
  );
  if (!result.ok) return refusal(deps, caller, target.value, result.error);
  await showStatement(deps, result.value, n);
  const t = translator(result.value.locale);
  return announce(deps, caller, result.value, [
    {
      lines: [
        t('statement.rejected', { n, who: deps.chat.mention(caller.user), reason: command.reason.trim() }),
      ],
      tone: 'warning',
    },
  ]);
}

/** The Reject button asks why. */
function rejectForm(deps: Deps, caller: Caller, incident: Incident, n: number): Reply {
  const found = findStatement(incident, n);
  if (!found.ok) return problem(callerLocale(deps, caller), found.error);
  const t = translator(callerLocale(deps, caller));
  return {
    cards: [],
    form: {
      submit: { kind: 'statement.reject', args: [String(incident.seq), String(n)] },
      title: t('statement.forms.rejectTitle', { n }),
      fields: [{ id: 'reason', label: t('statement.forms.reason'), type: 'longtext' }],
    },
  };
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
 * The approval roles `user` holds: from calma.yaml (directly or through a user group) and through a
 * group holding a role on the incident (direct holders are checked by core, atomically).
 */
async function approverRoles(deps: Deps, user: UserId, incident: Incident): Promise<Role[]> {
  const holds = async (id: UserId) => id === user || (await deps.chat.members(id)).includes(user);
  const roles: Role[] = [];
  const configured = Object.entries(deps.approvers) as [Role, UserId[]][];
  for (const [role, ids] of [
    ...configured,
    ...(Object.entries(incident.roles) as [Role, UserId][]).map(
      ([role, id]) => [role, [id]] as [Role, UserId[]],
    ),
  ]) {
    for (const id of ids) {
      if (!roles.includes(role) && (await holds(id))) roles.push(role);
    }
  }
  return roles;
}

/** A refusal in the caller's language; "not an approver" names the people who can approve. */
function refusal(deps: Deps, caller: Caller, incident: Incident, error: UserError): Reply {
  if (error.key !== 'statement.notApprover') return problem(callerLocale(deps, caller), error);
  const statement = incident.statements?.find((s) => s.n === Number(error.params?.n));
  const needed = statement ? missingApprovals(statement) : ['approver' as Role];
  const people = statement ? possibleApprovers(incident, statement, deps.approvers) : [];
  const who = people.map((id) => deps.chat.mention(id)).join(', ');
  return problem(callerLocale(deps, caller), {
    key: people.length > 0 ? 'statement.notApprover' : 'statement.noApprovers',
    params: { ...error.params, who, id: needed[0] ?? 'approver' },
  });
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

export const rejectCommand = defineCommand({
  name: 'reject',
  names: { es: 'rechazar', fr: 'rejeter', also: ['refuser'] },
  // Empty: the handler answers with a form asking why.
  args: z.object({ incident: incidentArg, statement: z.number(), reason: z.string().default('') }),
  read: [numbered('statement', 'S', { key: 'statement.rejectUsage' }), text('reason', 'kept')],
  options: [
    option.integer('statement', 'statement', { required: true }),
    option.string('reason', 'rejectReason'),
    option.incident(),
  ],
  usage: (a) => `reject S<n> <${a('reason')}>`,
  help: 'help.reject',
  access: 'approvers',
  run: reject,
});
