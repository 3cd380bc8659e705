import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { builtinPlaybooksDir, loadPlaybooks, SCENARIOS_DIR } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { scenarioJsonSchema, scenarioSchemaFile } from '../../../src/playbook/schema-cli';
import { calmaEntry } from '../../support/calma-build';

const root = path.resolve(__dirname, '../../..');

/** A valid scenario, one key per line, so each test can break one thing at a known line. */
function scenarioYaml(id: string, playbook = 'hacked-account'): string {
  return [
    `id: ${id}`, // 1
    `playbook: ${playbook}`, // 2
    'title: { en: Title, es: Título, fr: Titre }', // 3
    'description: { en: What, es: Qué, fr: Quoi }', // 4
    'severity: 2', // 5
    'injects:', // 6
    '  - at: 0', // 7
    '    from: "@angry_customer on X"', // 8
    '    text: { en: Hello, es: Hola, fr: Bonjour }', // 9
    '  - at: 10', // 10
    '    from: { en: Reporter, es: Periodista, fr: Journaliste }', // 11
    '    text: { en: Comment?, es: ¿Comentario?, fr: Un commentaire ? }', // 12
    '',
  ].join('\n');
}

describe('drill scenarios', () => {
  let dir: string;
  let scenarios: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'calma-scenarios-'));
    scenarios = path.join(dir, SCENARIOS_DIR);
    await mkdir(scenarios);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => writeFile(path.join(scenarios, name), text);

  test('GIVEN a valid scenario beside the shipped playbook WHEN loaded THEN it is returned, its source as written', async () => {
    await write('angry-customer.yaml', scenarioYaml('angry-customer'));

    const { scenarios: loaded, problems } = await loadPlaybooks([builtinPlaybooksDir, dir]);

    expect(problems).toEqual([]);
    const scenario = loaded.find((s) => s.id === 'angry-customer');
    expect(scenario).toMatchObject({ playbook: 'hacked-account', severity: 2 });
    expect(scenario?.injects.map((i) => [i.at, i.from])).toEqual([
      [0, '@angry_customer on X'],
      [10, { en: 'Reporter', es: 'Periodista', fr: 'Journaliste' }],
    ]);
  });

  test.each([
    [
      'an unknown playbook',
      (y: string) => y.replace('playbook: hacked-account', 'playbook: viral-post'),
      2,
      'playbook',
      /no playbook "viral-post"/,
    ],
    ['a negative minute', (y: string) => y.replace('  - at: 0', '  - at: -5'), 7, 'injects.0.at', /0/],
    [
      'injects out of order',
      (y: string) => y.replace('  - at: 0', '  - at: 30'),
      10,
      'injects.1.at',
      /time order/,
    ],
    [
      'a missing French text',
      (y: string) => y.replace(', fr: Bonjour', ''),
      9,
      'injects.0.text.fr',
      /missing/,
    ],
    [
      'an unknown key',
      (y: string) => y.replace('severity: 2', 'severity: 2\nlevel: 3'),
      6,
      'level',
      /unknown key/,
    ],
    [
      'an id that is not the file name',
      (y: string) => y.replace('id: angry-customer', 'id: angry'),
      1,
      'id',
      /file name/,
    ],
  ])(
    'GIVEN a scenario with %s WHEN loaded THEN the problem names the file, the line and the key, and the scenario is left out',
    async (_, breakIt, line, key, message) => {
      await write('angry-customer.yaml', breakIt(scenarioYaml('angry-customer')));

      const { scenarios: loaded, problems } = await loadPlaybooks([builtinPlaybooksDir, dir]);

      expect(loaded.map((s) => s.id)).not.toContain('angry-customer');
      expect(problems).toEqual([
        expect.objectContaining({ file: path.join(scenarios, 'angry-customer.yaml'), line, key }),
      ]);
      expect(problems[0]?.message).toMatch(message);
    },
  );

  test('GIVEN a folder with no scenarios subfolder WHEN loaded THEN that is no problem', async () => {
    await rm(scenarios, { recursive: true });

    expect((await loadPlaybooks([builtinPlaybooksDir, dir])).problems).toEqual([]);
  });

  test('GIVEN a broken scenario WHEN `npm run playbooks:check` runs THEN it prints file:line:column and key, and exits 1', async () => {
    const file = path.join(scenarios, 'angry-customer.yaml');
    await writeFile(file, scenarioYaml('angry-customer').replace('  - at: 10', '  - at: soon'));

    const run = await check(dir);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:10:9 injects.1.at: `);
    expect(run.stdout).toMatch(/^1 problem in 1 file$/m);
  });

  test('GIVEN only the shipped files WHEN checked THEN the playbooks and the drill scenarios are OK', async () => {
    const run = await check();

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^3 drill scenarios OK$/m);
  });
});

describe('the shipped scenarios', () => {
  let registry: PlaybookRegistry;

  beforeAll(async () => {
    const loaded = await loadPlaybooks([builtinPlaybooksDir]);
    expect(loaded.problems).toEqual([]);
    registry = new PlaybookRegistry(loaded.playbooks, loaded.scenarios);
  });

  test('GIVEN the library WHEN loaded THEN buffer-2013 and two more scenarios practise existing playbooks', () => {
    expect(registry.scenarios().map((s) => s.id)).toEqual(['buffer-2013', 'scheduler-night', 'stolen-phone']);
    for (const scenario of registry.scenarios()) expect(registry.get(scenario.playbook)).toBeDefined();
  });

  test('GIVEN buffer-2013 THEN it drills the compromised-tool playbook, its injects at T+0, 10, 15, 45, 60 and 90, as in the public record', () => {
    const buffer = registry.scenario('buffer-2013');

    expect(buffer?.playbook).toBe('compromised-tool');
    expect(buffer?.severity).toBe(1);
    expect(buffer?.injects.map((i) => i.at)).toEqual([0, 10, 15, 45, 60, 90]);
    expect(buffer?.injects[0]?.text.en).toMatch(/Losing weight is easy/);
    expect(buffer?.injects[3]?.text.en).toMatch(/passwords leaked/);
  });

  test('GIVEN a scenario of a drill WHEN its clock is asked THEN the injects join the playbook steps; a real incident gets none', () => {
    const drill = registry.clock({ playbook: 'compromised-tool', drill: true, scenario: 'buffer-2013' });
    const real = registry.clock({ playbook: 'compromised-tool', drill: false, scenario: 'buffer-2013' });

    expect(drill?.injects?.map((i) => i.at)).toEqual([0, 10, 15, 45, 60, 90]);
    expect(drill?.steps).toHaveLength(15);
    expect(real?.injects).toBeUndefined();
  });

  test('GIVEN every shipped scenario THEN its first line points editors at schema.json, and schema.json is what the zod schema generates', async () => {
    const dir = path.join(builtinPlaybooksDir, SCENARIOS_DIR);
    const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name));
    for (const name of names) {
      const firstLine = (await readFile(path.join(dir, name), 'utf8')).split('\n')[0];
      expect({ name, firstLine }).toEqual({
        name,
        firstLine: '# yaml-language-server: $schema=./schema.json',
      });
    }
    const committed: unknown = JSON.parse(await readFile(scenarioSchemaFile, 'utf8'));
    // Else run `npm run playbooks:schema`.
    expect(committed).toEqual(scenarioJsonSchema());
    expect(scenarioJsonSchema().required).toEqual(['id', 'playbook', 'title', 'description', 'injects']);
  });
});

/** `npm run playbooks:check` as a real process. */
async function check(...dirs: string[]): Promise<{ code: number; stdout: string }> {
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
