/**
 * The console as a script or a service manager runs it (stdin a pipe): SIGHUP and SIGTERM stop it
 * cleanly, with its private Redis, so the next start in the same data dir works; and its HTTP server
 * listens on this machine only unless CALMA_HOST says otherwise.
 */
import path from 'node:path';
import { listeningAddresses } from '../support/listening';
import { CalmaProcess, calmaEnv, httpPort, useE2eInstall } from './calma-process';
import { runCalma } from './console-session';
import { privateRedisOf, waitUntilStopped } from './private-redis';

const install = useE2eInstall('signals');

test.each(['SIGHUP', 'SIGTERM'] as const)(
  'GIVEN the console on its private Redis WHEN calma gets %s THEN it exits 0, Redis is stopped, and the next start in the same data dir works',
  async (signal) => {
    // No REDIS_URL: calma runs its own redis-server with its data in the test's dir.
    const { REDIS_URL: _, ...env } = calmaEnv(install.dir, 60_000);
    const calma = new CalmaProcess('signals', install.dir, env);
    const dataDir = path.join(install.dir, 'data');
    const redis = await privateRedisOf(dataDir);
    await httpPort(calma);

    process.kill(redis.parent, signal);

    expect(await calma.exited).toBe(0);
    await waitUntilStopped(redis);
    const next = await runCalma(install.dir, ['/crisis list'], env);
    expect(next.stderr).not.toContain('another calma');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('No open incidents. Good.');
    // In a pipe the transcript stays clean: the log lines are on stderr.
    expect(next.stdout).not.toContain('"level"');
    // One line per event: the private Redis's start is logged once.
    expect(next.stderr.match(/started a private Redis|private redis-server started/g)).toHaveLength(1);
  },
  60_000,
);

test('GIVEN the console with CALMA_HOST unset THEN its HTTP server listens on 127.0.0.1 only', async () => {
  const calma = install.start('bind', 60_000);
  const port = await httpPort(calma);

  expect(await listeningAddresses(port)).toEqual(['127.0.0.1']);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
}, 60_000);
