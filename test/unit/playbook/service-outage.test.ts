import { checkStatement } from '../../../src/core/checklist';
import { LOCALES } from '../../../src/core/types';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

describe('the service-outage playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('service-outage');

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV2 playbook with updates every 20 minutes from SEV1 to SEV3', () => {
    expect(playbook()).toMatchObject({
      severity: 2,
      private: false,
      kind: 'crisis',
      cadence: { sev1: 20, sev2: 20, sev3: 20 },
    });
  });

  it('GIVEN its steps THEN they follow the P8 sketch in order, each due no earlier than the one before', () => {
    expect(playbook().steps.map((s) => s.id)).toEqual([
      'open',
      'holding-statement',
      'severity-and-roles',
      'scope-update',
      'hold-promotions',
      'feed-reports',
      'answer-people',
      'status-updates',
      'full-statement',
      'external-summary',
      'close-and-learn',
    ]);
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('GIVEN its steps THEN the "investigating" post comes within 5 minutes, the scope within 10, and the first update 20 minutes after the first post', () => {
    expect(step('holding-statement')).toMatchObject({ role: 'comms', statement: 'holding', due: 5 });
    expect(step('scope-update')).toMatchObject({ role: 'comms', statement: 'update' });
    expect(step('scope-update').due).toBeLessThanOrEqual(10);
    expect(step('status-updates')).toMatchObject({ role: 'comms', statement: 'update' });
    expect(step('status-updates').due - step('holding-statement').due).toBeLessThanOrEqual(20);
    expect(step('full-statement')).toMatchObject({ role: 'comms', statement: 'full' });
  });

  it('GIVEN its steps THEN every public post needs an approval, the external report by someone other than the lead', () => {
    for (const id of ['holding-statement', 'scope-update', 'status-updates', 'full-statement']) {
      expect({ id, approval: step(id).approval }).toEqual({ id, approval: ['lead'] });
    }
    expect(step('external-summary').approval).toEqual(['approver']);
    expect(step('close-and-learn').approval).toEqual(['lead']);
    expect(step('hold-promotions').approval).toEqual([]);
  });

  it('GIVEN its posture THEN it is the accidental cluster that owns the problem: instruct, apology, correction', () => {
    expect(playbook().posture).toMatchObject({
      cluster: 'accidental',
      strategies: ['instruct', 'apology', 'correction'],
    });
  });

  it('GIVEN its rules THEN we own it, never give an ETA, never delete complaints and blocking needs approval', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /^Own it/.test(rule) && /never blame/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /never an estimate/i.test(rule) && /next update/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /status page/i.test(rule) && /jargon/i.test(rule))).toBe(true);
    expect(
      rules.some((rule) => /never delete or hide complaints/i.test(rule) && /archiving/.test(rule)),
    ).toBe(true);
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /in public and in private/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /let the community speak/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody handles it alone/i.test(rule))).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it('GIVEN its templates WHEN checked like `npm run playbooks:check` THEN there is no problem', () => {
    expect(templateProblems(playbook())).toEqual([]);
  });

  it.each(LOCALES)(
    'GIVEN the %s "investigating" and resolution posts WHEN checked THEN they cover the whole checklist and trip no warning',
    (locale) => {
      for (const id of ['holding-statement', 'full-statement'])
        expectStatementPassesChecklist(step(id), locale);
    },
  );

  it.each(LOCALES)(
    'GIVEN the %s update templates WHEN checked THEN they name the next update, trip no warning and give no ETA',
    (locale) => {
      for (const id of ['scope-update', 'status-updates']) {
        const result = checkStatement(step(id).template?.[locale] ?? '', locale, { template: true });
        expect({ id, nextUpdate: result.covered.includes('next-update'), warnings: result.warnings }).toEqual(
          {
            id,
            nextUpdate: true,
            warnings: [],
          },
        );
        expect(step(id).template?.[locale]).toContain('{next_update}');
      }
    },
  );

  it.each(LOCALES)('GIVEN the %s resolution post THEN it says whether data was lost', (locale) => {
    const template = step('full-statement').template?.[locale] ?? '';
    expect(template).toContain('{data_outcome}');
    expect(template).toMatch(
      { en: /data lost/, es: /datos: ¿se ha perdido/, fr: /données : ont-elles été perdues/ }[locale],
    );
  });

  it.each([
    ['Checkout down in Europe', 'en'],
    ['Major outage: app not loading', 'en'],
    ['Caída del servicio de pagos', 'es'],
    ['La web no carga', 'es'],
    ['Panne générale du site', 'fr'],
    ['Service indisponible depuis ce matin', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN service-outage comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('service-outage');
  });
});
