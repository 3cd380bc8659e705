import { DEFAULT_APPROVAL_POLICY, requiredApprovals } from '../core/approval-policy';
import type { UserError } from '../core/result';
import { missingApprovals, possibleApprovers } from '../core/statement';
import type { Incident, Role, UserId } from '../core/types';
import type { Caller, Deps, Reply } from './deps';
import { callerLocale, problem } from './mutate';
import { playbookOf } from './room';

/** The approval slots a statement of `incident` needs now: calma.yaml's policy, or its playbook's. */
export function statementApprovals(deps: Deps, incident: Incident): Role[] {
  return requiredApprovals(
    incident,
    deps.approvalPolicy ?? DEFAULT_APPROVAL_POLICY,
    playbookOf(deps, incident).approvals,
  );
}

/**
 * The approval roles `user` holds: from calma.yaml (directly or through a user group) and through a
 * group holding a role on the incident (direct holders are checked by core, atomically).
 */
export async function approverRoles(deps: Deps, user: UserId, incident: Incident): Promise<Role[]> {
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

/**
 * An approval or a rejection refused, in the caller's language; "not an approver" names the people who
 * can approve.
 */
export function approvalRefusal(deps: Deps, caller: Caller, incident: Incident, error: UserError): Reply {
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
