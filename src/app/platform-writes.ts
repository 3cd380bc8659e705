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

/** A short digest of `content`, the same in every process (marks compared without their nonce). */
export function digestOf(content: unknown): string {
  return createHash('sha256')
    .update(comparableText(JSON.stringify(content)))
    .digest('base64url')
    .slice(0, 22);
}

/**
 * Makes the writes whose target is not known to show that content already, in order, and records what
 * they wrote (kept with the incident in the store, so every process skips the same writes). A write
 * that fails stops the rest and throws; what it was meant to show stays unknown, so the next one goes
 * through. Returns how many were made.
 */
export async function writeChanged(deps: Deps, incident: Incident, writes: Write[]): Promise<number> {
  const { workspace, seq } = incident;
  const tickets = await deps.store.beginWrites(
    workspace,
    seq,
    writes.map((w) => ({ target: w.target, digest: digestOf(w.content) })),
  );
  const done: WriteTicket[] = [];
  try {
    for (const [i, write] of writes.entries()) {
      const ticket = tickets[i];
      if (!ticket) continue;
      await write.run();
      done.push(ticket);
    }
  } finally {
    await deps.store.endWrites(workspace, seq, done).catch((error: unknown) => {
      // Not recorded: the next write of these targets goes through. Only a missed skip.
      deps.log.warn({ err: error, workspace, seq }, 'could not record what the platform was sent');
    });
  }
  return done.length;
}
