import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { severityLabel } from '../src/cards/format';
import { severity, severityOf } from '../src/core/command';
import { setSeverity } from '../src/core/incident';
import type { Severity } from '../src/core/types';
import { SEVERITIES } from '../src/core/types';
import { translator } from '../src/i18n';

/** `/crisis sev <1-4>` and the severity buttons. When unsure, pick the higher level (docs/crisis-craft.md). */
export async function sev(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; severity: Severity },
): Promise<Reply> {
  let previous: Severity | null = null;
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    previous = incident.severity;
    return setSeverity(incident, command.severity, caller.user, now);
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const t = translator(result.value.locale, deps.timeZone);
  const text = t('sev.changed', {
    from: severityLabel(previous),
    to: severityLabel(command.severity),
    who: deps.chat.mention(caller.user),
  });
  return announce(deps, caller, result.value, [
    { lines: [text], tone: command.severity <= 2 ? 'danger' : 'info' },
  ]);
}

export const sevCommand = defineCommand({
  name: 'sev',
  names: { es: 'gravedad', fr: 'gravité', also: ['severidad', 'sévérité'] },
  args: z.object({ incident: incidentArg, severity: z.literal(SEVERITIES) }),
  glued: true,
  read: [severity('severity', { bare: true, required: true })],
  options: [
    option.string('severity', 'severity', { required: true, max: 10, choices: 'severity', read: severityOf }),
    option.incident(),
  ],
  usage: () => 'sev <1-4>',
  help: 'help.sev',
  access: 'anyone',
  run: sev,
});
