import { expectEveryTextWrittenPerLanguage, useShippedPlaybook } from '../../support/playbooks';

describe('the hacked-account playbook', () => {
  const { playbook } = useShippedPlaybook('hacked-account');

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV1 playbook', () => {
    expect(playbook()).toMatchObject({ severity: 1, private: false });
  });

  it('GIVEN its steps THEN they follow the P1 sketch in order, each due no earlier than the one before', () => {
    expect(playbook().steps.map((step) => step.id)).toEqual([
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
    const dues = playbook().steps.map((step) => step.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(playbook().steps.find((s) => s.id === 'holding-statement')?.due).toBeLessThanOrEqual(15);
  });

  it('GIVEN its steps THEN the kill switch needs no approval and every public statement does', () => {
    const approval = (id: string) => playbook().steps.find((step) => step.id === id)?.approval;
    expect(approval('kill-switch')).toEqual([]);
    expect(approval('remove-attacker-posts')).toEqual(['lead']);
    expect(approval('holding-statement')).toEqual(['lead', 'approver']);
    expect(approval('full-statement')).toEqual(['approver']);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it.each(['en', 'es', 'fr'] as const)(
    'GIVEN the %s holding statement THEN it tells people since when not to click and when the next update comes',
    (locale) => {
      const template = playbook().steps.find((step) => step.id === 'holding-statement')?.template?.[locale];
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
      const templates = playbook().steps.flatMap((step) => (step.template ? [step.template[locale]] : []));
      expect(templates.length).toBeGreaterThanOrEqual(2);
      for (const template of templates) {
        for (const warning of warnings[locale]) expect(template).not.toMatch(warning);
      }
    },
  );
});
