/**
 * The README's command, `npm start`, on a fresh build (an empty compile cache): with no token it starts
 * the console, serves /healthz, opens an incident, and never loads the chat platforms' modules (Bolt,
 * discord.js): they load only when their token is set.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type NpmStarted, npmStart, npmStartSandbox, type Sandbox } from '../support/npm-start';
import { waitUntil } from './calma-process';

let sandbox: Sandbox;
let calma: NpmStarted | undefined;

beforeEach(async () => {
  sandbox = await npmStartSandbox();
});

afterEach(async () => {
  if (calma && calma.child.exitCode === null) {
    calma.child.stdin.end('/quit\n');
    await Promise.race([calma.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (calma.child.exitCode === null) calma.child.kill('SIGKILL');
  }
  calma = undefined;
  await sandbox.remove();
});

/** Files the processes loaded, from NODE_DEBUG=module's `load "<file>" for module` lines. */
function loadedFiles(stderr: string): string[] {
  return [...stderr.matchAll(/load "([^"]+)" for module/g)].map((match) => match[1] ?? '');
}

test('GIVEN a fresh clone and no token WHEN a person runs npm start THEN the console starts, /healthz answers 200, an incident opens, and neither Bolt nor discord.js is loaded', async () => {
  const cache = path.join(sandbox.dir, 'cache');
  calma = npmStart(sandbox, {
    PORT: '0',
    LOG_LEVEL: 'info',
    CALMA_LOCALE: 'en',
    CALMA_CACHE_DIR: cache,
    NODE_DEBUG: 'module',
  });
  const started = calma;
  let port = 0;
  await waitUntil(
    () => {
      port = Number(/"port":(\d+),"msg":"HTTP on port/.exec(started.stderr())?.[1] ?? 0);
      return port > 0 || started.child.exitCode !== null;
    },
    60_000,
    () => `calma never said its HTTP port\n${started.stderr().slice(-3000)}`,
  );
  expect(port).toBeGreaterThan(0);

  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  started.child.stdin.write('/crisis open hacked-account sev1 Our account is posting spam\n');
  await waitUntil(
    () => started.stdout().includes('Incident #1 is open in'),
    30_000,
    () => `no incident opened\n${started.stdout()}`,
  );
  started.child.stdin.end('/quit\n');
  expect(await started.exited).toBe(0);

  // The fresh build went where CALMA_CACHE_DIR said, compiled from the sources.
  expect(existsSync(path.join(cache, 'build', 'src', 'main.js'))).toBe(true);
  const files = loadedFiles(started.stderr());
  expect(files.some((file) => file.includes(`${path.sep}build${path.sep}src${path.sep}main.js`))).toBe(true);
  expect(files.some((file) => file.includes('/node_modules/bullmq/'))).toBe(true);
  expect(files.filter((file) => file.includes('/node_modules/@slack/'))).toEqual([]);
  expect(files.filter((file) => file.includes('/node_modules/discord.js/'))).toEqual([]);
}, 120_000);
