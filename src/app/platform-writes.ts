import { createHash } from 'node:crypto';
import { comparableText } from '../core/markup';
import type { Incident } from '../core/types';
import type { WriteTicket } from '../ports/incident-store';
import type { Deps } from './deps';

/** A platform write of an incident's: its target, what it shows (anything JSON), and the call itself. */
export interface Write {
  /** `topic`, `summary`, `announcement`: one per thing on the platform the incident keeps up to date. */
  target: string;
  /** What the target shows after the write, where it is (room, message) included. */
  content: unknown;
  run: () => Promise<void>;
}

/**
 * How long a write waits for another process's write of the same target to end before going ahead
 * anyway (two writes at once leave what the target shows unknown, so the next write cannot be skipped).
 * A platform call usually takes well under this; one waiting out a rate limit, or a dead process's, does not.
 */
export const WRITE_WAIT_MS = 1000;
const WRITE_POLL_MS = 20;

/** A short digest of `content`, the same in every process (marks compared without their nonce). */
export function digestOf(content: unknown): string {
  return createHash('sha256')
    .update(comparableText(JSON.stringify(content)))
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Makes, in order, the writes whose target is not known to show that content already, and records what
 * they wrote (kept with the incident in the store, so every process skips the same writes). A write of
 * a target another process is writing waits for it first (up to WRITE_WAIT_MS), then skips if that one
 * wrote the same. A write that fails stops the rest and throws; what its target shows stays unknown,
 * so the next write goes through. Returns how many were made.
 */
export async function writeChanged(deps: Deps, incident: Incident, writes: Write[]): Promise<number> {
  let made = 0;
  for (const write of writes) {
    const ticket = await begin(deps, incident, { target: write.target, digest: digestOf(write.content) });
    if (!ticket) continue;
    await write.run();
    made++;
    await deps.store.endWrites(incident.workspace, incident.seq, [ticket]).catch((error: unknown) => {
      // Not recorded: the next write of this target goes through. Only a skip missed.
      deps.log.warn(
        { err: error, workspace: incident.workspace, seq: incident.seq },
        'could not record what the platform was sent',
      );
    });
  }
  return made;
}

/** A ticket to write, or null to skip; waits its turn behind another process's write of the target. */
async function begin(
  deps: Deps,
  incident: Incident,
  write: { target: string; digest: string },
): Promise<WriteTicket | null> {
  const deadline = performance.now() + WRITE_WAIT_MS;
  for (;;) {
    const force = performance.now() >= deadline;
    const [ticket] = await deps.store.beginWrites(incident.workspace, incident.seq, [write], force);
    if (ticket !== 'busy') return ticket ?? null;
    await new Promise((resolve) => setTimeout(resolve, WRITE_POLL_MS));
  }
}
