import { checkStatement } from '../../../src/core/checklist';
import { LOCALES } from '../../../src/core/types';
import type { Step } from '../../../src/playbook/schema';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

describe('the troll-attack playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('troll-attack');

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV2 playbook with an hourly SEV2 cadence', () => {
    expect(playbook()).toMatchObject({ severity: 2, private: false, cadence: { sev2: 60 } });
  });

  it('GIVEN its steps THEN each is due no earlier than the one before, and both statements come within the SEV2 hour', () => {
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(step('holding-statement').due).toBeLessThanOrEqual(60);
    expect(step('full-statement').due).toBeLessThanOrEqual(60);
  });

  it('GIVEN its steps THEN one early step offers the raid lockdown, and it needs an approval', () => {
    const lockdowns = playbook().steps.filter((s) => s.action === 'raid-lockdown');
    expect(lockdowns.map((s) => s.id)).toEqual(['raid-lockdown']);
    const [lockdown] = lockdowns as [Step];
    expect(lockdown.due).toBeLessThanOrEqual(10);
    expect(lockdown.approval.length).toBeGreaterThan(0);
    expect(lockdown.what.en).toMatch(/Discord/);
    expect(lockdown.what.en).toMatch(/24 hours/);
    expect(lockdown.what.en).toMatch(/Slack/);
  });

  it('GIVEN its steps THEN removing content and both public statements need an approval', () => {
    expect(step('moderate-by-the-rules').approval).toEqual(['lead']);
    expect(step('holding-statement').approval).toEqual(['approver']);
    expect(step('full-statement').approval).toEqual(['approver']);
  });

  it('GIVEN its rules THEN genuine negative comments are never deleted and blocking needs approval', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /never delete/i.test(rule) && /genuine/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /only after it has been archived/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /don't feed the trolls/i.test(rule))).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it.each(LOCALES)(
    'GIVEN the %s holding statement WHEN checked THEN it covers the whole statement checklist and trips no warning',
    (locale) => {
      expectStatementPassesChecklist(step('holding-statement'), locale);
    },
  );

  it.each(LOCALES)(
    'GIVEN the %s full statement WHEN checked under its rebuttal posture THEN it covers what a rebuttal owes, trips no warning, and never apologises beside its denial',
    (locale) => {
      const result = checkStatement(step('full-statement').template?.[locale] ?? '', locale, {
        kind: 'full',
        strategies: playbook().posture.strategies,
        template: true,
        facts: [],
      });
      expect({ missing: result.missing, warnings: result.warnings }).toEqual({ missing: [], warnings: [] });
      expect(result.covered).toEqual(
        expect.arrayContaining(['empathy', 'what-happened', 'who-affected', 'data']),
      );
      expect(result.covered).not.toContain('apology');
    },
  );

  it.each([
    ['troll raid on our Discord', 'en'],
    ['Coordinated attack: bots spreading fake news', 'en'],
    ['bulo sobre nuestro producto', 'es'],
    ['Acoso a nuestra community manager', 'es'],
    ['rumeur sur notre marque', 'fr'],
    ['Harcèlement et désinformation', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN troll-attack comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('troll-attack');
  });
});
