import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import type { Playbook } from '../../../src/playbook/schema';

/** Just enough of a playbook for the registry, which only reads ids and keywords. */
function playbook(id: string, keywords: Playbook['keywords']): Playbook {
  const text = { en: id, es: id, fr: id };
  return {
    id,
    title: text,
    description: text,
    severity: 2,
    kind: 'crisis',
    private: false,
    codename: false,
    posture: { cluster: 'victim', strategies: ['instruct'], why: text },
    roles: ['lead'],
    keywords,
    rules: [],
    steps: [{ id: 'only', title: text, role: 'lead', due: 0, what: text, approval: [] }],
  };
}

describe('PlaybookRegistry', () => {
  describe('with the shipped playbooks', () => {
    let registry: PlaybookRegistry;

    beforeAll(async () => {
      registry = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
    });

    it.each([
      ['Our account got hacked', 'en'],
      ['¡Nos han hackeado la cuenta!', 'es'],
      ['Compte piraté', 'fr'],
      ['COMPTE PIRATE, publications non autorisées', 'fr'],
      ['Cuenta comprometida: spam en Instagram', 'es'],
    ] as const)('GIVEN the title "%s" WHEN suggesting THEN hacked-account comes first', (title, locale) => {
      expect(registry.suggest(title, locale)[0]).toBe('hacked-account');
    });

    it('GIVEN a title in another language than the team WHEN suggesting THEN it is still recognised', () => {
      expect(registry.suggest('Compte piraté', 'en')[0]).toBe('hacked-account');
    });

    it.each([
      ['Price shows 0 EUR on the shop', 'en'],
      ['La tienda vende el móvil a 0 EUR', 'es'],
      ['Le site affiche 0 EUR pour la télé', 'fr'],
    ] as const)(
      'GIVEN the title "%s" WHEN suggesting THEN the pricing-error playbook comes first',
      (title, locale) => {
        expect(registry.suggest(title, locale)[0]).toBe('pricing-error');
      },
    );

    it.each(['Hackathon registrations open', ''])(
      'GIVEN the unrelated title "%s" WHEN suggesting THEN nothing is suggested',
      (title) => {
        expect(registry.suggest(title, 'en')).toEqual([]);
      },
    );
  });

  it('GIVEN playbooks in any order WHEN listed THEN they come sorted by id', () => {
    const registry = new PlaybookRegistry([
      playbook('viral-post', undefined),
      playbook('data-breach', undefined),
    ]);

    expect(registry.ids()).toEqual(['data-breach', 'viral-post']);
    expect(registry.list().map((p) => p.id)).toEqual(['data-breach', 'viral-post']);
    expect(registry.get('viral-post')?.id).toBe('viral-post');
    expect(registry.get('nope')).toBeUndefined();
  });

  it('GIVEN two playbooks matching a title WHEN suggesting THEN the one matching more words comes first', () => {
    const registry = new PlaybookRegistry([
      playbook('hacked-account', { en: ['spam'], es: [], fr: [] }),
      playbook('troll-attack', { en: ['spam', 'coordinated attack'], es: [], fr: [] }),
    ]);

    expect(registry.suggest('Coordinated attack: spam in our replies', 'en')).toEqual([
      'troll-attack',
      'hacked-account',
    ]);
  });

  it("GIVEN an equal match WHEN suggesting THEN the playbook whose keyword is in the team's language comes first", () => {
    const registry = new PlaybookRegistry([
      playbook('a-english', { en: ['fuite'], es: [], fr: [] }),
      playbook('b-french', { en: [], es: [], fr: ['fuite'] }),
    ]);

    expect(registry.suggest('Fuite de données', 'fr')).toEqual(['b-french', 'a-english']);
    expect(registry.suggest('Fuite de données', 'en')).toEqual(['a-english', 'b-french']);
  });
});
