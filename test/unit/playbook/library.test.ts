/**
 * The library as a whole: the ten playbooks the README lists, each with what a team relies on in a
 * crisis: the social rules, a response posture, a holding and a full statement that pass the checklist
 * in three languages, and a holding statement due within its severity's deadline.
 */
import { checkStatement } from '../../../src/core/checklist';
import { LOCALES } from '../../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import type { Playbook } from '../../../src/playbook/schema';
import { templateProblems } from '../../../src/playbook/template-check';

const LIBRARY = [
  'hacked-account',
  'compromised-tool',
  'viral-complaint',
  'troll-attack',
  'pricing-error',
  'data-breach',
  'misconduct',
  'lost-device',
  'service-outage',
  'preparedness-audit',
];

/** docs/crisis-craft.md: the first statement is due within 15 minutes at SEV1, 60 at SEV2; SEV3 replies in thread. */
const FIRST_STATEMENT_WITHIN: Record<number, number> = { 1: 15, 2: 60, 3: 60 };

/** The library's social rules, recognised in each language by a word they cannot do without. */
const RULE_CUES: Record<string, Record<(typeof LOCALES)[number], RegExp>> = {
  'never delete criticism': { en: /delete|hide/i, es: /borr|ocult/i, fr: /supprim|masqu/i },
  'blocking needs approval': { en: /block|ban/i, es: /bloque/i, fr: /bloqu|blocage|bann/i },
};

describe('the playbook library', () => {
  let playbooks: Playbook[];
  beforeAll(async () => {
    const loaded = await loadPlaybooks([builtinPlaybooksDir], { strict: true });
    expect(loaded.problems).toEqual([]);
    playbooks = loaded.playbooks;
  });
  const crises = () => playbooks.filter((p) => p.kind === 'crisis');

  test('GIVEN the shipped folder THEN it holds exactly the ten playbooks of the library, the audit the only one not a crisis', () => {
    expect(playbooks.map((p) => p.id).sort()).toEqual([...LIBRARY].sort());
    expect(playbooks.filter((p) => p.kind === 'audit').map((p) => p.id)).toEqual(['preparedness-audit']);
  });

  test('GIVEN every crisis playbook THEN its rules say, in every language, never to delete criticism and that blocking is a last resort', () => {
    for (const playbook of crises()) {
      for (const [rule, cues] of Object.entries(RULE_CUES)) {
        for (const locale of LOCALES) {
          const found = playbook.rules.some((text) => cues[locale].test(text[locale]));
          expect({ playbook: playbook.id, rule, locale, found }).toEqual({
            playbook: playbook.id,
            rule,
            locale,
            found: true,
          });
        }
      }
    }
  });

  test('GIVEN every public template in Spanish THEN it speaks neutral Spanish: ustedes, never vosotros (a brand reaches readers on both sides of the Atlantic)', () => {
    // Letters on both sides, not \b: JavaScript's \b takes "ñ" for a boundary ("daños"). The pronoun
    // also hides at the end of a verb a statement uses: "contaros", "pediros".
    const vosotros =
      /(?<!\p{L})(?:vosotr[oa]s|os|vuestr[oa]s?|estéis|habéis|sois|teníais|podéis|queréis|tenéis|sabéis|(?:contar|decir|pedir|agradecer|informar|explicar|escribir|ofrecer|recordar|avisar|responder|dar)os)(?!\p{L})/iu;
    const found = playbooks.flatMap((playbook) =>
      playbook.steps.flatMap((step) => {
        const text = step.template?.es ?? '';
        const match = vosotros.exec(text);
        return match ? [`${playbook.id}/${step.id}: “${match[0]}”`] : [];
      }),
    );
    expect(found).toEqual([]);
  });

  test('GIVEN every crisis playbook THEN it has a holding and a full statement that pass the checklist in three languages, the holding one due within its severity’s deadline', () => {
    for (const playbook of crises()) {
      const holding = playbook.steps.find((s) => s.statement === 'holding');
      const full = playbook.steps.find((s) => s.statement === 'full');
      expect({
        playbook: playbook.id,
        holding: Boolean(holding?.template),
        full: Boolean(full?.template),
      }).toEqual({
        playbook: playbook.id,
        holding: true,
        full: true,
      });
      expect(holding?.due ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(
        FIRST_STATEMENT_WITHIN[playbook.severity] ?? 60,
      );
      expect({ playbook: playbook.id, problems: templateProblems(playbook) }).toEqual({
        playbook: playbook.id,
        problems: [],
      });
    }
  });

  test('GIVEN every template in every language THEN it asserts no reassurance outright (“your passwords are safe”, “nothing was hacked”): that is a field the team fills with what it has checked, or leaves out', () => {
    const asserted = playbooks.flatMap((playbook) =>
      playbook.steps.flatMap((step) =>
        LOCALES.flatMap((locale) =>
          checkStatement(step.template?.[locale] ?? '', locale, { template: true, facts: [] })
            .warnings.filter((w) => w.kind === 'unbacked-reassurance')
            .map((w) => `${playbook.id}/${step.id}/${locale}: “${w.excerpt}”`),
        ),
      ),
    );
    expect(asserted).toEqual([]);
  });

  test('GIVEN every optional field THEN its line holds nothing but a label and the field, so “-” takes nothing else out of the statement', () => {
    const crowded = playbooks.flatMap((playbook) =>
      playbook.steps.flatMap((step) =>
        Object.entries(step.fields ?? {})
          .filter(([, field]) => field.optional)
          .flatMap(([name]) =>
            LOCALES.flatMap((locale) =>
              (step.template?.[locale] ?? '')
                .split('\n')
                .filter((line) => line.includes(`{${name}}`))
                .filter((line) => !new RegExp(`^(?:[^{}.!?]*:\\s*)?\\{${name}\\}$`).test(line.trim()))
                .map((line) => `${playbook.id}/${step.id}/${locale}: ${line}`),
            ),
          ),
      ),
    );
    expect(crowded).toEqual([]);
  });

  test('GIVEN every playbook THEN its steps are in due order, and every step that needs approval names roles the playbook has', () => {
    for (const playbook of playbooks) {
      const dues = playbook.steps.map((s) => s.due);
      expect({ playbook: playbook.id, dues }).toEqual({
        playbook: playbook.id,
        dues: [...dues].sort((a, b) => a - b),
      });
      for (const step of playbook.steps) {
        for (const role of step.approval) expect(playbook.roles).toContain(role);
      }
    }
  });

  test('GIVEN the data breach playbook THEN it is private, codenamed, and the 72-hour regulator clock is a step of its own', () => {
    const breach = playbooks.find((p) => p.id === 'data-breach');
    expect(breach).toMatchObject({ private: true, codename: true, severity: 1 });
    expect(breach?.steps.some((s) => s.due === 72 * 60 && s.role === 'legal')).toBe(true);
  });
});
