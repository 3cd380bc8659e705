import { z } from 'zod';
import { defineCommand, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale } from '../src/app/mutate';
import { listCard } from '../src/cards/list';
import { flag } from '../src/core/command';
import { translator } from '../src/i18n';

/** `/crisis list [all]`: open incidents (or all), newest first. */
export async function list(deps: Deps, caller: Caller, command: { all: boolean }): Promise<Reply> {
  const incidents = await deps.store.list(caller.workspace, { all: command.all });
  return { cards: [listCard(incidents, command.all, translator(callerLocale(deps, caller), deps.timeZone))] };
}

export const listCommand = defineCommand({
  name: 'list',
  names: { es: 'lista', fr: 'liste' },
  args: z.object({ all: z.boolean().default(false) }),
  read: [flag('all', ['all', 'todas', 'todos', 'toutes', 'tous'])],
  options: [option.boolean('all', 'all')],
  usage: () => 'list [all]',
  help: 'help.list',
  access: 'anyone',
  run: list,
});
