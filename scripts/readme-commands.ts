/**
 * The README's command table, from the registry (handlers/index.ts): `npm run docs:commands` writes it
 * between its markers, and test/unit/docs/readme-commands.test.ts fails while the two disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registry } from '../handlers/index';
import type { Access, CommandDefinition } from '../src/app/command';
import type { Names } from '../src/core/grammar';
import { catalogues, translator } from '../src/i18n';

export const README = path.resolve(__dirname, '../README.md');
const START = '<!-- commands: written by `npm run docs:commands` from the definitions in handlers/ -->';
const END = '<!-- /commands -->';

const WHO: Record<Access, string> = {
  anyone: 'anyone',
  approvers: 'someone holding an approval role the statement requires (to approve: not its author)',
  'step-approvers': 'anyone; a step that needs approval: one of its approvers',
};

const code = (text: string) => `\`${text}\``;

/** `paso` (`ver`, `hecho`…): a command's word in one language, with its typed verbs'. */
function words(command: CommandDefinition, pick: (names: Names) => string): string {
  const verbs = Object.values(command.verbs ?? {})
    .filter((verb) => verb.typed !== false)
    .map((verb) => code(pick(verb.names)));
  return `${code(pick(command.names))}${verbs.length > 0 ? ` (${verbs.join(', ')})` : ''}`;
}

/** The other words a command or its verbs answer to. */
function also(command: CommandDefinition): string {
  const more = [command.names, ...Object.values(command.verbs ?? {}).map((v) => v.names)].flatMap(
    (names) => names.also ?? [],
  );
  return more.length > 0 ? `; also ${more.map(code).join(', ')}` : '';
}

/** The table: one row per command, in the registry's order. */
export function commandTable(commands: readonly CommandDefinition[] = registry.commands): string {
  const t = translator('en');
  const arg = (name: keyof typeof catalogues.en.help.arg) => catalogues.en.help.arg[name];
  const rows = commands.map((c) => [
    code(c.usage(arg)),
    `${words(c, (n) => n.es)} · ${words(c, (n) => n.fr)}${also(c)}`,
    WHO[c.access],
    t(c.help),
  ]);
  const header = ['command', 'Spanish · French', 'who may run it', 'what it does'];
  // Inside a table cell a `|` is escaped, or it splits the cell.
  const cells = [header, ...rows].map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}

/** The README with the table between its markers. */
export function withCommandTable(readme: string, table = commandTable()): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, start + START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}

if (require.main === module) {
  writeFileSync(README, withCommandTable(readFileSync(README, 'utf8')));
  console.log(`README.md: ${registry.commands.length} commands`);
}
