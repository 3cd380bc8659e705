import { z } from 'zod';
import { defineCommand, incidentArg, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, forCaller, problem } from '../src/app/mutate';
import { cardTime, currentStepCard, playbookOf } from '../src/app/room';
import { targetIncident } from '../src/app/target';
import { summaryCard } from '../src/cards/summary';
import { timelineLine } from '../src/cards/timeline';
import { digits } from '../src/core/command';
import { translator } from '../src/i18n';

const RECENT = 5;

/** `/crisis status [#N]`: the summary, the step the team is on, and what happened last. */
export async function status(deps: Deps, caller: Caller, command: { incident?: number }): Promise<Reply> {
  const target = await targetIncident(deps, caller, command.incident);
  if (!target.ok) return problem(callerLocale(deps, caller), target.error);
  const incident = target.value;
  // Only the caller sees this: their own time zone where the platform gives it.
  const own = forCaller(deps, caller);
  const t = translator(incident.locale, own.timeZone);
  const mention = (u: string) => deps.chat.mention(u);
  const timeline = await deps.store.timeline(incident.workspace, incident.seq);
  const step = currentStepCard(own, incident);
  // Evidence gets its own list: it matters for the postmortem (and lawyers) long after it scrolls by.
  const evidence = timeline.filter((e) => e.kind === 'evidence' || e.kind === 'captured');
  return {
    cards: [
      summaryCard(incident, playbookOf(deps, incident), t, mention, cardTime(deps)),
      ...(step ? [step] : []),
      ...(evidence.length > 0
        ? [
            {
              title: `${t('evidence.title')} (${evidence.length})`,
              lines: evidence.slice(-RECENT).map((e) => timelineLine(e, t, mention)),
            },
          ]
        : []),
      { title: t('status.recent'), lines: timeline.slice(-RECENT).map((e) => timelineLine(e, t, mention)) },
    ],
  };
}

export const statusCommand = defineCommand({
  name: 'status',
  names: { es: 'estado', fr: 'état', also: ['statut'] },
  args: z.object({ incident: incidentArg }),
  // `status 3` is incident 3, as `status #3`.
  read: [digits('incident')],
  options: [option.incident()],
  usage: () => 'status [#N]',
  help: 'help.status',
  access: 'anyone',
  run: status,
});
