import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Dependencies point one way (docs/architecture.md, "Layers"): read from the code's own imports with the
 * TypeScript compiler, type-only imports included, so the rule holds for every file added later.
 */
const ROOT = path.resolve(__dirname, '../..');
const TREES = ['src', 'handlers'];

/** handlers/ is called by the router and by the chat adapters above it; nothing below imports it. */
const MAY_IMPORT_HANDLERS = [
  'handlers/',
  'src/app/dispatch.ts',
  'src/console/',
  'src/slack/',
  'src/discord/',
];
/** The ground floor: pure rules and types, built on nothing else of calma's. */
const CORE = 'src/core/';

const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const child = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(child);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [child] : [];
  });
}

interface Graph {
  /** file → the files of src/ and handlers/ it imports, paths from the repository root. */
  edges: Map<string, string[]>;
  /** Relative imports that name no file (the walker would be blind to them). */
  unresolved: string[];
}

function importGraph(): Graph {
  const files = TREES.flatMap(sourceFiles);
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const absolute = path.join(ROOT, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(fileName, absolute, compilerOptions, ts.sys).resolvedModule;
      if (!resolved) {
        unresolved.push(`${file}: ${fileName}`);
        continue;
      }
      targets.add(path.relative(ROOT, resolved.resolvedFileName).split(path.sep).join('/'));
    }
    edges.set(file, [...targets].sort());
  }
  return { edges, unresolved };
}

/** Strongly connected components of more than one file, or a file importing itself: import cycles. */
function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}

/** Each cycle as its imports, `a -> b`, so the failure says which lines to change. */
function describeCycle(component: string[], edges: Map<string, string[]>): string[] {
  return component.flatMap((file) =>
    (edges.get(file) ?? []).filter((next) => component.includes(next)).map((next) => `${file} -> ${next}`),
  );
}

function importsWhere(
  edges: Map<string, string[]>,
  importer: (file: string) => boolean,
  imported: (file: string) => boolean,
): string[] {
  return [...edges].flatMap(([file, targets]) =>
    importer(file) ? targets.filter(imported).map((target) => `${file} -> ${target}`) : [],
  );
}

describe('layers', () => {
  const { edges, unresolved } = importGraph();

  it('GIVEN src/ and handlers/ WHEN their imports are read THEN every relative import names a file', () => {
    expect(edges.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
    expect(edges.get('handlers/open.ts')).toContain('src/app/open-incident.ts');
  });

  it('GIVEN the import graph WHEN walked THEN no files import each other in a circle', () => {
    expect(cycles(edges).map((component) => describeCycle(component, edges))).toEqual([]);
  });

  it('GIVEN handlers/ WHEN its importers are listed THEN only the router and the chat adapters above it import it', () => {
    const mayImport = (file: string) => MAY_IMPORT_HANDLERS.some((allowed) => file.startsWith(allowed));
    expect(
      importsWhere(
        edges,
        (file) => !mayImport(file),
        (target) => target.startsWith('handlers/'),
      ),
    ).toEqual([]);
  });

  it('GIVEN src/core WHEN its imports are listed THEN it builds on nothing of calma outside core', () => {
    expect(
      importsWhere(
        edges,
        (file) => file.startsWith(CORE),
        (target) => !target.startsWith(CORE),
      ),
    ).toEqual([]);
  });
});
