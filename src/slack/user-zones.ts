import type { webApi } from '@slack/bolt';
import { canonicalTimeZone } from '../core/time-zone';
import type { Logger } from '../log';

/** A person's zone changes when they travel: asked again after this long. */
const KEEP_MS = 60 * 60_000;

/**
 * Each Slack user's own time zone (their profile's `tz`, from `users.info`), for the replies only they
 * see. One call per person per hour: remembered, misses too, so a workspace that has not granted
 * `users:read` costs one failed call per person an hour, and the team zone is used.
 */
export class UserZones {
  private readonly known = new Map<string, { zone: string | undefined; until: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async of(user: string): Promise<string | undefined> {
    const kept = this.known.get(user);
    if (kept && kept.until > this.now()) return kept.zone;
    let zone: string | undefined;
    try {
      const tz = (await this.client.users.info({ user })).user?.tz;
      zone = (tz && canonicalTimeZone(tz)) || undefined;
    } catch (error) {
      this.log.debug({ err: error, user }, 'no Slack time zone for this user: the team zone is used');
    }
    this.known.set(user, { zone, until: this.now() + KEEP_MS });
    return zone;
  }
}
