import { checkStatement } from '../core/checklist';
import { type ChecklistItem, LOCALES } from '../core/types';
import type { Playbook } from './schema';

/** One way a playbook's statement template falls short of the statement checklist. */
export interface TemplateProblem {
  /** Where, as a zod path: `['steps', 5, 'template', 'es']`. */
  path: (string | number)[];
  message: string;
}

/**
 * A shipped template is the statement a team will send in a hurry: in every language a holding or full
 * statement covers every item of the checklist (docs/crisis-craft.md) and triggers no warning. The apology alone
 * may be left out when the playbook's posture does not apologise (a rebuttal of a rumour: never mix
 * denial with apology). A recurring status update (`statement: update`) must name the next update.
 */
export function templateProblems(playbook: Playbook): TemplateProblem[] {
  const excused = new Set<ChecklistItem>(playbook.posture.strategies.includes('apology') ? [] : ['apology']);
  const problems: TemplateProblem[] = [];
  playbook.steps.forEach((step, index) => {
    if (!step.template) return;
    for (const locale of LOCALES) {
      const result = checkStatement(step.template[locale], locale);
      // A recurring update says what changed and when the next one comes; the rest was said before.
      const missing = result.missing.filter((item) =>
        step.statement === 'update' ? item === 'next-update' : !excused.has(item),
      );
      const said: string[] = [];
      if (missing.length > 0) said.push(`misses ${missing.join(', ')}`);
      if (result.warnings.length > 0) {
        said.push(`warns ${result.warnings.map((w) => `${w.kind} (“${w.excerpt}”)`).join(', ')}`);
      }
      if (said.length > 0) {
        problems.push({
          path: ['steps', index, 'template', locale],
          message: `the statement checklist ${said.join('; ')}`,
        });
      }
    }
  });
  return problems;
}
