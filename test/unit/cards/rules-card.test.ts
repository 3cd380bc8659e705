import { rulesCard } from '../../../src/cards/step';
import { LOCALES } from '../../../src/core/types';
import { translator } from '../../../src/i18n';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import type { Playbook } from '../../../src/playbook/schema';

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

  test('GIVEN the troll-attack playbook in Spanish THEN the posture reads as a rebuttal without an apology', () => {
    const troll = playbooks.find((p) => p.id === 'troll-attack');
    if (!troll) throw new Error('troll-attack is not shipped');
    const [, posture] = rulesCard(troll, translator('es')).lines ?? [];
    expect(posture).toBe(
      '*Postura de respuesta:* primero, explicar a la gente cómo protegerse, desmentir los bulos con hechos, sin pedir perdón por ellos. El público nos ve como el blanco, no como la causa.',
    );
  });
});
