import path from 'node:path';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import type { Playbook, Step, Text } from '../../../src/playbook/schema';
import { templateProblems } from '../../../src/playbook/template-check';

const file = path.join(builtinPlaybooksDir, 'preparedness-audit.yaml');
const DAY = 24 * 60;

/** Every Text in the playbook, named by where it is, so a failure says which one. */
function textsOf(playbook: Playbook): [string, Text][] {
  const texts: [string, Text][] = [
    ['title', playbook.title],
    ['description', playbook.description],
    ['posture.why', playbook.posture.why],
    ...playbook.rules.map((rule, i): [string, Text] => [`rules.${i}`, rule]),
  ];
  for (const step of playbook.steps) {
    texts.push([`${step.id}.title`, step.title], [`${step.id}.what`, step.what]);
  }
  return texts;
}

describe('the preparedness-audit playbook', () => {
  let playbook: Playbook;
  let registry: PlaybookRegistry;

  const step = (id: string): Step => {
    const found = playbook.steps.find((s) => s.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };

  beforeAll(async () => {
    const loaded = await loadPlaybooks([builtinPlaybooksDir]);
    expect(loaded.problems.filter((problem) => problem.file === file)).toEqual([]);
    const found = loaded.playbooks.find((p) => p.id === 'preparedness-audit');
    if (!found) throw new Error(`${file} did not load`);
    playbook = found;
    registry = new PlaybookRegistry(loaded.playbooks);
  });

  it('GIVEN the shipped file WHEN loaded THEN it is a SEV4 audit, not a crisis, in a channel the whole team can join', () => {
    expect(playbook).toMatchObject({ kind: 'audit', severity: 4, private: false, codename: false });
  });

  it('GIVEN its posture THEN it is practice, not a response: no cluster, instruct only', () => {
    expect(playbook.posture).toMatchObject({ cluster: 'none', strategies: ['instruct'] });
    expect(playbook.posture.why.en).toMatch(/not a crisis/i);
    expect(playbook.posture.why.en).toMatch(/practice/i);
  });

  it('GIVEN an audit publishes nothing THEN no step has a statement template, none asks for status updates, and the template check has nothing to say', () => {
    expect(playbook.steps.filter((s) => s.template !== undefined || s.statement !== undefined)).toEqual([]);
    expect(playbook.cadence).toEqual({ sev1: null, sev2: null, sev3: null, sev4: null });
    expect(templateProblems(playbook)).toEqual([]);
  });

  it('GIVEN its steps THEN every check of the seed 004 audit is there, in order', () => {
    expect(playbook.steps.map((s) => s.id)).toEqual([
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
    const dues = playbook.steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(step('open').due).toBe(0);
    for (const s of playbook.steps.slice(1)) expect(s.due).toBeGreaterThanOrEqual(DAY);
    expect(Math.max(...dues)).toBeLessThanOrEqual(14 * DAY);
    expect(new Set(dues).size).toBeGreaterThanOrEqual(8);
  });

  it('GIVEN its steps THEN testing the kill switch, re-approving the statements and closing need an approval', () => {
    expect(step('kill-switch-test').approval).toEqual(['lead']);
    expect(step('review-statements').approval).toEqual(['approver', 'legal']);
    expect(step('close-audit').approval).toEqual(['lead']);
    for (const s of playbook.steps) {
      for (const role of [s.role, ...s.approval]) expect(playbook.roles).toContain(role);
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
    const rules = playbook.rules.map((rule) => rule.en);
    expect(rules.some((rule) => /never write a password/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /publishes nothing/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /nobody does this alone/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /never delete or hide criticism/i.test(rule))).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    for (const [where, text] of textsOf(playbook)) {
      expect({ where, distinct: new Set([text.en, text.es, text.fr]).size }).toEqual({ where, distinct: 3 });
    }
  });

  it.each([
    ['Quarterly preparedness audit', 'en'],
    ['Vulnerability audit: passwords and access', 'en'],
    ['Auditoría trimestral', 'es'],
    ['Auditoría de preparación del segundo semestre', 'es'],
    ['Audit de préparation', 'fr'],
    ['Audit trimestriel des comptes', 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN preparedness-audit comes first', (title, locale) => {
    expect(registry.suggest(title, locale)[0]).toBe('preparedness-audit');
  });

  it.each([
    ['Our account got hacked', 'en'],
    ['Nos han hackeado la cuenta', 'es'],
    ['Rumeur sur notre marque', 'fr'],
  ] as const)(
    'GIVEN the crisis title "%s" WHEN suggesting THEN the audit is not offered',
    (title, locale) => {
      expect(registry.suggest(title, locale)).not.toContain('preparedness-audit');
    },
  );
});
