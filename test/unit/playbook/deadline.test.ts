import { LOCALES } from '../../../src/core/types';
import { Playbook } from '../../../src/playbook/schema';
import { useShippedPlaybook } from '../../support/playbooks';

const text = (en: string) => ({ en, es: `${en} (es)`, fr: `${en} (fr)` });
const playbook = (deadline: unknown) =>
  Playbook.safeParse({
    id: 'breach',
    title: text('Breach'),
    description: text('Personal data exposed.'),
    severity: 1,
    posture: { cluster: 'preventable', strategies: ['instruct'], why: text('People first.') },
    roles: ['lead', 'legal'],
    deadline,
    steps: [
      { id: 'notify', title: text('Notify the authority'), role: 'legal', due: 60, what: text('File it.') },
    ],
  });
const messages = (deadline: unknown) => {
  const parsed = playbook(deadline);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('a playbook deadline counting from awareness', () => {
  const valid = { name: text('Notification'), step: 'notify', within: 4320, remind: [2880, 3600, 4200] };

  test('GIVEN a deadline met by a step of the playbook, reminders ascending before it WHEN loaded THEN it is valid', () => {
    expect(messages(valid)).toEqual([]);
  });

  test('GIVEN a deadline naming no step of the playbook WHEN loaded THEN the problem names the step', () => {
    expect(messages({ ...valid, step: 'notify-regulator' })).toEqual([
      'deadline.step: no step "notify-regulator" to meet the deadline',
    ]);
  });

  test('GIVEN reminders out of order or at or after the deadline WHEN loaded THEN refused', () => {
    const refused = ['deadline.remind: reminders come in ascending order, each before `within`'];
    expect(messages({ ...valid, remind: [3600, 2880] })).toEqual(refused);
    expect(messages({ ...valid, remind: [2880, 4320] })).toEqual(refused);
  });
});

describe('data-breach: the GDPR clock', () => {
  const breach = useShippedPlaybook('data-breach');

  test('GIVEN the playbook THEN the authority is notified within 72 hours of awareness, reminded at 48, 60 and 70, and the step that starts the clock says how to record awareness', () => {
    expect(breach.playbook().deadline).toMatchObject({
      step: 'notify-regulator',
      within: 72 * 60,
      remind: [48 * 60, 60 * 60, 70 * 60],
    });
    for (const locale of LOCALES) {
      expect({
        locale,
        says: breach.step('start-the-gdpr-clock').what[locale].includes('`/crisis aware '),
      }).toEqual({
        locale,
        says: true,
      });
    }
  });

  test('GIVEN the templates sent before the authority may be notified THEN none says it was: the team fills {authority_line} with what is true', () => {
    const claims = /we have notified|hemos notificado|nous avons notifié/i;
    for (const step of breach.playbook().steps) {
      for (const locale of LOCALES) {
        const template = step.template?.[locale] ?? '';
        expect({ step: step.id, locale, claims: claims.test(template) }).toEqual({
          step: step.id,
          locale,
          claims: false,
        });
      }
    }
    for (const id of ['notify-affected-people', 'full-statement']) {
      for (const locale of LOCALES) expect(breach.step(id).template?.[locale]).toContain('{authority_line}');
    }
  });
});
