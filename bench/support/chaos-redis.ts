/**
 * The chaos run's Redis: one redis-server with the AOF on (appendfsync everysec, as calma's private
 * server runs it) on a fixed port, so the calma processes find it again after it is SIGKILLed and started
 * again on the same data dir. (startPrivateRedis picks a new port each start and only stops cleanly.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { findOnPath } from '../../src/redis/private-server';

const READY_TIMEOUT_MS = 20_000;

export class ChaosRedis {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly binary: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(dir: string, port: number): Promise<ChaosRedis> {
    const binary = findOnPath('redis-server');
    if (!binary) throw new Error('the chaos run needs redis-server on the PATH');
    const redis = new ChaosRedis(binary, dir, port);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server on the data dir; it replays the AOF before it answers PING. */
  async restart(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', 'everysec', '--logfile', 'redis.log');
    this.child = spawn(this.binary, args, { stdio: 'ignore' });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await answersPing(this.url))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** As a crash: no AOF flush, so up to a second of acknowledged writes may be gone. */
  async kill(): Promise<void> {
    await stopChild(this.child, 'SIGKILL');
    this.child = null;
  }

  /** SHUTDOWN: the AOF is flushed. */
  async stop(): Promise<void> {
    await stopChild(this.child, 'SIGTERM');
    this.child = null;
  }
}

async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

async function answersPing(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
