import { LOCALES } from '../../../src/core/types';
import { templateProblems } from '../../../src/playbook/template-check';
import {
  expectEveryTextWrittenPerLanguage,
  expectStatementPassesChecklist,
  useShippedPlaybook,
} from '../../support/playbooks';

describe('the lost-device playbook', () => {
  const { playbook, registry, step } = useShippedPlaybook('lost-device');

  it('GIVEN the shipped file WHEN loaded THEN it is a public SEV3 crisis playbook with the default cadence', () => {
    expect(playbook()).toMatchObject({ severity: 3, private: false, kind: 'crisis', codename: false });
    expect(playbook().cadence).toBeUndefined();
  });

  it('GIVEN its steps THEN they follow the P7 sketch in order, each due no earlier than the one before', () => {
    expect(playbook().steps.map((s) => s.id)).toEqual([
      'open',
      'lock-and-sign-out',
      'second-factor',
      'severity-and-roles',
      'watch-accounts',
      'escalate-on-misuse',
      'holding-statement',
      'answer-people',
      'report-theft',
      'full-statement',
      'close-and-learn',
    ]);
    const dues = playbook().steps.map((s) => s.due);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('GIVEN its steps THEN the device is locked and signed out within 5 minutes and the 2FA moved within 15, without waiting for approval', () => {
    expect(step('lock-and-sign-out')).toMatchObject({ role: 'sme', approval: [] });
    expect(step('lock-and-sign-out').due).toBeLessThanOrEqual(5);
    expect(step('lock-and-sign-out').what.en).toMatch(/Pre-authorised/);
    expect(step('second-factor')).toMatchObject({ role: 'sme', approval: [] });
    expect(step('second-factor').due).toBeLessThanOrEqual(15);
    expect(step('second-factor').what.en).toMatch(/backup codes/);
    expect(step('second-factor').what.en).toMatch(/SIM/);
  });

  it('GIVEN its steps THEN the accounts are watched and misuse escalates to the hacked-account playbook within the first quarter hour', () => {
    expect(step('watch-accounts')).toMatchObject({ role: 'listener', due: 15 });
    const escalate = step('escalate-on-misuse');
    expect(escalate).toMatchObject({ role: 'lead' });
    expect(escalate.due).toBeLessThanOrEqual(15);
    expect(escalate.what.en).toMatch(/hacked-account/);
    expect(escalate.what.en).toMatch(/SEV1/);
    expect(escalate.what.es).toMatch(/hacked-account/);
    expect(escalate.what.fr).toMatch(/hacked-account/);
  });

  it('GIVEN its statements THEN both are only for misuse, need an approval and the holding one comes within the hour', () => {
    const holding = step('holding-statement');
    const full = step('full-statement');
    expect(holding).toMatchObject({ role: 'comms', statement: 'holding', approval: ['lead', 'approver'] });
    expect(full).toMatchObject({ role: 'comms', statement: 'full', approval: ['approver'] });
    expect(holding.due).toBeLessThanOrEqual(60);
    expect(holding.what.en).toMatch(/^Only if an account was misused or people noticed/);
    expect(full.what.en).toMatch(/^Only if an account was misused/);
    expect(step('close-and-learn').approval).toEqual(['lead']);
  });

  it('GIVEN its posture THEN it is the victim cluster that instructs first, apologises and corrects', () => {
    expect(playbook().posture).toMatchObject({
      cluster: 'victim',
      strategies: ['instruct', 'apology', 'correction'],
    });
  });

  it('GIVEN its rules THEN nobody is blamed, no secret goes in a chat, criticism stays and blocking needs approval', () => {
    const rules = playbook().rules.map((rule) => rule.en);
    expect(rules.some((rule) => /no blame/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /never paste a password, a backup code/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /no public statement while nothing has been misused/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /never delete or hide criticism/i.test(rule) && /archived/.test(rule))).toBe(
      true,
    );
    expect(rules.some((rule) => /blocking/i.test(rule) && /approval/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /in public and in private/i.test(rule))).toBe(true);
    expect(rules.some((rule) => /let the community speak/i.test(rule))).toBe(true);
    expect(
      rules.some((rule) => /apologise plainly/i.test(rule) && /nobody handles this alone/i.test(rule)),
    ).toBe(true);
  });

  it('GIVEN every text THEN English, Spanish and French are each written, not copied from another', () => {
    expectEveryTextWrittenPerLanguage(playbook());
  });

  it('GIVEN its templates WHEN checked like `npm run playbooks:check` THEN there is no problem', () => {
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
    'GIVEN the %s holding statement THEN it tells people what not to do since when, and when the next update comes',
    (locale) => {
      const template = step('holding-statement').template?.[locale];
      for (const placeholder of [
        '{account}',
        '{time}',
        '{affected}',
        '{contact}',
        '{next_update}',
        '{name}',
      ]) {
        expect(template).toContain(placeholder);
      }
    },
  );

  it.each([
    ['Work phone stolen on the train', 'en'],
    ['Maya lost her phone with Instagram logged in', 'en'],
    ['Stolen laptop with the social media accounts', 'en'],
    ['Me han robado el móvil del trabajo', 'es'],
    ['Móvil perdido con Instagram abierto', 'es'],
    ['Téléphone pro volé dans le train', 'fr'],
    ["J'ai perdu mon téléphone avec l'appli Instagram", 'fr'],
  ] as const)('GIVEN the title "%s" WHEN suggesting THEN lost-device comes first', (title, locale) => {
    expect(registry().suggest(title, locale)[0]).toBe('lost-device');
  });

  it('GIVEN the stolen-phone drill THEN it practises this playbook, and its first misuse comes before the escalation is due', () => {
    const scenario = registry().scenario('stolen-phone');
    expect(scenario?.playbook).toBe('lost-device');
    expect(
      registry()
        .scenarios('lost-device')
        .map((s) => s.id),
    ).toEqual(['stolen-phone']);
    const firstMisuse = scenario?.injects.find((i) => /password was changed/.test(i.text.en));
    expect(firstMisuse?.at).toBeLessThanOrEqual(step('escalate-on-misuse').due);
  });
});
