import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Node } from 'yaml';
import type { z } from 'zod';

/** One thing wrong in a YAML file, located so a person can jump to it. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the key, e.g. `steps.3.due` ('' for the whole document). */
  key: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `file:line:column key: message`, the shape editors and terminals turn into links. */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where} ${p.key || '(document)'}: ${p.message}`;
}

/**
 * Parses YAML text and validates it with a zod schema, reporting every problem with file, line and key
 * (YAML syntax errors too), rather than stopping at the first one.
 */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
): Validated<z.output<S>> {
  return parseAndValidate(schema, text, file).result;
}

/** validateYaml, and the parsed data of a file that passed (what the cache keeps). */
function parseAndValidate<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
): { result: Validated<z.output<S>>; data?: unknown } {
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      result: {
        ok: false,
        problems: doc.errors.map((e) => ({
          file,
          line: e.linePos?.[0].line,
          column: e.linePos?.[0].col,
          key: '',
          message: e.message.split('\n')[0] ?? e.message,
        })),
      },
    };
  }
  const data: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(data);
  if (parsed.success) return { result: { ok: true, value: parsed.data }, data };

  const position = (node: Node | null) => {
    const offset = node?.range?.[0];
    return offset === undefined
      ? {}
      : { line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col };
  };
  const problems: Problem[] = parsed.error.issues.flatMap((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({
        file,
        ...position(keyNode(doc.contents, path, k) ?? deepestNode(doc.contents, path)),
        key: [...path, k].join('.'),
        message: 'unknown key (check its spelling)',
      }));
    }
    return [
      { file, ...position(deepestNode(doc.contents, path)), key: path.join('.'), message: explain(issue) },
    ];
  });
  return { result: { ok: false, problems } };
}

/**
 * Findings about a file that parsed and validated (warnings), placed at their key's line like the
 * problems validateYaml reports.
 */
export function placeFindings(
  text: string,
  file: string,
  findings: { path: (string | number)[]; message: string }[],
): Problem[] {
  if (findings.length === 0) return [];
  const { LineCounter, parseDocument } = yamlModule();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return findings.map(({ path, message }) => {
    const offset = deepestNode(doc.contents, path)?.range?.[0];
    const place = offset === undefined ? undefined : lineCounter.linePos(offset);
    return { file, line: place?.line, column: place?.col, key: path.join('.'), message };
  });
}

/** The node at `path`, or its nearest existing ancestor when the key is missing. */
function deepestNode(root: unknown, path: (string | number)[]): Node | null {
  const { isNode } = yamlModule();
  let node: unknown = root;
  let found: Node | null = isNode(root) ? root : null;
  for (const segment of path) {
    const child = childOf(node, segment);
    if (!child) break;
    node = child;
    found = child;
  }
  return found;
}

function keyNode(root: unknown, path: (string | number)[], key: string): Node | null {
  const { isMap, isNode, isPair, isScalar } = yamlModule();
  const parent = deepestNode(root, path);
  if (!isMap(parent)) return null;
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  return pair && isNode(pair.key) ? pair.key : null;
}

function childOf(node: unknown, segment: string | number): Node | null {
  const { isMap, isNode, isScalar, isSeq } = yamlModule();
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
    return pair && isNode(pair.value) ? pair.value : null;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNode(item) ? item : null;
  }
  return null;
}

/** zod's messages, said the way a person editing the file needs them. */
function explain(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.message.endsWith('received undefined')
      ? `missing (expected ${issue.expected})`
      : issue.message.replace(/^Invalid input: /, '');
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/** The yaml package, required when a file has to be parsed (not at all when every file is cached). */
function yamlModule(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

/**
 * `validateYaml` with the parsed data of files seen before kept in `dir`, under the hash of their text
 * (and of the yaml package's version). Parsing is most of the cost of loading the playbooks at start-up
 * (about 0.3 s for the shipped library); the schema still checks the cached data every time, and a file
 * it rejects is parsed again so the problems point at lines. The cache is best effort: a folder that
 * cannot be written (a read-only image) only means every start parses.
 */
export function validateYamlCached<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  dir: string,
): Validated<z.output<S>> {
  const entry = path.join(dir, `${cacheKey(text)}.json`);
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(entry, 'utf8')));
    if (parsed.success) return { ok: true, value: parsed.data };
  } catch {}
  const { result, data } = parseAndValidate(schema, text, file);
  if (result.ok && isJson(data)) writeCache(entry, JSON.stringify(data));
  return result;
}

function cacheKey(text: string): string {
  const version = (require('yaml/package.json') as { version: string }).version;
  return createHash('sha256').update(`yaml ${version}\0${text}`).digest('hex');
}

function writeCache(entry: string, json: string): void {
  try {
    mkdirSync(path.dirname(entry), { recursive: true });
    const temporary = `${entry}.${process.pid}.tmp`;
    writeFileSync(temporary, json);
    renameSync(temporary, entry);
  } catch {}
}

/** True when JSON gives `data` back as it is (no `.inf`, `.nan`, dates or undefined in it). */
function isJson(data: unknown): boolean {
  if (data === null || typeof data === 'string' || typeof data === 'boolean') return true;
  if (typeof data === 'number') return Number.isFinite(data) && !Object.is(data, -0);
  if (Array.isArray(data)) return data.every(isJson);
  if (typeof data === 'object' && Object.getPrototypeOf(data) === Object.prototype) {
    return Object.values(data).every(isJson);
  }
  return false;
}
