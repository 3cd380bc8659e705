import { templateProblems } from '../../../src/playbook/template-check';
import { expectEveryTextWrittenPerLanguage, useShippedPlaybook } from '../../support/playbooks';

const DAY = 24 * 60;

describe('the preparedness-audit playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('preparedness-audit');

  it('GIVEN the shipped file WHEN loaded THEN it is a SEV4 audit, not a crisis, in a channel the whole team can join', () => {
    expect(playbook()).toMatchObject({ kind: 'audit', severity: 4, private: false, codename: false });
  });

  it('GIVEN its posture THEN it is practice, not a response: no cluster, instruct only', () => {
    expect(playbook().posture).toMatchObject({ cluster: 'none', strategies: ['instruct'] });
    expect(playbook().posture.why.en).toMatch(/not a crisis/i);
    expect(playbook().posture.why.en).toMatch(/practice/i);
  });

  it('GIVEN an audit publishes nothing THEN no step has a statement template, none asks for status updates, and the template check has nothing to say', () => {
    expect(playbook().steps.filter((s) => s.template !== undefined || s.statement !== undefined)).toEqual([]);
    expect(playbook().cadence).toEqual({ sev1: null, sev2: null, sev3: null, sev4: null });
    expect(templateProblems(playbook())).toEqual([]);
  });

  it('GIVEN its steps THEN every check of the seed 004 audit is there, in order', () => {
    expect(playbook().steps.map((s) => s.id)).toEqual([
      'open',
      'passwords',
      'two-factor',
      'access-map',
      'connected-tools',
      'kill-switch-test',
      'backup-phone',
      'contact-list',
      'review-statements',
      'last-drill',
      'next-drill',
      'close-audit',
    ]);
  });

  it('GIVEN its steps THEN they are spread over days within two weeks, each due no earlier than the one before', () => {
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(step('open').due).toBe(0);
    for (const s of playbook().steps.slice(1)) expect(s.due).toBeGreaterThanOrEqual(DAY);
    expect(Math.max(...dues)).toBeLessThanOrEqual(14 * DAY);
    expect(new Set(dues).size).toBeGreaterThanOrEqual(8);
  });

  it('GIVEN its steps THEN testing the kill switch, re-approving the statements and closing need an approval', () => {
    expect(step('kill-switch-test').approval).toEqual(['lead']);
    expect(step('review-statements').approval).toEqual(['approver', 'legal']);
    expect(step('close-audit').approval).toEqual(['lead']);
    for (const s of playbook().steps) {
      for (const role of [s.role, ...s.approval]) expect(playbook().roles).toContain(role);
    }
  });

  it('GIVEN the checks THEN each says concretely what to look at', () => {
    expect(step('passwords').what.en).toMatch(/password manager/);
    expect(step('two-factor').what.en).toMatch(/backup codes/);
    expect(step('access-map').what.en).toMatch(/devices/);
    expect(step('connected-tools').what.en).toMatch(/token/);
    expect(step('kill-switch-test').what.en).toMatch(/pause all scheduled posting/);
    expect(step('backup-phone').what.en).toMatch(/different carrier/);
    expect(step('contact-list').what.en).toMatch(/legal/);
    expect(step('review-statements').what.en).toMatch(/statement templates of every playbook/);
    expect(step('last-drill').what.en).toMatch(/did not foresee/);
    expect(step('next-drill').what.en).toMatch(/calendar/);
  });

  it('GIVEN its rules THEN no secret goes in the channel, nothing is published and the social rules are read again', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /never write a password/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /publishes nothing/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody does this alone/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /never delete or hide criticism/i.test(rule))).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it.each([
    ['Quarterly preparedness audit', 'en'],
    ['Vulnerability audit: passwords and access', 'en'],
    ['Auditoría trimestral', 'es'],
    ['Auditoría de preparación del segundo semestre', 'es'],
    ['Audit de préparation', 'fr'],
    ['Audit trimestriel des comptes', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN preparedness-audit comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('preparedness-audit');
  });

  it.each([
    ['Our account got hacked', 'en'],
    ['Nos han hackeado la cuenta', 'es'],
    ['Rumeur sur notre marque', 'fr'],
  ] as const)(
    'GIVEN the crisis title "%s" WHEN suggesting THEN the audit is not offered',
    (title, locale) => {
      expect(registry().suggest(title, locale)).not.toContain('preparedness-audit');
    },
  );
});
