import { LOCALES } from '../../../src/core/types';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

/** GDPR Art. 33: the supervisory authority is notified within 72 hours of becoming aware. */
const GDPR_72_HOURS = 72 * 60;

describe('the data-breach playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('data-breach');
  const templated = () => playbook().steps.filter((s) => s.template !== undefined);

  it('GIVEN the shipped file WHEN loaded THEN it is a SEV1 crisis in a private channel named with a codename', () => {
    expect(playbook()).toMatchObject({ severity: 1, kind: 'crisis', private: true, codename: true });
    expect(playbook().roles).toEqual(expect.arrayContaining(['lead', 'comms', 'approver', 'legal']));
  });

  it('GIVEN its steps THEN each is due no earlier than the one before, and the holding statement comes within the SEV1 15 minutes', () => {
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(step('holding-statement')).toMatchObject({ statement: 'holding' });
    expect(step('holding-statement').due).toBeLessThanOrEqual(15);
    expect(step('full-statement')).toMatchObject({ statement: 'full' });
  });

  it('GIVEN the GDPR clock THEN legal records the moment of awareness early and notifies the regulator by 72 hours, with legal approval', () => {
    expect(step('start-the-gdpr-clock')).toMatchObject({ role: 'legal' });
    expect(step('start-the-gdpr-clock').due).toBeLessThanOrEqual(15);
    expect(step('notify-regulator')).toMatchObject({
      role: 'legal',
      due: GDPR_72_HOURS,
      approval: ['legal'],
    });
    expect(step('notify-regulator').what.en).toMatch(/Art\. 33/);
    expect(step('notify-regulator').what.en).toMatch(/72 hours/);
    expect(step('notify-regulator').what.en).toMatch(/in phases/);
  });

  it('GIVEN the people affected THEN they are told before the 72 hours run out, with the Art. 34 content, approved by legal and an approver', () => {
    const notify = step('notify-affected-people');
    expect(notify.due).toBeLessThan(GDPR_72_HOURS);
    expect(notify.approval).toEqual(expect.arrayContaining(['legal', 'approver']));
    expect(notify.what.en).toMatch(/Art\. 34/);
    for (const locale of LOCALES) {
      const template = notify.template?.[locale] ?? '';
      // Nature of the breach, the DPO's contact, likely consequences, measures taken, what to do.
      for (const placeholder of [
        '{what_happened}',
        '{dpo_contact}',
        '{consequences}',
        '{actions}',
        '{what_to_do}',
      ]) {
        expect({ locale, placeholder, found: template.includes(placeholder) }).toEqual({
          locale,
          placeholder,
          found: true,
        });
      }
    }
  });

  it('GIVEN the public statements THEN legal approves each of them, and an approver who is not the author', () => {
    expect(step('holding-statement').approval).toEqual(expect.arrayContaining(['legal', 'approver']));
    expect(step('full-statement').approval).toEqual(expect.arrayContaining(['legal', 'approver']));
    expect(step('status-updates').approval).toEqual(expect.arrayContaining(['legal']));
  });

  it('GIVEN containment THEN it is pre-authorised and keeps the evidence', () => {
    const contain = step('contain-and-preserve');
    expect(contain).toMatchObject({ role: 'sme', approval: [] });
    expect(contain.due).toBeLessThanOrEqual(5);
    expect(contain.what.en).toMatch(/Pre-authorised/);
    expect(contain.what.en).toMatch(/evidence/);
  });

  it('GIVEN its posture THEN people are told how to protect themselves first, and we rebuild without denial', () => {
    expect(playbook().posture.cluster).toBe('preventable');
    expect(playbook().posture.strategies[0]).toBe('instruct');
    expect(playbook().posture.strategies).toContain('apology');
    expect(playbook().posture.strategies).not.toContain('rebuttal');
  });

  it('GIVEN its rules THEN they keep it need-to-know, facts only, ban the security cliché and keep the social rules', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /codename/i.test(rule) && /need to know/i.test(rule))).toBe(true);
    expect(
      rules.some((rule) => /facts only/i.test(rule) && /we take security very seriously/i.test(rule)),
    ).toBe(true);
    expect(rules.some((rule) => /never delete or hide criticism/i.test(rule) && /archive/i.test(rule))).toBe(
      true,
    );
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /in public and in private/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /let the community speak/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody handles this alone/i.test(rule))).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it('GIVEN its templates WHEN checked like `npm run playbooks:check` THEN there is no problem', () => {
    expect(templated().map((s) => s.id)).toEqual([
      'holding-statement',
      'status-updates',
      'notify-affected-people',
      'full-statement',
    ]);
    expect(templateProblems(playbook())).toEqual([]);
  });

  it.each(LOCALES)(
    'GIVEN the %s holding, notification and full statements WHEN checked THEN each covers the whole checklist and trips no warning',
    (locale) => {
      for (const id of ['holding-statement', 'notify-affected-people', 'full-statement'])
        expectStatementPassesChecklist(step(id), locale);
    },
  );

  it.each(LOCALES)('GIVEN the %s templates THEN none says the security cliché in any form', (locale) => {
    for (const s of templated()) {
      expect(s.template?.[locale]).not.toMatch(
        /seriously|en serio|au sérieux|top priority|máxima prioridad/i,
      );
    }
  });

  it.each([
    ['Data breach: customer emails exposed', 'en'],
    ['Personal data leak on our app', 'en'],
    ['Ransomware gang claims to have our customer data', 'en'],
    ['Brecha de datos de clientes', 'es'],
    ['Filtración de datos personales', 'es'],
    ['Fuite de données clients', 'fr'],
    ['Violation de données personnelles – notification CNIL', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN data-breach comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('data-breach');
  });
});
