import { z } from 'zod';
import { defineCommand, option } from '../src/app/command';
import type { Caller, Deps, Reply } from '../src/app/deps';
import { callerLocale, forCaller } from '../src/app/mutate';
import { statsCard } from '../src/cards/stats';
import { integer } from '../src/core/command';
import { incidentStats } from '../src/core/stats';
import { translator } from '../src/i18n';

/**
 * `/crisis stats [days]`: over the incidents of the workspace opened in the last `days` (30 by default),
 * drills left out: how many, how severe, and the median times to the first public statement and to
 * resolution. Shown to the caller only, in their language and time zone.
 */
export async function stats(deps: Deps, caller: Caller, command: { days: number }): Promise<Reply> {
  const incidents = await deps.store.list(caller.workspace, { all: true });
  const computed = incidentStats(incidents, deps.clock.now(), command.days);
  return {
    cards: [statsCard(computed, translator(callerLocale(deps, caller), forCaller(deps, caller).timeZone))],
  };
}

/** `stats` alone: the last 30 days. */
const STATS_DEFAULT_DAYS = 30;
const STATS_MAX_DAYS = 3660;
const usage = { key: 'stats.usage', params: { max: STATS_MAX_DAYS } };

export const statsCommand = defineCommand({
  name: 'stats',
  names: { es: 'estadísticas', fr: 'statistiques' },
  args: z.object({ days: z.number().default(STATS_DEFAULT_DAYS) }),
  read: [integer('days', 1, STATS_MAX_DAYS, usage)],
  extra: usage,
  options: [option.integer('days', 'days', { max: STATS_MAX_DAYS })],
  usage: (a) => `stats [${a('days')}]`,
  help: 'help.stats',
  access: 'anyone',
  run: stats,
});
