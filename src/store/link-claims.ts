import type { RedisConnection } from '../redis/connect';

/**
 * Single use of approval links: a link's nonce is claimed (SET NX) when its holder acts, kept until the
 * link would expire anyway, so the same link never acts twice, across replicas too.
 */
export class LinkClaims {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  private key(nonce: string): string {
    return `${this.prefix}:approval-link:${nonce}`;
  }

  /** True for the first claim of this nonce; false once it was used. */
  async claim(nonce: string, expires: number, now: Date): Promise<boolean> {
    const ttl = Math.max(1000, expires - now.getTime());
    return (await this.redis.set(this.key(nonce), '1', 'PX', ttl, 'NX')) === 'OK';
  }

  async used(nonce: string): Promise<boolean> {
    return (await this.redis.exists(this.key(nonce))) === 1;
  }
}
