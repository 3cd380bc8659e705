import { rm } from 'node:fs/promises';
import type { PrivateRedis } from '../../src/redis/private-server';

/** What the global setup leaves on `globalThis` (setup and teardown share the Jest parent's context). */
export interface TestRedisHandle {
  server: PrivateRedis;
  dataDir: string;
  /** Where calma was compiled for the run (calma-build.ts). */
  buildDir: string;
}

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { calmaTestRedis?: TestRedisHandle };
  const handle = holder.calmaTestRedis;
  if (!handle) return;
  holder.calmaTestRedis = undefined;
  await handle.server.stop();
  await rm(handle.dataDir, { recursive: true, force: true });
  await rm(handle.buildDir, { recursive: true, force: true });
}
