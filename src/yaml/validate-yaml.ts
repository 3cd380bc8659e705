import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line,
        column: e.linePos?.[0].col,
        key: '',
        message: e.message.split('\n')[0] ?? e.message,
      })),
    };
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };

  const position = (node: Node | null) => {
    const offset = node?.range?.[0];
    return offset === undefined
      ? {}
      : { line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col };
  };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) => {
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
    }),
  };
}

/** The node at `path`, or its nearest existing ancestor when the key is missing. */
function deepestNode(root: unknown, path: (string | number)[]): Node | null {
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
  const parent = deepestNode(root, path);
  if (!isMap(parent)) return null;
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  return pair && isNode(pair.key) ? pair.key : null;
}

function childOf(node: unknown, segment: string | number): Node | null {
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
