import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Problem, type Validated, validateYaml } from '../yaml/validate-yaml';
import { Playbook } from './schema';

const PLAYBOOK_FILE = /\.ya?ml$/;

/** The playbooks that loaded, and everything wrong with the files that did not. */
export interface LoadedPlaybooks {
  playbooks: Playbook[];
  problems: Problem[];
}

/** The repository's `playbooks/` folder: the library calma ships. */
export const builtinPlaybooksDir = path.join(packageRoot(__dirname), 'playbooks');

/**
 * Reads every `*.yaml` / `*.yml` in each folder, in order. A playbook in a later folder replaces one
 * with the same id from an earlier folder: that is how a team overrides a built-in playbook. A file with
 * any problem is left out, so one broken file never hides the others.
 */
export async function loadPlaybooks(dirs: readonly string[]): Promise<LoadedPlaybooks> {
  const byId = new Map<string, Playbook>();
  const problems: Problem[] = [];
  for (const dir of dirs) {
    const loaded = await loadDir(dir);
    problems.push(...loaded.problems);
    for (const playbook of loaded.playbooks) byId.set(playbook.id, playbook);
  }
  return { playbooks: [...byId.values()], problems };
}

async function loadDir(dir: string): Promise<LoadedPlaybooks> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => PLAYBOOK_FILE.test(name)).sort();
  } catch (error) {
    return {
      playbooks: [],
      problems: [{ file: dir, key: '', message: `cannot read the folder: ${reason(error)}` }],
    };
  }
  const playbooks: Playbook[] = [];
  const problems: Problem[] = [];
  const fileOfId = new Map<string, string>();
  // One file after the other: the duplicate-id check needs the ids of the files before it.
  for (const name of names) {
    const file = path.join(dir, name);
    const loaded = await loadFile(file, fileOfId);
    if (loaded.ok) {
      playbooks.push(loaded.value);
      fileOfId.set(loaded.value.id, file);
    } else {
      problems.push(...loaded.problems);
    }
  }
  return { playbooks, problems };
}

async function loadFile(file: string, fileOfId: ReadonlyMap<string, string>): Promise<Validated<Playbook>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, key: '', message: `cannot read the file: ${reason(error)}` }] };
  }
  return validateYaml(placedIn(file, fileOfId), text, file);
}

/**
 * The playbook schema plus the rules that come from where the file lives. Written as a refinement on
 * `id` so validateYaml points at the `id:` line like any other problem.
 */
function placedIn(file: string, fileOfId: ReadonlyMap<string, string>) {
  const expected = path.basename(file).replace(PLAYBOOK_FILE, '');
  return Playbook.superRefine((playbook, ctx) => {
    if (playbook.id !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `the id must match the file name: set "id: ${expected}" or rename the file to ${playbook.id}.yaml`,
      });
    }
    const other = fileOfId.get(playbook.id);
    if (other) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `"${playbook.id}" is also the id of ${other}: keep only one of the two files`,
      });
    }
  });
}

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'it is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
};

/** A short reason for a file-system error. Duck-typed: `instanceof Error` fails across realms (jest). */
function reason(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const code = 'code' in error ? String(error.code) : '';
  return REASONS[code] ?? ('message' in error ? String(error.message) : String(error));
}

/** The folder holding package.json: `src/playbook` under tsx and jest, `dist/src/playbook` once built. */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json in ${from} or any folder above it`);
    dir = parent;
  }
  return dir;
}
