import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale } from '../src/app/mutate';
import { statsCard } from '../src/cards/stats';
import { incidentStats } from '../src/core/stats';
import { translator } from '../src/i18n';

/**
 * `/crisis stats [days]`: over the incidents of the workspace opened in the last `days` (30 by default),
 * drills left out: how many, how severe, and the median times to the first public statement and to
 * resolution. Shown to the caller only, in their language.
 */
export async function stats(deps: Deps, caller: Caller, command: { days: number }): Promise<Reply> {
  const incidents = await deps.store.list(caller.workspace, { all: true });
  const computed = incidentStats(incidents, deps.clock.now(), command.days);
  return { cards: [statsCard(computed, translator(callerLocale(deps, caller)))] };
}
