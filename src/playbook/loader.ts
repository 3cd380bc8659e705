import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  type Problem,
  placeFindings,
  type Validated,
  validateYaml,
  validateYamlCached,
} from '../yaml/validate-yaml';
import { type PlaybookWarning, platformFactWarnings, unsourcedFactWarnings } from './fact-check';
import { Scenario } from './scenario-schema';
import { Playbook } from './schema';
import { seedRuleProblems } from './seed-rule-check';
import { templateProblems } from './template-check';

const PLAYBOOK_FILE = /\.ya?ml$/;

/** The playbooks that loaded, and everything wrong with the files that did not. */
export interface LoadedPlaybooks {
  playbooks: Playbook[];
  /** Drill scenarios, from the `scenarios/` folder beside the playbooks of each folder. */
  scenarios: Scenario[];
  problems: Problem[];
  /** What to look at in playbooks that loaded (with `checkedAt`): platform facts due a recheck. */
  warnings: Problem[];
}

/** Drill scenarios live in this subfolder of a playbooks folder (`playbooks/scenarios/<id>.yaml`). */
export const SCENARIOS_DIR = 'scenarios';

/** The repository's `playbooks/` folder: the library calma ships. */
export const builtinPlaybooksDir = path.join(packageRoot(__dirname), 'playbooks');

/**
 * Where calma keeps the parsed data of playbooks it has read before (validateYamlCached), beside the
 * compiled code of `npm start` (scripts/start.js): parsing the library is most of what loading it costs.
 */
export const playbookCacheDir = path.join(
  process.env.CALMA_CACHE_DIR || path.join(packageRoot(__dirname), 'node_modules', '.cache', 'calma'),
  'yaml',
);

/**
 * Reads every `*.yaml` / `*.yml` in each folder, in order. A playbook in a later folder replaces one
 * with the same id from an earlier folder: that is how a team overrides a built-in playbook. A file with
 * any problem is left out, so one broken file never hides the others.
 */
export async function loadPlaybooks(
  dirs: readonly string[],
  /** `checkedAt`: the day `npm run playbooks:check` runs, for the warnings about platform facts (dates, sources). */
  options: { strict?: boolean; cacheDir?: string; checkedAt?: Date } = {},
): Promise<LoadedPlaybooks> {
  const byId = new Map<string, Playbook>();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const schema = options.strict ? StrictPlaybook : Playbook;
  const { checkedAt } = options;
  const warn = checkedAt
    ? (playbook: Playbook) => [
        ...platformFactWarnings(playbook, checkedAt),
        ...unsourcedFactWarnings(playbook),
      ]
    : undefined;
  for (const dir of dirs) {
    const loaded = await loadDir(dir, schema, options.cacheDir, warn);
    problems.push(...loaded.problems);
    warnings.push(...loaded.warnings);
    for (const playbook of loaded.playbooks) byId.set(playbook.id, playbook);
  }
  // Scenarios come after every playbook: one may practise a playbook of another folder.
  const scenarios = await loadScenarios(dirs, new Set(byId.keys()), options.cacheDir);
  problems.push(...scenarios.problems);
  return { playbooks: [...byId.values()], scenarios: scenarios.scenarios, problems, warnings };
}

/**
 * The scenarios of each folder's `scenarios/` subfolder (a folder without one has none), validated like
 * playbooks, plus: the id matches the file name and the playbook exists. A later folder's scenario
 * replaces one with the same id.
 */
async function loadScenarios(
  dirs: readonly string[],
  playbookIds: ReadonlySet<string>,
  cacheDir: string | undefined,
): Promise<{ scenarios: Scenario[]; problems: Problem[] }> {
  const byId = new Map<string, Scenario>();
  const problems: Problem[] = [];
  for (const dir of dirs) {
    const folder = path.join(dir, SCENARIOS_DIR);
    let names: string[];
    try {
      names = (await readdir(folder)).filter((name) => PLAYBOOK_FILE.test(name)).sort();
    } catch (error) {
      if (isMissing(error)) continue;
      problems.push({ file: folder, key: '', message: `cannot read the folder: ${reason(error)}` });
      continue;
    }
    const fileOfId = new Map<string, string>();
    for (const name of names) {
      const file = path.join(folder, name);
      const loaded = await loadFile(file, fileOfId, scenarioSchema(playbookIds), cacheDir);
      if (loaded.ok) {
        byId.set(loaded.value.id, loaded.value);
        fileOfId.set(loaded.value.id, file);
      } else {
        problems.push(...loaded.problems);
      }
    }
  }
  return { scenarios: [...byId.values()], problems };
}

/** The scenario schema plus: its playbook is one of those loaded (pointing at the `playbook:` line). */
function scenarioSchema(playbookIds: ReadonlySet<string>) {
  return Scenario.superRefine((scenario, ctx) => {
    if (!playbookIds.has(scenario.playbook)) {
      ctx.addIssue({
        code: 'custom',
        path: ['playbook'],
        message: `there is no playbook "${scenario.playbook}" (playbooks: ${[...playbookIds].sort().join(', ')})`,
      });
    }
  });
}

/**
 * What `npm run playbooks:check` adds to loading: every statement template passes the checklist, and a
 * social playbook keeps the seed rules. Not at start-up: a team's template that misses an item or a
 * playbook that misses a rule informs, it never stops calma in a crisis.
 */
const StrictPlaybook = Playbook.superRefine((playbook, ctx) => {
  for (const problem of [...templateProblems(playbook), ...seedRuleProblems(playbook)]) {
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  }
});

async function loadDir(
  dir: string,
  schema: z.ZodType<Playbook>,
  cacheDir: string | undefined,
  warn?: (playbook: Playbook) => PlaybookWarning[],
): Promise<Omit<LoadedPlaybooks, 'scenarios'>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => PLAYBOOK_FILE.test(name)).sort();
  } catch (error) {
    return {
      playbooks: [],
      problems: [{ file: dir, key: '', message: `cannot read the folder: ${reason(error)}` }],
      warnings: [],
    };
  }
  const playbooks: Playbook[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const fileOfId = new Map<string, string>();
  // One file after the other: the duplicate-id check needs the ids of the files before it.
  for (const name of names) {
    const file = path.join(dir, name);
    const loaded = await loadFile(file, fileOfId, schema, cacheDir, warn);
    if (loaded.ok) {
      playbooks.push(loaded.value);
      fileOfId.set(loaded.value.id, file);
      warnings.push(...(loaded.warnings ?? []));
    } else {
      problems.push(...loaded.problems);
    }
  }
  return { playbooks, problems, warnings };
}

async function loadFile<T extends { id: string }>(
  file: string,
  fileOfId: ReadonlyMap<string, string>,
  schema: z.ZodType<T>,
  cacheDir: string | undefined,
  warn?: (loaded: T) => PlaybookWarning[],
): Promise<Validated<T> & { warnings?: Problem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, key: '', message: `cannot read the file: ${reason(error)}` }] };
  }
  const placed = placedIn(schema, file, fileOfId);
  const loaded = cacheDir
    ? validateYamlCached(placed, text, file, cacheDir)
    : validateYaml(placed, text, file);
  return loaded.ok && warn ? { ...loaded, warnings: placeFindings(text, file, warn(loaded.value)) } : loaded;
}

/**
 * The playbook (or scenario) schema plus the rules that come from where the file lives. Written as a
 * refinement on `id` so validateYaml points at the `id:` line like any other problem.
 */
function placedIn<T extends { id: string }>(
  schema: z.ZodType<T>,
  file: string,
  fileOfId: ReadonlyMap<string, string>,
) {
  const expected = path.basename(file).replace(PLAYBOOK_FILE, '');
  return schema.superRefine((loaded, ctx) => {
    if (loaded.id !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `the id must match the file name: set "id: ${expected}" or rename the file to ${loaded.id}.yaml`,
      });
    }
    const other = fileOfId.get(loaded.id);
    if (other) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `"${loaded.id}" is also the id of ${other}: keep only one of the two files`,
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

/** A folder that is simply not there (or not a folder): a playbooks folder without scenarios. */
function isMissing(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code === 'ENOENT' || code === 'ENOTDIR';
}

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
