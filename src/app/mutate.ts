import type { Card } from '../core/card';
import type { Result, UserError } from '../core/result';
import type { Change, Incident, Locale } from '../core/types';
import { explain, translator } from '../i18n';
import type { Caller, Deps, Reply } from './deps';
import { postToRoom, refreshRoom } from './room';
import { targetIncident } from './target';

/** A friendly answer to a user's mistake, in their language. */
export function problem(locale: Locale, error: UserError, extra: Card[] = []): Reply {
  const t = translator(locale);
  return { cards: [{ lines: [explain(t, error)], tone: 'warning' }, ...extra] };
}

export const callerLocale = (deps: Deps, caller: Caller): Locale => caller.locale ?? deps.locale;

/** The deps of a reply only the caller sees: its times in the caller's own zone when it is known. */
export const forCaller = (deps: Deps, caller: Caller): Deps =>
  caller.timeZone ? { ...deps, timeZone: caller.timeZone } : deps;

/**
 * The shape of every command that changes an incident: find it, apply a core rule atomically, then show
 * the change in the room (and refresh the pinned summary). A user error stores nothing.
 */
export async function mutateIncident(
  deps: Deps,
  caller: Caller,
  seq: number | undefined,
  rule: (incident: Incident, now: Date) => Result<Change>,
): Promise<Result<Incident>> {
  const target = await targetIncident(deps, caller, seq);
  if (!target.ok) return target;
  const outcome = await deps.store.update(target.value.workspace, target.value.seq, (incident) => {
    const result = rule(incident, deps.clock.now());
    return result.ok ? { result, change: result.value } : { result };
  });
  if (!outcome) return { ok: false, error: { key: 'incident.notFound', params: { seq: target.value.seq } } };
  if (!outcome.result.ok) return outcome.result;
  const incident = outcome.result.value.incident;
  await refreshRoom(deps, incident);
  await deps.scheduler?.sync(incident);
  return { ok: true, value: incident };
}

/**
 * Posts the public record of a change in the incident room; the caller gets the same card only when
 * they typed the command somewhere else (otherwise they already see it in the room).
 */
export async function announce(
  deps: Deps,
  caller: Caller,
  incident: Incident,
  cards: Card[],
): Promise<Reply> {
  for (const card of cards) await postToRoom(deps, incident, card);
  return incident.room === caller.room ? { cards: [] } : { cards };
}
