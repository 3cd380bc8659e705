import { LOCALES } from '../../../src/core/types';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

describe('the pricing-error playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('pricing-error');
  const indexOf = (id: string) => playbook().steps.findIndex((s) => s.id === id);

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV2 crisis playbook that needs legal', () => {
    expect(playbook()).toMatchObject({ severity: 2, private: false, codename: false, kind: 'crisis' });
    expect(playbook().roles).toEqual(
      expect.arrayContaining(['lead', 'comms', 'approver', 'sme', 'support', 'legal']),
    );
  });

  it('GIVEN its steps THEN they follow the P4 sketch in order, each due no earlier than the one before', () => {
    expect(playbook().steps.map((s) => s.id)).toEqual([
      'open',
      'stop-the-damage',
      'archive-public-posts',
      'escalate-and-roles',
      'count-the-orders',
      'holding-statement',
      'talk-to-the-customer',
      'legal-check',
      'decide-the-remedy',
      'status-updates',
      'contact-each-customer',
      'full-statement',
      'close-and-learn',
    ]);
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('GIVEN the damage THEN stopping new sales comes first, within 10 minutes, and needs nobody', () => {
    const stop = step('stop-the-damage');
    expect(stop).toMatchObject({ role: 'sme', approval: [] });
    expect(stop.due).toBeLessThanOrEqual(10);
    expect(stop.what.en).toMatch(/pre-authorised/i);
    expect(stop.what.en).toMatch(/not shipped, not cancelled/);
  });

  it('GIVEN the SEV2 deadline THEN the holding statement and the full statement come within the hour', () => {
    expect(step('holding-statement').due).toBeLessThanOrEqual(60);
    expect(step('full-statement').due).toBeLessThanOrEqual(60);
    expect(step('escalate-and-roles').due).toBeLessThanOrEqual(10);
  });

  it('GIVEN the remedy THEN legal signs off first, the approver decides, and customers hear it before or with the statement', () => {
    expect(step('legal-check')).toMatchObject({ role: 'legal', approval: ['legal'] });
    expect(step('decide-the-remedy')).toMatchObject({ role: 'lead', approval: ['approver'] });
    expect(indexOf('legal-check')).toBeLessThan(indexOf('decide-the-remedy'));
    expect(indexOf('decide-the-remedy')).toBeLessThan(indexOf('full-statement'));
    expect(step('contact-each-customer').due).toBeLessThanOrEqual(step('full-statement').due);
    expect(step('decide-the-remedy').what.en).toMatch(/only among the options legal has cleared/);
    for (const option of [/honour/, /refund/, /gesture/])
      expect(step('decide-the-remedy').what.en).toMatch(option);
  });

  it('GIVEN its steps THEN every public word and every word to the customer needs an approval', () => {
    expect(step('holding-statement').approval).toEqual(['lead']);
    expect(step('talk-to-the-customer').approval).toEqual(['lead']);
    expect(step('status-updates').approval).toEqual(['lead']);
    expect(step('full-statement').approval).toEqual(['approver']);
    expect(step('close-and-learn').approval).toEqual(['lead']);
  });

  it('GIVEN its steps THEN each template is typed, and the holding, update and full ones sit where calma looks for them', () => {
    const typed = playbook()
      .steps.filter((s) => s.template)
      .map((s) => [s.id, s.statement]);
    expect(typed).toEqual([
      ['holding-statement', 'holding'],
      ['status-updates', 'update'],
      ['full-statement', 'full'],
    ]);
  });

  it('GIVEN its posture THEN it is an accident we own: apology, correction and compensation', () => {
    expect(playbook().posture).toMatchObject({
      cluster: 'accidental',
      strategies: ['apology', 'correction', 'compensation'],
    });
  });

  it('GIVEN its rules THEN criticism stays up, nothing is cancelled or promised before the decision, and everyone gets the same', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /never delete or hide criticism/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /only after it has been archived/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /in public and in private/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /let the community speak/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /the mistake is ours: apologise/i.test(rule) && /bad faith/.test(rule))).toBe(
      true,
    );
    expect(rules.some((rule) => /cancelling, refunding, honouring/i.test(rule) && /legal/.test(rule))).toBe(
      true,
    );
    expect(rules.some((rule) => /same situation, same treatment/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody handles this alone/i.test(rule))).toBe(true);
  });

  it('GIVEN the description THEN it covers the 0 EUR case and names the playbooks to use instead', () => {
    expect(playbook().description.en).toMatch(/0 EUR/);
    expect(playbook().description.es).toMatch(/0 euros/);
    expect(playbook().description.fr).toMatch(/0 euro/);
    for (const other of ['viral-complaint', 'service-outage', 'data-breach']) {
      for (const locale of LOCALES) expect(playbook().description[locale]).toContain(other);
    }
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it('GIVEN its templates WHEN checked like `npm run playbooks:check` does THEN there is no problem', () => {
    expect(templateProblems(playbook())).toEqual([]);
  });

  it.each(LOCALES)(
    'GIVEN the %s holding and full statements WHEN checked THEN they cover the whole checklist and trip no warning',
    (locale) => {
      for (const id of ['holding-statement', 'full-statement'])
        expectStatementPassesChecklist(step(id), locale);
    },
  );

  it.each(LOCALES)(
    'GIVEN the %s templates THEN they say which orders, when customers hear from us and when the next update comes',
    (locale) => {
      for (const id of ['holding-statement', 'full-statement']) {
        const template = step(id).template?.[locale] ?? '';
        for (const placeholder of [
          '{product}',
          '{start}',
          '{end}',
          '{reply_by}',
          '{contact}',
          '{next_update}',
          '{name}',
        ]) {
          expect({ id, placeholder, has: template.includes(placeholder) }).toEqual({
            id,
            placeholder,
            has: true,
          });
        }
      }
      expect(step('holding-statement').template?.[locale]).not.toContain('{remedy}');
      expect(step('full-statement').template?.[locale]).toContain('{remedy}');
    },
  );

  it.each([
    ['Pricing error: blender sold at 0 euros', 'en'],
    ['Wrong price on the website, customer went public', 'en'],
    ['Error de precio: un cliente reclama su pedido a 0 euros', 'es'],
    ['Precio equivocado en la web de un producto', 'es'],
    ['Erreur de prix : un client exige sa commande à 0 euro', 'fr'],
    ['Prix erroné sur la fiche produit', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN pricing-error comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('pricing-error');
  });
});
