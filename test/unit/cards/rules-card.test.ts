import { rulesCard } from '../../../src/cards/step';
import { LOCALES } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { type Playbook, SEED_RULES } from '../../../src/playbook/schema';

describe('the rules card posted when an incident opens', () => {
  let playbooks: Playbook[];
  beforeAll(async () => {
    playbooks = (await loadPlaybooks([builtinPlaybooksDir])).playbooks;
  });

  test('GIVEN every shipped playbook, in every language THEN the card states its response posture and why, before the rules', () => {
    expect(playbooks.length).toBeGreaterThan(0);
    for (const playbook of playbooks) {
      for (const locale of LOCALES) {
        const t = translator(locale);
        const lines = rulesCard(playbook, t).lines ?? [];
        const posture = lines[1] ?? '';
        const label = t('posture.line', { strategies: '|', cluster: '|' }).split('|')[0] ?? '';
        expect(posture.startsWith(label)).toBe(true);
        for (const strategy of playbook.posture.strategies)
          expect(posture).toContain(t(`posture.strategy.${strategy}`));
        expect(posture).toContain(t(`posture.cluster.${playbook.posture.cluster}`));
        expect(lines[2]).toBe(playbook.posture.why[locale]);
        expect(lines.slice(3)).toEqual(playbook.rules.map((rule) => `• ${rule[locale]}`));
      }
    }
  });

  test('GIVEN the seed rules tagged with their ids THEN the card shows their words and never an id', () => {
    const tagged = playbooks.filter((p) => p.rules.some((rule) => rule.id));
    expect(tagged.length).toBeGreaterThan(0);
    for (const playbook of tagged) {
      for (const locale of LOCALES) {
        const card = JSON.stringify(rulesCard(playbook, translator(locale)));
        for (const rule of playbook.rules) expect(card).toContain(JSON.stringify(rule[locale]).slice(1, -1));
        for (const id of SEED_RULES)
          expect({ playbook: playbook.id, locale, id, shown: card.includes(id) }).toEqual({
            playbook: playbook.id,
            locale,
            id,
            shown: false,
          });
      }
    }
  });

  test('GIVEN the troll-attack playbook in Spanish THEN the posture reads as a rebuttal without an apology', () => {
    const troll = playbooks.find((p) => p.id === 'troll-attack');
    if (!troll) throw new Error('troll-attack is not shipped');
    const [, posture] = rulesCard(troll, translator('es')).lines ?? [];
    expect(posture).toBe(
      '*Postura de respuesta:* primero, explicar a la gente cómo protegerse, desmentir los bulos con hechos, sin pedir perdón por ellos. El público nos ve como el blanco, no como la causa.',
    );
  });
});
