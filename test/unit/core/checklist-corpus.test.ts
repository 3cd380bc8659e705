import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { checkStatement } from '../../../src/core/checklist';
import { POSTURE_STRATEGIES, STATEMENT_KINDS } from '../../../src/core/checklist-expectations';
import { CHECKLIST_ITEMS, CHECKLIST_WARNINGS, LOCALES } from '../../../src/core/types';

const Case = z
  .object({
    id: z.string(),
    case: z.string(),
    locale: z.enum(LOCALES),
    kind: z.enum(STATEMENT_KINDS),
    strategies: z.array(z.enum(POSTURE_STRATEGIES)).min(1),
    text: z.string().min(1),
    covered: z.array(z.enum(CHECKLIST_ITEMS)),
    missing: z.array(z.enum(CHECKLIST_ITEMS)),
    warnings: z.array(z.enum(CHECKLIST_WARNINGS)),
  })
  .strict();

const corpus = z
  .array(Case)
  .parse(parse(readFileSync(join(__dirname, '../../fixtures/statements/corpus.yaml'), 'utf8')));

describe('checkStatement on the corpus of published crisis statements (test/fixtures/statements)', () => {
  it.each(corpus.map((c) => [c.id, c.locale, c.kind, c.strategies.join('+'), c] as const))(
    'GIVEN %s (%s, %s, %s) WHEN checked with its kind and posture THEN the verdict is the expected one',
    (_id, _locale, _kind, _strategies, c) => {
      const result = checkStatement(c.text, c.locale, { kind: c.kind, strategies: c.strategies });

      expect({
        covered: result.covered,
        missing: result.missing,
        warnings: result.warnings.map((w) => w.kind),
      }).toEqual({ covered: c.covered, missing: c.missing, warnings: c.warnings });
    },
  );

  it('GIVEN the corpus THEN it holds every kind, a rebuttal, and cases in each language', () => {
    expect(new Set(corpus.map((c) => c.kind))).toEqual(new Set(STATEMENT_KINDS));
    expect(corpus.some((c) => c.strategies.includes('rebuttal'))).toBe(true);
    for (const locale of LOCALES) {
      expect(corpus.filter((c) => c.locale === locale).length).toBeGreaterThanOrEqual(3);
    }
  });
});
