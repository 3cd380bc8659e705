import { LOCALES, ROLES } from '../../../src/core/types';
import { catalogues, explain, type MessageKey, namespaces, roleName, translator } from '../../../src/i18n';

type Tree = { [key: string]: string | Tree };

/** Every message of a catalogue as `['step.already.done', 'Step {{step}} is already done.']`. */
function messages(tree: Tree, path = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${path}${key}`, value]] : messages(value, `${path}${key}.`),
  );
}

/** Leaves that are neither a string nor a nested object (a number, an array, null…) are mistakes. */
function oddLeaves(tree: unknown, path = ''): string[] {
  if (typeof tree === 'string') return [];
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return [path];
  return Object.entries(tree).flatMap(([key, value]) => oddLeaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();

/** `held_one` → `held`: the message a plural form belongs to. */
const base = (key: string): string => key.replace(/_(zero|one|two|few|many|other)$/, '');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Each plural message of a catalogue with the forms it has: `alerts.held` → `['one', 'other']`. */
function pluralForms(tree: Tree): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const [key] of messages(tree)) {
    const form = PLURAL.exec(key)?.[1];
    if (form) forms.set(base(key), [...(forms.get(base(key)) ?? []), form].sort());
  }
  return forms;
}

const english = new Map(messages(catalogues.en as Tree));
const translations = (['es', 'fr'] as const).map((locale) => [locale, catalogues[locale] as Tree] as const);

describe('message catalogues', () => {
  it('GIVEN the English catalogue WHEN walked THEN it has messages and only strings as leaves', () => {
    expect(english.size).toBeGreaterThan(50);
    expect(oddLeaves(catalogues.en)).toEqual([]);
  });

  describe.each(translations)('%s', (locale, catalogue) => {
    const translated = new Map(messages(catalogue));

    it(`GIVEN the ${locale} catalogue WHEN compared with English THEN it has every key and no extra one, namespace by namespace`, () => {
      expect(oddLeaves(catalogue)).toEqual([]);
      for (const [name, tree] of Object.entries(namespaces[locale])) {
        const keys = new Set(messages(tree as Tree).map(([key]) => base(key)));
        const englishKeys = new Set(
          messages(namespaces.en[name as keyof typeof namespaces.en] as Tree).map(([key]) => base(key)),
        );
        expect({ name, keys: [...keys].sort() }).toEqual({ name, keys: [...englishKeys].sort() });
      }
    });

    it(`GIVEN a plural message in ${locale} THEN it has exactly the forms ${locale}'s plural rules ask for`, () => {
      const wanted = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      const forms = pluralForms(catalogue);

      expect(forms.size).toBeGreaterThan(0);
      expect([...forms.keys()].sort()).toEqual([...pluralForms(catalogues.en as Tree).keys()].sort());
      for (const [key, has] of forms) expect({ key, has }).toEqual({ key, has: wanted });
    });

    it(`GIVEN the ${locale} catalogue WHEN read THEN no message is empty`, () => {
      const empty = [...translated].filter(([, text]) => text.trim() === '').map(([key]) => key);

      expect(empty).toEqual([]);
    });

    it(`GIVEN any ${locale} message WHEN compared with English THEN it has exactly the same {{placeholders}}`, () => {
      const mismatched = [...english]
        .map(([key, text]) => ({
          key,
          en: placeholders(text),
          [locale]: placeholders(
            translated.get(key) ?? translated.get(key.replace(/_other$/, '_many')) ?? '',
          ),
        }))
        .filter((m) => JSON.stringify(m.en) !== JSON.stringify(m[locale]));

      expect(mismatched).toEqual([]);
    });

    it(`GIVEN the ${locale} catalogue WHEN compared with English THEN at least 90% of the messages are actually translated`, () => {
      const same = [...english].filter(([key, text]) => translated.get(key) === text).map(([key]) => key);

      expect(same.length / english.size).toBeLessThanOrEqual(0.1);
    });
  });

  it('GIVEN the English catalogue WHEN split in namespaces THEN each top-level key lives in exactly one of them', () => {
    const owners = Object.entries(namespaces.en).flatMap(([name, tree]) =>
      Object.keys(tree).map((key) => [key, name]),
    );
    const keys = owners.map(([key]) => key);

    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(namespaces.en).length).toBeGreaterThanOrEqual(6);
  });

  it.each(LOCALES)(
    'GIVEN every %s message with all its values WHEN translated THEN it resolves to text with nothing left to fill',
    (locale) => {
      const t = translator(locale);
      const unresolved = [...english]
        .map(([key, text]) => {
          const params = Object.fromEntries(placeholders(text).map((name) => [name, `«${name}»`]));
          // A plural form is reached through its base key with a count that selects it.
          const count = key.endsWith('_one') ? 1 : 5;
          return PLURAL.test(key)
            ? ([key, t(base(key) as MessageKey, { ...params, count })] as const)
            : ([key, t(key as MessageKey, params)] as const);
        })
        .filter(([key, out]) => out === key || out.includes('{{') || out.trim() === '');

      expect(unresolved).toEqual([]);
    },
  );
});

describe('plural forms', () => {
  it.each([
    ['en', 1, 'Plus 1 more alert of this group since'],
    ['en', 48, 'Plus 48 more alerts of this group since'],
    ['es', 1, 'Y 1 alerta más de este grupo'],
    ['es', 48, 'Y 48 alertas más de este grupo'],
    ['fr', 1, 'Et 1 alerte de plus de ce groupe'],
    ['fr', 48, 'Et 48 alertes de plus de ce groupe'],
    ['es', 1_000_000, 'Y 1000000 alertas más'],
  ] as const)(
    'GIVEN %s and %d held alerts WHEN the card says so THEN the noun agrees',
    (locale, count, expected) => {
      expect(translator(locale)('alerts.held', { count, since: '12:00' })).toContain(expected);
    },
  );

  it('GIVEN a playbook of one step all done THEN the summary does not say "all 1 steps"', () => {
    expect(translator('en')('summary.allStepsDone', { count: 1 })).toBe('the only step is done or skipped');
    expect(translator('en')('summary.allStepsDone', { count: 9 })).toBe('all 9 steps done or skipped');
  });
});

describe('translator', () => {
  it.each([
    ['en', 'Done', 'Skip', 'Assign'],
    ['es', 'Hecho', 'Omitir', 'Asignar'],
    ['fr', 'Fait', 'Passer', 'Attribuer'],
  ] as const)(
    'GIVEN %s WHEN the step buttons are labelled THEN they are in that language',
    (locale, done, skip, assign) => {
      const t = translator(locale);

      expect(t.locale).toBe(locale);
      expect([t('buttons.done'), t('buttons.skip'), t('buttons.assign')]).toEqual([done, skip, assign]);
    },
  );

  it('GIVEN values WHEN a message is translated THEN they are filled in', () => {
    expect(translator('es')('sev.unchanged', { severity: 2 })).toBe('La gravedad ya es SEV2.');
    expect(translator('fr')('sev.unchanged', { severity: 3 })).toBe('La gravité est déjà SEV3.');
  });

  it('GIVEN a platform mention as a value WHEN a message is translated THEN it is not HTML-escaped', () => {
    const text = translator('en')('role.assigned', { user: '<@U0ANA>', role: 'scribe', who: '<@U0BOB>' });

    expect(text).toBe('<@U0ANA> is now scribe (named by <@U0BOB>).');
  });

  it.each(LOCALES)('GIVEN %s WHEN every role is named THEN each has its own translated name', (locale) => {
    const t = translator(locale);
    const names = ROLES.map((role) => roleName(t, role));

    expect(names.every((name, i) => name !== `roles.${ROLES[i]}` && name.trim() !== '')).toBe(true);
    expect(new Set(names).size).toBe(ROLES.length);
  });
});

describe('explain', () => {
  it('GIVEN role.noUser in Spanish WHEN explained THEN it is Spanish and still shows the command with the role id', () => {
    const text = explain(translator('es'), { key: 'role.noUser', params: { role: 'lead', id: 'lead' } });

    expect(text).toBe('Indica quién asume el rol, con una @mención: `/crisis role lead @nombre`.');
  });

  it('GIVEN a role in the params WHEN explained in Spanish THEN the role name is Spanish', () => {
    const text = explain(translator('es'), {
      key: 'role.unchanged',
      params: { role: 'lead', user: '<@U0ANA>' },
    });

    expect(text).toBe('<@U0ANA> ya es responsable de la crisis.');
  });

  it('GIVEN approval roles WHEN explained in French THEN each role is named in French but the id to type stays as is', () => {
    const text = explain(translator('fr'), {
      key: 'step.needsApprovalRoleless',
      params: { step: 3, roles: 'approver, legal', id: 'approver' },
    });

    expect(text).toContain('valideur·euse, juridique / DPO');
    expect(text).toContain('`/crisis role approver @nom`');
    expect(text).not.toContain('legal,');
  });

  it('GIVEN approval roles WHEN explained in Spanish THEN the list of roles is in Spanish', () => {
    const text = explain(translator('es'), {
      key: 'step.needsApproval',
      params: { step: 2, roles: 'approver, legal' },
    });

    expect(text).toContain('aprobador/a, asesoría jurídica / DPD');
    expect(text).toContain('2');
  });

  it('GIVEN an error without params WHEN explained THEN it is the plain message', () => {
    expect(explain(translator('fr'), { key: 'open.emptyTitle' })).toBe(translator('fr')('open.emptyTitle'));
  });

  it.each(LOCALES)(
    'GIVEN the user typed an unknown role WHEN role.unknown is explained in %s THEN it quotes what they typed',
    (locale) => {
      // parseCommand('role boss @ana') fails with { key: 'role.unknown', params: { role: 'boss' } }.
      const text = explain(translator(locale), { key: 'role.unknown', params: { role: 'boss' } });

      expect(text).toContain('boss');
      expect(text).not.toContain('roles.boss');
    },
  );
});
