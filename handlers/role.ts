import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { briefRole } from '../src/app/open-incident';
import { playbookOf } from '../src/app/room';
import { role as roleWord, user } from '../src/core/command';
import { assignRole } from '../src/core/incident';
import type { Role, UserId } from '../src/core/types';
import { ROLES } from '../src/core/types';
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
  const t = translator(incident.locale, deps.timeZone);
  const text = t('role.assigned', {
    user: deps.chat.mention(command.user),
    role: roleName(t, command.role),
    who: deps.chat.mention(caller.user),
  });
  return announce(deps, caller, incident, [{ lines: [text], tone: 'info' }]);
}

export const roleCommand = defineCommand({
  name: 'role',
  names: { es: 'rol', fr: 'rôle' },
  args: z.object({ incident: incidentArg, role: z.enum(ROLES), user: z.string().min(1) }),
  read: [
    roleWord('role', { key: 'role.usage' }),
    user('user', (input) => ({
      key: 'role.noUser',
      params: { role: String(input.values.role), id: String(input.values.role) },
    })),
  ],
  options: [
    option.string('role', 'role', { required: true, max: 20, choices: 'role' }),
    option.mentionable('user', 'holder', true),
    option.incident(),
  ],
  usage: (a) => `role <${a('role')}> @${a('user')}`,
  help: 'help.role',
  access: 'anyone',
  run: role,
});
