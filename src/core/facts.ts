import { checkStatement, factTopics } from './checklist';
import { fail, ok, type Result } from './result';
import type { Change, FactTopic, Incident, Statement, UserId } from './types';

/**
 * Facts the team has established and stands behind ("card numbers never reach our servers: checked with
 * the payment provider at 14:10"), kept on the incident with who recorded them and when. A public
 * reassurance ("your payment details are safe") is only as true as the fact behind it: the statement
 * checklist warns about a reassurance on a topic no recorded fact covers.
 */

/** Long enough for a sentence and its source, short enough to read on the timeline. */
export const MAX_FACT_CHARS = 500;

/**
 * Records a fact. Its topics are given (a template field says what it is about) or read from its words;
 * a fact that names no topic backs no reassurance, so it is refused with the topics it could name.
 */
export function recordFact(
  incident: Incident,
  input: { text: string; topics?: FactTopic[] },
  by: UserId,
  now: Date,
): Result<Change> {
  if (incident.status !== 'open') return fail('incident.closed', { seq: incident.seq });
  const text = input.text.trim();
  if (!text) return fail('fact.empty', {});
  if (text.length > MAX_FACT_CHARS) return fail('fact.tooLong', { max: MAX_FACT_CHARS });
  const topics = input.topics ?? factTopics(text, incident.locale);
  if (topics.length === 0) return fail('fact.noTopic', {});
  const at = now.toISOString();
  const recorded: Incident = { ...incident, facts: [...(incident.facts ?? []), { text, topics, by, at }] };
  return ok({
    incident: { ...recorded, statements: recheckDrafts(recorded), updatedAt: at },
    events: [{ kind: 'fact', text, topics, by, at }],
  });
}

/**
 * Drafts waiting for approval, their warnings read again with the facts as they now stand: a
 * reassurance a new fact backs no longer warns. Only those warnings can change (nothing else depends on
 * facts), so the rest are kept as the draft's own check found them (with its context: the brand's own
 * handles are no named person).
 */
function recheckDrafts(incident: Incident): Statement[] | undefined {
  const facts = recordedTopics(incident);
  return incident.statements?.map((s) => {
    if (s.status === 'published') return s;
    const before = s.checklist.warnings;
    const warnings = checkStatement(s.text, incident.locale, { facts }).warnings.filter(
      (hit) =>
        hit.kind === 'unbacked-reassurance' ||
        before.some((old) => old.kind === hit.kind && old.excerpt === hit.excerpt),
    );
    return { ...s, checklist: { ...s.checklist, warnings } };
  });
}

/** The topics the incident's recorded facts cover, each once. */
export function recordedTopics(incident: Incident): FactTopic[] {
  return [...new Set((incident.facts ?? []).flatMap((fact) => fact.topics))];
}
