import type { Playbook, Step } from './schema';

/** What a statement template is for: the first word, a holding reply; then updates; then the full account. */
export type StatementKind = NonNullable<Step['statement']>;

/**
 * The step whose template drafts a statement of this kind (the first such step), or null when the
 * playbook has none: the template is offered from any step, the draft still counts as that step's.
 */
export function templateStep(playbook: Playbook, kind: StatementKind): number | null {
  const index = playbook.steps.findIndex((step) => step.statement === kind && step.template);
  return index === -1 ? null : index;
}
