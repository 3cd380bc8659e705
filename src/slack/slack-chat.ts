import type { webApi } from '@slack/bolt';
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
import { cardToMessages, mrkdwnWithin, truncatePlain } from './blocks';
import { ChannelCreator } from './create-channel';
import { OncePoster } from './posted-once';
import { slackRetries } from './retries';

type WebClient = webApi.WebClient;

/** Slack's topic limit (conversations.setTopic). */
const MAX_TOPIC = 250;
/** A shared file's title, and its comment (a message's text). */
const MAX_FILE_TITLE = 250;
const MAX_COMMENT = 3000;
/**
 * How many calls one SlackChat has in flight: the Web API client's own queue sends 100 at once
 * (`maxRequestConcurrency`). A call waits for its place before its time limit starts, so a burst of
 * opens waiting behind each other is not taken for Slack not answering.
 */
export const CALLS_IN_FLIGHT = 100;

/** Places for calls, handed out in the order they were asked for. */
class Places {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves with the function that gives the place back, once there is one. */
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/** Invite errors that mean "already done": not failures. */
const HARMLESS_INVITE_ERRORS = new Set(['already_in_channel', 'cant_invite_self']);

/**
 * ChatPort on Slack's Web API: channels, invitations, topic, messages as Block Kit, pins, bookmarks and
 * DMs. Every failure becomes a ChatPlatformError carrying Slack's error code; a call still unanswered
 * after `callMs` (retries and rate-limit waits included) becomes a ChatTimeoutError.
 * @see https://api.slack.com/methods
 */
export class SlackChat implements ChatPort {
  private readonly places: Places;
  private readonly channels: ChannelCreator;
  private readonly once: OncePoster;
  private readonly names = new NameCache();

  /**
   * @param creates the client of `conversations.create` and of keyed posts (no retries, 429s handed
   *   back: calma retries them itself, src/slack/create-channel.ts and posted-once.ts) and the bot's user
   *   id, to adopt a channel or find a post Slack made without answering in time. Without it, they go
   *   through `client`, and a create adopts nothing.
   */
  constructor(
    private readonly client: WebClient,
    private readonly pacer = new ChannelPacer(),
    private readonly callMs = PLATFORM_TIMEOUTS.callMs,
    inFlight = CALLS_IN_FLIGHT,
    creates?: { client: WebClient; botUserId: string },
  ) {
    this.places = new Places(inFlight);
    this.channels = new ChannelCreator(
      creates?.client ?? client,
      client,
      creates?.botUserId,
      slackRetries(callMs),
    );
    this.once = new OncePoster(creates?.client ?? client, client, slackRetries(callMs));
  }

  /**
   * @see https://api.slack.com/methods/conversations.create — `name_taken` moves on to the next name,
   * unless the channel is the one an unanswered attempt (or a dead predecessor's run) created.
   */
  async createRoom(_workspace: string, spec: RoomSpec): Promise<Room> {
    for (const name of spec.names) {
      const room = await this.call('conversations.create', () =>
        this.channels.create(name, spec.private, spec.adoptSince),
      );
      if (room) return room;
    }
    throw new ChatPlatformError('Slack', 'name_taken', 'conversations.create');
  }

  /**
   * @see https://api.slack.com/methods/conversations.invite — user groups are expanded to their members;
   * one by one when the batch is refused.
   */
  async invite(room: string, users: UserId[]): Promise<void> {
    if (users.some(isGroup)) {
      await this.invite(room, [...new Set((await Promise.all(users.map((u) => this.members(u)))).flat())]);
      return;
    }
    if (users.length === 0) return;
    try {
      await this.call('conversations.invite', () =>
        this.client.conversations.invite({ channel: room, users: users.join(',') }),
      );
      return;
    } catch (error) {
      // A batch that timed out is not retried member by member: Slack is not answering.
      if (users.length === 1 || error instanceof ChatTimeoutError) {
        ignoring(...HARMLESS_INVITE_ERRORS)(error);
        return;
      }
    }
    // A batch fails whole when one member is already in (or is the bot): retry each on its own.
    for (const user of users) await this.invite(room, [user]);
  }

  async setTopic(room: string, topic: string): Promise<void> {
    await this.call('conversations.setTopic', () =>
      this.client.conversations.setTopic({ channel: room, topic: mrkdwnWithin(topic, MAX_TOPIC) }),
    );
  }

  /** Posts a card; a card too large for one message becomes several, the first one is the reference. */
  async post(room: string, card: Card, once?: PostOnce): Promise<MessageRef> {
    let first: MessageRef | null = null;
    for (const [i, message] of cardToMessages(card).entries()) {
      await this.pacer.turn(room);
      const args = { channel: room, text: message.text, blocks: message.blocks };
      // The first message is the card's reference: the one a later attempt or run looks for.
      if (once && i === 0) {
        first = await this.call('chat.postMessage', () => this.once.post(args, once));
        continue;
      }
      const posted = await this.call('chat.postMessage', () => this.client.chat.postMessage(args));
      first ??= { room: posted.channel ?? room, id: posted.ts ?? '' };
    }
    if (!first) throw new ChatPlatformError('Slack', 'empty_card', 'chat.postMessage');
    return first;
  }

  pace(room: string): { waitMs: number; intervalMs: number } {
    return { waitMs: this.pacer.wait(room), intervalMs: this.pacer.intervalMs };
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    const [message] = cardToMessages(card);
    if (!message) return;
    await this.call('chat.update', () =>
      this.client.chat.update({ channel: ref.room, ts: ref.id, text: message.text, blocks: message.blocks }),
    );
  }

  async pin(ref: MessageRef): Promise<void> {
    await this.call('pins.add', () => this.client.pins.add({ channel: ref.room, timestamp: ref.id })).catch(
      ignoring('already_pinned'),
    );
  }

  /** @see https://api.slack.com/methods/conversations.open — a user group's members each get it. */
  async dm(user: UserId, card: Card): Promise<void> {
    if (isGroup(user)) {
      for (const member of await this.members(user)) await this.dm(member, card);
      return;
    }
    const opened = await this.call('conversations.open', () =>
      this.client.conversations.open({ users: user }),
    );
    const channel = opened.channel?.id;
    if (!channel) throw new ChatPlatformError('Slack', 'no_channel_id', 'conversations.open');
    await this.post(channel, card);
  }

  /** @see https://api.slack.com/methods/bookmarks.add */
  async addLink(room: string, title: string, url: string): Promise<void> {
    await this.call('bookmarks.add', () =>
      this.client.bookmarks.add({ channel_id: room, title, type: 'link', link: url }),
    );
  }

  /**
   * @see https://api.slack.com/methods/files.getUploadURLExternal and files.completeUploadExternal,
   * which `filesUploadV2` calls in turn (the old files.upload is retired).
   */
  async uploadFile(room: string, file: SharedFile): Promise<void> {
    // One share of all the files: they arrive as one message, the comment above them.
    const uploads = [file, ...(file.attachments ?? [])].map((f) => ({
      filename: f.filename,
      title: truncatePlain(f.title, MAX_FILE_TITLE),
      content: f.content,
    }));
    await this.call('files.uploadV2', () =>
      this.client.filesUploadV2({
        channel_id: room,
        file_uploads: uploads,
        ...(file.comment ? { initial_comment: mrkdwnWithin(file.comment, MAX_COMMENT) } : {}),
      }),
    );
  }

  /** @see https://api.slack.com/methods/conversations.archive — an archived channel stays archived. */
  async archive(room: string): Promise<void> {
    await this.call('conversations.archive', () =>
      this.client.conversations.archive({ channel: room }),
    ).catch(ignoring('already_archived'));
  }

  /** A mark the renderer turns into `<@U…>`, or `<!subteam^S…>` so everyone in a user group is notified. */
  mention(user: UserId): string {
    // calma's own entries (reminders, alerts) are by no Slack user: its name, not a broken mention.
    if (user === CALMA_USER) return CALMA_USER;
    return userMark(user);
  }

  roomLink(room: Room): string {
    return roomMark(room);
  }

  /** @see https://api.slack.com/methods/usergroups.users.list */
  /** @see https://api.slack.com/methods/conversations.members (paged; a crisis channel is small). */
  async roomMembers(room: string): Promise<UserId[]> {
    const members: UserId[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.call('conversations.members', () =>
        this.client.conversations.members({ channel: room, limit: 1000, ...(cursor ? { cursor } : {}) }),
      );
      members.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  }

  /**
   * @see https://api.slack.com/methods/users.info (`users:read`): the profile's display name, else the
   * real name. Kept briefly (src/name-cache.ts); a failure is null (the id is shown).
   */
  async displayName(_workspace: string, user: UserId): Promise<string | null> {
    if (isGroup(user)) return null;
    return this.names.get(user, async () => {
      const found = await this.call('users.info', () => this.client.users.info({ user }));
      const profile = found.user?.profile;
      return profile?.display_name || profile?.real_name || found.user?.real_name || null;
    });
  }

  async members(user: UserId): Promise<UserId[]> {
    if (!isGroup(user)) return [user];
    const listed = await this.call('usergroups.users.list', () =>
      this.client.usergroups.users.list({ usergroup: user }),
    );
    return listed.users ?? [];
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    const leave = await this.places.take();
    try {
      return await withDeadline(run(), this.callMs, () => new ChatTimeoutError('Slack', method));
    } catch (error) {
      throw asPlatformError(error, method);
    } finally {
      leave();
    }
  }
}

/** A catch handler that swallows the Slack error codes that mean "already done" and rethrows the rest. */
function ignoring(...harmless: string[]) {
  return (error: unknown): undefined => {
    if (error instanceof ChatPlatformError && harmless.includes(error.code)) return undefined;
    throw error;
  };
}

/** Slack's own error code (`name_taken`, `channel_not_found`…), or the HTTP failure, from a client error. */
export function slackCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = 'data' in error ? error.data : undefined;
  if (typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string') {
    return data.error;
  }
  if ('statusCode' in error) return `http_${String(error.statusCode)}`;
  if ('code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

function asPlatformError(error: unknown, method: string): ChatPlatformError {
  if (error instanceof ChatPlatformError) return error;
  if (isTimeout(error)) return new ChatTimeoutError('Slack', method);
  return new ChatPlatformError('Slack', slackCode(error) ?? 'unknown_error', method);
}

/** Slack user group ids start with S; user ids with U or W. */
const isGroup = (id: string) => id.startsWith('S');
