import { checkStatement } from '../core/checklist';
import { LOCALES } from '../core/types';
import type { Playbook } from './schema';

/** One way a playbook's statement template falls short of the statement checklist. */
export interface TemplateProblem {
  /** Where, as a zod path: `['steps', 5, 'template', 'es']`. */
  path: (string | number)[];
  message: string;
}

/**
 * A shipped template is the statement a team will send in a hurry: in every language it covers every
 * item the checklist expects of its kind under the playbook's posture (checklist-expectations.ts: a
 * holding statement the first word, a status update the next update, a full statement everything, and
 * a rebuttal never an apology) and triggers no warning, a reassurance included ("your data is safe" is a
 * field the team fills with what it has established, or leaves out). Its `{placeholders}` count as filled.
 */
export function templateProblems(playbook: Playbook): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  playbook.steps.forEach((step, index) => {
    if (!step.template) return;
    for (const locale of LOCALES) {
      const result = checkStatement(step.template[locale], locale, {
        kind: step.statement,
        strategies: playbook.posture.strategies,
        template: true,
        // Nothing is recorded when a template is written: a reassurance it asserts is a field to fill.
        facts: [],
      });
      const said: string[] = [];
      if (result.missing.length > 0) said.push(`misses ${result.missing.join(', ')}`);
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
