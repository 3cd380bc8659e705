import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../log';
import type { RedisConnection } from '../redis/connect';

/**
 * One Discord gateway session per bot across calma replicas (docs/operations.md, "Discord gateway: one
 * holder per bot"). Without sharding every session of a bot receives every event, so two replicas
 * connected at once would both run each command. The standard single-Redis lease: `SET NX PX` takes it,
 * the holder extends it every third of its length only while it is still the owner, and deletes it on
 * a clean stop; standbys try again every second or so. Each taking increments a fencing token that the
 * holder's work carries: an interaction is claimed in Redis only by the current owner with the current
 * token, so a holder that was paused, or whose lease vanished in a Redis fail-over, cannot act once a
 * newer holder took over. A holder that cannot confirm its lease in time stops serving Discord.
 */

/** How long an interaction id stays claimed: an interaction's token is valid for 15 minutes. */
const INTERACTION_CLAIM_MS = 15 * 60_000;

// KEYS: lease, fence counter. ARGV: owner, ttl. The new fencing token, or 0 when someone holds it.
const TAKE = `if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
return redis.call('INCR', KEYS[2])`;
// KEYS: lease. ARGV: owner, ttl. 1 when extended, 0 when the lease is no longer this owner's.
const RENEW = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;
// KEYS: lease. ARGV: owner.
const RELEASE = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])`;
// KEYS: lease, fence counter, claim. ARGV: owner, fencing token, ttl. 1 claimed, 0 claimed before, -1 not
// the holder (the lease or the token moved on).
const CLAIM = `if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('GET', KEYS[2]) ~= ARGV[2] then return -1 end
if redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
return 0`;

type Run = (...keysAndArgs: (string | number)[]) => Promise<number>;

export interface GatewayLeaseOptions {
  /** An open connection (the process's own): the lease adds none. */
  redis: RedisConnection;
  /** calma's key prefix. */
  prefix: string;
  /** The bot token: only a hash of the bot's id (or of the token, when it has no id) names the keys. */
  token: string;
  /** Lease length (DISCORD_GATEWAY_LEASE_MS): a killed holder's lapses after it, and a standby takes over. */
  ttlMs: number;
  log: Logger;
}

/** What a claim found: this process answers, another one did already, or this process is no holder. */
export type Claim = 'mine' | 'taken' | 'lost';

export interface GatewayLease {
  /** The lease's Redis key, for logs and operators (`redis-cli GET` names the holder). */
  readonly key: string;
  /**
   * Waits until this process holds the lease; its fencing token, or null when stopped first.
   * `onStandby` is called once if another process holds it (this one then waits).
   */
  acquire(onStandby?: () => void): Promise<number | null>;
  /** Called once when a held lease is lost: refused on renewal or a claim, or not confirmed in time. */
  onLost(listener: (why: string) => void): void;
  /** Claims an interaction for this holder (fenced, once per id): only `mine` may be answered. */
  claim(id: string): Promise<Claim>;
  /** Whether this process still holds the lease with its token (fenced): work without an id checks this. */
  holds(): Promise<boolean>;
  /** Stops waiting or renewing, and gives the lease up if held. */
  stop(): Promise<void>;
}

/** The keys' name for a bot: its id (a token's first part is the bot id in base64), hashed. */
export function botHash(token: string): string {
  const id = Buffer.from(token.split('.')[0] ?? '', 'base64').toString('utf8');
  return createHash('sha256')
    .update(/^\d{15,21}$/.test(id) ? id : token)
    .digest('hex')
    .slice(0, 16);
}

export function gatewayLease(options: GatewayLeaseOptions): GatewayLease {
  const { redis, log, ttlMs } = options;
  // One hash tag: the scripts' keys share a Redis Cluster slot.
  const base = `${options.prefix}:{discord-gateway:${botHash(options.token)}}`;
  const leaseKey = `${base}:lease`;
  const fenceKey = `${base}:fence`;
  // Who holds it, readable by an operator; unique per process.
  const owner = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const script = (name: string, lua: string): Run => {
    redis.defineCommand(name, { lua });
    return (redis as unknown as Record<string, Run>)[name]?.bind(redis) as Run;
  };
  const take = script('calma_gateway_lease_take', TAKE);
  const renew = script('calma_gateway_lease_renew', RENEW);
  const release = script('calma_gateway_lease_release', RELEASE);
  const claimScript = script('calma_gateway_lease_claim', CLAIM);

  let fence: number | null = null;
  /** Ever held: on stop, it is given up if still this owner's (a lost lease may still be, until it lapses). */
  let everHeld = false;
  let stopped = false;
  let renewer: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const listeners: ((why: string) => void)[] = [];

  const lose = (why: string) => {
    if (fence === null) return;
    fence = null;
    clearInterval(renewer);
    clearTimeout(deadline);
    log.error(
      { lease: leaseKey, why },
      `lost the Discord gateway lease (${why}): this process stops serving Discord`,
    );
    for (const listener of listeners) listener(why);
  };
  /** The lease is this process's until `sentAt + ttl` (Redis counts from later): past it, it is not. */
  const confirmed = (sentAt: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(() => lose('its renewal was not confirmed in time'), sentAt + ttlMs - Date.now());
    deadline.unref();
  };
  let renewFailing = false;
  const extend = async () => {
    const sentAt = Date.now();
    try {
      const renewed = (await renew(1, leaseKey, owner, ttlMs)) === 1;
      // Lost meanwhile (its deadline passed): this process is leaving the gateway already.
      if (fence === null) return;
      if (renewed) confirmed(sentAt);
      else lose('another process holds it');
      renewFailing = false;
    } catch (error) {
      // Tried again at the next tick; the deadline decides. Said once per outage.
      if (!renewFailing)
        log.warn({ err: error, lease: leaseKey }, 'could not renew the Discord gateway lease');
      renewFailing = true;
    }
  };

  return {
    key: leaseKey,
    async acquire(onStandby) {
      let told = false;
      let lastError = '';
      const pollMs = Math.min(1000, ttlMs / 5);
      while (!stopped) {
        const sentAt = Date.now();
        try {
          const taken = await take(2, leaseKey, fenceKey, owner, ttlMs);
          if (taken > 0 && !stopped) {
            fence = taken;
            everHeld = true;
            confirmed(sentAt);
            renewer = setInterval(() => void extend(), ttlMs / 3);
            renewer.unref();
            log.info({ lease: leaseKey, fence }, 'holding the Discord gateway lease');
            return fence;
          }
          if (taken > 0) await release(1, leaseKey, owner);
          else if (!told) {
            told = true;
            const holder = await redis.get(leaseKey).catch(() => null);
            log.info(
              { lease: leaseKey, holder },
              'another calma process holds the Discord gateway: this one waits as a standby',
            );
            onStandby?.();
          }
        } catch (error) {
          const message = (error as Error).message;
          if (message !== lastError)
            log.warn({ err: error, lease: leaseKey }, 'could not try the Discord gateway lease');
          lastError = message;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, pollMs).unref();
        });
      }
      return null;
    },
    onLost(listener) {
      listeners.push(listener);
    },
    async claim(id) {
      const held = fence;
      if (held === null) return 'lost';
      const result = await claimScript(
        3,
        leaseKey,
        fenceKey,
        `${base}:interaction:${id}`,
        owner,
        held,
        INTERACTION_CLAIM_MS,
      );
      if (result === 1) return 'mine';
      if (result === 0) return 'taken';
      lose('a newer holder took it over');
      return 'lost';
    },
    async holds() {
      const held = fence;
      if (held === null) return false;
      const [current, token] = await redis.mget(leaseKey, fenceKey);
      if (current === owner && token === String(held)) return true;
      lose('a newer holder took it over');
      return false;
    },
    async stop() {
      stopped = true;
      wake?.();
      clearInterval(renewer);
      clearTimeout(deadline);
      fence = null;
      if (!everHeld) return;
      await release(1, leaseKey, owner).catch((error: unknown) =>
        log.warn({ err: error, lease: leaseKey }, 'could not give the Discord gateway lease up'),
      );
    },
  };
}
