import { fail, ok, type Result } from './result';
import type { Change, Incident, Role, UserId } from './types';

/**
 * Raid lockdown: during a troll raid or coordinated attack, pausing a server's invites and DMs stops new
 * raiders joining and private harassment. It shuts the door on the whole community, so it takes four
 * eyes: one person asks, someone else who may approve (the lead, an approver, a configured approver)
 * confirms. Discord's "incident actions" last at most 24 hours.
 */
export const LOCKDOWN_HOURS = 24;

/** Who may confirm a lockdown: the lead and approver role holders, and calma.yaml's approvers. */
export function lockdownApprovers(incident: Incident, configured: Partial<Record<Role, UserId[]>>): UserId[] {
  const people = new Set<UserId>(configured.approver ?? []);
  for (const role of ['lead', 'approver'] as const) {
    const holder = incident.roles[role];
    if (holder) people.add(holder);
  }
  return [...people];
}

export function requestLockdown(incident: Incident, by: UserId, now: Date): Result<Change> {
  if (incident.status !== 'open') return fail('incident.closed', { seq: incident.seq });
  if (incident.lockdown?.until) return fail('lockdown.already', { until: incident.lockdown.until });
  if (incident.lockdown) return fail('lockdown.pending', { who: incident.lockdown.requestedBy });
  const at = now.toISOString();
  return ok({
    incident: { ...incident, lockdown: { requestedBy: by, requestedAt: at }, updatedAt: at },
    events: [{ kind: 'lockdown-requested', hours: LOCKDOWN_HOURS, by, at }],
  });
}

/**
 * Checks that `by` may confirm the pending request; the caller applies the lockdown, then records it
 * with `recordLockdown`. `holders` are the ids `by` stands for (their groups or roles).
 */
export function canConfirmLockdown(
  incident: Incident,
  by: UserId,
  holders: UserId[],
  configured: Partial<Record<Role, UserId[]>>,
): Result<{ until: (now: Date) => Date }> {
  if (incident.status !== 'open') return fail('incident.closed', { seq: incident.seq });
  const pending = incident.lockdown;
  if (!pending) return fail('lockdown.noRequest', { seq: incident.seq });
  if (pending.until) return fail('lockdown.already', { until: pending.until });
  if (pending.requestedBy === by) return fail('lockdown.ownRequest');
  const approvers = lockdownApprovers(incident, configured);
  if (!approvers.some((id) => holders.includes(id))) {
    return fail('lockdown.notApprover', { who: approvers.join(', ') });
  }
  return ok({ until: (now: Date) => new Date(now.getTime() + LOCKDOWN_HOURS * 3_600_000) });
}

export function recordLockdown(incident: Incident, by: UserId, until: Date, now: Date): Result<Change> {
  const pending = incident.lockdown;
  if (!pending) return fail('lockdown.noRequest', { seq: incident.seq });
  if (pending.until) return fail('lockdown.already', { until: pending.until });
  const at = now.toISOString();
  const applied = { ...pending, approvedBy: by, until: until.toISOString() };
  return ok({
    incident: { ...incident, lockdown: applied, updatedAt: at },
    events: [
      {
        kind: 'lockdown',
        until: applied.until,
        requestedBy: pending.requestedBy,
        drill: incident.drill,
        by,
        at,
      },
    ],
  });
}
