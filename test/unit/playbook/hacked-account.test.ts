import path from 'node:path';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import type { Playbook, Text } from '../../../src/playbook/schema';

const file = path.join(builtinPlaybooksDir, 'hacked-account.yaml');

/** Every Text in the playbook, named by where it is, so a failure says which one. */
function textsOf(playbook: Playbook): [string, Text][] {
  const texts: [string, Text][] = [
    ['title', playbook.title],
    ['description', playbook.description],
    ...playbook.rules.map((rule, i): [string, Text] => [`rules.${i}`, rule]),
  ];
  for (const step of playbook.steps) {
    texts.push([`${step.id}.title`, step.title], [`${step.id}.what`, step.what]);
    if (step.template) texts.push([`${step.id}.template`, step.template]);
  }
  return texts;
}

describe('the hacked-account playbook', () => {
  let playbook: Playbook;

  beforeAll(async () => {
    const loaded = await loadPlaybooks([builtinPlaybooksDir]);
    expect(loaded.problems.filter((problem) => problem.file === file)).toEqual([]);
    const found = loaded.playbooks.find((p) => p.id === 'hacked-account');
    if (!found) throw new Error(`${file} did not load`);
    playbook = found;
  });

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV1 playbook', () => {
    expect(playbook).toMatchObject({ severity: 1, private: false });
  });

  it('GIVEN its steps THEN they follow the P1 sketch in order, each due no earlier than the one before', () => {
    expect(playbook.steps.map((step) => step.id)).toEqual([
      'open',
      'kill-switch',
      'archive-evidence',
      'severity-and-roles',
      'remove-attacker-posts',
      'holding-statement',
      'account-recovery',
      'status-updates',
      'full-statement',
      'answer-everyone',
      'close-and-learn',
    ]);
    const dues = playbook.steps.map((step) => step.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(playbook.steps.find((s) => s.id === 'holding-statement')?.due).toBeLessThanOrEqual(15);
  });

  it('GIVEN its steps THEN the kill switch needs no approval and every public statement does', () => {
    const approval = (id: string) => playbook.steps.find((step) => step.id === id)?.approval;
    expect(approval('kill-switch')).toEqual([]);
    expect(approval('remove-attacker-posts')).toEqual(['lead']);
    expect(approval('holding-statement')).toEqual(['lead', 'approver']);
    expect(approval('full-statement')).toEqual(['approver']);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    for (const [where, text] of textsOf(playbook)) {
      expect({ where, distinct: new Set([text.en, text.es, text.fr]).size }).toEqual({ where, distinct: 3 });
    }
  });

  it.each(['en', 'es', 'fr'] as const)(
    'GIVEN the %s holding statement THEN it tells people since when not to click and when the next update comes',
    (locale) => {
      const template = playbook.steps.find((step) => step.id === 'holding-statement')?.template?.[locale];
      for (const placeholder of ['{time}', '{next_update}', '{channel}', '{contact}', '{signature}']) {
        expect(template).toContain(placeholder);
      }
    },
  );

  const warnings = {
    en: [/seriously/i, /shortly/i, /\bsoon\b/i],
    es: [/muy en serio/i, /en breve/i, /\bpronto\b/i],
    fr: [/au sérieux/i, /sous peu/i, /bientôt/i],
  };
  it.each(['en', 'es', 'fr'] as const)(
    'GIVEN the %s statement templates THEN they promise no resolution time and carry no stock security phrase',
    (locale) => {
      const templates = playbook.steps.flatMap((step) => (step.template ? [step.template[locale]] : []));
      expect(templates.length).toBeGreaterThanOrEqual(2);
      for (const template of templates) {
        for (const warning of warnings[locale]) expect(template).not.toMatch(warning);
      }
    },
  );
});
