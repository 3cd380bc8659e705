import { z } from 'zod';
import { refreshAnnouncement } from '../src/app/announcement';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { text } from '../src/core/command';
import { reopenIncident } from '../src/core/incident';
import { translator } from '../src/i18n';

/**
 * `/crisis reopen <reason>` undoes `/crisis close`, on the record; without a reason, a form asks why.
 * The announcement says the incident is going again.
 */
export async function reopen(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; reason: string },
): Promise<Reply> {
  if (!command.reason.trim()) {
    const target = await targetIncident(deps, caller, command.incident);
    if (!target.ok) return problem(callerLocale(deps, caller), target.error);
    const t = translator(target.value.locale, deps.timeZone);
    return {
      cards: [],
      form: {
        submit: { kind: 'reopen', args: [String(target.value.seq)] },
        title: t('close.reopenTitle', { seq: target.value.seq }),
        fields: [{ id: 'reason', label: t('close.reopenReasonLabel') }],
      },
    };
  }
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) =>
    reopenIncident(incident, command.reason, caller.user, now),
  );
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  await refreshAnnouncement(deps, incident);
  const t = translator(incident.locale, deps.timeZone);
  return announce(deps, caller, incident, [
    {
      lines: [
        t('close.reopened', {
          seq: incident.seq,
          who: deps.chat.mention(caller.user),
          reason: command.reason.trim(),
        }),
      ],
      tone: 'warning',
    },
  ]);
}

export const reopenCommand = defineCommand({
  name: 'reopen',
  names: { es: 'reabrir', fr: 'rouvrir' },
  // Empty: the handler answers with a form asking why.
  args: z.object({ incident: incidentArg, reason: z.string().default('') }),
  read: [text('reason', 'kept')],
  options: [option.string('reason', 'reopenReason'), option.incident()],
  usage: (a) => `reopen <${a('reason')}>`,
  help: 'help.reopen',
  access: 'anyone',
  run: reopen,
});
