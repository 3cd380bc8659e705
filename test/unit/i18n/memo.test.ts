import { when } from '../../../src/cards/format';
import { LOCALES } from '../../../src/core/types';
import { catalogues, i18nextLookup, type MessageKey, type Params, translator } from '../../../src/i18n';

type Tree = { [key: string]: string | Tree };

function messages(tree: Tree, path = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${path}${key}`, value]] : messages(value, `${path}${key}.`),
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every message key (plural forms by their base), with the placeholders any language gives it. */
function keysAndNames(): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const locale of LOCALES) {
    for (const [key, text] of messages(catalogues[locale] as Tree)) {
      const base = key.replace(PLURAL, '');
      const names = keys.get(base) ?? new Set<string>();
      if (PLURAL.test(key)) names.add('count');
      for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) names.add(m[1] ?? '');
      keys.set(base, names);
    }
  }
  return keys;
}

/** Values a message may be given: plain ones, and people's text that looks like markup to i18next. */
const VALUES = ['Spam on our account', '{{who}} $t(roles.lead)', ''];
const COUNTS = [0, 1, 2, 5, 21, 1_000_000, 1.5];

describe('the memoised translator', () => {
  const keys = keysAndNames();

  it('GIVEN the catalogues THEN there are messages with and without parameters to check', () => {
    expect([...keys.values()].filter((names) => names.size === 0).length).toBeGreaterThan(50);
    expect([...keys.values()].filter((names) => names.has('count')).length).toBeGreaterThan(10);
  });

  it.each([...LOCALES])(
    'GIVEN every message in %s, asked twice, with every kind of value and count THEN it says exactly what i18next says',
    (locale) => {
      const t = translator(locale, 'Europe/Madrid');
      const differences: string[] = [];
      const check = (key: string, params?: Params) => {
        const expected = i18nextLookup(locale, key, params);
        for (let i = 0; i < 2; i++) {
          const got = t(key as MessageKey, params);
          if (got !== expected) differences.push(`${key} ${JSON.stringify(params)}: ${got} ≠ ${expected}`);
        }
      };
      for (const [key, names] of keys) {
        check(key);
        check(key, {});
        const counts = names.has('count') ? COUNTS : [undefined];
        for (const value of VALUES) {
          for (const count of counts) {
            const params: Params = {};
            for (const name of names) params[name] = name === 'count' ? (count ?? 3) : `${value}<${name}>`;
            check(key, params);
            // A value left out, and a number where text goes: i18next's own rules apply.
            const [first, ...rest] = [...names].filter((name) => name !== 'count');
            if (first) {
              const partial: Params = { ...params };
              delete partial[first];
              check(key, partial);
              check(key, { ...params, [first]: 42 });
            }
            if (rest.length > 0 || names.has('count')) check(key, { ...params, count: '7' });
          }
        }
        // A parameter i18next reads as an option goes to i18next itself.
        check(key, { context: 'x', ...(names.has('count') ? { count: 2 } : {}) });
      }
      expect(differences).toEqual([]);
    },
  );

  it('GIVEN a key no catalogue has (built from what someone typed) THEN it reads as i18next reads it', () => {
    const t = translator('es', 'UTC');
    for (const key of ['roles.intern', 'roles.{{who}}', 'nope'])
      for (const params of [undefined, { who: 'x', count: 2 }])
        expect(t(key as MessageKey, params)).toBe(i18nextLookup('es', key, params));
  });

  it('GIVEN two languages THEN each speaks its own, and a language asked again is the same translator', () => {
    const en = translator('en', 'UTC');
    const fr = translator('fr', 'UTC');
    expect(en('summary.nobody')).toBe(catalogues.en.summary.nobody);
    expect(fr('summary.nobody')).toBe(catalogues.fr.summary.nobody);
    expect(en('summary.nobody')).not.toBe(fr('summary.nobody'));
    expect(translator('fr', 'UTC')).toBe(fr);
  });

  it('GIVEN two time zones THEN each translator shows times in its own zone', () => {
    const utc = translator('en', 'UTC');
    const tokyo = translator('en', 'Asia/Tokyo');
    expect(tokyo).not.toBe(utc);
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(utc.timeZone).toBe('UTC');
    const moment = '2026-11-23T15:05:00.000Z';
    expect(when(moment, utc)).toBe('23 Nov 2026 15:05 UTC');
    expect(when(moment, tokyo)).toBe('24 Nov 2026 00:05 UTC+9');
    expect(when(moment, translator('fr', 'Asia/Tokyo'))).toContain('00:05 UTC+9');
  });
});
