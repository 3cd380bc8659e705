import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { calmaEntry } from '../../support/calma-build';

const root = path.resolve(__dirname, '../../..');

interface Run {
  code: number;
  stdout: string;
}

/** The lines the check printed about `file` (the shipped playbooks print their own warnings too). */
const linesAbout = (run: Run, file: string) =>
  run.stdout.split('\n').filter((line) => line.startsWith(`${file}:`));

/** Runs `npm run playbooks:check` the way a person or CI would: a real process and its exit code. */
async function check(...dirs: string[]): Promise<Run> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [calmaEntry('src/playbook/check-cli.ts'), ...dirs],
      { cwd: root },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '' };
  }
}

describe('playbooks:check', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'calma-check-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN only the shipped playbooks WHEN checked THEN it says they are OK and exits 0', async () => {
    const run = await check();

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ playbooks? OK$/m);
  });

  it('GIVEN a folder with a broken playbook WHEN checked THEN it prints file:line:column and key, and exits 1', async () => {
    const file = path.join(dir, 'viral-post.yaml');
    await writeFile(file, 'id: viral-post\nseverity: high\n');

    const run = await check(dir);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:2:11 severity: `);
    expect(run.stdout).toContain(`${file}:1:1 title: missing`);
    expect(run.stdout).toMatch(/^\d+ problems in 1 file$/m);
  });

  it('GIVEN a social playbook that lacks a seed rule WHEN checked THEN one line names the playbook and the rule, at its rules, and it exits 1', async () => {
    const file = path.join(dir, 'viral-post.yaml');
    const rule = (id: string, en: string) => `  - { id: ${id}, en: ${en}, es: ${en} (es), fr: ${en} (fr) }`;
    await writeFile(
      file,
      [
        'id: viral-post',
        'title: { en: Viral post, es: Publicación viral, fr: Publication virale }',
        'description: { en: When, es: Cuándo, fr: Quand }',
        'severity: 2',
        'posture: { cluster: accidental, strategies: [correction], why: { en: Why, es: Por qué, fr: Pourquoi } }',
        'roles: [lead]',
        'rules:',
        rule('never-delete-criticism', 'Never delete criticism'),
        rule('block-last-resort', 'Blocking is the last resort'),
        rule('reply-public-and-private', 'Reply in public and in private'),
        'steps:',
        '  - { id: first, title: { en: First, es: Primero, fr: Premier }, role: lead, due: 0, what: { en: Do it, es: Hazlo, fr: Faites-le } }',
        '',
      ].join('\n'),
    );

    const run = await check(dir);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${file}:8:3 rules: the social playbook "viral-post" lacks the seed rule answer-every-question (answer every question)`,
    );
    expect(run.stdout).toMatch(/^1 problem in 1 file$/m);
  });

  /**
   * A valid playbook (not social, so no seed rules) with one step whose X fact was checked on `checked`
   * against `source` (none: no `source:` line); its `platform:` is line 15 and its `checked:` line 16.
   */
  const withFact = (checked: string, source: string | null = 'https://help.x.com/en/using-x') =>
    [
      'id: viral-post',
      'title: { en: Title, es: Título, fr: Titre }',
      'description: { en: When, es: Cuándo, fr: Quand }',
      'severity: 2',
      'posture: { cluster: victim, strategies: [instruct], why: { en: Why, es: Por qué, fr: Pourquoi } }',
      'roles: [lead]',
      'social: false',
      'steps:',
      '  - id: lock',
      '    title: { en: Lock, es: Bloquear, fr: Verrouiller }',
      '    role: lead',
      '    due: 5',
      '    what: { en: Lock it, es: Bloquéalo, fr: Verrouillez-le }',
      '    platforms:',
      '      - platform: x',
      `        checked: ${checked}`,
      '        how: { en: Settings, es: Configuración, fr: Paramètres }',
      ...(source === null ? [] : [`        source: ${source}`]),
      '',
    ].join('\n');

  it('GIVEN a platform fact checked over 12 months before --now WHEN checked THEN it says recheck at its line, and still exits 0', async () => {
    const file = path.join(dir, 'viral-post.yaml');
    await writeFile(file, withFact('2025-11-30'));

    const run = await check('--now', '2026-12-07', dir);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${file}:16:18 steps.0.platforms.0.checked: recheck: X was checked 2025-11-30, over 12 months ago;`,
    );
    expect(run.stdout).toMatch(/^\d+ playbooks OK$/m);
    expect(linesAbout(run, file)).toHaveLength(1);
  });

  it('GIVEN a platform fact dated after --now WHEN checked THEN it warns the date is in the future', async () => {
    const file = path.join(dir, 'viral-post.yaml');
    await writeFile(file, withFact('2027-01-15'));

    const run = await check(`--now=2026-12-07`, dir);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${file}:16:18 steps.0.platforms.0.checked: checked 2027-01-15 is in the future: write the day X was checked`,
    );
  });

  it('GIVEN a platform fact with no source WHEN checked THEN it warns at the fact to add the help page it was checked against, and still exits 0', async () => {
    const file = path.join(dir, 'viral-post.yaml');
    await writeFile(file, withFact('2026-12-07', null));

    const run = await check('--now', '2026-12-07', dir);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${file}:15:19 steps.0.platforms.0.platform: no source: add \`source:\`, the https address of the X help page the fact was checked against`,
    );
    expect(run.stdout).toMatch(/^\d+ playbooks OK$/m);
    expect(linesAbout(run, file)).toHaveLength(1);
  });

  it('GIVEN the same fact with its source WHEN checked THEN nothing is said about it', async () => {
    const file = path.join(dir, 'viral-post.yaml');
    await writeFile(file, withFact('2026-12-07'));

    const run = await check('--now', '2026-12-07', dir);

    expect(run.code).toBe(0);
    expect(linesAbout(run, file)).toEqual([]);
  });

  it('GIVEN the shipped playbooks WHEN checked as of 13 months after their facts THEN their facts ask for a recheck', async () => {
    const run = await check('--now', '2028-01-08');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /playbooks\/hacked-account\.yaml:\d+:\d+ steps\.\d+\.platforms\.0\.checked: recheck: Meta Business/,
    );
    expect(run.stdout).toMatch(/^\d+ warnings$/m);
  });
});
