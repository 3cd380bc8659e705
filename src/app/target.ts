import { fail, ok, type Result } from '../core/result';
import type { Incident } from '../core/types';
import type { Caller, Deps } from './deps';

/**
 * Which incident a command is about: `#N` when given; else the incident whose room the command was typed
 * in; else the only open incident. Anything else is ambiguous, and the user is asked to say `#N`.
 */
export async function targetIncident(deps: Deps, caller: Caller, seq?: number): Promise<Result<Incident>> {
  if (seq !== undefined) {
    const incident = await deps.store.get(caller.workspace, seq);
    return incident ? ok(incident) : fail('incident.notFound', { seq });
  }
  const here = await deps.store.findByRoom(caller.workspace, caller.room);
  if (here) return ok(here);
  const open = await deps.store.list(caller.workspace);
  if (open.length === 1 && open[0]) return ok(open[0]);
  if (open.length === 0) return fail('incident.noneOpen');
  return fail('incident.which', { open: open.map((i) => `#${i.seq}`).join(', ') });
}
