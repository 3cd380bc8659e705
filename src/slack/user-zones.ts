import type { webApi } from '@slack/bolt';
import { canonicalTimeZone } from '../core/time-zone';
import type { Logger } from '../log';

/** A person's zone changes when they travel: asked again after this long. */
const KEEP_MS = 60 * 60_000;
/** The longest a request waits for the answer: a slow Slack must not slow a crisis down. */
const WAIT_MS = 500;

/**
 * Each Slack user's own time zone (their profile's `tz`, from `users.info`), for the replies only they
 * see. One call per person per hour: remembered, misses too, so a workspace that has not granted
 * `users:read` costs one failed call per person an hour, and the team zone is used. An answer slower
 * than `waitMs` is not waited for (the team zone is used) but is still remembered when it comes.
 */
export class UserZones {
  private readonly known = new Map<string, { zone: string | undefined; until: number }>();
  private readonly asking = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    private readonly waitMs = WAIT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async of(user: string): Promise<string | undefined> {
    const kept = this.known.get(user);
    if (kept && kept.until > this.now()) return kept.zone;
    let asking = this.asking.get(user);
    if (!asking) {
      asking = this.ask(user).finally(() => this.asking.delete(user));
      this.asking.set(user, asking);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, this.waitMs, undefined);
    });
    try {
      return await Promise.race([asking, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async ask(user: string): Promise<string | undefined> {
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
