import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { waitUntil } from './calma-process';

/** The private redis-server calma runs for a data dir: its pid, its port and its parent (calma). */
export interface PrivateRedisProcess {
  pidFile: string;
  pid: number;
  port: number;
  parent: number;
}

/**
 * Waits for the private redis-server of `dataDir` to run: its pid file names it (calma first writes its
 * own pid there, then Redis overwrites it), and /proc says its port and parent.
 */
export async function privateRedisOf(dataDir: string, timeoutMs = 30_000): Promise<PrivateRedisProcess> {
  const pidFile = path.join(dataDir, 'redis.pid');
  let found: PrivateRedisProcess | undefined;
  await waitUntil(
    async () => {
      const pid = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
      const args = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!args.includes('redis-server')) return false;
      // Redis shows its address as its process title (`redis-server 127.0.0.1:6379`) once it listens.
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(args)?.[1]);
      if (!port) return false;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Field 4 of stat is the parent pid; field 2 (the name, in parentheses) may hold spaces.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found = { pidFile, pid, port, parent };
      return true;
    },
    timeoutMs,
    () => `no redis-server in ${pidFile}`,
  );
  if (!found) throw new Error('unreachable');
  return found;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when something answers on 127.0.0.1:`port`. */
export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until the server is stopped cleanly: its pid file removed, its port closed. */
export async function waitUntilStopped(server: PrivateRedisProcess, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    async () => {
      const pidFileGone = await readFile(server.pidFile).then(
        () => false,
        () => true,
      );
      return pidFileGone && !(await answers(server.port));
    },
    timeoutMs,
    () => `redis-server ${server.pid} (port ${server.port}) is still running or left ${server.pidFile}`,
  );
}
