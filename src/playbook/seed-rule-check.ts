import { type Playbook, SEED_RULES, type SeedRule } from './schema';

/** What each seed rule asks, for the message that says it is missing. */
const GIST: Record<SeedRule, string> = {
  'never-delete-criticism': 'never delete or hide negative comments or criticism',
  'block-last-resort': "blocking is the last resort, with the lead's approval, logged",
  'answer-every-question': 'answer every question',
  'reply-public-and-private': 'reply in public and in private',
};

/** A seed rule a social playbook neither states nor waives. */
export interface SeedRuleProblem {
  /** Where, as a zod path: the playbook's `rules`. */
  path: (string | number)[];
  message: string;
}

/**
 * Whether the responders face the public on social media: a crisis unless the playbook says otherwise
 * (`social: false`), never an audit unless it says so. Derived rather than required, so a team's own
 * crisis playbook is checked without a flag it does not know about.
 */
export function isSocial(playbook: Playbook): boolean {
  return playbook.social ?? playbook.kind === 'crisis';
}

/**
 * A social playbook keeps every seed rule: one of its rules carries the seed rule's id, or `waived`
 * says why it does not apply. Checked by `npm run playbooks:check`, not at start-up: like a template
 * that misses a checklist item, a missing rule informs and never stops calma in a crisis.
 */
export function seedRuleProblems(playbook: Playbook): SeedRuleProblem[] {
  if (!isSocial(playbook)) return [];
  const stated = new Set(playbook.rules.map((rule) => rule.id));
  return SEED_RULES.filter((id) => !stated.has(id) && !playbook.waived?.[id]).map((id) => ({
    path: ['rules'],
    message: `the social playbook "${playbook.id}" lacks the seed rule ${id} (${GIST[id]}): give the rule that says it \`id: ${id}\`, or waive it with the reason under \`waived\``,
  }));
}
