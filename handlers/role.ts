import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { briefRole } from '../src/app/open-incident';
import { playbookOf } from '../src/app/room';
import { assignRole } from '../src/core/incident';
import type { Role, UserId } from '../src/core/types';
import { roleName, translator } from '../src/i18n';

/** `/crisis role <role> @user`: names who holds a role, invites them and sends them the role's brief. */
export async function role(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; role: Role; user: UserId },
): Promise<Reply> {
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    assignRole(incident, command.role, command.user, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  if (incident.room) await deps.chat.invite(incident.room, [command.user]);
  await briefRole(deps, incident, playbookOf(deps, incident), command.role, command.user);
  const t = translator(incident.locale);
  const text = t('role.assigned', {
    user: deps.chat.mention(command.user),
    role: roleName(t, command.role),
    who: deps.chat.mention(caller.user),
  });
  return announce(deps, caller, incident, [{ lines: [text], tone: 'info' }]);
}
