import { fail, ok, type Result } from './result';
import type { Change, Followup, Incident, UserId } from './types';

/**
 * Follow-up actions (F1, F2…): what is left to do once the fire is out ("rotate the scheduler's API
 * keys", "brief support on the refund policy"). They can be added before or after closing, and their
 * owners are reminded (`followup` reminders) until each is done or its reminder dismissed.
 */

export const MAX_FOLLOWUP_CHARS = 500;

export function addFollowup(
  incident: Incident,
  input: { text: string; owner?: UserId },
  by: UserId,
  now: Date,
): Result<Change> {
  const text = input.text.trim();
  if (!text) return fail('followup.empty');
  if (text.length > MAX_FOLLOWUP_CHARS) return fail('followup.tooLong', { max: MAX_FOLLOWUP_CHARS });
  const n = (incident.followups?.length ?? 0) + 1;
  const at = now.toISOString();
  const owner = input.owner === undefined ? {} : { owner: input.owner };
  const added: Followup = { n, text, ...owner, by, at };
  return ok({
    incident: { ...incident, followups: [...(incident.followups ?? []), added], updatedAt: at },
    events: [{ kind: 'followup', n, text, ...owner, by, at }],
  });
}

/** Marks a follow-up done: anyone may (the timeline says who), before or after closing. */
export function completeFollowup(incident: Incident, n: number, by: UserId, now: Date): Result<Change> {
  const followup = incident.followups?.find((f) => f.n === n);
  if (!followup) return fail('followup.notFound', { n, seq: incident.seq });
  if (followup.done) return fail('followup.alreadyDone', { n });
  const at = now.toISOString();
  const done: Followup = { ...followup, done: { by, at } };
  return ok({
    incident: {
      ...incident,
      followups: (incident.followups ?? []).map((f) => (f.n === n ? done : f)),
      updatedAt: at,
    },
    events: [{ kind: 'followup-done', n, by, at }],
  });
}

export const openFollowups = (incident: Incident): Followup[] =>
  (incident.followups ?? []).filter((f) => !f.done);
