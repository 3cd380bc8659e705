/**
 * REDIS_URL's three forms (README, "Redis"): one server (`redis://`, `rediss://`), a primary found through
 * Sentinel (`redis+sentinel://`), or a Cluster (`redis+cluster://`); `rediss+…` is TLS to every node.
 * ioredis has no URL form for the last two, so calma reads them here into ioredis' own options.
 * Errors say what is wrong without repeating the URL: the configuration error shows it, password hidden.
 */

export interface RedisAddress {
  host: string;
  port: number;
}

interface Credentials {
  username?: string;
  password?: string;
}

export type RedisTarget =
  | { kind: 'single'; url: string }
  | ({
      kind: 'sentinel';
      /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). */
      name: string;
      sentinels: RedisAddress[];
      db: number;
      sentinelPassword?: string;
      tls: boolean;
    } & Credentials)
  | ({ kind: 'cluster'; nodes: RedisAddress[]; tls: boolean } & Credentials);

export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

const FORMS = 'a redis://, rediss://, redis+sentinel:// or redis+cluster:// URL';
const MULTI = /^(rediss?)\+(sentinel|cluster):\/\/(?:([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/i;

export function parseRedisUrl(url: string): RedisTarget {
  const multi = MULTI.exec(url);
  if (!multi) return { kind: 'single', url: singleUrl(url) };
  const [, scheme = '', kind = '', userinfo, hosts = '', path = '', query = ''] = multi;
  const tls = scheme.toLowerCase() === 'rediss';
  const credentials = parseUserinfo(userinfo);
  const options = new URLSearchParams(query);
  if (kind.toLowerCase() === 'cluster') {
    if (path !== '' && path !== '/')
      throw new RedisUrlError('expected no path in a redis+cluster:// URL (a cluster has only database 0)');
    onlyOptions(options, []);
    return { kind: 'cluster', nodes: parseHosts(hosts, 6379, 'cluster nodes'), tls, ...credentials };
  }
  const name = decode(path.slice(1), 'the primary name');
  if (!name || name.includes('/')) {
    throw new RedisUrlError(
      'expected the primary name as the path of a redis+sentinel:// URL, e.g. /mymaster',
    );
  }
  onlyOptions(options, ['db', 'sentinelPassword']);
  const db = options.get('db') ?? '0';
  if (!/^\d{1,5}$/.test(db)) throw new RedisUrlError('expected db= to be a database number, e.g. db=0');
  const sentinelPassword = options.get('sentinelPassword') || undefined;
  return {
    kind: 'sentinel',
    name,
    sentinels: parseHosts(hosts, 26379, 'sentinels'),
    db: Number(db),
    tls,
    ...credentials,
    ...(sentinelPassword ? { sentinelPassword } : {}),
  };
}

/** Whether REDIS_URL names a Redis Cluster (where BullMQ needs a hash-tagged prefix). */
export function isClusterUrl(url: string | undefined): boolean {
  return url !== undefined && /^rediss?\+cluster:/i.test(url);
}

function singleUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError(`expected ${FORMS}`);
  }
  if (!/^rediss?:$/.test(parsed.protocol)) throw new RedisUrlError(`expected ${FORMS}`);
  return url;
}

function parseHosts(list: string, defaultPort: number, what: string): RedisAddress[] {
  if (!list) throw new RedisUrlError(`expected the ${what} as host:port pairs separated by commas`);
  return list.split(',').map((entry) => {
    // A host name or IPv4 address, or an IPv6 address in brackets; then an optional port.
    const match = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/i.exec(entry);
    const port = Number(match?.[2] ?? defaultPort);
    if (!match?.[1] || port < 1 || port > 65535) {
      throw new RedisUrlError(
        `expected the ${what} as host:port pairs separated by commas, and "${entry}" is not one`,
      );
    }
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

function parseUserinfo(userinfo: string | undefined): Credentials {
  if (!userinfo) return {};
  const colon = userinfo.indexOf(':');
  const username = decode(colon < 0 ? userinfo : userinfo.slice(0, colon), 'the user name');
  const password = colon < 0 ? '' : decode(userinfo.slice(colon + 1), 'the password');
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

function onlyOptions(options: URLSearchParams, allowed: string[]): void {
  for (const key of options.keys()) {
    if (!allowed.includes(key)) {
      const known = allowed.length > 0 ? `: expected ${allowed.join(' or ')}` : ' (it takes none)';
      throw new RedisUrlError(`unknown option "${key}" in the URL${known}`);
    }
  }
}

/** Percent-decoding; the error names the part, never its text (it may be the password). */
function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new RedisUrlError(`${what} in the URL is not valid percent-encoding (write % as %25)`);
  }
}
