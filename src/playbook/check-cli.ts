/**
 * `npm run playbooks:check [dir ...]`: validates the built-in playbooks plus the folders given (and the
 * drill scenarios in their `scenarios/` subfolders), checks every statement template against the
 * statement checklist in every language, prints
 * every problem as `file:line:column key: message` (clickable in editors and terminals) and exits 1 if
 * there is any, so CI and pre-commit hooks can stop a broken playbook before it reaches a crisis.
 */
import path from 'node:path';
import { formatProblem, type Problem } from '../yaml/validate-yaml';
import { builtinPlaybooksDir, loadPlaybooks } from './loader';

async function main(dirs: string[]): Promise<number> {
  const { playbooks, scenarios, problems } = await loadPlaybooks([builtinPlaybooksDir, ...dirs], {
    strict: true,
  });
  for (const problem of problems) console.log(formatProblem({ ...problem, file: shown(problem.file) }));
  console.log(summary(playbooks.length, scenarios.length, problems));
  return problems.length > 0 ? 1 : 0;
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
