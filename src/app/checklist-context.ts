import type { ChecklistContext } from '../core/checklist-expectations';
import type { Incident } from '../core/types';
import type { Deps } from './deps';
import { playbookOf } from './room';

/**
 * What the checklist should expect of an incident's statement: the playbook's posture, and the kind of
 * the step it was drafted from (holding, update, full); free text is checked as a full statement. The
 * brand's own handles are never flagged as a named person.
 */
export function checklistContext(
  deps: Pick<Deps, 'playbooks' | 'statements'>,
  incident: Incident,
  step: number | undefined,
): ChecklistContext {
  const playbook = playbookOf(deps, incident);
  return {
    kind: step === undefined ? undefined : playbook.steps[step]?.statement,
    strategies: playbook.posture.strategies,
    ownAccounts: deps.statements?.ownAccounts,
  };
}
