import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository stands on its own: a reader of the code or the docs never needs a file outside it. The
 * design notes calma started from are not shipped, so nothing may send a reader to them.
 */
const root = path.resolve(__dirname, '../../..');
const OUTSIDE = /\.\.\/shared|\b(?:DESIGN|DOMAIN|PLATFORMS|STYLE|PLAYBOOK-NOTES)\.md\b/;

test('GIVEN every tracked text file THEN none points at a file outside the repository', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|js|md|ya?ml|json|lua|sh)$/.test(file) && file !== 'package-lock.json')
    .filter((file) => file !== 'test/unit/repo/stands-alone.test.ts' && existsSync(path.join(root, file)));
  const offenders = files.flatMap((file) =>
    readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (OUTSIDE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
  expect(offenders).toEqual([]);
});
