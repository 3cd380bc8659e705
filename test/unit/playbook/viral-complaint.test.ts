import { LOCALES } from '../../../src/core/types';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

describe('the viral-complaint playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('viral-complaint');

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV2 crisis playbook under its real title', () => {
    expect(playbook()).toMatchObject({ severity: 2, private: false, codename: false, kind: 'crisis' });
  });

  it('GIVEN its steps THEN they follow the P2 sketch in order, each due no earlier than the one before', () => {
    expect(playbook().steps.map((s) => s.id)).toEqual([
      'open',
      'capture-the-post',
      'severity-and-roles',
      'check-the-facts',
      'holding-statement',
      'talk-to-the-person',
      'moderate-abuse-only',
      'status-updates',
      'decide-the-response',
      'full-statement',
      'answer-everyone',
      'close-and-learn',
    ]);
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('GIVEN the SEV2 deadline THEN the post is captured first and both statements come within the hour', () => {
    expect(step('capture-the-post').due).toBeLessThanOrEqual(5);
    expect(step('holding-statement').due).toBeLessThanOrEqual(15);
    expect(step('full-statement').due).toBeLessThanOrEqual(60);
    expect(step('talk-to-the-person').role).toBe('support');
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

  it('GIVEN its steps THEN every public word, every block and the choice of posture need an approval', () => {
    expect(step('holding-statement').approval).toEqual(['lead', 'approver']);
    expect(step('moderate-abuse-only').approval).toEqual(['lead']);
    expect(step('status-updates').approval).toEqual(['lead']);
    expect(step('decide-the-response').approval).toEqual(['approver']);
    expect(step('full-statement').approval).toEqual(['approver']);
    expect(step('close-and-learn').approval).toEqual(['lead']);
  });

  it('GIVEN its posture THEN it rebuilds by default (accidental: apology and correction), never with a rebuttal', () => {
    expect(playbook().posture.cluster).toBe('accidental');
    expect(playbook().posture.strategies).toEqual(['apology', 'correction']);
    expect(playbook().posture.strategies).not.toContain('rebuttal');
  });

  it('GIVEN a misunderstanding THEN the posture and the steps say how to switch to a clarification', () => {
    expect(playbook().posture.why.en).toMatch(/misunderstanding/);
    expect(playbook().posture.why.en).toMatch(/clarification/);
    expect(step('decide-the-response').what.en).toMatch(/misunderstanding: switch to a clarification/i);
    expect(step('decide-the-response').what.en).toMatch(/never mix an apology with a denial/i);
    expect(step('full-statement').what.en).toMatch(/for a clarification, rewrite/i);
    for (const other of ['troll-attack', 'data-breach', 'misconduct']) {
      expect(step('decide-the-response').what.en).toContain(other);
    }
  });

  it('GIVEN its rules THEN criticism is never deleted, blocking needs approval and the person is answered in public and in private', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /never delete or hide criticism/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /only after it has been archived/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /in public and in private/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /let the community speak/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /apologise plainly/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /never share the person's details/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody handles this alone/i.test(rule))).toBe(true);
  });

  it('GIVEN the description THEN it names the playbooks to use instead', () => {
    for (const other of [
      'troll-attack',
      'pricing-error',
      'data-breach',
      'misconduct',
      'service-outage',
      'hacked-account',
    ]) {
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
    'GIVEN the %s holding and full statements WHEN checked THEN they cover the whole checklist, apology included, and trip no warning',
    (locale) => {
      for (const id of ['holding-statement', 'full-statement'])
        expectStatementPassesChecklist(step(id), locale);
    },
  );

  it.each(LOCALES)(
    'GIVEN the %s templates THEN they never name or tag the person, and end with a human signature and the next update',
    (locale) => {
      for (const id of ['holding-statement', 'status-updates', 'full-statement']) {
        const template = step(id).template?.[locale] ?? '';
        expect(template).not.toMatch(/@/);
        for (const placeholder of ['{topic}', '{date}', '{contact}', '{next_update}', '{name}']) {
          expect({ id, has: template.includes(placeholder) }).toEqual({ id, has: true });
        }
      }
    },
  );

  it.each([
    ['Viral complaint about a late delivery', 'en'],
    ['Angry customer thread going viral on X', 'en'],
    ['Queja viral de una clienta en TikTok', 'es'],
    ['Cliente enfadado: su vídeo se ha hecho viral', 'es'],
    ['Bad buzz : un client mécontent sur LinkedIn', 'fr'],
    ['Plainte virale après une commande perdue', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN viral-complaint comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('viral-complaint');
  });
});
