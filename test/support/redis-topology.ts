/**
 * Real Redis topologies for fail-over tests, from the `redis-server` binary alone (no Docker, and no
 * `redis-sentinel`: `redis-server --sentinel` is the same program): a primary with a replica watched by
 * three sentinels, or a cluster of three primaries made by `redis-cli --cluster create`. Every process
 * runs on free ports with its files in a temp dir; `stop()` kills them all and removes the dir.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const HOST = '127.0.0.1';
/** Generous: six test runs share two cores, and a Redis starting under load is slow to answer. */
const READY_MS = 30_000;

class Topology {
  private readonly processes = new Map<number, ChildProcess>();

  /** `appendonly yes` with `appendfsync everysec` (the production setting) instead of no persistence. */
  protected appendOnly = false;

  protected constructor(readonly dir: string) {}

  protected async server(port: number, args: string[], password?: string): Promise<void> {
    const common = [
      '--port',
      String(port),
      '--bind',
      HOST,
      '--dir',
      this.dir,
      '--save',
      '',
      '--appendonly',
      this.appendOnly && !args.includes('--sentinel') ? 'yes' : 'no',
      '--appendfsync',
      'everysec',
      // One AOF folder per server: they share `dir`, and two servers must never write the same files.
      '--appenddirname',
      `appendonlydir-${port}`,
    ];
    const child = spawn('redis-server', [...args, ...common, '--logfile', `redis-${port}.log`], {
      stdio: 'ignore',
    });
    this.processes.set(port, child);
    await waitFor(
      () => ask(port, (redis) => redis.ping().then((pong) => pong === 'PONG'), password),
      READY_MS,
      `redis-server on ${port}`,
    );
  }

  /** SIGKILL, as a crash: resolves once the process is gone. */
  async kill(port: number): Promise<void> {
    const child = this.processes.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((port) => this.kill(port)));
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * A primary and its replica, watched by three sentinels (quorum 2) that fail over within seconds. Both
 * Redis and the sentinels ask for passwords, as in production, with characters a URL must encode.
 */
export class SentinelTopology extends Topology {
  static readonly PRIMARY_NAME = 'calma-primary';
  static readonly PASSWORD = 'p@ss:word';
  static readonly SENTINEL_PASSWORD = 's&ntinel';

  private constructor(
    dir: string,
    private primaryPort: number,
    readonly replicaPort: number,
    readonly sentinelPorts: number[],
  ) {
    super(dir);
  }

  static async start(options: { appendOnly?: boolean } = {}): Promise<SentinelTopology> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-sentinel-'));
    const [primary, replica, ...sentinels] = await distinctFreePorts(5);
    const topology = new SentinelTopology(dir, primary ?? 0, replica ?? 0, sentinels);
    topology.appendOnly = options.appendOnly ?? false;
    try {
      const { PASSWORD, SENTINEL_PASSWORD } = SentinelTopology;
      // masterauth on both: the replica authenticates to the primary, and so would the old primary back.
      const auth = ['--requirepass', PASSWORD, '--masterauth', PASSWORD];
      await topology.server(topology.primaryPort, auth, PASSWORD);
      await topology.server(
        topology.replicaPort,
        [...auth, '--replicaof', HOST, String(topology.primaryPort)],
        PASSWORD,
      );
      for (const port of sentinels) {
        // A sentinel rewrites its file (what it learns of replicas and peers): one writable file each.
        const file = path.join(dir, `sentinel-${port}.conf`);
        const name = SentinelTopology.PRIMARY_NAME;
        await writeFile(
          file,
          [
            `sentinel monitor ${name} ${HOST} ${topology.primaryPort} 2`,
            `sentinel down-after-milliseconds ${name} 1000`,
            `sentinel failover-timeout ${name} 5000`,
            `sentinel auth-pass ${name} ${PASSWORD}`,
            // The sentinels' own password, which they also give each other.
            `requirepass ${SENTINEL_PASSWORD}`,
            `sentinel sentinel-pass ${SENTINEL_PASSWORD}`,
            '',
          ].join('\n'),
        );
        await topology.server(port, [file, '--sentinel'], SENTINEL_PASSWORD);
        // A sentinel whose own timer ran 2 s late (its process starved of CPU, as on a loaded CI
        // machine) distrusts what it measured and acts on nothing for 30 s (TILT): when all three are
        // starved at once, nothing fails over for that long. 5 s is enough to measure again.
        await ask(port, (redis) => redis.call('SENTINEL', 'DEBUG', 'tilt-period', '5000'), SENTINEL_PASSWORD);
      }
      await topology.waitUntilWatched();
      return topology;
    } catch (error) {
      await topology.stop();
      throw error;
    }
  }

  /** calma's REDIS_URL for this topology. */
  get url(): string {
    const { PRIMARY_NAME, PASSWORD, SENTINEL_PASSWORD } = SentinelTopology;
    const sentinels = this.sentinelPorts.map((port) => `${HOST}:${port}`).join(',');
    const password = encodeURIComponent(PASSWORD);
    const query = new URLSearchParams({ sentinelPassword: SENTINEL_PASSWORD });
    return `redis+sentinel://:${password}@${sentinels}/${PRIMARY_NAME}?${query}`;
  }

  /** The port of the server the sentinels name as primary now. */
  async primary(): Promise<number> {
    const address = await ask(
      this.sentinelPorts[0] ?? 0,
      (redis) => redis.call('SENTINEL', 'get-master-addr-by-name', SentinelTopology.PRIMARY_NAME),
      SentinelTopology.SENTINEL_PASSWORD,
    );
    if (!Array.isArray(address)) throw new Error('the first sentinel does not answer');
    return Number(address[1]);
  }

  /**
   * What each sentinel says of the primary (flags, failover state), whether it is in TILT, and the
   * events it logged (+sdown, +odown, +try-failover, +elected-leader, -failover-abort-…, +tilt): for a
   * test that timed out.
   */
  async describe(): Promise<string> {
    const views = await Promise.all(
      this.sentinelPorts.map(async (port) => {
        const master = await ask(
          port,
          (redis) => redis.call('SENTINEL', 'master', SentinelTopology.PRIMARY_NAME),
          SentinelTopology.SENTINEL_PASSWORD,
        );
        const tilt = await ask(port, (redis) => redis.info('sentinel'), SentinelTopology.SENTINEL_PASSWORD);
        const log = await readFile(path.join(this.dir, `redis-${port}.log`), 'utf8').catch(() => '');
        const events = log.split('\n').filter((line) => / [#*] [+-][a-z]/.test(line));
        return [
          `sentinel ${port}: ${Array.isArray(master) ? master.join(' ') : 'no answer'}`,
          `  ${/sentinel_tilt:\d/.exec(tilt ?? '')?.[0] ?? 'sentinel_tilt: no answer'}`,
          ...events.slice(-40).map((line) => `  ${line}`),
        ].join('\n');
      }),
    );
    return views.join('\n');
  }

  /** SIGKILLs the primary; the sentinels then promote the replica (`waitForPromotion`). */
  async killPrimary(): Promise<void> {
    await this.kill(this.primaryPort);
  }

  /** Resolves once every sentinel names the replica as the primary, and it answers as one. */
  async waitForPromotion(timeoutMs = 100_000): Promise<void> {
    await waitFor(
      async () => {
        for (const port of this.sentinelPorts) {
          const address = await ask(
            port,
            (redis) => redis.call('SENTINEL', 'get-master-addr-by-name', SentinelTopology.PRIMARY_NAME),
            SentinelTopology.SENTINEL_PASSWORD,
          );
          if (!Array.isArray(address) || Number(address[1]) !== this.replicaPort) return false;
        }
        const role = await ask(this.replicaPort, (redis) => redis.call('ROLE'), SentinelTopology.PASSWORD);
        return Array.isArray(role) && role[0] === 'master';
      },
      timeoutMs,
      'the sentinels to promote the replica',
    );
    this.primaryPort = this.replicaPort;
  }

  /**
   * A fail-over needs the replica in sync and every sentinel to know it and its two peers (learnt from
   * their hello messages, every 2 s), each seen up: a replica only discovered in the primary's INFO
   * (no link to it, no INFO from it yet) cannot be promoted, and the sentinel gives up its fail-over
   * and tries again after twice `failover-timeout`.
   */
  private async waitUntilWatched(): Promise<void> {
    const name = SentinelTopology.PRIMARY_NAME;
    await waitFor(
      async () => {
        const info = await ask(
          this.replicaPort,
          (redis) => redis.info('replication'),
          SentinelTopology.PASSWORD,
        );
        if (!info?.includes('master_link_status:up')) return false;
        for (const port of this.sentinelPorts) {
          const known = await ask(
            port,
            async (redis) => [
              ((await redis.call('SENTINEL', 'replicas', name)) as string[][]).map(fields),
              ((await redis.call('SENTINEL', 'sentinels', name)) as string[][]).map(fields),
            ],
            SentinelTopology.SENTINEL_PASSWORD,
          );
          const [replicas, peers] = known ?? [[], []];
          const replica = replicas?.find((r) => Number(r.port) === this.replicaPort);
          if (replica?.flags !== 'slave' || replica['master-link-status'] !== 'ok' || !replica.runid) {
            return false;
          }
          const up = (peers ?? []).filter((peer) => peer.flags === 'sentinel');
          if (up.length < this.sentinelPorts.length - 1) return false;
        }
        return true;
      },
      READY_MS,
      'the sentinels to see the replica and each other',
    );
  }
}

/**
 * Three primaries sharing the 16384 slots, made by `redis-cli --cluster create`; with `replicas: 1`, each
 * has a replica that the cluster promotes when its primary dies.
 */
export class ClusterTopology extends Topology {
  private constructor(
    dir: string,
    readonly ports: number[],
  ) {
    super(dir);
  }

  static async start(options: { replicas?: 0 | 1; appendOnly?: boolean } = {}): Promise<ClusterTopology> {
    const replicas = options.replicas ?? 0;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calma-cluster-'));
    const count = 3 * (1 + replicas);
    // The cluster bus port is set too: the default (port + 10000) may be taken, or past 65535.
    const ports = await distinctFreePorts(2 * count);
    const topology = new ClusterTopology(dir, ports.slice(0, count));
    topology.appendOnly = options.appendOnly ?? false;
    try {
      for (const [i, port] of topology.ports.entries()) {
        await topology.server(port, [
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(ports[count + i]),
          '--cluster-config-file',
          `nodes-${port}.conf`,
          '--cluster-node-timeout',
          '2000',
        ]);
      }
      const nodes = topology.ports.map((port) => `${HOST}:${port}`);
      const create = [
        '--cluster',
        'create',
        ...nodes,
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ];
      await run('redis-cli', create, { timeout: READY_MS });
      await waitFor(
        async () => {
          for (const port of topology.ports) {
            const info = await ask(port, (redis) => redis.call('CLUSTER', 'INFO'));
            if (typeof info !== 'string' || !info.includes('cluster_state:ok')) return false;
            const replication = await ask(port, (redis) => redis.info('replication'));
            if (replication?.includes('role:slave') && !replication.includes('master_link_status:up'))
              return false;
          }
          return true;
        },
        READY_MS,
        'the cluster to cover its slots, with its replicas in sync',
      );
      return topology;
    } catch (error) {
      await topology.stop();
      throw error;
    }
  }

  /** calma's REDIS_URL for this cluster (every node as a seed). */
  get url(): string {
    return `redis+cluster://${this.ports.map((port) => `${HOST}:${port}`).join(',')}`;
  }

  /** The ports of the primaries that hold at least one key now (DBSIZE > 0). */
  async nodesHoldingKeys(): Promise<number[]> {
    const held = await Promise.all(
      this.ports.map(async (port) => {
        const role = await ask(port, (redis) => redis.call('ROLE'));
        const size = await ask(port, (redis) => redis.dbsize());
        return Array.isArray(role) && role[0] === 'master' && Number(size) > 0;
      }),
    );
    return this.ports.filter((_, i) => held[i]);
  }

  /** The port of the primary serving `key`'s slot now, as the cluster reports it. */
  async primaryOf(key: string, askPort = this.ports[0] ?? 0): Promise<number> {
    const slot = Number(await ask(askPort, (redis) => redis.call('CLUSTER', 'KEYSLOT', key)));
    const ranges = (await ask(askPort, (redis) => redis.call('CLUSTER', 'SLOTS'))) as
      | [number, number, [string, number]][]
      | null;
    const range = ranges?.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no node serves slot ${slot}`);
    return Number(range[2][1]);
  }

  /** Resolves once the primary on `port` has no write its replicas have not received. */
  async waitUntilReplicated(port: number): Promise<void> {
    await waitFor(
      async () => {
        const info = await ask(port, (redis) => redis.info('replication'));
        const offset = /master_repl_offset:(\d+)/.exec(info ?? '')?.[1];
        const replica = /slave0:.*offset=(\d+)/.exec(info ?? '')?.[1];
        return offset !== undefined && replica !== undefined && Number(replica) >= Number(offset);
      },
      READY_MS,
      `the replica of ${port} to catch up`,
    );
  }

  /** Resolves once a node other than `dead` serves `key`'s slot as primary and the cluster is whole. */
  async waitForPromotion(key: string, dead: number, timeoutMs = 100_000): Promise<number> {
    const alive = this.ports.find((port) => port !== dead) ?? 0;
    return waitFor(
      async () => {
        const info = await ask(alive, (redis) => redis.call('CLUSTER', 'INFO'));
        if (typeof info !== 'string' || !info.includes('cluster_state:ok')) return 0;
        const port = await this.primaryOf(key, alive).catch(() => 0);
        return port !== dead ? port : 0;
      },
      timeoutMs,
      'the cluster to promote a replica',
    );
  }
}

/** A sentinel's flat `[name, value, name, value, ...]` answer about one server, as an object. */
function fields(flat: string[]): Record<string, string> {
  const entries: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) entries.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return Object.fromEntries(entries);
}

/** One short-lived plain connection to one server (not through calma): what the topology reports. */
async function ask<T>(
  port: number,
  question: (redis: Redis) => Promise<T>,
  password?: string,
): Promise<T | null> {
  const redis = new Redis({
    host: HOST,
    port,
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await question(redis);
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
