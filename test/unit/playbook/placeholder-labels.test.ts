/**
 * Every blank a shipped template leaves for the team is asked for in the team's language: the drafting
 * form labels a placeholder with the playbook's own prompt (its step's `fields`) or with calma's label for
 * it, in English, Spanish and French. A placeholder with neither showed its raw name ("next update",
 * "wrong price") in a Spanish or French form.
 */
import { placeholders } from '../../../src/core/placeholders';
import { catalogues } from '../../../src/i18n';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';

const LOCALES = ['en', 'es', 'fr'] as const;

test('GIVEN every template of every shipped playbook WHEN its placeholders are listed THEN each has a label in en, es and fr, or a prompt of its own', async () => {
  const { playbooks } = await loadPlaybooks([builtinPlaybooksDir]);
  const unlabelled: string[] = [];
  for (const playbook of playbooks) {
    for (const step of playbook.steps) {
      if (!step.template) continue;
      const fields = step.fields ?? {};
      for (const locale of LOCALES) {
        for (const name of placeholders(step.template[locale])) {
          const label: unknown = (catalogues[locale].statement.field as Record<string, string>)[name];
          if (Object.hasOwn(fields, name) || (typeof label === 'string' && label.trim())) continue;
          unlabelled.push(`${playbook.id} ${step.id} ${locale}: {${name}}`);
        }
      }
    }
  }
  expect(playbooks.length).toBeGreaterThan(0);
  expect(unlabelled).toEqual([]);
});
