/**
 * The parsed-playbook cache of `npm start` (validateYamlCached): a start reads what it parsed before,
 * but what it loads is always what the files say now, and a file's problems still point at its lines.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';

let dir: string;
let cacheDir: string;
const playbook = () => path.join(dir, 'hacked-account.yaml');

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'calma-playbooks-'));
  cacheDir = path.join(dir, 'cache');
  await copyFile(path.join(builtinPlaybooksDir, 'hacked-account.yaml'), playbook());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('GIVEN a playbook loaded once WHEN loaded again THEN the second load gives the same playbook, from the cache', async () => {
  const first = await loadPlaybooks([dir], { cacheDir });
  expect(await readdir(cacheDir)).toHaveLength(1);

  const second = await loadPlaybooks([dir], { cacheDir });

  expect(second.problems).toEqual([]);
  expect(second.playbooks).toEqual(first.playbooks);
  expect(second.playbooks).toEqual((await loadPlaybooks([dir])).playbooks);
});

test('GIVEN a cached playbook WHEN its file is edited THEN the next load has the edit', async () => {
  await loadPlaybooks([dir], { cacheDir });
  const text = await readFile(playbook(), 'utf8');
  await writeFile(playbook(), text.replace('  en: Hacked or compromised account', '  en: Hijacked account'));

  const { playbooks } = await loadPlaybooks([dir], { cacheDir });

  expect(playbooks[0]?.title.en).toBe('Hijacked account');
});

test('GIVEN a cache entry the schema refuses WHEN loaded THEN the file is parsed again and loads', async () => {
  await loadPlaybooks([dir], { cacheDir });
  const [entry] = await readdir(cacheDir);
  await writeFile(path.join(cacheDir, entry ?? ''), JSON.stringify({ id: 'hacked-account' }));

  const { playbooks, problems } = await loadPlaybooks([dir], { cacheDir });

  expect(problems).toEqual([]);
  expect(playbooks.map((p) => p.id)).toEqual(['hacked-account']);
});

test('GIVEN a playbook with a mistake WHEN loaded with a cache THEN the problem points at its line and nothing is cached', async () => {
  const text = await readFile(playbook(), 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith('severity:'));
  lines[at] = 'severity: 9';
  await writeFile(playbook(), lines.join('\n'));

  const { playbooks, problems } = await loadPlaybooks([dir], { cacheDir });

  expect(playbooks).toEqual([]);
  expect(problems).toEqual([expect.objectContaining({ key: 'severity', line: at + 1 })]);
  await expect(readdir(cacheDir)).rejects.toThrow();
});
