import { z } from 'zod';
import { defineCommand, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, problem } from '../src/app/mutate';
import { drillHelpCard } from '../src/cards/drill';
import { local } from '../src/cards/format';
import { id } from '../src/core/command';
import type { Severity } from '../src/core/types';
import { translator } from '../src/i18n';
import { open } from './open';

/**
 * `/crisis drill [playbook] [scenario]`: opens a practice incident, everything as `/crisis open` but
 * marked DRILL (channel name, cards, announcement, statements, which never leave the chat). With a
 * scenario, its injects are posted in the room at their minutes. Alone, it lists what can be practised.
 */
export async function drill(
  deps: Deps,
  caller: Caller,
  command: { playbook?: string; scenario?: string },
): Promise<Reply> {
  const locale = callerLocale(deps, caller);
  const t = translator(locale, deps.timeZone);
  const help = drillHelpCard(deps.playbooks, t);
  if (!command.playbook) return { cards: [help] };
  // `/crisis drill buffer-2013`: a scenario names its playbook.
  const named = command.scenario ? undefined : deps.playbooks.scenario(command.playbook);
  const playbookId = named ? named.playbook : command.playbook;
  const scenarioId = named ? named.id : command.scenario;
  const playbook = deps.playbooks.get(playbookId);
  if (!playbook) {
    return problem(
      locale,
      {
        key: 'drill.unknownPlaybook',
        params: { playbook: playbookId, playbooks: deps.playbooks.ids().join(', ') },
      },
      [help],
    );
  }
  const scenario = scenarioId ? deps.playbooks.scenario(scenarioId) : undefined;
  if (scenarioId && scenario?.playbook !== playbook.id) {
    const scenarios = deps.playbooks.scenarios(playbook.id).map((s) => s.id);
    return problem(
      locale,
      {
        key: 'drill.unknownScenario',
        params: {
          scenario: scenarioId,
          playbook: playbook.id,
          scenarios: scenarios.length > 0 ? scenarios.join(', ') : t('drill.none'),
        },
      },
      [help],
    );
  }
  return open(deps, caller, {
    playbook: playbook.id,
    title: scenario
      ? local(scenario.title, t)
      : t('drill.defaultTitle', { playbook: local(playbook.title, t) }),
    ...(scenario?.severity ? { severity: scenario.severity as Severity } : {}),
    drill: true,
    ...(scenario ? { scenario: scenario.id } : {}),
  });
}

export const drillCommand = defineCommand({
  name: 'drill',
  names: { es: 'simulacro', fr: 'exercice' },
  args: z.object({ playbook: z.string().optional(), scenario: z.string().optional() }),
  // Ids only: whether they exist is the handler's to say, with the lists.
  read: [id('playbook'), id('scenario')],
  extra: { key: 'drill.usage' },
  options: [
    option.string('playbook', 'drillPlaybook', {
      max: 100,
      choices: 'playbook',
      read: (v) => String(v).toLowerCase(),
    }),
    option.string('scenario', 'scenario', { max: 100, read: (v) => String(v).toLowerCase() }),
  ],
  usage: (a) => `drill [${a('playbook')}] [${a('scenario')}]`,
  help: 'drill.helpDrill',
  access: 'anyone',
  run: drill,
});
