import { z } from 'zod';
import { type CommandDefinition, defineCommand } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale } from '../src/app/mutate';
import { helpCard } from '../src/cards/help';
import { translator } from '../src/i18n';

/** `/crisis help` (and `/crisis` alone): every command of the registry it runs in. */
export async function help(
  deps: Deps,
  caller: Caller,
  commands: readonly CommandDefinition[],
): Promise<Reply> {
  return {
    cards: [helpCard(translator(callerLocale(deps, caller), deps.timeZone), deps.playbooks.ids(), commands)],
  };
}

export const helpCommand = defineCommand({
  name: 'help',
  names: { es: 'ayuda', fr: 'aide' },
  args: z.object({}),
  options: [],
  usage: () => 'help',
  help: 'help.help',
  access: 'anyone',
  run: (deps, caller, _args, registry) => help(deps, caller, registry.commands),
});
