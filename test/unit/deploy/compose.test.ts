import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// docker-compose.yml as Compose reads it (merge keys on: the sentinels share one definition). No Docker
// engine runs here, so the structure a user relies on is checked instead of a `docker compose up`.
const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface Service {
  profiles?: string[];
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required: boolean }[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  volumes?: (string | { type: string; source: string; target: string; read_only?: boolean })[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const names = Object.keys(compose.services);
/** The named service; a missing one fails the test that asks for it. */
const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const defaults = names.filter((name) => !service(name).profiles);
const replicated = names.filter((name) => service(name).profiles?.includes('replicated'));

const dependencies = (name: string): string[] => {
  const on = service(name).depends_on ?? [];
  return Array.isArray(on) ? on : Object.keys(on);
};
/** What `docker compose up <name>` starts: the service and, recursively, what it depends on. */
const startedWith = (name: string, seen = new Set<string>()): Set<string> => {
  seen.add(name);
  for (const each of dependencies(name)) if (!seen.has(each)) startedWith(each, seen);
  return seen;
};
/** A short-syntax volume `./file:/target[:ro]` as its source and target. */
const binds = (service: Service) =>
  (service.volumes ?? [])
    .filter((volume): volume is string => typeof volume === 'string' && volume.startsWith('./'))
    .map((volume) => {
      const [source = '', target = '', mode] = volume.split(':');
      return { source, target, mode };
    });
const seedOf = (service: Service, target: string) => {
  const bind = binds(service).find((each) => each.target === target);
  if (!bind) throw new Error(`no bind mount at ${target}`);
  return bind;
};
const shell = (service: Service) => (service.command ?? []).join(' ');

describe('docker-compose.yml: the default `docker compose up`', () => {
  it('starts Redis and one calma, as before the replicated profile', () => {
    expect(defaults.sort()).toEqual(['calma', 'redis']);
    const calma = service('calma');
    const redis = service('redis');
    expect(calma.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(calma.ports).toEqual(['3000:3000']);
    expect(calma.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(calma.env_file).toEqual([{ path: '.env', required: false }]);
    expect(calma.volumes).toContainEqual(
      expect.objectContaining({ source: './calma.yaml', target: '/app/calma.yaml' }),
    );
    expect(redis.command).toEqual(['redis-server', '--appendonly', 'yes', '--appendfsync', 'everysec']);
    expect(redis.volumes).toEqual(['redis-data:/data']);
  });

  it('starts nothing of the replicated profile, and the profile needs nothing of it', () => {
    expect(names.filter((name) => !defaults.includes(name) && !replicated.includes(name))).toEqual([]);
    for (const name of defaults) for (const each of dependencies(name)) expect(defaults).toContain(each);
    for (const name of replicated) for (const each of dependencies(name)) expect(replicated).toContain(each);
  });
});

describe('docker-compose.yml: profile `replicated`', () => {
  const replica = service('calma-replica');
  const proxy = service('proxy');

  it('`up proxy` starts the whole replicated stack: the proxy, three calma replicas, two Redis, three sentinels', () => {
    expect([...startedWith('proxy')].sort()).toEqual([...replicated].sort());
    expect(replicated.sort()).toEqual(
      [
        'calma-replica',
        'proxy',
        'redis-primary',
        'redis-replica',
        'sentinel-1',
        'sentinel-2',
        'sentinel-3',
      ].sort(),
    );
    expect(replica.deploy?.replicas).toBe(3);
    expect(replica.build).toBe('.');
  });

  it('publishes only the proxy, on the port the single calma uses', () => {
    expect(proxy.ports).toEqual(['3000:3000']);
    for (const name of replicated.filter((each) => each !== 'proxy'))
      expect(service(name).ports).toBeUndefined();
  });

  it('health-checks every replica on /healthz, at the port the proxy sends to', () => {
    expect(replica.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${replica.environment?.PORT}/healthz`);
  });

  it('has a proxy config that balances over the replicas, health-checked on /healthz', () => {
    const bind = seedOf(proxy, '/usr/local/etc/haproxy/haproxy.cfg');
    expect(bind.mode).toBe('ro');
    expect(existsSync(path.join(root, bind.source))).toBe(true);
    const config = read(bind.source);
    const published = proxy.ports?.[0]?.split(':')[1];
    expect(config).toMatch(new RegExp(`^\\s*bind :${published}$`, 'm'));
    // Every container of the service by Docker's DNS, re-resolved at run time, each health-checked.
    const template = config.match(/^\s*server-template \S+ (\d+) (\S+)$/m);
    expect(template?.[2]).toBe(`calma-replica:${replica.environment?.PORT}`);
    expect(Number(template?.[1])).toBeGreaterThanOrEqual(replica.deploy?.replicas ?? 0);
    expect(config).toMatch(/^\s*http-check send meth GET uri \/healthz$/m);
    expect(config).toMatch(/^\s*default-server check .*resolvers docker/m);
    expect(config).toMatch(/^\s*nameserver \S+ 127\.0\.0\.11:53$/m);
  });

  it('points calma at the three sentinels, which monitor the primary as `calma` with a majority quorum', () => {
    const sentinels = ['sentinel-1', 'sentinel-2', 'sentinel-3'];
    expect(replica.environment?.REDIS_URL).toBe(
      'redis+sentinel://sentinel-1:26379,sentinel-2:26379,sentinel-3:26379/calma',
    );
    const seeds = new Set<string>();
    for (const name of sentinels) {
      const sentinel = service(name);
      expect(shell(sentinel)).toContain('redis-server /data/sentinel.conf --sentinel');
      seeds.add(seedOf(sentinel, '/etc/calma/sentinel.conf').source);
      // Each its own volume: Sentinel rewrites its file with what it learnt (who the primary is now).
      expect(sentinel.volumes).toContain(`${name}-data:/data`);
      expect(Object.keys(compose.volumes)).toContain(`${name}-data`);
    }
    expect([...seeds]).toEqual(['./deploy/compose/sentinel.conf']);
    const conf = read('deploy/compose/sentinel.conf');
    expect(conf).toMatch(/^port 26379$/m);
    const monitor = conf.match(/^sentinel monitor (\S+) (\S+) (\d+) (\d+)$/m);
    expect(monitor?.slice(1, 3)).toEqual(['calma', 'redis-primary']);
    expect(Number(monitor?.[4])).toBeGreaterThan(sentinels.length / 2);
    // Host names, not container addresses, which change when a container restarts.
    const lines = conf.split('\n');
    const resolve = lines.indexOf('sentinel resolve-hostnames yes');
    expect(resolve).toBeGreaterThanOrEqual(0);
    expect(resolve).toBeLessThan(lines.findIndex((line) => line.startsWith('sentinel monitor ')));
    expect(conf).toMatch(/^sentinel announce-hostnames yes$/m);
  });

  it('runs a primary and a replica, both with the append-only file on and a volume each', () => {
    const conf = read('deploy/compose/redis.conf');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendfsync everysec$/m);
    expect(conf).toMatch(/^dir \/data$/m);
    for (const name of ['redis-primary', 'redis-replica']) {
      const node = service(name);
      expect(seedOf(node, '/etc/calma/redis.conf').source).toBe('./deploy/compose/redis.conf');
      expect(shell(node)).toContain(`redis-server /data/redis.conf --replica-announce-ip ${name}`);
      expect(node.volumes).toContain(`${name}-data:/data`);
      expect(Object.keys(compose.volumes)).toContain(`${name}-data`);
      expect(node.healthcheck?.test.join(' ')).toContain('redis-cli ping');
    }
    expect(shell(service('redis-replica'))).toContain("echo 'replicaof redis-primary 6379'");
    expect(shell(service('redis-primary'))).not.toContain('replicaof');
  });

  it('mounts only files that exist in the repository', () => {
    for (const name of replicated) {
      for (const { source } of binds(service(name))) expect(existsSync(path.join(root, source))).toBe(true);
    }
  });
});
