import { createHmac, randomBytes } from 'node:crypto';
import type { Incident } from '../core/types';
import type { IncidentStore } from '../ports/incident-store';
import type { RedisConnection } from '../redis/connect';

/** Where the status page reads incidents from, and the public name it gives each. */
export interface StatusSource {
  /** Every incident of the workspaces this calma serves (open and closed), to be filtered. */
  incidents(): Promise<Incident[]>;
  /** A stable id that says nothing of the workspace or of how many incidents there were. */
  publicId(incident: Incident): Promise<string>;
}

/**
 * Reads the workspaces calma serves (the console, the Slack team, the Discord server: whichever have
 * started). Public ids are an HMAC of `<workspace>-<seq>` under a random key kept in Redis (made once,
 * shared by every replica): a sequence number would tell how many incidents, drills and private ones
 * included, a team has had.
 */
export function statusSource(
  store: IncidentStore,
  redis: RedisConnection,
  prefix: string,
  workspaces: () => Promise<string[]>,
): StatusSource {
  const keyName = `${prefix}:status-page:id-key`;
  let key: Promise<string> | null = null;
  const idKey = () => {
    key ??= redis
      .set(keyName, randomBytes(32).toString('hex'), 'NX')
      .then(() => redis.get(keyName))
      .then((value) => {
        if (!value) throw new Error(`${keyName} vanished right after it was set`);
        return value;
      });
    key.catch(() => {
      key = null;
    });
    return key;
  };
  return {
    async incidents() {
      const all = await Promise.all((await workspaces()).map((ws) => store.list(ws, { all: true })));
      return all.flat();
    },
    async publicId(incident) {
      return createHmac('sha256', await idKey())
        .update(`${incident.workspace}-${incident.seq}`)
        .digest('base64url')
        .slice(0, 16);
    },
  };
}
