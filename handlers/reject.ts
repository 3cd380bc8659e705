import { z } from 'zod';
import { rejectAs } from '../src/app/approval';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { targetIncident } from '../src/app/target';
import { numbered, text } from '../src/core/command';
import { findStatement } from '../src/core/statement';
import type { Incident } from '../src/core/types';
import { translator } from '../src/i18n';

/**
 * `/crisis reject S<n> <reason>` and the Reject button: an approver sends a draft back, saying why, and
 * its card in the room shows it. Without a reason, a form asks for one.
 */
export async function reject(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; statement: number; reason: string },
): Promise<Reply> {
  const target = await targetIncident(deps, caller, command.incident);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const n = command.statement;
  if (!command.reason.trim()) return rejectForm(deps, caller, target.value, n);
  return rejectAs(deps, caller, target.value, { statement: n, reason: command.reason });
}

/** The Reject button asks why. */
function rejectForm(deps: Deps, caller: Caller, incident: Incident, n: number): Reply {
  const found = findStatement(incident, n);
  if (!found.ok) return problem(callerLocale(deps, caller), found.error);
  const t = translator(callerLocale(deps, caller), deps.timeZone);
  return {
    cards: [],
    form: {
      submit: { kind: 'statement.reject', args: [String(incident.seq), String(n)] },
      title: t('statement.forms.rejectTitle', { n }),
      fields: [{ id: 'reason', label: t('statement.forms.reason'), type: 'longtext' }],
    },
  };
}

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
