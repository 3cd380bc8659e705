import { createHash } from 'node:crypto';
import { checkStatement } from './checklist';
import type { ChecklistContext } from './checklist-expectations';
import { recordedTopics } from './facts';
import { completeByPublication } from './incident';
import { NETWORK_IDS, NETWORK_LIMITS, type NetworkId, variantLength, variantLimit } from './networks';
import { braced, placeholders } from './placeholders';
import { answerQuestion } from './question';
import { nextCadence, type PlaybookClock, type ReminderPolicy } from './reminders';
import { fail, ok, type Result } from './result';
import type {
  Change,
  ChecklistResult,
  Incident,
  Role,
  Statement,
  TimelineEntry,
  TimelineEvent,
  UserId,
} from './types';

/**
 * Public statements: drafted, checked, approved by people other than their authors, then published.
 * Four eyes: nobody who wrote a word of a statement may approve it, and one person fills one approval
 * slot. Publication freezes the statement (a correction is a new one) and lists where it must be
 * delivered; the outbox delivers and records each delivery.
 */

/** Fits one Slack section (3,000 characters) and one Discord embed description. */
export const MAX_STATEMENT_CHARS = 3000;

/** Where a published statement goes: the incident room, the announcements channel, outbound targets. */
export type Destination = 'room' | 'announcements' | `target:${string}`;

export const isOutbound = (destination: string): boolean => destination.startsWith('target:');

export interface Approver {
  user: UserId;
  /** Approval roles the user holds outside the incident (calma.yaml `approvers`, user groups expanded). */
  roles: Role[];
  /** Where the decision came from when not chat: the timeline says so. */
  via?: 'link';
}

/**
 * What approval and publication need to know: the approval slots the policy asks for now (a severity
 * raised since drafting raises the bar), the cadence (to name the next update) and where to deliver.
 */
export interface PublishContext {
  requires: Role[];
  /** calma.yaml `approvers`: who else could fill each slot, so a multi-role approver takes the scarce one. */
  configured: Partial<Record<Role, UserId[]>>;
  playbook: PlaybookClock;
  policy: ReminderPolicy;
  minuteMs: number;
  destinations: Destination[];
}

const entry = (event: TimelineEvent, by: UserId, now: Date): TimelineEntry => ({
  ...event,
  by,
  at: now.toISOString(),
});

const summary = (checklist: ChecklistResult) => ({
  missing: checklist.missing,
  warnings: checklist.warnings.map((w) => w.kind),
});

function whileOpen(incident: Incident): Result<true> {
  return incident.status === 'open' ? ok(true) : fail('incident.closed', { seq: incident.seq });
}

function validText(text: string): Result<string> {
  const trimmed = text.trim();
  if (!trimmed) return fail('statement.empty');
  if (trimmed.length > MAX_STATEMENT_CHARS) {
    return fail('statement.tooLong', { max: MAX_STATEMENT_CHARS, length: trimmed.length });
  }
  return ok(trimmed);
}

export function findStatement(incident: Incident, n: number): Result<Statement> {
  const statement = incident.statements?.find((s) => s.n === n);
  return statement ? ok(statement) : fail('statement.notFound', { n, seq: incident.seq });
}

/** What an approval records of the text it approves: the text itself could change behind it, this not. */
export const textHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * What one approval covers: the text and every variant. Without variants, the text's own hash (what
 * approvals recorded before variants existed, and what a webhook receiver can check against the text);
 * with them, the hash of the canonical JSON `[text, [[network, variant]…]]`, networks sorted.
 */
export function approvalHash(statement: Pick<Statement, 'text' | 'variants'>): string {
  const variants = Object.entries(statement.variants ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return variants.length === 0
    ? textHash(statement.text)
    : textHash(JSON.stringify([statement.text, variants]));
}

/** A variant within its network's limit, as the network counts; empty means none. */
function validVariant(network: NetworkId, text: string): Result<string> {
  const trimmed = text.trim();
  const max = variantLimit(network);
  // Bounded before counting: counting 1 MB of text is work nobody asked for.
  const length = trimmed.length > 8 * max ? trimmed.length : variantLength(network, trimmed);
  if (length <= max) return ok(trimmed);
  const over =
    max < NETWORK_LIMITS[network].max
      ? 'variant.overCalma'
      : network === 'email_subject'
        ? 'variant.subjectTooLong'
        : 'variant.tooLong';
  return fail(over, { network, length, max });
}

/** Every variant checked; empty ones dropped (`{}` when none is left). */
export function validVariants(
  variants: Partial<Record<NetworkId, string>>,
): Result<Partial<Record<NetworkId, string>>> {
  const kept: Partial<Record<NetworkId, string>> = {};
  for (const network of NETWORK_IDS) {
    const text = variants[network];
    if (text === undefined) continue;
    const valid = validVariant(network, text);
    if (!valid.ok) return valid;
    if (valid.value) kept[network] = valid.value;
  }
  return ok(kept);
}

const withVariants = (variants: Partial<Record<NetworkId, string>>) =>
  Object.keys(variants).length > 0 ? { variants } : {};

/** Statement `n` of an incident that is still open: what edits, approvals and rejections act on. */
function openStatement(incident: Incident, n: number): Result<Statement> {
  const open = whileOpen(incident);
  return open.ok ? findStatement(incident, n) : open;
}

function withStatement(incident: Incident, statement: Statement, now: Date): Incident {
  const statements = (incident.statements ?? []).map((s) => (s.n === statement.n ? statement : s));
  return { ...incident, statements, updatedAt: now.toISOString() };
}

export interface DraftInput {
  text: string;
  by: UserId;
  /** The playbook step whose template it came from. */
  step?: number;
  /** The question it answers once published. */
  answers?: number;
  /** Approval slots to fill, one person each: the approval policy's, however the text was written. */
  requires: Role[];
  /** Outbound targets to send it to once published. */
  targets: string[];
  now: Date;
  /** Its kind and the playbook's posture, which decide what the checklist expects (default: everything). */
  checklist?: ChecklistContext;
  /** The next update calma filled into its template (`{next_update}`), recorded while the text says it. */
  promise?: Statement['promise'];
  /** The request drafting it, when it may run again after its process died (`Caller.request`). */
  request?: string;
  /** Its variants per network, each checked against that network's limit. */
  variants?: Partial<Record<NetworkId, string>>;
}

/** A promise stays with a text only while the text still says it (an edit may have changed the time). */
const promiseIn = (text: string, promise: Statement['promise']) =>
  promise && text.includes(promise.text) ? { promise } : {};

export function draftStatement(incident: Incident, input: DraftInput): Result<Change> {
  const open = whileOpen(incident);
  if (!open.ok) return open;
  // The same request run again (its process died before it was done): its draft is there already.
  if (draftedBy(incident, input.request)) return ok({ incident, events: [] });
  const text = validText(input.text);
  if (!text.ok) return text;
  const variants = validVariants(input.variants ?? {});
  if (!variants.ok) return variants;
  if (input.answers !== undefined && !incident.questions?.some((q) => q.n === input.answers)) {
    return fail('question.notFound', { n: input.answers, seq: incident.seq });
  }
  const n = (incident.statements?.length ?? 0) + 1;
  const checklist = checkStatement(text.value, incident.locale, {
    ...input.checklist,
    facts: recordedTopics(incident),
  });
  const statement: Statement = {
    n,
    text: text.value,
    ...withVariants(variants.value),
    authors: [input.by],
    createdAt: input.now.toISOString(),
    ...(input.request === undefined ? {} : { request: input.request }),
    ...(input.step === undefined ? {} : { step: input.step }),
    ...(input.answers === undefined ? {} : { answers: input.answers }),
    ...promiseIn(text.value, input.promise),
    targets: input.targets,
    requires: input.requires,
    approvals: [],
    status: 'pending',
    version: 1,
    checklist,
  };
  return ok({
    incident: {
      ...incident,
      statements: [...(incident.statements ?? []), statement],
      updatedAt: input.now.toISOString(),
    },
    events: [entry({ kind: 'statement-drafted', n, ...summary(checklist) }, input.by, input.now)],
  });
}

/** The statement `request` drafted, if any. */
export function draftedBy(incident: Incident, request: string | undefined): Statement | undefined {
  return request === undefined ? undefined : incident.statements?.find((s) => s.request === request);
}

/** A new text for a draft (pending or rejected): approvals start over and the editor becomes an author. */
export function editStatement(
  incident: Incident,
  n: number,
  text: string,
  by: UserId,
  now: Date,
  context?: ChecklistContext,
  /** The variants it has from now on; absent: the ones it had. */
  variants?: Partial<Record<NetworkId, string>>,
): Result<Change> {
  const found = openStatement(incident, n);
  if (!found.ok) return found;
  const statement = found.value;
  if (statement.status === 'published') return fail('statement.published', { n });
  const valid = validText(text);
  if (!valid.ok) return valid;
  const checked = validVariants(variants ?? statement.variants ?? {});
  if (!checked.ok) return checked;
  const unchanged = approvalHash({ text: valid.value, variants: checked.value }) === approvalHash(statement);
  if (unchanged && statement.status === 'pending') {
    return fail('statement.unchanged', { n });
  }
  const checklist = checkStatement(valid.value, incident.locale, {
    ...context,
    facts: recordedTopics(incident),
  });
  const { rejection: _dropped, promise, variants: _replaced, ...rest } = statement;
  const edited: Statement = {
    ...rest,
    ...promiseIn(valid.value, promise),
    text: valid.value,
    ...withVariants(checked.value),
    authors: statement.authors.includes(by) ? statement.authors : [...statement.authors, by],
    approvals: [],
    status: 'pending',
    version: statement.version + 1,
    editedAt: now.toISOString(),
    checklist,
  };
  return ok({
    incident: withStatement(incident, edited, now),
    events: [entry({ kind: 'statement-edited', n, ...summary(checklist) }, by, now)],
  });
}

/**
 * A statement still holding a template's `{placeholder}` never reaches the public: whoever approves is
 * told which ones to fill (by an edit) first.
 */
export function unfilledPlaceholders(statement: Statement): Result<true> {
  const texts = [statement.text, ...Object.values(statement.variants ?? {})];
  const left = [...new Set(texts.flatMap((text) => placeholders(text)))];
  return left.length === 0
    ? ok(true)
    : fail('statement.placeholders', { n: statement.n, placeholders: braced(left), count: left.length });
}

/**
 * A draft's slots under the policy as it stands: every slot it already had, plus any more the policy asks
 * now (a severity raised while it waits). Never fewer: a lowered severity does not void a slot, so no
 * draft is left with nothing to approve.
 */
export function raisedBar(slots: Role[], policy: Role[]): Role[] {
  const extra = [...policy];
  for (const role of slots) {
    const i = extra.indexOf(role);
    if (i !== -1) extra.splice(i, 1);
  }
  return [...slots, ...extra];
}

/** Drafts waiting for approval take the policy as it stands (see `raisedBar`); published ones are done. */
export function withApprovalPolicy(incident: Incident, policy: Role[]): Incident {
  if (!incident.statements?.some((s) => s.status !== 'published')) return incident;
  const statements = incident.statements.map((s) =>
    s.status === 'published' ? s : { ...s, requires: raisedBar(s.requires, policy) },
  );
  return { ...incident, statements };
}

/** The approval slots still empty, in order (a slot is a role; `['approver', 'legal']` needs two people). */
export function missingApprovals(statement: Statement): Role[] {
  const filled = [...statement.approvals.map((a) => a.as)];
  return statement.requires.filter((role) => {
    const i = filled.indexOf(role);
    if (i === -1) return true;
    filled.splice(i, 1);
    return false;
  });
}

/** The roles `approver` may approve as: calma.yaml's and the ones held on this incident. */
export function heldRoles(incident: Incident, approver: Approver): Role[] {
  const onIncident = (Object.entries(incident.roles) as [Role, UserId][])
    .filter(([, user]) => user === approver.user)
    .map(([role]) => role);
  return [...new Set([...approver.roles, ...onIncident])];
}

/**
 * Who can fill each missing approval slot: calma.yaml's approvers for that role (users or groups: the
 * role's deputies) and the incident's holder of it, never an author and never someone who has
 * already approved (one person, one slot).
 */
export function approversFor(
  incident: Incident,
  statement: Statement,
  configured: Partial<Record<Role, UserId[]>>,
): { role: Role; people: UserId[] }[] {
  const excluded = new Set([...statement.authors, ...statement.approvals.map((a) => a.by)]);
  return missingApprovals(statement).map((role) => {
    const holder = incident.roles[role];
    const people = new Set([...(configured[role] ?? []), ...(holder ? [holder] : [])]);
    return { role, people: [...people].filter((id) => !excluded.has(id)) };
  });
}

/** Everyone who can fill one of a statement's missing approvals: who to ping, once each. */
export function possibleApprovers(
  incident: Incident,
  statement: Statement,
  configured: Partial<Record<Role, UserId[]>>,
): UserId[] {
  return [...new Set(approversFor(incident, statement, configured).flatMap((slot) => slot.people))];
}

export type ApprovalOutcome = Change & { published: boolean };

/**
 * Records an approval; the last missing one publishes. Run inside the store's atomic update, so two
 * approvers clicking at once fill two slots (or the second is told it is done), and it publishes once.
 */
export function approveStatement(
  incident: Incident,
  n: number,
  approver: Approver,
  context: PublishContext,
  now: Date,
  /** The version the approver read (a button carries it): an edit since then voids the approval. */
  version?: number,
): Result<ApprovalOutcome> {
  const found = openStatement(incident, n);
  if (!found.ok) return found;
  const statement = found.value;
  if (version !== undefined && version !== statement.version && statement.status === 'pending') {
    return fail('statement.changed', { n });
  }
  if (statement.status === 'published') return fail('statement.alreadyPublished', { n });
  if (statement.status === 'rejected') return fail('statement.isRejected', { n });
  const unfilled = unfilledPlaceholders(statement);
  if (!unfilled.ok) return unfilled;
  if (statement.authors.includes(approver.user)) return fail('statement.ownStatement', { n });
  if (statement.approvals.some((a) => a.by === approver.user))
    return fail('statement.alreadyApproved', { n });
  const current: Statement = { ...statement, requires: raisedBar(statement.requires, context.requires) };
  const missing = missingApprovals(current);
  const held = heldRoles(incident, approver);
  // Someone holding several missing roles fills the one fewest others could fill: a lead who is also an
  // approver approves as lead when other approvers exist, so a second person is still able to finish.
  const others = (role: Role) =>
    approversFor(incident, current, context.configured)
      .find((s) => s.role === role)
      ?.people.filter((id) => id !== approver.user).length ?? 0;
  const slot = missing
    .filter((role) => held.includes(role))
    .reduce<Role | undefined>(
      (best, role) => (best === undefined || others(role) < others(best) ? role : best),
      undefined,
    );
  if (!slot) return fail('statement.notApprover', { n, roles: missing.join(', ') });

  const approved: Statement = {
    ...current,
    approvals: [
      ...statement.approvals,
      { by: approver.user, as: slot, at: now.toISOString(), sha256: approvalHash(statement) },
    ],
  };
  const via = approver.via ? { via: approver.via } : {};
  const events = [entry({ kind: 'statement-approved', n, as: slot, ...via }, approver.user, now)];
  if (missingApprovals(approved).length > 0) {
    return ok({ incident: withStatement(incident, approved, now), events, published: false });
  }
  // Edits clear approvals; anything else that changed the text since an approval must not reach the public.
  const hash = approvalHash(approved);
  if (approved.approvals.some((a) => a.sha256 !== hash)) return fail('statement.changedSinceApproval', { n });
  return ok(publish(incident, approved, approver.user, context, now, events));
}

function publish(
  incident: Incident,
  statement: Statement,
  by: UserId,
  context: PublishContext,
  now: Date,
  events: TimelineEntry[],
): ApprovalOutcome {
  const at = now.toISOString();
  // Drills never leave the chat, whatever the caller asked for.
  const destinations = context.destinations.filter((d) => !(incident.drill && isOutbound(d)));
  // The cadence starts again from this publication, and reminds before the next update it promised.
  const { promisedUpdateAt: _previous, ...rest } = incident;
  const promised =
    statement.promise && Date.parse(statement.promise.at) > now.getTime() ? statement.promise.at : null;
  const updated: Incident = {
    ...rest,
    lastUpdateAt: at,
    ...(promised ? { promisedUpdateAt: promised } : {}),
  };
  const next = promised
    ? Date.parse(promised)
    : nextCadence(updated, context.playbook, context.policy, context.minuteMs, now.getTime() + 1)?.dueAt;
  const published: Statement = {
    ...statement,
    status: 'published',
    publishedAt: at,
    ...(next ? { nextUpdateAt: new Date(next).toISOString() } : {}),
    deliveries: Object.fromEntries(destinations.map((d) => [d, { state: 'pending' as const }])),
  };
  // Publishing the statement a step asked for completes that step, in the same update.
  const steps = completeByPublication(
    withStatement(updated, published, now),
    stepsDoneBy(statement, context.playbook),
    statement.n,
    by,
    now,
  );
  const done: Change = {
    incident: steps.incident,
    events: [
      ...events,
      entry(
        {
          kind: 'statement-published',
          n: statement.n,
          ...(published.nextUpdateAt ? { nextUpdateAt: published.nextUpdateAt } : {}),
        },
        by,
        now,
      ),
      ...steps.events,
    ],
  };
  // A public answer to a question answers it only now, once approved and published.
  const answered =
    statement.answers === undefined
      ? null
      : answerQuestion(done.incident, statement.answers, { text: '', statement: statement.n }, by, now);
  if (answered?.ok) {
    return {
      incident: answered.value.incident,
      events: [...done.events, ...answered.value.events],
      published: true,
    };
  }
  return { ...done, published: true };
}

/**
 * The steps a published statement completes: the step whose template it came from and, for an update,
 * the playbook's recurring update steps (the first update published is theirs).
 */
function stepsDoneBy(statement: Statement, playbook: PlaybookClock): number[] {
  if (statement.step === undefined) return [];
  const own = [statement.step];
  if (playbook.steps[statement.step]?.statement !== 'update') return own;
  return [...own, ...playbook.steps.flatMap((step, index) => (step.recurring ? [index] : []))];
}

/** An approver sends a draft back with a reason; an edit makes it pending again. */
export function rejectStatement(
  incident: Incident,
  n: number,
  reason: string,
  approver: Approver,
  now: Date,
): Result<Change> {
  const found = openStatement(incident, n);
  if (!found.ok) return found;
  const statement = found.value;
  if (statement.status === 'published') return fail('statement.alreadyPublished', { n });
  if (statement.status === 'rejected') return fail('statement.isRejected', { n });
  const why = reason.trim();
  if (!why) return fail('statement.reasonRequired', { n });
  const held = heldRoles(incident, approver);
  if (!statement.requires.some((role) => held.includes(role))) {
    return fail('statement.notApprover', { n, roles: missingApprovals(statement).join(', ') });
  }
  const rejected: Statement = {
    ...statement,
    status: 'rejected',
    approvals: [],
    rejection: { by: approver.user, at: now.toISOString(), reason: why },
  };
  return ok({
    incident: withStatement(incident, rejected, now),
    events: [
      entry(
        { kind: 'statement-rejected', n, reason: why, ...(approver.via ? { via: approver.via } : {}) },
        approver.user,
        now,
      ),
    ],
  });
}

/** Pending deliveries of published statements, oldest first: what the outbox still owes. */
export function pendingDeliveries(incident: Incident): { n: number; destination: Destination }[] {
  return (incident.statements ?? []).flatMap((s) =>
    Object.entries(s.deliveries ?? {})
      .filter(([, d]) => d.state === 'pending')
      .map(([destination]) => ({ n: s.n, destination: destination as Destination })),
  );
}

/**
 * Records how one delivery ended. Returns null when there is nothing to record (already recorded by an
 * earlier run of the same job), so a retried job changes nothing twice.
 */
export function recordDelivery(
  incident: Incident,
  n: number,
  destination: Destination,
  outcome: { state: 'delivered' } | { state: 'failed'; error: string },
  now: Date,
): Change | null {
  const statement = incident.statements?.find((s) => s.n === n);
  const delivery = statement?.deliveries?.[destination];
  if (!statement || !delivery || delivery.state !== 'pending') return null;
  const at = now.toISOString();
  const updated: Statement = {
    ...statement,
    deliveries: { ...statement.deliveries, [destination]: { ...outcome, at } },
  };
  const event: TimelineEvent =
    outcome.state === 'delivered'
      ? { kind: 'statement-delivered', n, destination }
      : { kind: 'statement-delivery-failed', n, destination, error: outcome.error };
  return { incident: withStatement(incident, updated, now), events: [entry(event, 'calma', now)] };
}
