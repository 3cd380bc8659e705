/**
 * A private `redis-server` child process, so `npm start` works without a Redis to configure (docs/decisions.md,
 * Running) and tests get a throwaway one. Data lives in `dataDir`; with `persist` the AOF is on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

export interface PrivateRedis {
  url: string;
  /** Shuts the server down (flushing the AOF) and resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  dataDir: string;
  log?: Logger;
  /** AOF on and the data dir locked against a second server (default true); off for throwaway servers. */
  persist?: boolean;
}

export class RedisNotInstalledError extends Error {
  constructor() {
    super(
      [
        'calma needs Redis, and `redis-server` is not on your PATH. Install it with one line:',
        '  Debian/Ubuntu: sudo apt-get install -y redis-server',
        '  macOS:         brew install redis',
        'or point calma at a Redis you already run by setting REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379).',
      ].join('\n'),
    );
    this.name = 'RedisNotInstalledError';
  }
}

/** Two servers appending to one AOF directory would corrupt it, so a data dir has one owner at a time. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number, pidFile: string) {
    const owner = Number.isInteger(pid) ? `pid ${pid}` : 'starting up';
    super(
      `another calma is using ${dir} (its redis-server or calma process: ${owner}). ` +
        `Stop it first, or use another data directory. If no such process runs, delete ${pidFile}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 3;

export async function startPrivateRedis(opts: PrivateRedisOptions): Promise<PrivateRedis> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new RedisNotInstalledError();
  const dir = path.resolve(opts.dataDir);
  const persist = opts.persist ?? true;
  const pidFile = path.join(dir, 'redis.pid');
  const logFile = path.join(dir, 'redis.log');
  await mkdir(dir, { recursive: true });
  if (persist) await lockDataDir(dir, pidFile);
  try {
    for (let attempt = 1; ; attempt++) {
      // The port is free now but not reserved: another process may take it before Redis binds it.
      const port = await freePort();
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
      args.push('--daemonize', 'no', '--logfile', logFile);
      // everysec: a crash or power cut loses at most ~1 s of writes, without an fsync per command.
      if (persist) args.push('--appendonly', 'yes', '--appendfsync', 'everysec', '--pidfile', pidFile);
      else args.push('--appendonly', 'no');
      const server = new ServerProcess(spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] }));
      const failure = await server.waitForPing(port, logFile);
      if (!failure) {
        const url = `redis://127.0.0.1:${port}`;
        opts.log?.info({ url, dataDir: dir, persist }, 'private redis-server started');
        return server.handle(url, persist ? pidFile : null, opts.log);
      }
      if (!(failure.includes('Address already in use') && attempt < PORT_ATTEMPTS)) {
        throw new Error(`redis-server did not start:\n${failure}`);
      }
    }
  } catch (error) {
    if (persist) await rm(pidFile, { force: true });
    throw error;
  }
}

/** Absolute path of an executable `name` in one of PATH's directories, or null. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue; // an empty entry means "the current directory": never run a binary from there
    const candidate = path.resolve(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there, or not executable: keep looking
    }
  }
  return null;
}

class ServerProcess {
  private stderr = '';
  private spawnError: Error | null = null;
  private stopping: Promise<void> | null = null;
  /** Settles when the process has exited and its stderr is drained (or it never started). */
  private readonly closed: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    this.closed = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => resolve());
    });
    // Redis reports config errors on stderr before it opens its log file.
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', (error) => {
      this.spawnError = error;
    });
  }

  private get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null || this.spawnError !== null;
  }

  /** Null once Redis answers PING; otherwise why it did not (log tail included), with the process gone. */
  async waitForPing(port: number, logFile: string): Promise<string | null> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!this.exited && Date.now() < deadline) {
      if (await answersPing(port)) return null;
      await sleep(25);
    }
    const reason = this.exited
      ? `it exited (${this.spawnError?.message ?? this.child.exitCode ?? this.child.signalCode})`
      : `no answer on port ${port} after ${READY_TIMEOUT_MS} ms`;
    await this.stop();
    await withTimeout(this.closed, 500); // let the last stderr lines arrive
    return `${reason}\n${this.stderr}${await tail(logFile)}`;
  }

  handle(url: string, pidFile: string | null, log: Logger | undefined): PrivateRedis {
    // If calma exits without calling stop (uncaught error, process.exit), do not leave Redis behind.
    // SIGTERM makes Redis flush its AOF and exit on its own after we are gone.
    const killOnExit = (): void => {
      this.child.kill('SIGTERM');
    };
    process.on('exit', killOnExit);
    this.child.on('exit', (code, signal) => {
      if (!this.stopping) log?.error({ url, code, signal }, 'private redis-server exited unexpectedly');
    });
    return {
      url,
      stop: async () => {
        await this.stop();
        process.off('exit', killOnExit);
        // Redis removes its pid file on a clean shutdown; after a SIGKILL the file is ours to remove.
        if (pidFile && (await readFile(pidFile, 'utf8').catch(() => '')).trim() === String(this.child.pid)) {
          await rm(pidFile, { force: true });
        }
        log?.info({ url }, 'private redis-server stopped');
      },
    };
  }

  private stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.exited || this.child.pid === undefined) return;
      // SIGTERM is Redis's SHUTDOWN: it fsyncs the AOF, removes its pid file and exits.
      this.child.kill('SIGTERM');
      if ((await withTimeout(this.closed, STOP_TIMEOUT_MS)) === 'timeout') {
        this.child.kill('SIGKILL');
        await this.closed;
      }
    })();
    return this.stopping;
  }
}

/**
 * Takes `pidFile` atomically (O_EXCL) with our pid; redis-server then overwrites it with its own pid and
 * removes it on shutdown. A file naming a live process means the dir is taken; a dead one is a crash.
 */
async function lockDataDir(dir: string, pidFile: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(pidFile, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
    if (attempt > 0 || isLiveOwner(owner)) throw new DataDirInUseError(dir, owner, pidFile);
    await rm(pidFile, { force: true });
  }
}

function isLiveOwner(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
  // After a reboot the stale pid may belong to an unrelated process; Linux lets us check which.
  try {
    return /redis|node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

// Duck-typed: under Jest, Node's own errors are not `instanceof` the test sandbox's Error.
function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** A TCP port free on 127.0.0.1 right now (not reserved: use it at once). The tests take theirs here too. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** A raw-socket PING: no client library, no reconnect loop, and a LOADING reply simply means "not yet". */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Like Promise.race with a timer, but the timer does not keep the process alive once `promise` settles. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
