import {
  type APIChannel,
  ChannelType,
  DiscordAPIError,
  type Guild,
  HTTPError,
  PermissionFlagsBits,
  RateLimitError,
  type REST,
  type RESTPostAPIGuildChannelJSONBody,
  Routes,
} from 'discord.js';
import type { Room } from '../ports/chat';

/**
 * How old a channel of the name calma asked for may be and still be taken for its own unanswered
 * attempt: the call lasts 10 s at most, the rest covers a clock difference between Discord and calma.
 */
const ADOPT_WITHIN_MS = 5 * 60_000;

/**
 * A guild channel create, retried by calma itself rather than by discord.js, so it knows when an attempt
 * went unanswered (aborted for time, connection lost, or a 5xx): Discord may have created the channel
 * anyway, and since it accepts any number of channels of one name, a blind retry makes a second one and
 * orphans the first. After such an attempt the server's channels are listed (one call) and a text channel
 * of that name, under the same category, hidden if asked private and created minutes ago is the one asked for.
 * Discord does not say who created a channel; the name carries the incident's number, which no other
 * incident in the server has.
 */
export class ChannelCreator {
  /**
   * @param creates a REST client that does not retry by itself (`retries: 0`; a 429 is still waited out,
   *   Discord did nothing); @param retries, attemptMs, callMs as the shared client's and the chat's limits.
   */
  constructor(
    private readonly creates: REST,
    private readonly retries: number,
    private readonly attemptMs: number,
    private readonly callMs: number,
  ) {}

  async create(guild: Guild, body: RESTPostAPIGuildChannelJSONBody): Promise<Room> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        const created = (await this.creates.post(Routes.guildChannels(guild.id), { body })) as APIChannel;
        return { id: created.id, name: created.name ?? body.name };
      } catch (error) {
        if (!outcomeUnknown(error)) throw error;
        const own = await this.ownChannel(guild, body, started);
        if (own) return own;
        const timeLeft = started + this.callMs - Date.now() > this.attemptMs;
        if (attempt >= this.retries || !timeLeft) throw error;
      }
    }
  }

  /** The channel an unanswered attempt made, if Discord carried it out. */
  private async ownChannel(
    guild: Guild,
    body: RESTPostAPIGuildChannelJSONBody,
    since: number,
  ): Promise<Room | undefined> {
    const hidden = Boolean(
      body.permission_overwrites?.some(
        (o) => o.id === guild.id && (BigInt(o.deny ?? 0) & PermissionFlagsBits.ViewChannel) !== 0n,
      ),
    );
    const channels = await guild.channels.fetch();
    const found = channels.find(
      (c) =>
        c?.type === ChannelType.GuildText &&
        c.name === body.name &&
        c.parentId === (body.parent_id ?? null) &&
        c.createdTimestamp >= since - ADOPT_WITHIN_MS &&
        // A public channel may be hidden by its category's overwrites; a private one is never visible.
        (!hidden ||
          Boolean(c.permissionOverwrites.cache.get(guild.id)?.deny.has(PermissionFlagsBits.ViewChannel))),
    );
    return found ? { id: found.id, name: found.name } : undefined;
  }
}

/** A failure after which Discord may still have done the thing: no answer, a lost connection, a 5xx. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof RateLimitError) return false;
  return !(error instanceof HTTPError && error.status < 500);
}
