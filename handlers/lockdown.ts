import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { when } from '../src/cards/format';
import {
  canConfirmLockdown,
  LOCKDOWN_HOURS,
  lockdownApprovers,
  recordLockdown,
  requestLockdown,
} from '../src/core/lockdown';
import { translator } from '../src/i18n';

/**
 * The raid-lockdown button of a step (troll / coordinated attack playbook, on Discord): one responder
 * asks, the room sees the request with a Confirm button, and someone else who may approve confirms.
 * Only then are the server's invites and DMs paused. A drill records it and changes nothing.
 */
export async function askLockdown(deps: Deps, caller: Caller, seq: number): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  if (!deps.chat.lockdown) return problem(locale, { key: 'lockdown.unsupported' });
  const result = await mutateIncident(deps, caller, seq, (incident, now) =>
    requestLockdown(incident, caller.user, now),
  );
  if (!result.ok) return problem(locale, result.error);
  const incident = result.value;
  const t = translator(incident.locale, deps.timeZone);
  const approvers = lockdownApprovers(incident, deps.approvers)
    .filter((id) => id !== caller.user)
    .map((id) => deps.chat.mention(id));
  return announce(deps, caller, incident, [
    {
      title: t('lockdown.requestTitle'),
      lines: [
        t('lockdown.requested', { who: deps.chat.mention(caller.user), hours: LOCKDOWN_HOURS }),
        approvers.length > 0
          ? t('lockdown.askApprovers', { who: approvers.join(', ') })
          : t('lockdown.noApprover'),
      ],
      buttons: [
        {
          label: t('lockdown.confirm'),
          action: { kind: 'lockdown.confirm', args: [String(incident.seq)] },
          style: 'danger',
        },
      ],
      tone: 'warning',
    },
  ]);
}

export async function confirmLockdown(deps: Deps, caller: Caller, seq: number): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const lockdown = deps.chat.lockdown?.bind(deps.chat);
  if (!lockdown) return problem(locale, { key: 'lockdown.unsupported' });
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return problem(locale, target.error);
  // The people the caller stands for: themself, and the roles or groups among the approvers they hold.
  const approvers = lockdownApprovers(target.value, deps.approvers);
  const holders = [caller.user];
  for (const id of approvers) if ((await deps.chat.members(id)).includes(caller.user)) holders.push(id);
  const allowed = canConfirmLockdown(target.value, caller.user, holders, deps.approvers);
  if (!allowed.ok) {
    const who = approvers.map((id) => deps.chat.mention(id)).join(', ');
    return problem(locale, {
      ...allowed.error,
      params: { ...allowed.error.params, ...(who ? { who } : {}) },
    });
  }
  const until = allowed.value.until(deps.clock.now());
  // The server changes first: the record never says invites are paused when Discord refused.
  if (!target.value.drill) await lockdown(target.value.workspace, until);
  const result = await mutateIncident(deps, caller, seq, (incident, now) =>
    recordLockdown(incident, caller.user, until, now),
  );
  if (!result.ok) return problem(locale, result.error);
  const incident = result.value;
  const t = translator(incident.locale, deps.timeZone);
  const requester = incident.lockdown?.requestedBy ?? caller.user;
  return announce(deps, caller, incident, [
    {
      lines: [
        t(incident.drill ? 'lockdown.drill' : 'lockdown.applied', {
          until: when(until.toISOString(), t),
          who: deps.chat.mention(caller.user),
          asker: deps.chat.mention(requester),
        }),
      ],
      tone: incident.drill ? 'info' : 'success',
    },
  ]);
}
