import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../..');

/**
 * The command that runs calma, for the tests that start it themselves (in a terminal, with stdin from
 * /dev/null): from the sources with tsx, as `npm start` does, so these tests try what a newcomer types
 * (the other e2e tests run the compiled build). tsx is node's loader here, not the `tsx` command, which
 * would run calma in a child process that a signal sent to it would not reach.
 */
export const calmaCommand: readonly string[] = [
  process.execPath,
  '--import',
  pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href,
  path.join(root, 'src/main.ts'),
];

/** A clean environment, as in calma-process.ts: nothing from the developer's shell leaks in. */
export function cleanEnv(home: string, env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, USER: 'sam', PORT: '0', ...env };
}
