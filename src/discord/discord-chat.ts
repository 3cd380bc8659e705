import {
  AttachmentBuilder,
  ChannelType,
  type Client,
  DiscordAPIError,
  type Guild,
  type GuildMember,
  type GuildTextBasedChannel,
  HTTPError,
  OverwriteType,
  PermissionFlagsBits,
  type PermissionOverwriteOptions,
  RateLimitError,
  REST,
  RESTJSONErrorCodes,
} from 'discord.js';
import type { Card } from '../core/card';
import { roomMark, userMark } from '../core/markup';
import { CALMA_USER, type UserId } from '../core/types';
import { NameCache } from '../name-cache';
import { ChannelPacer } from '../pacer';
import {
  ChatPlatformError,
  type ChatPort,
  ChatTimeoutError,
  type MessageRef,
  type PostOnce,
  type Room,
  type RoomSpec,
  type SharedFile,
} from '../ports/chat';
import { isTimeout, PLATFORM_TIMEOUTS, withDeadline } from '../timeouts';
import { ChannelCreator } from './create-channel';
import { cardsToMessages, sendable, toDiscordMarkdown, topicText, truncatePlain } from './render';
import { TopicWriter } from './topic-writer';

export interface DiscordChatSettings {
  /** Category id incident channels are created under; null: at the top of the server. */
  category: string | null;
  /** Category id archived incident channels are moved to; null: they stay where they are. */
  archiveCategory: string | null;
  /** Told once when the audit log is refused (no View Audit Log): a take-over cannot prove a channel is calma's. */
  onAuditLogRefused?: (error: unknown) => void;
}

/** Discord's topic limit for text channels. */
const MAX_TOPIC = 1024;
/** An attachment's description (its alt text). */
const MAX_FILE_DESCRIPTION = 1024;
/** What the bot grants itself on a private incident channel, so hiding it from @everyone never locks calma out. */
const BOT_ALLOW = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.PinMessages,
];
/** What a responder is given on a private incident channel. */
const MEMBER_ALLOW: PermissionOverwriteOptions = {
  ViewChannel: true,
  SendMessages: true,
  ReadMessageHistory: true,
  AddReactions: true,
};

/**
 * ChatPort on Discord through discord.js: incident channels under a category (private ones through
 * permission overwrites), messages as embeds and buttons, pins, DMs, files. A role id is written `&<id>`
 * wherever calma keeps user ids, as Slack's user groups are. Every failure becomes a ChatPlatformError
 * carrying Discord's error code; a call still unanswered after `callMs` (retries and rate-limit waits
 * included) becomes a ChatTimeoutError. Topic writes are the exception: they run in the background and
 * may wait out Discord's ten-minute limit on topic changes.
 */
export class DiscordChat implements ChatPort {
  private readonly topics: TopicWriter;
  /**
   * Discord lets a bot post five messages per five seconds in a channel, and discord.js waits for its
   * turn on its own: this pacer only keeps count (nothing waits on it), so `pace` can tell a worker.
   */
  private readonly pacer = new ChannelPacer(1000, 5);
  /** Channel creates go through a REST client of their own that never retries by itself. */
  private readonly creates: REST;
  private readonly channels: ChannelCreator;
  private readonly names = new NameCache();

  constructor(
    private readonly client: Client<true>,
    private readonly settings: DiscordChatSettings,
    onTopicError: (error: unknown, room: string) => void,
    private readonly callMs = PLATFORM_TIMEOUTS.callMs,
  ) {
    const rest = client.options.rest;
    this.creates = new REST({ ...rest, retries: 0 });
    this.channels = new ChannelCreator(
      this.creates,
      rest?.retries ?? 0,
      rest?.timeout ?? PLATFORM_TIMEOUTS.attemptMs,
      callMs,
      settings.onAuditLogRefused,
    );
    this.topics = new TopicWriter(async (room, topic) => {
      const channel = await this.textChannel(room);
      if ('setTopic' in channel) await channel.setTopic(topic);
    }, onTopicError);
  }

  /**
   * Discord accepts duplicate channel names: the first candidate is always taken. A create that went
   * unanswered is not retried blindly, nor is a dead predecessor's channel doubled (src/discord/create-channel.ts).
   */
  async createRoom(workspace: string, spec: RoomSpec): Promise<Room> {
    const guild = await this.guild(workspace);
    const name = spec.names[0] ?? 'crisis';
    const me = this.client.user.id;
    this.creates.setToken(this.client.token);
    return await this.call('channels.create', () =>
      this.channels.create(
        guild,
        {
          name,
          type: ChannelType.GuildText,
          ...(this.settings.category ? { parent_id: this.settings.category } : {}),
          ...(spec.private
            ? {
                permission_overwrites: [
                  {
                    id: guild.roles.everyone.id,
                    type: OverwriteType.Role,
                    deny: String(PermissionFlagsBits.ViewChannel),
                  },
                  { id: me, type: OverwriteType.Member, allow: String(BOT_ALLOW.reduce((a, b) => a | b)) },
                ],
              }
            : {}),
        },
        spec.adoptSince,
      ),
    );
  }

  /**
   * Everyone can read a public channel already: nothing to do. A private one lets each person (or role)
   * in with a permission overwrite.
   */
  async invite(room: string, users: UserId[]): Promise<void> {
    const channel = await this.textChannel(room);
    if (!('permissionOverwrites' in channel) || !isPrivate(channel)) return;
    for (const user of new Set(users)) {
      if (user === CALMA_USER) continue;
      const id = isRole(user) ? user.slice(1) : user;
      await this.call('permissions.edit', () =>
        channel.permissionOverwrites.edit(id, MEMBER_ALLOW, {
          type: isRole(user) ? OverwriteType.Role : OverwriteType.Member,
        }),
      );
    }
  }

  /**
   * Discord lets a channel's topic change twice per ten minutes: the write happens in the background,
   * the latest topic wins, and no handler waits ten minutes for it (the pinned summary is the record).
   */
  async setTopic(room: string, topic: string): Promise<void> {
    this.topics.set(room, topicText(topic, MAX_TOPIC));
  }

  /** Posts a card; a card too large for one message becomes several, the first one is the reference. */
  async post(room: string, card: Card, once?: PostOnce): Promise<MessageRef> {
    const channel = await this.textChannel(room);
    let first: MessageRef | null = null;
    for (const [i, message] of cardsToMessages([card]).entries()) {
      this.pacer.reserve(room);
      // Discord answers a nonce it saw from calma in the last few minutes with that message instead of
      // a new one: a run of the same work again gets the card its predecessor posted.
      const nonce = once && i === 0 ? { nonce: once.key, enforceNonce: true } : {};
      const sent = await this.call('messages.create', () => channel.send({ ...sendable(message), ...nonce }));
      first ??= { room: channel.id, id: sent.id };
    }
    if (!first) throw new ChatPlatformError('Discord', 'empty_card', 'messages.create');
    return first;
  }

  pace(room: string): { waitMs: number; intervalMs: number } {
    return { waitMs: this.pacer.wait(room), intervalMs: this.pacer.intervalMs };
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    const [message] = cardsToMessages([card]);
    if (!message) return;
    const channel = await this.textChannel(ref.room);
    await this.call('messages.edit', () => channel.messages.edit(ref.id, sendable(message)));
  }

  async pin(ref: MessageRef): Promise<void> {
    const channel = await this.textChannel(ref.room);
    await this.call('messages.pin', () => channel.messages.pin(ref.id));
  }

  /** A role's members each get it. */
  async dm(user: UserId, card: Card): Promise<void> {
    for (const member of await this.members(user)) {
      const dm = await this.call('users.createDM', () => this.client.users.createDM(member));
      for (const message of cardsToMessages([card])) {
        await this.call('messages.create', () => dm.send(sendable(message)));
      }
    }
  }

  /** Discord has no channel bookmarks: the link is posted and pinned. */
  async addLink(room: string, title: string, url: string): Promise<void> {
    const ref = await this.post(room, { lines: [`🔗 [${title}](${url})`] });
    await this.pin(ref);
  }

  /**
   * Discord has no archive: the channel becomes read-only for everyone but calma, and moves under the
   * archive category when one is configured. Its history stays readable.
   */
  async archive(room: string): Promise<void> {
    const channel = await this.textChannel(room);
    if (!('permissionOverwrites' in channel)) return;
    await this.call('permissions.edit', () =>
      channel.permissionOverwrites.edit(channel.guild.roles.everyone.id, {
        SendMessages: false,
        AddReactions: false,
      }),
    );
    await this.call('permissions.edit', () =>
      channel.permissionOverwrites.edit(this.client.user.id, { SendMessages: true, ViewChannel: true }),
    );
    const archive = this.settings.archiveCategory;
    if (archive && channel.parentId !== archive && channel.type === ChannelType.GuildText) {
      await this.call('channels.edit', async () => {
        await channel.setParent(archive, { lockPermissions: false });
      });
    }
  }

  async uploadFile(room: string, file: SharedFile): Promise<void> {
    const channel = await this.textChannel(room);
    const attachments = [file, ...(file.attachments ?? [])].map(
      (f) =>
        new AttachmentBuilder(Buffer.from(f.content, 'utf8'), {
          name: f.filename,
          description: truncatePlain(f.title, MAX_FILE_DESCRIPTION),
        }),
    );
    const comment = file.comment ? { content: toDiscordMarkdown(file.comment) } : {};
    await this.call('messages.create', () =>
      channel.send({ ...comment, files: attachments, allowedMentions: { parse: [] } }),
    );
  }

  /** A role's members (the Server Members intent); a user is themself. */
  async members(user: UserId): Promise<UserId[]> {
    if (!isRole(user)) return [user];
    const id = user.slice(1);
    const guild = this.client.guilds.cache.find((g) => g.roles.cache.has(id));
    if (!guild) return [];
    return (await this.allMembers(guild)).filter((m) => m.roles.cache.has(id)).map((m) => m.id);
  }

  /**
   * Who can see an incident channel: the server's members (`among` alone when given, one lookup each,
   * so a large community server is not listed for a few approvers) whose roles and the channel's
   * overwrites (read afresh, so a person just let in counts) give View Channel; the owner and
   * administrators see every channel.
   */
  async roomMembers(room: string, among?: readonly UserId[]): Promise<UserId[]> {
    const fetched = await this.call('channels.fetch', () =>
      this.client.channels.fetch(room, { force: true }),
    );
    if (!fetched || !('guild' in fetched) || !('permissionsFor' in fetched)) {
      throw new ChatPlatformError('Discord', 'unknown_channel', 'channels.fetch');
    }
    const channel = fetched;
    const members = among
      ? await this.someMembers(channel.guild, among)
      : await this.allMembers(channel.guild);
    return members
      .filter((m) => channel.permissionsFor(m)?.has(PermissionFlagsBits.ViewChannel))
      .map((m) => m.id);
  }

  /** A member's server nickname, else their Discord display name; kept briefly (src/name-cache.ts). */
  async displayName(workspace: string, user: UserId): Promise<string | null> {
    if (isRole(user) || user === CALMA_USER) return null;
    return this.names.get(`${workspace}:${user}`, async () => {
      const guild = await this.guild(workspace);
      return (await this.call('members.fetch', () => guild.members.fetch(user))).displayName;
    });
  }

  /** These people's server memberships (kept current by the Server Members intent); not members: left out. */
  private async someMembers(guild: Guild, users: readonly UserId[]): Promise<GuildMember[]> {
    const found: GuildMember[] = [];
    for (const user of new Set(users)) {
      if (isRole(user) || user === CALMA_USER) continue;
      try {
        found.push(await this.call('members.fetch', () => guild.members.fetch(user)));
      } catch (error) {
        if (
          !(error instanceof ChatPlatformError && error.code === String(RESTJSONErrorCodes.UnknownMember))
        ) {
          throw error;
        }
      }
    }
    return found;
  }

  /** Every member of the server, page by page (List Guild Members: the Server Members intent). */
  private async allMembers(guild: Guild): Promise<GuildMember[]> {
    const all: GuildMember[] = [];
    for (let after = '0'; ; ) {
      const page = await this.call('members.list', () => guild.members.list({ limit: 1000, after }));
      all.push(...page.values());
      const last = page.lastKey();
      if (page.size < 1000 || !last) return all;
      after = last;
    }
  }

  /** A mark the renderer turns into `<@id>`, or `<@&id>` for a role, and lets ping. */
  mention(user: UserId): string {
    if (user === CALMA_USER) return CALMA_USER;
    return userMark(user);
  }

  roomLink(room: Room): string {
    return roomMark(room);
  }

  /** Pauses invites and DMs on the server (Discord's raid "incident actions") until `until`. */
  async lockdown(workspace: string, until: Date): Promise<void> {
    const guild = await this.guild(workspace);
    await this.call('guilds.incidentActions', () =>
      guild.setIncidentActions({ invitesDisabledUntil: until, dmsDisabledUntil: until }),
    );
  }

  /** Waits for the background topic writes (on stop, and in tests). */
  settled(): Promise<void> {
    return this.topics.settled();
  }

  private async guild(workspace: string): Promise<Guild> {
    const cached = this.client.guilds.cache.get(workspace);
    if (cached) return cached;
    return this.call('guilds.fetch', () => this.client.guilds.fetch(workspace));
  }

  private async textChannel(room: string): Promise<GuildTextBasedChannel> {
    const channel =
      this.client.channels.cache.get(room) ??
      (await this.call('channels.fetch', () => this.client.channels.fetch(room)));
    if (!channel?.isTextBased() || channel.isDMBased()) {
      throw new ChatPlatformError('Discord', 'unknown_channel', 'channels.fetch');
    }
    return channel;
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await withDeadline(run(), this.callMs, () => new ChatTimeoutError('Discord', method));
    } catch (error) {
      throw asPlatformError(error, method);
    }
  }
}

/** Discord's own error code (50013 Missing Permissions, 10003 Unknown Channel…), or the HTTP failure. */
export function discordCode(error: unknown): string {
  if (error instanceof DiscordAPIError) return String(error.code);
  if (error instanceof HTTPError) return `http_${error.status}`;
  if (error instanceof RateLimitError) return 'rate_limited';
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'unknown_error';
}

function asPlatformError(error: unknown, method: string): ChatPlatformError {
  if (error instanceof ChatPlatformError) return error;
  if (isTimeout(error)) return new ChatTimeoutError('Discord', method);
  return new ChatPlatformError('Discord', discordCode(error), method);
}

/** Role ids are kept as `&<id>`, the way Discord writes a role mention (`<@&id>`). */
const isRole = (id: string) => id.startsWith('&');

/** A channel hidden from @everyone. */
function isPrivate(channel: GuildTextBasedChannel): boolean {
  if (!('permissionOverwrites' in channel)) return false;
  const everyone = channel.permissionOverwrites.cache.get(channel.guild.roles.everyone.id);
  return Boolean(everyone?.deny.has(PermissionFlagsBits.ViewChannel));
}
