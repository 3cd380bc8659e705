import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale } from '../src/app/mutate';
import { helpCard } from '../src/cards/help';
import { translator } from '../src/i18n';

/** `/crisis help`. */
export async function help(deps: Deps, caller: Caller): Promise<Reply> {
  return { cards: [helpCard(translator(callerLocale(deps, caller)), deps.playbooks.ids())] };
}
