/**
 * calma with no chat token and nobody at a keyboard (stdin is /dev/null, as in a container): it runs
 * headless instead of a console that would read end-of-input and exit (a restart loop under Docker's
 * `restart: unless-stopped`). It serves HTTP, refuses alerts it could bring to nobody, passes the image's
 * own HEALTHCHECK, and stops cleanly, with its private Redis, on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HEADLESS_ALERT_ERROR } from '../../src/http/alerts';
import { listeningAddresses } from '../support/listening';
import { calmaCommand, cleanEnv } from './calma-command';
import { waitUntil } from './calma-process';
import { privateRedisOf, waitUntilStopped } from './private-redis';

const root = path.resolve(__dirname, '../..');

let dir: string;
let calma: ChildProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-headless-'));
  await writeFile(path.join(dir, 'calma.yaml'), 'locale: en\n');
});

afterEach(async () => {
  if (calma?.exitCode === null && calma.signalCode === null) calma.kill('SIGKILL');
  calma = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** The Dockerfile's HEALTHCHECK command (exec form), run here against `port` as Docker would run it. */
async function imageHealthCheck(port: number): Promise<number | null> {
  const dockerfile = (await readFile(path.join(root, 'Dockerfile'), 'utf8')).replace(/\\\n\s*/g, '');
  const exec = /^HEALTHCHECK .*?CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  if (!exec) throw new Error('no HEALTHCHECK CMD [...] in the Dockerfile');
  const [command, ...args] = JSON.parse(exec) as string[];
  expect(command).toBe('node');
  const check = spawn(process.execPath, args, { env: { PORT: String(port) }, stdio: 'ignore' });
  return new Promise((resolve) => check.once('exit', (code) => resolve(code)));
}

test('GIVEN no chat token and stdin from /dev/null THEN calma stays up headless: /healthz 200, alerts refused with 503 and why, the image health check passes, and SIGTERM exits 0 with Redis stopped', async () => {
  const child = spawn(calmaCommand[0] as string, calmaCommand.slice(1), {
    cwd: dir,
    env: cleanEnv(dir, {
      LOG_LEVEL: 'info',
      CALMA_CONFIG: path.join(dir, 'calma.yaml'),
      CALMA_DATA_DIR: path.join(dir, 'data'),
      // As docker-compose.yml sets it, and an alert source someone configured.
      CALMA_HOST: '0.0.0.0',
      GENERIC_WEBHOOK_SECRET: 'headless-generic-secret',
    }),
    // 'ignore' is /dev/null.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  calma = child;
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let port = 0;
  await waitUntil(
    () => {
      port = Number(/"port":(\d+),"msg":"HTTP on port/.exec(stderr)?.[1] ?? 0);
      return port > 0;
    },
    30_000,
    () => `calma never said its HTTP port\n${stderr}`,
  );
  // The warning is the next line, but it may come in the next chunk of stderr.
  await waitUntil(
    () => stderr.includes('no chat platform is configured'),
    10_000,
    () => `calma never said it runs headless\n${stderr}`,
  );
  const redis = await privateRedisOf(path.join(dir, 'data'));

  // One warning says what is going on and how to get a chat platform; nothing is printed as a chat.
  const warnings = stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((line) => line.level >= 40);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]?.msg).toMatch(/no chat platform is configured/);
  expect(warnings[0]?.msg).toContain('SLACK_BOT_TOKEN or DISCORD_TOKEN');
  expect(warnings[0]?.msg).toContain('docker compose run --rm calma');
  expect(stdout).toBe('');
  expect(await listeningAddresses(port)).toEqual(['0.0.0.0']);

  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', redis: 'ok' });
  const alert = await fetch(`http://127.0.0.1:${port}/alerts/generic`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Brand mentions x10', severity: 'critical' }),
  });
  expect(alert.status).toBe(503);
  expect(await alert.json()).toEqual({ error: HEADLESS_ALERT_ERROR });
  expect(await imageHealthCheck(port)).toBe(0);
  // Still up: a console would have read end-of-input and left long ago.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(child.exitCode).toBeNull();

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  await waitUntilStopped(redis);
  expect(await imageHealthCheck(port)).toBe(1);
}, 60_000);
