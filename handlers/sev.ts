import { z } from 'zod';
import { statementApprovals } from '../src/app/approvers';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { showStatement } from '../src/app/statement-room';
import { severityLabel } from '../src/cards/format';
import { stillNeeded } from '../src/cards/statement';
import { severity, severityOf } from '../src/core/command';
import { setSeverity } from '../src/core/incident';
import { ok } from '../src/core/result';
import { withApprovalPolicy } from '../src/core/statement';
import type { Severity, Statement } from '../src/core/types';
import { SEVERITIES } from '../src/core/types';
import { translator } from '../src/i18n';

/** `/crisis sev <1-4>` and the severity buttons. When unsure, pick the higher level (docs/crisis-craft.md). */
export async function sev(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; severity: Severity },
): Promise<Reply> {
  let previous: Severity | null = null;
  let before: Statement[] = [];
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    previous = incident.severity;
    before = incident.statements ?? [];
    const changed = setSeverity(incident, command.severity, caller.user, now);
    if (!changed.ok) return changed;
    // Drafts waiting for approval need what the new severity asks (more slots, never fewer).
    const next = changed.value.incident;
    return ok({ ...changed.value, incident: withApprovalPolicy(next, statementApprovals(deps, next)) });
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  const t = translator(incident.locale, deps.timeZone);
  const text = t('sev.changed', {
    from: severityLabel(previous),
    to: severityLabel(command.severity),
    who: deps.chat.mention(caller.user),
  });
  const raised = (incident.statements ?? []).filter(
    (s) => s.requires.length > (before.find((b) => b.n === s.n)?.requires.length ?? s.requires.length),
  );
  const mention = (u: string) => deps.chat.mention(u);
  for (const s of raised) await showStatement(deps, incident, s.n);
  return announce(deps, caller, incident, [
    {
      lines: [
        text,
        ...raised.map((s) =>
          t('statement.moreApprovals', {
            n: s.n,
            needed: stillNeeded(incident, s, deps.approvers, t, mention),
          }),
        ),
      ],
      tone: command.severity <= 2 ? 'danger' : 'info',
    },
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
