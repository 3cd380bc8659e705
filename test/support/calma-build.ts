/**
 * calma compiled once per test run, for the tests that run it as a real process (test/e2e, the CLIs):
 * starting `node --import tsx` transpiled all of calma again in every process. The global setup builds
 * it into a temp dir and says where in CALMA_TEST_BUILD; `calmaEntry` finds a script in it.
 */
import { copyFile, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transformFile } from '@swc/core';

const root = path.resolve(__dirname, '../..');
/** The folders that hold calma's TypeScript; everything else at the top is linked as it is. */
const SOURCES = ['src', 'handlers'];

/**
 * Transpiles src/ and handlers/ into `outDir` as the tests' own transform does (SWC, CommonJS), copies
 * their other files (read from disk beside the code) and links every other top-level entry (package.json,
 * node_modules, playbooks...), so paths calma resolves from its own location find what they do in the
 * repository. Type checking is `npm run typecheck`'s job.
 */
export async function buildCalma(outDir: string): Promise<void> {
  const work: Promise<void>[] = [];
  for (const entry of await readdir(root)) {
    if (!SOURCES.includes(entry)) work.push(symlink(path.join(root, entry), path.join(outDir, entry)));
  }
  for (const source of SOURCES) {
    for (const entry of await readdir(path.join(root, source), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const from = path.join(entry.parentPath, entry.name);
      const to = path.join(outDir, path.relative(root, from));
      work.push(compileOrCopy(from, to));
    }
  }
  await Promise.all(work);
}

async function compileOrCopy(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  if (!from.endsWith('.ts')) return copyFile(from, to);
  const { code } = await transformFile(from, {
    swcrc: false,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  await writeFile(to.replace(/\.ts$/, '.js'), code);
}

/** The compiled file for a script of the repository (`src/main.ts`): run it with `node`. */
export function calmaEntry(script: string): string {
  const build = process.env.CALMA_TEST_BUILD;
  if (!build)
    throw new Error('CALMA_TEST_BUILD is not set: run tests through jest (its global setup builds calma)');
  return path.join(build, script.replace(/\.ts$/, '.js'));
}
