import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { announce, callerLocale, mutateIncident, problem } from '../src/app/mutate';
import { showStatement } from '../src/app/statement-room';
import { factTopicNames } from '../src/cards/timeline';
import { text } from '../src/core/command';
import { MAX_FACT_CHARS, recordFact } from '../src/core/facts';
import { translator } from '../src/i18n';

/**
 * `/crisis fact <text>`: records what the team has established ("card numbers never reach our servers:
 * checked with the payment provider"), with who and when, on the timeline. A public reassurance on that
 * topic (personal data, payment details, passwords, access) then has a fact behind it: the statement
 * checklist stops warning about it, in the drafts waiting for approval too (their cards are redrawn).
 */
export async function fact(
  deps: Deps,
  caller: Caller,
  command: { incident?: number; text: string },
): Promise<Reply> {
  let before: Record<number, number> = {};
  const result = await mutateIncident(deps, caller, command.incident, (incident, now) => {
    before = warningCounts(incident.statements);
    return recordFact(incident, { text: command.text }, caller.user, now);
  });
  if (!result.ok) return problem(callerLocale(deps, caller), result.error);
  const incident = result.value;
  const after = warningCounts(incident.statements);
  for (const [n, count] of Object.entries(after)) {
    if (before[Number(n)] !== count) await showStatement(deps, incident, Number(n));
  }
  const t = translator(incident.locale, deps.timeZone);
  const recorded = incident.facts?.at(-1);
  return announce(deps, caller, incident, [
    {
      lines: [
        t('fact.recorded', {
          seq: incident.seq,
          who: deps.chat.mention(caller.user),
          topics: factTopicNames(t, recorded?.topics ?? []),
        }),
      ],
      context: recorded?.text ?? '',
      tone: 'success',
    },
  ]);
}

/** How many warnings each draft waiting for approval has: a draft whose count changes is redrawn. */
function warningCounts(statements: { n: number; status: string; checklist: { warnings: unknown[] } }[] = []) {
  return Object.fromEntries(
    statements.filter((s) => s.status !== 'published').map((s) => [s.n, s.checklist.warnings.length]),
  );
}

export const factCommand = defineCommand({
  name: 'fact',
  names: { es: 'comprobado', fr: 'constat' },
  args: z.object({ incident: incidentArg, text: z.string() }),
  // The fact keeps its own words: it is what the team stands behind.
  read: [text('text', 'kept', { key: 'fact.empty' })],
  options: [option.string('text', 'factText', { required: true, max: MAX_FACT_CHARS }), option.incident()],
  usage: (a) => `fact <${a('text')}>`,
  help: 'help.fact',
  access: 'anyone',
  run: fact,
});
