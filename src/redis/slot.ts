import { Cluster } from 'ioredis';
import type { RedisConnection } from './connect';

/**
 * Whether a write of `key` can be sent now, answered without a round trip. On a Cluster the connection
 * as a whole stays ready while the primary of one slot is dead (the others answer): what counts is the
 * connection to the node serving `key`'s slot, which ioredis drops as soon as that node's socket is
 * reset and connects again to the primary the cluster names next. The slot is asked once, here.
 */
export async function slotReadiness(connection: RedisConnection, key: string): Promise<() => boolean> {
  if (!(connection instanceof Cluster)) return () => connection.status === 'ready';
  const slot = Number(await connection.call('CLUSTER', 'KEYSLOT', key));
  return () => {
    const primary = connection.slots[slot]?.[0];
    const node = connection
      .nodes('master')
      .find((redis) => `${redis.options.host}:${redis.options.port}` === primary);
    return connection.status === 'ready' && node?.status === 'ready';
  };
}
