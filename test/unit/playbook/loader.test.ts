import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';

/** A valid playbook, one key per line, so each test can break exactly one thing at a known line. */
function playbookYaml(id: string, steps = 1): string {
  const step = (n: number) =>
    [
      `  - id: step-${n}`,
      `    title: { en: Step ${n}, es: Paso ${n}, fr: Étape ${n} }`,
      '    role: lead',
      `    due: ${n * 5}`,
      '    what: { en: Do it, es: Hazlo, fr: Faites-le }',
    ].join('\n');
  return [
    `id: ${id}`,
    'title: { en: Title, es: Título, fr: Titre }',
    'description: { en: When, es: Cuándo, fr: Quand }',
    'severity: 2',
    'posture: { cluster: victim, strategies: [instruct], why: { en: Why, es: Por qué, fr: Pourquoi } }',
    'roles: [lead]',
    'steps:',
    ...Array.from({ length: steps }, (_, n) => step(n)),
    '',
  ].join('\n');
}

describe('loadPlaybooks', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'calma-playbooks-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => writeFile(path.join(dir, name), text);

  it('GIVEN a valid playbook WHEN loaded THEN it is returned with its defaults and no problems', async () => {
    await write('viral-post.yaml', playbookYaml('viral-post'));

    const { playbooks, problems } = await loadPlaybooks([dir]);

    expect(problems).toEqual([]);
    expect(playbooks).toHaveLength(1);
    expect(playbooks[0]).toMatchObject({ id: 'viral-post', private: false, rules: [] });
  });

  it('GIVEN a severity that is not a number WHEN loaded THEN the problem names the file, line and key', async () => {
    await write('viral-post.yaml', playbookYaml('viral-post').replace('severity: 2', 'severity: high'));

    const { playbooks, problems } = await loadPlaybooks([dir]);

    expect(playbooks).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ file: path.join(dir, 'viral-post.yaml'), line: 4, key: 'severity' }),
    ]);
    expect(problems[0]?.message).toMatch(/number/);
  });

  it('GIVEN a step title without its Spanish text WHEN loaded THEN the missing text is reported by its key path', async () => {
    await write('viral-post.yaml', playbookYaml('viral-post', 3).replace('es: Paso 2, ', ''));

    const { problems } = await loadPlaybooks([dir]);

    expect(problems).toEqual([expect.objectContaining({ key: 'steps.2.title.es', line: 19 })]);
    expect(problems[0]?.message).toMatch(/missing/);
  });

  it('GIVEN a misspelt key WHEN loaded THEN it is reported as unknown on its own line', async () => {
    await write('viral-post.yaml', `${playbookYaml('viral-post')}severty: 1\n`);

    const { problems } = await loadPlaybooks([dir]);

    expect(problems).toEqual([
      expect.objectContaining({ key: 'severty', line: 13, message: expect.stringMatching(/unknown key/) }),
    ]);
  });

  it('GIVEN a YAML syntax error WHEN loaded THEN it is reported with its line', async () => {
    await write('viral-post.yaml', playbookYaml('viral-post').replace('roles: [lead]', 'roles: [lead'));

    const { problems } = await loadPlaybooks([dir]);

    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: path.join(dir, 'viral-post.yaml'), key: '' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(5);
  });

  it('GIVEN two files with the same id in one folder WHEN loaded THEN the second is reported naming the first, and the first loads', async () => {
    await write('viral-post.yaml', playbookYaml('viral-post'));
    await write('viral-post.yml', playbookYaml('viral-post'));

    const { playbooks, problems } = await loadPlaybooks([dir]);

    expect(playbooks.map((p) => p.id)).toEqual(['viral-post']);
    expect(problems).toEqual([
      expect.objectContaining({ file: path.join(dir, 'viral-post.yml'), line: 1, key: 'id' }),
    ]);
    expect(problems[0]?.message).toContain(path.join(dir, 'viral-post.yaml'));
  });

  it('GIVEN a file named differently from its id WHEN loaded THEN the id line says how to fix it', async () => {
    await write('hacked.yaml', playbookYaml('hacked-account'));

    const { playbooks, problems } = await loadPlaybooks([dir]);

    expect(playbooks).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ file: path.join(dir, 'hacked.yaml'), line: 1, key: 'id' }),
    ]);
    expect(problems[0]?.message).toMatch(/id: hacked".*hacked-account\.yaml/);
  });

  it('GIVEN a team folder with a playbook of a built-in id WHEN loaded after the built-ins THEN the team version replaces it', async () => {
    const builtin = await loadPlaybooks([builtinPlaybooksDir]);
    await write(
      'hacked-account.yaml',
      playbookYaml('hacked-account').replace('en: Title', 'en: Our own version'),
    );

    const { playbooks, problems } = await loadPlaybooks([builtinPlaybooksDir, dir]);

    expect(problems).toEqual([]);
    expect(playbooks).toHaveLength(builtin.playbooks.length);
    expect(playbooks.find((p) => p.id === 'hacked-account')?.title.en).toBe('Our own version');
  });

  it('GIVEN a folder that does not exist WHEN loaded THEN it is reported and the other folders still load', async () => {
    await write('viral-post.yaml', playbookYaml('viral-post'));
    const missing = path.join(dir, 'nope');

    const { playbooks, problems } = await loadPlaybooks([missing, dir]);

    expect(playbooks.map((p) => p.id)).toEqual(['viral-post']);
    expect(problems).toEqual([
      { file: missing, key: '', message: 'cannot read the folder: it does not exist' },
    ]);
  });

  it('GIVEN files that are not YAML WHEN loaded THEN they are ignored', async () => {
    await write('README.md', '# not a playbook');
    await write('schema.json', '{}');

    const { playbooks, problems } = await loadPlaybooks([dir]);

    expect({ playbooks, problems }).toEqual({ playbooks: [], problems: [] });
  });
});
