import { webApi } from '@slack/bolt';
import { ChatPlatformError, type Room } from '../ports/chat';
import { retriedByCalma, type SlackRetries } from './retries';

type WebClient = webApi.WebClient;

/**
 * How much older than the attempt (or the incident a take-over resumes) a channel of the name calma
 * asked for may be and still be taken for its own: one call lasts 10 s at most, the rest covers a clock
 * difference between Slack and calma.
 */
const ADOPT_WITHIN_MS = 5 * 60_000;
/** users.conversations: Slack advises 200 a page; the lookup stops after 2,000 of the bot's channels. */
const PAGE_SIZE = 200;
const MAX_PAGES = 10;

/**
 * `conversations.create`, retried by calma itself rather than by the Web API client, so it knows when an
 * attempt went unanswered (aborted for time, connection lost, or a 5xx): Slack may have created the
 * channel anyway, and the retry is then refused with `name_taken`. Only then is the name looked up, among
 * the bot's channels (`users.conversations`, Tier 3: a shorter list than the workspace's
 * `conversations.list`, Tier 2), and a channel the bot created minutes ago is the one asked for. The same
 * lookup serves a take-over (`adoptSince`): the request's first run stored the incident, then died, maybe
 * after Slack created the channel; the bot's channel of this incident's name (its number is in it)
 * created since the incident was opened is that run's. Any other `name_taken` (a leftover of an earlier
 * life, someone's own channel) moves on to the next name.
 */
export class ChannelCreator {
  /**
   * @param creates a client that does not retry by itself (`retries: 0`) and hands 429s back
   *   (`rejectRateLimitedCalls`); @param lists the client for the lookup, a read that may be retried;
   * @param botUserId the bot's user id (`auth.test`): the `creator` of the channels calma made, if known.
   */
  constructor(
    private readonly creates: WebClient,
    private readonly lists: WebClient,
    private readonly botUserId: string | undefined,
    private readonly retry: SlackRetries,
  ) {}

  /** The channel named `name`, or undefined when that name belongs to another channel. */
  async create(name: string, isPrivate: boolean, adoptSince?: Date): Promise<Room | undefined> {
    const started = Date.now();
    const since = Math.min(started, adoptSince?.getTime() ?? started);
    const outcome = await retriedByCalma(this.retry, async (unanswered) => {
      try {
        return { created: await this.creates.conversations.create({ name, is_private: isPrivate }) };
      } catch (error) {
        if (error instanceof webApi.WebAPIPlatformError && error.data.error === 'name_taken')
          return { taken: true, unanswered };
        throw error;
      }
    });
    if ('taken' in outcome) {
      return outcome.unanswered || adoptSince ? this.ownChannel(name, isPrivate, since) : undefined;
    }
    const id = outcome.created.channel?.id;
    if (!id) throw new ChatPlatformError('Slack', 'no_channel_id', 'conversations.create');
    return { id, name: outcome.created.channel?.name ?? name };
  }

  /**
   * The channel named `name` if the bot created it since `since`: what an unanswered attempt (or a dead
   * predecessor) did. A lookup Slack
   * refuses (`missing_scope`: installed before calma asked for channels:read) finds nothing.
   */
  private async ownChannel(name: string, isPrivate: boolean, since: number): Promise<Room | undefined> {
    if (!this.botUserId) return undefined;
    try {
      return await this.lookUp(name, isPrivate, since, this.botUserId);
    } catch (error) {
      if (error instanceof webApi.WebAPIPlatformError) return undefined;
      throw error;
    }
  }

  private async lookUp(name: string, isPrivate: boolean, since: number, bot: string) {
    const client = this.lists;
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const listed = await client.users.conversations({
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const found = listed.channels?.find((c) => c.name === name);
      if (found) {
        const recent = (found.created ?? 0) * 1000 >= since - ADOPT_WITHIN_MS;
        const ours = found.creator === bot && found.is_private === isPrivate && recent;
        return ours && found.id ? { id: found.id, name } : undefined;
      }
      cursor = listed.response_metadata?.next_cursor;
      if (!cursor) return undefined;
    }
    return undefined;
  }
}
