import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Figure, ReportPart } from './figure';

/** Where `--save` keeps the latest table in docs/benchmarks.md. */
const START = '<!-- report:start -->';
const END = '<!-- report:end -->';

/** The machine the figures come from: they mean nothing without it. */
export function machine(): string {
  const cpus = os.cpus();
  let redis = 'redis-server not found';
  try {
    redis = execFileSync('redis-server', ['--version'], { encoding: 'utf8' })
      .trim()
      .split(' ')
      .slice(0, 3)
      .join(' ');
  } catch {}
  const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(0)} GiB`;
  return [
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    `${gib(os.totalmem())} RAM`,
    `load ${os.loadavg()[0]?.toFixed(2)}`,
    `Node ${process.versions.node}`,
    redis,
    os.type(),
  ].join(', ');
}

/** The report as a Markdown table (it reads the same in a terminal and in docs/benchmarks.md). */
export function markdown(figures: readonly Figure[], when: Date): string {
  const rows = figures.map((f) => [
    f.measure,
    f.calma,
    f.anchor,
    f.goal,
    f.pass ? 'pass' : 'FAIL',
    f.note ?? '',
  ]);
  const header = ['measure', 'calma', 'anchor (same run)', 'goal', 'result', 'note'];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const passed = figures.filter((f) => f.pass).length;
  return [
    `${when.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine()}`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
    `${passed} of ${figures.length} goals met.`,
  ].join('\n');
}

/** Runs the parts in turn (each on its own servers), prints the table; `save` writes it into the docs. */
export async function runReport(parts: readonly ReportPart[], save: boolean): Promise<boolean> {
  const figures: Figure[] = [];
  for (const part of parts) {
    const started = Date.now();
    console.log(`… ${part.id}`);
    const got = await part.run();
    figures.push(...got);
    console.log(`  ${part.id}: ${got.length} figures in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const text = markdown(figures, new Date());
  console.log(`\n${text}\n`);
  if (save) {
    const file = path.join(__dirname, '..', '..', 'docs', 'benchmarks.md');
    const docs = await readFile(file, 'utf8');
    const at = docs.indexOf(START);
    const end = docs.indexOf(END);
    if (at === -1 || end < at) throw new Error(`${file} has no ${START} … ${END} section`);
    await writeFile(file, `${docs.slice(0, at + START.length)}\n${text}\n${docs.slice(end)}`);
    console.log(`saved in ${path.relative(process.cwd(), file)}`);
  }
  return figures.every((f) => f.pass);
}
