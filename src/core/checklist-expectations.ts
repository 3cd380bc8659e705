import { CHECKLIST_ITEMS, type ChecklistItem } from './types';

/**
 * What the statement checklist asks of a statement, by what the statement is (its kind) and how the
 * playbook responds (its posture's strategies). docs/statements.md ("The checklist") shows the table.
 * A holding statement is the first word, written before the facts are in; a status update says what
 * changed and when the next one comes; a full statement says everything. A rebuttal of a false rumour
 * does not apologise (never mix denial with apology), so nothing asks it to.
 */

/** What a statement is: a playbook step's `statement`. */
export const STATEMENT_KINDS = ['holding', 'full', 'update'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** A playbook posture's response strategies (Coombs' SCCT, plus instructing information first). */
export const POSTURE_STRATEGIES = [
  'instruct',
  'apology',
  'correction',
  'compensation',
  'rebuttal',
  'clarification',
] as const;
export type PostureStrategy = (typeof POSTURE_STRATEGIES)[number];

/** What the checklist knows about a statement beyond its words; every field is optional. */
export interface ChecklistContext {
  /** Unknown (free text, no template): checked as a full statement. */
  kind?: StatementKind | undefined;
  /** The playbook's posture; unknown: every strategy, so every item a kind can ask for. */
  strategies?: readonly PostureStrategy[] | undefined;
  /** The brand's own handles (calma.yaml `statements.own_accounts`): never "a named person". */
  ownAccounts?: readonly string[] | undefined;
}

/** Items every statement of a kind is expected to cover, whatever the posture. */
const BY_KIND: Record<StatementKind, readonly ChecklistItem[]> = {
  holding: ['what-happened', 'actions', 'where-updates', 'signature', 'next-update'],
  update: ['next-update'],
  full: ['empathy', 'what-happened', 'actions', 'where-updates', 'questions', 'signature', 'next-update'],
};

/** Items a strategy adds, by kind. A rebuttal or a clarification is the facts: `what-happened`. */
const BY_STRATEGY: Record<PostureStrategy, Partial<Record<StatementKind, readonly ChecklistItem[]>>> = {
  instruct: { holding: ['user-actions'], full: ['who-affected', 'user-actions', 'data'] },
  apology: { holding: ['apology', 'empathy'], full: ['apology', 'who-affected'] },
  correction: { full: ['who-affected'] },
  compensation: { full: ['who-affected'] },
  rebuttal: {},
  clarification: {},
};

/** The items the checklist expects, in CHECKLIST_ITEMS order. No context: all of them. */
export function expectedItems(context: ChecklistContext = {}): ChecklistItem[] {
  const kind = context.kind ?? 'full';
  const expected = new Set<ChecklistItem>(BY_KIND[kind]);
  for (const strategy of context.strategies ?? POSTURE_STRATEGIES) {
    for (const item of BY_STRATEGY[strategy][kind] ?? []) expected.add(item);
  }
  return CHECKLIST_ITEMS.filter((item) => expected.has(item));
}
