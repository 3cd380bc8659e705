/**
 * docs/glossary.md is the source of truth for words: each struck term in a language's column is a word
 * calma's catalogues and playbooks must not use in that language. This test reads the table, then every
 * message of src/i18n/<locale>/ and every language-tagged text of playbooks/*.yaml and
 * playbooks/scenarios/*.yaml (whatever the files are, so a new playbook is checked too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { LOCALES, type Locale } from '../../../src/core/types';
import { namespaces } from '../../../src/i18n';

const root = path.resolve(__dirname, '../../..');
const GLOSSARY = path.join(root, 'docs/glossary.md');

/** What the glossary says about one language: words to avoid, and phrases where they mean something else. */
interface Rules {
  rejected: { term: string; pattern: RegExp }[];
  allowed: RegExp[];
}

/** Typographic apostrophes as `'`, so `d’attente` in a catalogue and `d'attente` in YAML read the same. */
const plain = (text: string): string => text.replace(/[’‘ʼ]/g, "'");

/** A glossary term as a pattern: `…` is the rest of a word, spaces any spacing; letters on neither side. */
function termPattern(term: string): RegExp {
  const body = plain(term)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('\\p{L}*');
  // Letters on both sides, not \b: JavaScript's \b takes "é" for a boundary ("déclaration").
  return new RegExp(`(?<!\\p{L})${body}(?!\\p{L})`, 'iu');
}

/** The table's rows, each cell read for ~~rejected~~ terms and _allowed_ phrases, by language column. */
function readGlossary(markdown: string): Record<Locale, Rules> {
  const rows = markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, line.lastIndexOf('|'))
        .split('|')
        .map((cell) => cell.trim()),
    );
  const header = rows[0] ?? [];
  const rules: Record<Locale, Rules> = {
    en: { rejected: [], allowed: [] },
    es: { rejected: [], allowed: [] },
    fr: { rejected: [], allowed: [] },
  };
  for (const row of rows.slice(2)) {
    for (const locale of LOCALES) {
      const cell = row[header.indexOf(locale)] ?? '';
      for (const [, term = ''] of cell.matchAll(/~~(.+?)~~/g)) {
        rules[locale].rejected.push({ term, pattern: termPattern(term) });
      }
      for (const [, phrase = ''] of cell.matchAll(/(?<![\p{L}\w])_([^_]+?)_(?![\p{L}\w])/gu)) {
        rules[locale].allowed.push(new RegExp(termPattern(phrase).source, 'giu'));
      }
    }
  }
  return rules;
}

/** A text as the glossary reads it: no `code`, no {placeholders}, no phrase the glossary allows. */
function prose(text: string, rules: Rules): string {
  let out = plain(text)
    .replace(/`[^`]*`/g, ' ')
    .replace(/\{\{?\s*[\w.]+\s*\}?\}/g, ' ');
  for (const allowed of rules.allowed) out = out.replace(allowed, ' ');
  return out;
}

/** Each rejected term a text uses, with a few words around it so the finding can be located. */
function findings(where: string, text: string, rules: Rules): string[] {
  const read = prose(text, rules);
  return rules.rejected.flatMap(({ term, pattern }) => {
    const match = pattern.exec(read);
    if (!match) return [];
    const around = read.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30);
    return [`${where}: “${term}” in “…${around.replace(/\s+/g, ' ').trim()}…”`];
  });
}

type Tree = { [key: string]: string | Tree };
function messages(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : messages(value, `${prefix}${key}.`),
  );
}

/**
 * Every text of a YAML document in one language, with its path: any `{ en, es, fr }` map (a title, a
 * rule, a step's template, an inject…) gives its `locale` string, or its list of strings. Keywords are
 * left out: they recognise what people type, including the words we would not write.
 */
function yamlTexts(node: unknown, locale: Locale, at = ''): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((item, i) => yamlTexts(item, locale, `${at}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]): [string, string][] => {
    const here = at ? `${at}.${key}` : key;
    if (key === 'keywords') return [];
    if (key === locale && typeof value === 'string') return [[here, value]];
    if (key === locale && Array.isArray(value)) {
      return value.flatMap((v, i): [string, string][] =>
        typeof v === 'string' ? [[`${here}[${i}]`, v]] : [],
      );
    }
    return LOCALES.includes(key as Locale) ? [] : yamlTexts(value, locale, here);
  });
}

const yamlFiles = ['playbooks', 'playbooks/scenarios'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `${dir}/${name}`),
);

describe('the glossary (docs/glossary.md)', () => {
  const glossary = readGlossary(readFileSync(GLOSSARY, 'utf8'));

  it('GIVEN the table THEN each language has rejected terms, and Spanish and French reject an untranslated “playbook”', () => {
    for (const locale of LOCALES) expect(glossary[locale].rejected.length).toBeGreaterThan(0);
    for (const locale of ['es', 'fr'] as const) {
      expect(findings('x', 'Elige un Playbook', glossary[locale])).toHaveLength(1);
    }
  });

  it('GIVEN a word in its other sense, in code or in a placeholder THEN it is not a finding; as a word of its own it is', () => {
    const fr = glossary.fr;
    expect(findings('x', 'La personne doit porter plainte au commissariat.', fr)).toEqual([]);
    expect(findings('x', 'Tapez `/crisis step ignorer 2` ou {{playbook}}.', fr)).toEqual([]);
    expect(findings('x', 'Une plainte virale', fr)).toHaveLength(1);
    expect(findings('x', 'Étape ignorée par Ana', fr)).toHaveLength(1);
    expect(findings('x', 'o reabre, publícala con calma y vuelve a cerrar', glossary.es)).toHaveLength(1);
    expect(findings('x', 'explica los hechos una vez y con calma', glossary.es)).toEqual([]);
  });

  it.each(LOCALES)(
    'GIVEN the %s catalogue THEN no message uses a term the glossary rejects in that language',
    (locale) => {
      const found = Object.entries(namespaces[locale]).flatMap(([file, tree]) =>
        messages(tree as Tree).flatMap(([key, text]) =>
          findings(`src/i18n/${locale}/${file}.ts ${key}`, text, glossary[locale]),
        ),
      );
      expect(found).toEqual([]);
    },
  );

  it.each(LOCALES)(
    'GIVEN every playbook and scenario THEN no %s text uses a term the glossary rejects in that language',
    (locale) => {
      expect(yamlFiles.length).toBeGreaterThan(9);
      const found = yamlFiles.flatMap((file) =>
        yamlTexts(parse(readFileSync(path.join(root, file), 'utf8')), locale).flatMap(([at, text]) =>
          findings(`${file} ${at}`, text, glossary[locale]),
        ),
      );
      expect(found).toEqual([]);
    },
  );
});
