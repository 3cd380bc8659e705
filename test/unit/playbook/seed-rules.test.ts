/**
 * The seed rules (never delete criticism, blocking as the last resort, answer every question, reply in
 * public and in private): a social playbook states each one in a rule tagged with its id, or waives it
 * with a reason; `npm run playbooks:check` names the playbook and the rule it lacks.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCALES } from '../../../src/core/types';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { SEED_RULES, type SeedRule } from '../../../src/playbook/schema';
import { isSocial, seedRuleProblems } from '../../../src/playbook/seed-rule-check';

const RULE_TEXT: Record<SeedRule, string> = {
  'never-delete-criticism':
    '{ en: Never delete criticism, es: Nunca borres una crítica, fr: Ne jamais supprimer une critique }',
  'block-last-resort':
    '{ en: Blocking is the last resort, es: Bloquear es el último recurso, fr: Bloquer en dernier recours }',
  'answer-every-question':
    '{ en: Answer every question, es: Responde a todas las preguntas, fr: Répondre à chaque question }',
  'reply-public-and-private':
    '{ en: Reply in public and in private, es: Responde en público y en privado, fr: Répondre en public et en privé }',
};

const REASON =
  '{ en: Nobody asks us anything, es: Nadie nos pregunta nada, fr: Personne ne nous pose de question }';

/** A valid playbook stating the seed rules given, one key per line so a test knows the line of `rules:`. */
function playbookYaml(id: string, options: { stated: SeedRule[]; head?: string[]; tail?: string[] }): string {
  return [
    `id: ${id}`,
    'title: { en: Title, es: Título, fr: Titre }',
    'description: { en: When, es: Cuándo, fr: Quand }',
    'severity: 2',
    ...(options.head ?? []),
    'posture: { cluster: victim, strategies: [instruct], why: { en: Why, es: Por qué, fr: Pourquoi } }',
    'roles: [lead]',
    'rules:',
    ...options.stated.map((rule) => `  - { id: ${rule}, ${RULE_TEXT[rule].slice(2)}`),
    '  - { en: Nobody alone, es: Nadie en solitario, fr: Personne seul }',
    ...(options.tail ?? []),
    'steps:',
    '  - { id: first, title: { en: First, es: Primero, fr: Premier }, role: lead, due: 0, what: { en: Do it, es: Hazlo, fr: Faites-le } }',
    '',
  ].join('\n');
}

const allBut = (missing: SeedRule) => SEED_RULES.filter((rule) => rule !== missing);

describe('the seed rules of a social playbook', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'calma-seed-rules-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (id: string, text: string) => writeFile(path.join(dir, `${id}.yaml`), text);
  const check = () => loadPlaybooks([dir], { strict: true });

  test('GIVEN a crisis playbook without the rule "answer every question" WHEN checked THEN the problem names the playbook and the rule, at its rules', async () => {
    await write('viral-post', playbookYaml('viral-post', { stated: allBut('answer-every-question') }));

    const { playbooks, problems } = await check();

    expect(playbooks).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ file: path.join(dir, 'viral-post.yaml'), line: 8, key: 'rules' }),
    ]);
    expect(problems[0]?.message).toContain('"viral-post"');
    expect(problems[0]?.message).toContain('answer-every-question');
  });

  test('GIVEN a crisis playbook with no seed rule at all WHEN checked THEN each of the four is named', async () => {
    await write('viral-post', playbookYaml('viral-post', { stated: [] }));

    const { problems } = await check();

    expect(problems.map((problem) => SEED_RULES.find((rule) => problem.message.includes(rule)))).toEqual([
      ...SEED_RULES,
    ]);
  });

  test('GIVEN the missing rule waived with a reason WHEN checked THEN the playbook passes', async () => {
    const waived = ['waived:', `  answer-every-question: ${REASON}`];
    await write(
      'viral-post',
      playbookYaml('viral-post', { stated: allBut('answer-every-question'), tail: waived }),
    );

    const { playbooks, problems } = await check();

    expect(problems).toEqual([]);
    expect(playbooks.map((p) => p.id)).toEqual(['viral-post']);
  });

  test.each([
    ['an audit', ['kind: audit']],
    ['a crisis that says it is not social', ['social: false']],
  ])('GIVEN %s without any seed rule WHEN checked THEN it is not asked for them', async (_, head) => {
    await write('office-checks', playbookYaml('office-checks', { stated: [], head }));

    const { playbooks, problems } = await check();

    expect(problems).toEqual([]);
    expect(playbooks.map((p) => p.id)).toEqual(['office-checks']);
  });

  test('GIVEN an audit that says it is social WHEN checked THEN it is asked for the seed rules', async () => {
    await write(
      'office-checks',
      playbookYaml('office-checks', { stated: [], head: ['kind: audit', 'social: true'] }),
    );

    expect((await check()).problems).toHaveLength(SEED_RULES.length);
  });

  test('GIVEN a social playbook missing a seed rule WHEN calma loads it to start THEN it loads: a missing rule never stops a crisis', async () => {
    await write('viral-post', playbookYaml('viral-post', { stated: [] }));

    const { playbooks, problems } = await loadPlaybooks([dir]);

    expect(problems).toEqual([]);
    expect(playbooks.map((p) => p.id)).toEqual(['viral-post']);
  });

  test.each([
    [
      'stated and waived at once',
      playbookYaml('viral-post', {
        stated: [...SEED_RULES],
        tail: ['waived:', `  answer-every-question: ${REASON}`],
      }),
      'rules.2.id',
      /both stated here and waived/,
    ],
    [
      'stated by two rules',
      playbookYaml('viral-post', { stated: [...SEED_RULES, 'block-last-resort'] }),
      'rules.4.id',
      /another rule already states "block-last-resort"/,
    ],
    [
      'an id that is not a seed rule',
      playbookYaml('viral-post', { stated: [...SEED_RULES] }).replace(
        '  - { en: Nobody alone',
        '  - { id: nobody-alone, en: Nobody alone',
      ),
      'rules.4.id',
      /answer-every-question/,
    ],
  ])(
    'GIVEN a seed rule %s WHEN loaded THEN the id line says what is wrong',
    async (_, text, key, message) => {
      await write('viral-post', text);

      const { problems } = await loadPlaybooks([dir]);

      expect(problems).toEqual([expect.objectContaining({ key, message: expect.stringMatching(message) })]);
    },
  );
});

/** What each seed rule must say in each language, so an id never tags a rule that says something else. */
const SAYS: Record<SeedRule, Record<(typeof LOCALES)[number], RegExp[]>> = {
  'never-delete-criticism': { en: [/delete|hide/i], es: [/borr|ocult/i], fr: [/supprim|masqu/i] },
  // Blocking happens on the platform, by hand: calma's part is the record, so the rule says how to log it.
  'block-last-resort': {
    en: [/block/i, /approv/i, /`\/crisis note`/],
    es: [/bloque/i, /aprob/i, /`\/crisis note`/],
    fr: [/bloqu|blocage/i, /accord/i, /`\/crisis note`/],
  },
  'answer-every-question': {
    en: [/every .*question/i, /`\/crisis question`/],
    es: [/todas las preguntas/i, /`\/crisis question`/],
    fr: [/chaque question/i, /`\/crisis question`/],
  },
  'reply-public-and-private': { en: [/public.*private/i], es: [/público.*privado/i], fr: [/public.*privé/i] },
};

describe('the shipped playbooks', () => {
  test('GIVEN every playbook in the shipped folder THEN every crisis is social and keeps every seed rule, each tagged rule saying it in every language', async () => {
    const { playbooks, problems } = await loadPlaybooks([builtinPlaybooksDir]);
    expect(problems).toEqual([]);
    expect(playbooks.length).toBeGreaterThan(0);
    for (const playbook of playbooks) {
      expect({ playbook: playbook.id, social: isSocial(playbook) }).toEqual({
        playbook: playbook.id,
        social: playbook.kind === 'crisis',
      });
      expect({ playbook: playbook.id, problems: seedRuleProblems(playbook) }).toEqual({
        playbook: playbook.id,
        problems: [],
      });
      for (const rule of playbook.rules) {
        if (!rule.id) continue;
        for (const locale of LOCALES) {
          const unsaid = SAYS[rule.id][locale].filter((cue) => !cue.test(rule[locale])).map(String);
          expect({ playbook: playbook.id, rule: rule.id, locale, unsaid }).toEqual({
            playbook: playbook.id,
            rule: rule.id,
            locale,
            unsaid: [],
          });
        }
      }
    }
  });
});
