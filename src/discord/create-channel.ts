import {
  type APIAuditLog,
  type APIChannel,
  AuditLogEvent,
  ChannelType,
  DiscordAPIError,
  type Guild,
  HTTPError,
  makeURLSearchParams,
  PermissionFlagsBits,
  RateLimitError,
  type REST,
  type RESTPostAPIGuildChannelJSONBody,
  Routes,
} from 'discord.js';
import type { Room } from '../ports/chat';

/**
 * How much older than the attempt (or the incident a take-over resumes) a channel of the name calma asked
 * for may be and still be taken for its own: the call lasts 10 s at most, the rest covers a clock
 * difference between Discord and calma.
 */
const ADOPT_WITHIN_MS = 5 * 60_000;
/** The audit log's largest page: the bot's latest channel creations, newest first. */
const AUDIT_PAGE = 100;

/**
 * A guild channel create, retried by calma itself rather than by discord.js, so it knows when an attempt
 * went unanswered (aborted for time, connection lost, or a 5xx): Discord may have created the channel
 * anyway, and since it accepts any number of channels of one name, a blind retry makes a second one and
 * orphans the first. After such an attempt the server's channels are listed (one call) and a text channel
 * of that name, under the same category, hidden if asked private and created minutes ago is the one asked for.
 * Discord does not say who created a channel; the name carries the incident's number, which no other
 * incident in the server has.
 *
 * A take-over (`adoptSince`: the request's first run stored the incident, then died, maybe after Discord
 * created the channel) looks first, and needs proof: such a channel, created since the incident was
 * opened, that the server's audit log says the bot created (View Audit Log; without it nothing is proven
 * and a new channel is made, as before). Someone's own channel of the same name is left alone.
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
    private readonly onAuditLogRefused: (error: unknown) => void = () => {},
  ) {}

  /** The audit log was refused once already: said once, not at every take-over. */
  private auditRefusalTold = false;

  async create(guild: Guild, body: RESTPostAPIGuildChannelJSONBody, adoptSince?: Date): Promise<Room> {
    if (adoptSince) {
      const adopted = await this.predecessorsChannel(guild, body, adoptSince.getTime());
      if (adopted) return adopted;
    }
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
    const [found] = await this.channelsLike(guild, body, since);
    return found;
  }

  /** The channel a dead predecessor created for this incident: one of that kind the bot provably made. */
  private async predecessorsChannel(
    guild: Guild,
    body: RESTPostAPIGuildChannelJSONBody,
    since: number,
  ): Promise<Room | undefined> {
    const candidates = await this.channelsLike(guild, body, since);
    if (candidates.length === 0) return undefined;
    const bots = await this.createdByBot(guild);
    return candidates.find((c) => bots.has(c.id));
  }

  /** The ids of the channels the bot created lately, from the audit log; none when it may not read it. */
  private async createdByBot(guild: Guild): Promise<Set<string>> {
    const bot = guild.client.user.id;
    try {
      const log = (await this.creates.get(Routes.guildAuditLog(guild.id), {
        query: makeURLSearchParams({
          user_id: bot,
          action_type: AuditLogEvent.ChannelCreate,
          limit: AUDIT_PAGE,
        }),
      })) as APIAuditLog;
      return new Set(
        log.audit_log_entries.filter((e) => e.user_id === bot && e.target_id).map((e) => String(e.target_id)),
      );
    } catch (error) {
      if (!(error instanceof DiscordAPIError)) throw error;
      if (!this.auditRefusalTold) {
        this.auditRefusalTold = true;
        this.onAuditLogRefused(error);
      }
      return new Set();
    }
  }

  /** Text channels named as asked, under the same category, as private as asked, created since `since`. */
  private async channelsLike(
    guild: Guild,
    body: RESTPostAPIGuildChannelJSONBody,
    since: number,
  ): Promise<Room[]> {
    const hidden = Boolean(
      body.permission_overwrites?.some(
        (o) => o.id === guild.id && (BigInt(o.deny ?? 0) & PermissionFlagsBits.ViewChannel) !== 0n,
      ),
    );
    const channels = await guild.channels.fetch();
    const found = channels.filter(
      (c) =>
        c?.type === ChannelType.GuildText &&
        c.name === body.name &&
        c.parentId === (body.parent_id ?? null) &&
        c.createdTimestamp >= since - ADOPT_WITHIN_MS &&
        // A public channel may be hidden by its category's overwrites; a private one is never visible.
        (!hidden ||
          Boolean(c.permissionOverwrites.cache.get(guild.id)?.deny.has(PermissionFlagsBits.ViewChannel))),
    );
    return [...found.values()].flatMap((c) => (c ? [{ id: c.id, name: c.name }] : []));
  }
}

/** A failure after which Discord may still have done the thing: no answer, a lost connection, a 5xx. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof RateLimitError) return false;
  return !(error instanceof HTTPError && error.status < 500);
}
