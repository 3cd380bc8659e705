import { LOCALES } from '../../../src/core/types';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

/** The last non-empty line of a statement: who signs it. */
const signatureOf = (template: string) =>
  template
    .split('\n')
    .filter((line) => line.trim() !== '')
    .at(-1) ?? '';

describe('the misconduct playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('misconduct');
  const templated = () => playbook().steps.filter((s) => s.template !== undefined);

  it('GIVEN the shipped file WHEN loaded THEN it is a SEV2 crisis in a private, codenamed channel with HR and legal', () => {
    expect(playbook()).toMatchObject({ severity: 2, kind: 'crisis', private: true, codename: true });
    expect(playbook().roles).toEqual(expect.arrayContaining(['lead', 'comms', 'approver', 'hr', 'legal']));
  });

  it('GIVEN its steps THEN each is due no earlier than the one before, and the holding statement comes within the SEV2 hour', () => {
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(step('holding-statement')).toMatchObject({ statement: 'holding' });
    expect(step('holding-statement').due).toBeLessThanOrEqual(60);
    expect(step('full-statement')).toMatchObject({ statement: 'full' });
  });

  it('GIVEN the evidence THEN the post is archived within minutes, before any removal is decided', () => {
    expect(step('archive-evidence').due).toBeLessThanOrEqual(5);
    expect(step('archive-evidence').due).toBeLessThan(step('decide-removal').due);
  });

  it('GIVEN the risky steps THEN removal and both public statements need approvals, with HR and legal on the statements', () => {
    expect(step('decide-removal').approval).toEqual(expect.arrayContaining(['approver', 'legal']));
    for (const id of ['holding-statement', 'full-statement']) {
      expect({ id, approval: step(id).approval }).toEqual({
        id,
        approval: expect.arrayContaining(['approver', 'hr', 'legal']),
      });
    }
    expect(step('status-updates').approval).toEqual(['lead']);
  });

  it('GIVEN the holding statement THEN its apology owns the act (the post was wrong) instead of apologising for how people felt', () => {
    const owns = {
      en: /was wrong, and it hurt people/,
      es: /estuvo mal e hizo daño/,
      fr: /était inacceptable, et elle a blessé/,
    };
    const feelings = { en: /offended/i, es: /ofendid|se han sentido/i, fr: /choqué|se sont senti/i };
    for (const locale of LOCALES) {
      const apology = (step('holding-statement').template?.[locale] ?? '').split('\n\n')[1] ?? '';
      expect({ locale, owns: owns[locale].test(apology), feelings: feelings[locale].test(apology) }).toEqual({
        locale,
        owns: true,
        feelings: false,
      });
    }
  });

  it('GIVEN the person involved THEN HR, not comms, talks to them, and every template is signed by the spokesperson', () => {
    expect(step('contact-the-person').role).toBe('hr');
    for (const s of templated()) {
      for (const locale of LOCALES) {
        const signature = signatureOf(s.template?.[locale] ?? '');
        expect({ step: s.id, locale, signature }).toEqual({
          step: s.id,
          locale,
          signature: expect.stringMatching(/^\{spokesperson\}/),
        });
        expect(signature).not.toContain('{who}');
      }
    }
  });

  it('GIVEN its posture THEN it rebuilds: apology and correction, never a denial', () => {
    expect(playbook().posture.cluster).toBe('preventable');
    expect(playbook().posture.strategies).toEqual(expect.arrayContaining(['apology', 'correction']));
    expect(playbook().posture.strategies).not.toContain('rebuttal');
  });

  it('GIVEN its rules THEN the spokesperson is never the person involved, no HR detail goes public, and the social rules hold', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /never the spokesperson/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /no personal or HR details in public/i.test(rule))).toBe(true);
    expect(
      rules.some((rule) => /never delete or hide criticism/i.test(rule) && /say so publicly/i.test(rule)),
    ).toBe(true);
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /in public and in private/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /let the community speak/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /apologise plainly/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody handles this alone/i.test(rule))).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it('GIVEN its templates WHEN checked like `npm run playbooks:check` THEN there is no problem', () => {
    expect(templated().map((s) => s.id)).toEqual(['holding-statement', 'status-updates', 'full-statement']);
    expect(templateProblems(playbook())).toEqual([]);
  });

  it.each(LOCALES)(
    'GIVEN the %s holding and full statements WHEN checked THEN each covers the whole checklist and trips no warning',
    (locale) => {
      for (const id of ['holding-statement', 'full-statement'])
        expectStatementPassesChecklist(step(id), locale);
    },
  );

  it.each([
    ["CEO's racist tweet goes viral", 'en'],
    ['Employee misconduct post on LinkedIn', 'en'],
    ['Comentarios machistas de un directivo en LinkedIn', 'es'],
    ['Tuit racista de un empleado', 'es'],
    ['Propos racistes du PDG sur LinkedIn', 'fr'],
    ["Dérapage d'un dirigeant sur X", 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN misconduct comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('misconduct');
  });
});
