/**
 * `npm run playbooks:check [dir ...]`: validates the built-in playbooks plus the folders given (and the
 * drill scenarios in their `scenarios/` subfolders), checks every statement template against the
 * statement checklist in every language, prints
 * every problem as `file:line:column key: message` (clickable in editors and terminals) and exits 1 if
 * there is any, so CI and pre-commit hooks can stop a broken playbook before it reaches a crisis.
 * Platform facts checked over a year ago, dated in the future or without a `source`, are printed as
 * warnings that do not change the exit code (a date passing must not break a build); `--now YYYY-MM-DD`
 * checks as of that day.
 */
import path from 'node:path';
import { formatProblem, type Problem } from '../yaml/validate-yaml';
import { builtinPlaybooksDir, loadPlaybooks } from './loader';

async function main(args: string[]): Promise<number> {
  const { now, dirs } = parseArgs(args);
  const { playbooks, scenarios, problems, warnings } = await loadPlaybooks([builtinPlaybooksDir, ...dirs], {
    strict: true,
    checkedAt: now,
  });
  for (const problem of [...problems, ...warnings])
    console.log(formatProblem({ ...problem, file: shown(problem.file) }));
  console.log(summary(playbooks.length, scenarios.length, problems));
  if (warnings.length > 0) console.log(plural(warnings.length, 'warning'));
  return problems.length > 0 ? 1 : 0;
}

/** `[--now YYYY-MM-DD] [dir ...]`: the day to check the platform facts' dates against, and the folders. */
function parseArgs(args: string[]): { now: Date; dirs: string[] } {
  const at = args.findIndex((arg) => arg === '--now' || arg.startsWith('--now='));
  if (at === -1) return { now: new Date(), dirs: args };
  const arg = args[at] ?? '';
  const value = arg.startsWith('--now=') ? arg.slice('--now='.length) : (args[at + 1] ?? '');
  const now = new Date(`${value}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(now.getTime())) {
    throw new Error(`--now takes a day as YYYY-MM-DD, not "${value}"`);
  }
  return { now, dirs: args.filter((_, i) => i !== at && (arg.startsWith('--now=') || i !== at + 1)) };
}

function summary(playbookCount: number, scenarioCount: number, problems: Problem[]): string {
  if (problems.length === 0) {
    return `${plural(playbookCount, 'playbook')} OK\n${plural(scenarioCount, 'drill scenario')} OK`;
  }
  const files = new Set(problems.map((problem) => problem.file)).size;
  return `${plural(problems.length, 'problem')} in ${plural(files, 'file')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Relative to where the command was typed when the file is below it: shorter, still clickable. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
