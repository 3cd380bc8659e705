/**
 * Starts one throwaway redis-server for the whole run, so no test touches a Redis it does not own
 * (hermetic tests: never the Redis on 6379). Test files isolate themselves by key prefix.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPrivateRedis } from '../../src/redis/private-server';
import { buildCalma } from './calma-build';
import type { TestRedisHandle } from './global-teardown';

export default async function globalSetup(): Promise<void> {
  // calma compiled once for the tests that run it as a process (calma-build.ts); first, so that a build
  // that fails leaves no redis-server behind.
  const buildDir = await mkdtemp(path.join(os.tmpdir(), 'calma-test-build-'));
  await buildCalma(buildDir).catch(async (error: unknown) => {
    await rm(buildDir, { recursive: true, force: true });
    throw error;
  });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'calma-test-redis-'));
  const server = await startPrivateRedis({ dataDir, persist: false });
  // Workers are forked after this runs and inherit the environment; globals only reach the teardown.
  process.env.CALMA_TEST_REDIS_URL = server.url;
  process.env.CALMA_TEST_BUILD = buildDir;
  const handle: TestRedisHandle = { server, dataDir, buildDir };
  (globalThis as { calmaTestRedis?: TestRedisHandle }).calmaTestRedis = handle;
}
