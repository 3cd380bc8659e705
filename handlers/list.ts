import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale } from '../src/app/mutate';
import { listCard } from '../src/cards/list';
import { translator } from '../src/i18n';

/** `/crisis list [all]`: open incidents (or all), newest first. */
export async function list(deps: Deps, caller: Caller, command: { all: boolean }): Promise<Reply> {
  const incidents = await deps.store.list(caller.workspace, { all: command.all });
  return { cards: [listCard(incidents, command.all, translator(callerLocale(deps, caller)))] };
}
