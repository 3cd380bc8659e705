/**
 * The incident of the Redis memory figure (issue "crisis-time throughput"): a SEV1 opened with
 * `/crisis open`, then 5 notes, 1 statement (drafted, waiting for approval) and 3 step
 * changes (two steps done, one assigned), each through the command router as a user would. Shared by the
 * integration test that bounds it and the report part that measures it.
 */
import type { Caller, Deps } from '../../src/app/deps';
import { dispatch } from '../../src/app/dispatch';

/** Runs the workload in `workspace`; resolves with the incident's seq. */
export async function incidentWorkload(deps: Deps, workspace: string): Promise<number> {
  const ana: Caller = { workspace, user: 'U0ANA', room: 'C_GENERAL' };
  const run = (caller: Caller, text: string) => dispatch(deps, caller, { type: 'command', text });
  const opened = await run(ana, 'open hacked-account sev1 Our account is posting spam');
  const room = opened.openedRoom;
  if (!room) throw new Error('the workload could not open its incident');
  const incident = await deps.store.findByRoom(workspace, room);
  if (!incident) throw new Error('the workload incident is not stored');
  const inRoom = (user: string): Caller => ({ workspace, user, room });
  for (let n = 1; n <= 5; n++) await run(inRoom('U0ANA'), `note Evidence ${n}: screenshots archived`);
  await run(
    inRoom('U0ANA'),
    'update We are aware that our account posted messages we did not write. We have secured it and are removing them.',
  );
  await run(inRoom('U0ANA'), 'step done 1');
  await run(inRoom('U0ANA'), 'step done 2');
  await run(inRoom('U0ANA'), 'step assign @U0BOB 3');
  return incident.seq;
}
