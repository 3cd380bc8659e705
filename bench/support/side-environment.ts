/**
 * What the benches with Slack's side in a worker thread (slack-ack, the report's open part) run on: a
 * throwaway redis-server (no AOF, a temp dir) and that side (fake Web API + load), all on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { type PrivateRedis, startPrivateRedis } from '../../src/redis/private-server';

export interface SideEnvironment<Side> {
  redisUrl: string;
  redis: Redis;
  side: Side;
  /** Closes the side, then Redis, and removes the temp dir. */
  stop(): Promise<void>;
}

/** `label` names the temp dir; `startSide` starts the bench's side once Redis is up. */
export async function startSideEnvironment<Side extends { close(): Promise<void> }>(
  label: string,
  startSide: () => Promise<Side>,
): Promise<SideEnvironment<Side>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `calma-bench-${label}-`));
  let server: PrivateRedis | undefined;
  try {
    server = await startPrivateRedis({ dataDir: dir, persist: false });
    const side = await startSide();
    const redis = new Redis(server.url);
    const started = server;
    return {
      redisUrl: server.url,
      redis,
      side,
      stop: async () => {
        await side.close();
        redis.disconnect();
        await started.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
