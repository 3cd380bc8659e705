#!/usr/bin/env node
// `npm start`: runs calma compiled, without a TypeScript runtime in the way. The first start compiles
// src/ and handlers/ with SWC (type-stripping, about a second) into node_modules/.cache/calma/build/;
// later starts compare each source's size and mtime with what was compiled and recompile only the
// files that changed, then load the compiled main in this same process (no second node). Type checking
// is `npm run typecheck`'s job, as it was under tsx. Where SWC is not installed (`npm ci --omit=dev`),
// it runs `npm run build`'s dist/ instead. Why: docs/decisions.md, "npm start runs compiled code".
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
/** The folders holding calma's TypeScript (and the files read beside it, such as the Lua scripts). */
const SOURCES = ['src', 'handlers'];
/**
 * Inside node_modules, so the compiled files resolve the project's packages as the sources do;
 * CALMA_CACHE_DIR moves it (the tests start from an empty one). The parsed playbooks go beside it.
 */
const CACHE = path.join(
  process.env.CALMA_CACHE_DIR || path.join(root, 'node_modules', '.cache', 'calma'),
  'build',
);
const MANIFEST = path.join(CACHE, 'manifest.json');
/** Bumped when the compile options change: every file is compiled again (so it is with a new SWC). */
const FORMAT = 2;

/** Every file under the source folders, as paths relative to the root. */
function sourceFiles() {
  const files = [];
  for (const folder of SOURCES) {
    for (const entry of fs.readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.push(path.relative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return files;
}

/** What a source file is compiled from: when it changes, the file is compiled again. */
function stamp(file) {
  const stat = fs.statSync(path.join(root, file));
  return `${stat.size}:${stat.mtimeMs}`;
}

function outputOf(file) {
  return path.join(CACHE, file.replace(/\.ts$/, '.js'));
}

/** Writes through a temporary file, so a start running beside this one never reads half a file. */
function writeAtomic(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/** What the whole build depends on besides the sources: the options and the compiler's version. */
function compiler() {
  return `${FORMAT} swc ${require('@swc/core/package.json').version}`;
}

function readManifest() {
  try {
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
    return manifest.compiler === compiler() ? manifest.files : {};
  } catch {
    return {};
  }
}

/**
 * Brings the compiled copy up to date with the sources: compiles what changed, copies other files,
 * deletes what was compiled from a source that is gone. Returns how many files it compiled or copied.
 */
function freshen() {
  const before = readManifest();
  const files = {};
  const stale = [];
  for (const file of sourceFiles()) {
    files[file] = stamp(file);
    if (before[file] !== files[file] || !fs.existsSync(outputOf(file))) stale.push(file);
  }
  for (const file of Object.keys(before)) {
    if (file in files) continue;
    fs.rmSync(outputOf(file), { force: true });
    fs.rmSync(`${outputOf(file)}.map`, { force: true });
  }
  if (stale.length === 0 && Object.keys(before).length === Object.keys(files).length) return 0;
  // Loaded only when something changed: most starts never pay for the compiler.
  const swc = require('@swc/core');
  for (const file of stale) {
    const from = path.join(root, file);
    if (!file.endsWith('.ts')) {
      writeAtomic(outputOf(file), fs.readFileSync(from));
      continue;
    }
    const { code, map } = swc.transformFileSync(from, {
      swcrc: false,
      sourceMaps: true,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    });
    // Beside the code, named by a comment that costs nothing unless source maps are on
    // (NODE_OPTIONS=--enable-source-maps): then stack traces name the TypeScript lines.
    const output = outputOf(file);
    writeAtomic(`${output}.map`, JSON.stringify({ ...JSON.parse(map), sources: [pathToFileURL(from).href] }));
    writeAtomic(output, `${code}\n//# sourceMappingURL=${path.basename(output)}.map\n`);
  }
  writeAtomic(MANIFEST, JSON.stringify({ compiler: compiler(), files }));
  linkOutside();
  return stale.length;
}

/**
 * A build outside the project (CALMA_CACHE_DIR) gets links to what calma finds beside its code: the
 * packages, package.json (which marks where the playbooks are) and the playbooks.
 */
function linkOutside() {
  if (!path.relative(root, CACHE).startsWith('..')) return;
  for (const entry of ['node_modules', 'package.json', 'playbooks']) {
    const link = path.join(CACHE, entry);
    if (!fs.existsSync(link)) fs.symlinkSync(path.join(root, entry), link);
  }
}

/** True when SWC can be loaded: it is a devDependency, missing after `npm ci --omit=dev`. */
function haveSwc() {
  try {
    require.resolve('@swc/core');
    return true;
  } catch {
    return false;
  }
}

function main() {
  if (!haveSwc()) {
    const built = path.join(root, 'dist', 'src', 'main.js');
    if (!fs.existsSync(built)) {
      process.stderr.write(
        'calma could not start: @swc/core is not installed (npm ci --omit=dev?) and there is no dist/: run `npm ci && npm start`, or `npm run build` and then `node dist/src/main.js`\n',
      );
      process.exit(1);
    }
    require(built);
    return;
  }
  freshen();
  require(outputOf('src/main.ts'));
}

main();
