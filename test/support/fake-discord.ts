import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIApplicationCommand,
  type APIAttachment,
  type APIAuditLogEntry,
  type APIEmbed,
  type APIGuildMember,
  type APIIncidentsData,
  type APIInteraction,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  ApplicationCommandType,
  ApplicationFlags,
  AuditLogEvent,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildMembersChunkDispatchData,
  GatewayIntentBits,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildVerificationLevel,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type RoleFlags,
} from 'discord.js';
import { FakeGateway } from './fake-discord-gateway';
import { PATIENCE_MS } from './patience';
import { waitForEvent } from './wait-for-event';

/**
 * A local fake of Discord (REST API v10 and the gateway), so tests can run the real discord.js Client
 * without any network:
 *
 *   const client = new Client({ intents, rest: { api: fake.apiUrl } });
 *   await client.login(fake.token);
 *
 * What discord.js 14.28 (@discordjs/rest 2.6) sends: `{api}/v10/<route>` with `Authorization: Bot <token>`
 * (but no Authorization on interaction callbacks and interaction webhooks, whose token is in the path), JSON
 * bodies, or multipart with `files[n]` parts and a `payload_json` part when there are files, and an
 * `X-Audit-Log-Reason` header when a reason is given. It learns the gateway URL from `GET /gateway/bot`;
 * see fake-discord-gateway.ts for the WebSocket side. Its REST client honours `Retry-After` on a 429
 * (plus a 50 ms offset) and retries a 5xx up to 3 times, so `rateLimitNext` / `failNext` exercise exactly that.
 *
 * State is one guild seeded as in `DISCORD_SEED`. Like Discord: a wrong token gets 401 (and 4004 on the
 * gateway); every change made over REST is echoed on the gateway (CHANNEL_CREATE / CHANNEL_UPDATE,
 * MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE, CHANNEL_PINS_UPDATE, GUILD_UPDATE) to sessions with the
 * matching intent, and discord.js relies on some of those (a permission overwrite PUT answers 204, only the
 * CHANNEL_UPDATE updates its cache); GUILD_CREATE only carries the bot's own member unless the client asked
 * for GuildPresences (so `role.members` is empty until members are fetched); pinning posts a "pinned a
 * message" system message; a channel created under a category without overwrites gets the category's; text
 * channel names are lowercased with spaces turned into dashes; message, embed, component, channel-name and
 * category-size limits answer Discord's 400s; an interaction takes one callback, within
 * `interactionTimeoutMs`, and its webhook (edits, follow-ups) only works after it; ephemeral replies never
 * reach the channel. Not modelled: permissions (everything is allowed; use `failNext(…, 403)`), real
 * rate-limit buckets (normal answers always have requests left), mentions, threads, reactions.
 */

export interface FakeDiscordOptions {
  /** The guild's id (and so its @everyone role's id). Default `DISCORD_SEED.guildId`. */
  guildId?: string;
  /** The bot token the fake accepts. Default 'fake-bot-token'. */
  token?: string;
  /** HELLO's `heartbeat_interval`. Default 41250, as Discord. */
  heartbeatIntervalMs?: number;
  /** How long an interaction may wait for its callback. Default 3000, as Discord. */
  interactionTimeoutMs?: number;
}

export interface FakeFile {
  /** The multipart field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface FakeCall {
  method: string;
  /** Below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  /** The route it matched, e.g. `/channels/:channel/messages`; `undefined` if the fake does not know it. */
  route: string | undefined;
  query: Record<string, string>;
  /** The parsed JSON body (for multipart, its `payload_json`); `undefined` when there was none. */
  body: unknown;
  files: FakeFile[];
  authorization: string | undefined;
  /** From `X-Audit-Log-Reason`. */
  reason: string | undefined;
  /** `Date.now()` when it arrived. */
  at: number;
  /** The HTTP status answered; 0 for a request left hanging (`hang`). */
  status: number;
  /** The JSON answered; `undefined` for an empty (204) answer. */
  response: unknown;
}

/** A guild channel (text, category, …) or a DM channel, as Discord serialises it. */
export interface FakeChannel {
  id: string;
  type: ChannelType;
  guild_id?: string;
  name?: string;
  position?: number;
  parent_id?: string | null;
  topic?: string | null;
  permission_overwrites?: APIOverwrite[];
  nsfw?: boolean;
  rate_limit_per_user?: number;
  last_message_id: string | null;
  last_pin_timestamp?: string | null;
  flags: number;
  recipients?: APIUser[];
}

/** The body of an interaction callback (`POST /interactions/{id}/{token}/callback`). */
export interface InteractionCallback {
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

export type InteractionReplyKind = 'callback' | 'edit' | 'followUp' | 'delete';

/** Something the app sent about an interaction: its callback, then edits, follow-ups and deletes of replies. */
export interface InteractionReply {
  kind: InteractionReplyKind;
  /** The JSON sent (for `callback`, an `InteractionCallback`). */
  body: Record<string, unknown>;
  files: FakeFile[];
  at: number;
  /** The message created or edited, if any (ephemeral ones are only here, not in the channel). */
  message: APIMessage | undefined;
}

export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  /** Everything answered so far, in arrival order. */
  readonly replies: readonly InteractionReply[];
  /** The callback, whether it already came or comes within the timeout. */
  callback(timeoutMs?: number): Promise<InteractionCallback>;
  /** The first reply of `kind` matching `predicate`, whether it already came or comes within the timeout. */
  reply(
    kind: InteractionReplyKind,
    predicate?: (reply: InteractionReply) => boolean,
    timeoutMs?: number,
  ): Promise<InteractionReply>;
}

export interface FakeDiscord {
  /** `http://127.0.0.1:PORT/api`: discord.js's `rest.api`. */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT`, what `GET /gateway/bot` hands out. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly guildId: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** Equal to the guild id, as on Discord. */
  readonly everyoneRoleId: string;
  /** The WebSocket side: sessions, heartbeats, protocol errors, `disconnect()`. */
  readonly gateway: FakeGateway;
  /** Every REST call so far, steered and unknown ones included. */
  readonly calls: readonly FakeCall[];
  /** Calls to routes the fake does not know (answered 404): what the app did that nobody expected. */
  readonly unhandled: readonly FakeCall[];
  /** Resolves once a client has identified and been sent READY and GUILD_CREATE. */
  waitForReady(timeoutMs?: number): Promise<void>;
  /** Sends a dispatch (op 0) with the next sequence number to every session; throws if there is none. */
  dispatch(t: string, d: unknown): void;
  /** Sends INTERACTION_CREATE; the handle awaits what the app answers. */
  sendInteraction(payload: APIInteraction): FakeInteraction;
  /** Guild channels, in creation order. */
  channels(): FakeChannel[];
  /** A guild or DM channel by id. */
  channel(id: string): FakeChannel | undefined;
  /** A guild channel by name (the last created, since names need not be unique). */
  channelNamed(name: string): FakeChannel | undefined;
  /** A text channel someone made (in the audit log under their id), e.g. under calma's category. */
  seedChannel(seed: { name: string; parentId?: string; by: string }): FakeChannel;
  /** The channel's messages, oldest first (ephemeral interaction replies are never in a channel). */
  messagesIn(channelId: string): APIMessage[];
  /** The channel's pinned messages, oldest pin first. */
  pinned(channelId: string): APIMessage[];
  /** Messages in the DM channel with that user, oldest first. */
  dmsTo(userId: string): APIMessage[];
  /** The files uploaded with a message. */
  filesOf(messageId: string): FakeFile[];
  /** Puts a message from someone else in a channel (no gateway event), e.g. the target of a context menu. */
  seedMessage(channelId: string, authorId: string, content: string): APIMessage;
  /** Makes messages to that user's DM channel fail as when they do not accept DMs (403, code 50007). */
  closeDms(userId: string): void;
  /** The application commands last bulk-overwritten: global ones, or the guild's. */
  commands(guildId?: string): APIApplicationCommand[];
  /** What `PUT /guilds/{id}/incident-actions` last stored. */
  incidentActions(): APIIncidentsData | undefined;
  /**
   * The next request of `method` whose path (below /api/v10) matches `path` gets Discord's 429 for a
   * per-route limit, with `Retry-After: retryAfterSeconds` (as given: Discord itself sends whole seconds).
   */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void;
  /** The next `times` matching requests get `status` with Discord's error body for it. */
  failNext(method: string, path: RegExp, status: number, times?: number): void;
  /**
   * Discord hanging: from now on every request of `method` whose path matches `path` is recorded, then
   * never answered. The client has to give up on its own.
   */
  hang(method: string, path: RegExp): void;
  /**
   * The next request of `method` whose path matches `path` is carried out at once (state, gateway events)
   * but answered only `delayMs` later: Discord acting on a request whose answer comes too late.
   */
  answerLateNext(method: string, path: RegExp, delayMs: number): void;
  /** The next matching request is carried out, then answered `status` (a 502 from Discord's edge, say). */
  failAfterDoingNext(method: string, path: RegExp, status: number): void;
  /** The first truthy value of `probe`, checked now and after every request and gateway event. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  /** The first call of `method` on a path matching `path` that answered `status` (any if omitted). */
  waitForCall(method: string, path: RegExp, status?: number, timeoutMs?: number): Promise<FakeCall>;
  /** Forgets recorded calls (state and steering stay). */
  clearCalls(): void;
  /** Closes the gateway and the HTTP server. Destroy the discord.js client first, or it will reconnect. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Seed

function seedUser(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username[0]?.toUpperCase() + username.slice(1),
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

const bot = seedUser('300000000000000001', 'calma', true);

/** The seeded guild. Every id is fixed (the guild's can be changed with `guildId`). */
export const DISCORD_SEED = {
  guildId: '100000000000000001',
  /** As for any app made since 2020, the bot user's id is the application's. */
  applicationId: bot.id,
  bot,
  users: {
    ana: seedUser('200000000000000001', 'ana'),
    bob: seedUser('200000000000000002', 'bob'),
    lena: seedUser('200000000000000003', 'lena'),
  },
  channels: {
    general: '100000000000000010',
    announcements: '100000000000000011',
    /** A category (type 4), where calma opens incident channels. */
    crisis: '100000000000000012',
  },
  roles: {
    commsTeam: '100000000000000020',
    /** The managed role Discord gives the bot when it joins. */
    calma: '100000000000000021',
  },
  /** lena owns the guild. */
  ownerId: '200000000000000003',
  /** Role ids of each member (ana and bob are in comms-team). */
  memberRoles: {
    '200000000000000001': ['100000000000000020'],
    '200000000000000002': ['100000000000000020'],
    '200000000000000003': [],
    [bot.id]: ['100000000000000021'],
  } as Readonly<Record<string, readonly string[]>>,
} as const;

const P = PermissionFlagsBits;
/** A new guild's @everyone permissions, roughly. */
export const EVERYONE_PERMISSIONS = String(
  P.ViewChannel |
    P.SendMessages |
    P.ReadMessageHistory |
    P.EmbedLinks |
    P.AttachFiles |
    P.AddReactions |
    P.UseApplicationCommands |
    P.CreateInstantInvite |
    P.ChangeNickname |
    P.Connect |
    P.Speak,
);
/** What calma's invite asks for (its managed role's permissions), plus @everyone's. */
export const BOT_PERMISSIONS = String(
  BigInt(EVERYONE_PERMISSIONS) |
    P.ManageChannels |
    P.ManageRoles |
    P.ManageMessages |
    P.PinMessages |
    P.ViewAuditLog,
);

// ---------------------------------------------------------------------------------------------------------
// Helpers

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake for now: increasing, and discord.js reads the right creation time from it. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment);
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function byId(a: { id: string }, b: { id: string }): number {
  return BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function parseBody(contentType: string, raw: Buffer): Promise<{ body: unknown; files: FakeFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: FakeFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as unknown;
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field, filename: value.name, contentType: value.type, data });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

/** An answer; `events` are gateway dispatches sent once the HTTP answer is out (intent-filtered). */
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  events?: [t: string, d: unknown, intent?: number][];
}

function json(body: unknown, status = 200): Answer {
  return { status, body };
}

const NO_CONTENT: Answer = { status: 204 };
/** How long Discord holds an enforced nonce: "the past few minutes" in its reference. */
const NONCE_KEPT_MS = 3 * 60_000;

function discordError(status: number, code: number, message: string, errors?: Json): Answer {
  return { status, body: { message, code, ...(errors ? { errors } : {}) } };
}

/** Discord's 400 for a body that breaks a rule, with the offending field's path. */
function invalidForm(path: string[], code: string, message: string): Answer {
  let errors: Json = { _errors: [{ code, message }] };
  for (const key of [...path].reverse()) errors = { [key]: errors };
  return discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', errors);
}

const ERROR_FOR_STATUS: Record<number, [code: number, message: string]> = {
  400: [0, '400: Bad Request'],
  401: [0, '401: Unauthorized'],
  403: [RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'],
  404: [0, '404: Not Found'],
  500: [0, '500: Internal Server Error'],
  502: [0, '502: Bad Gateway'],
  503: [0, '503: Service Unavailable'],
};

const notFound = {
  channel: () => discordError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  message: () => discordError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  guild: () => discordError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  member: () => discordError(404, RESTJSONErrorCodes.UnknownMember, 'Unknown Member'),
  user: () => discordError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  interaction: () => discordError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'),
  webhook: () => discordError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'),
};

/** Discord's limits on a message (the documented ones, as in src/discord/render.ts DISCORD_LIMITS); the first one broken, if any. */
function messageViolation(body: Json, files: FakeFile[]): Answer | undefined {
  const content = optionalString(body.content) ?? '';
  const embeds = (Array.isArray(body.embeds) ? body.embeds : []) as APIEmbed[];
  const rows = Array.isArray(body.components) ? body.components.map(record) : [];
  const attachments = Array.isArray(body.attachments) ? body.attachments : [];
  const empty = !content && !embeds.length && !rows.length && !files.length && !attachments.length;
  if (empty && !body.sticker_ids && !body.poll)
    return discordError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
  const limits: [length: number, max: number, path: (string | number)[]][] = [
    [content.length, 2000, ['content']],
    [embeds.length, 10, ['embeds']],
  ];
  let embedsSize = 0;
  for (const [i, embed] of embeds.entries()) {
    const fields = embed.fields ?? [];
    limits.push(
      [embed.title?.length ?? 0, 256, ['embeds', i, 'title']],
      [embed.description?.length ?? 0, 4096, ['embeds', i, 'description']],
      [fields.length, 25, ['embeds', i, 'fields']],
    );
    for (const [j, field] of fields.entries()) {
      limits.push(
        [field.name.length, 256, ['embeds', i, 'fields', j, 'name']],
        [field.value.length, 1024, ['embeds', i, 'fields', j, 'value']],
      );
      embedsSize += field.name.length + field.value.length;
    }
    embedsSize += (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
    embedsSize += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  }
  // Components V2 messages lay out components freely; the action-row limits are for the classic layout.
  if ((Number(body.flags ?? 0) & MessageFlags.IsComponentsV2) === 0) {
    limits.push([rows.length, 5, ['components']]);
    for (const [i, row] of rows.entries()) {
      const inRow = Array.isArray(row.components) ? row.components.map(record) : [];
      limits.push([inRow.length, 5, ['components', i, 'components']]);
      for (const [j, component] of inRow.entries()) {
        const customId = optionalString(component.custom_id) ?? '';
        limits.push([customId.length, 100, ['components', i, 'components', j, 'custom_id']]);
      }
    }
  }
  const broken = limits.find(([length, max]) => length > max);
  if (broken)
    return invalidForm(
      broken[2].map(String),
      'BASE_TYPE_MAX_LENGTH',
      `Must be ${broken[1]} or fewer in length.`,
    );
  if (embedsSize > 6000)
    return invalidForm(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  return undefined;
}

/** Discord's own rule for chat-input command names. */
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** The names of a route pattern's `:param` segments, so handlers get exactly those as strings. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type Handler = (params: Record<string, string>, call: FakeCall) => Answer;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  keys: string[];
  /** Whether the route needs `Authorization: Bot <token>` (interaction routes carry their token in the path). */
  auth: boolean;
  handler: Handler;
}

function route<P extends string>(
  method: string,
  pattern: P,
  handler: (params: Record<ParamNames<P>, string>, call: FakeCall) => Answer,
  auth = true,
): Route {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      keys.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  // `match` fills in every key of the pattern, which is what the handler's narrower type promises.
  return { method, pattern, regex: new RegExp(`^${source}$`), keys, auth, handler: handler as Handler };
}

type Steer = { method: string; path: RegExp } & (
  | { kind: 'rateLimit'; seconds: number }
  | { kind: 'fail'; status: number }
);

interface InteractionState {
  payload: APIInteraction;
  sentAt: number;
  acked: boolean;
  replies: InteractionReply[];
  /** The `@original` response message, once there is one. */
  original: APIMessage | undefined;
  followUps: APIMessage[];
}

interface Member {
  user: APIUser;
  roles: string[];
  joinedAt: string;
}

const TEXT_LIKE = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/** Starts the fake on 127.0.0.1 with a free port. Destroy the client, then `close()` it, in `afterAll`. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscordServer(options);
  await fake.listen();
  return fake;
}

// ---------------------------------------------------------------------------------------------------------
// The fake

class FakeDiscordServer implements FakeDiscord {
  readonly token: string;
  readonly guildId: string;
  readonly applicationId = DISCORD_SEED.applicationId;
  readonly botUserId = bot.id;
  readonly gateway: FakeGateway;
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly recorded: FakeCall[] = [];
  private readonly steering: Steer[] = [];
  private readonly hangs: { method: string; path: RegExp }[] = [];
  private readonly lateAnswers: { method: string; path: RegExp; delayMs: number; status?: number }[] = [];
  private readonly interactionTimeoutMs: number;
  private readonly guildChannels = new Map<string, FakeChannel>();
  /** Channel creations, oldest first (the only entries calma reads). */
  private readonly auditLog: APIAuditLogEntry[] = [];
  private readonly dmChannels = new Map<string, FakeChannel>();
  private readonly messages = new Map<string, APIMessage[]>();
  private readonly files = new Map<string, FakeFile[]>();
  /** Pinned message ids per channel, with when they were pinned, oldest first. */
  private readonly pins = new Map<string, { id: string; at: string }[]>();
  /** Nonces sent with enforce_nonce, by `<channel>\n<nonce>`: the message they made and when. */
  private readonly nonces = new Map<string, { id: string; at: number }>();
  private readonly roles: APIRole[];
  private readonly members = new Map<string, Member>();
  private readonly closedDms = new Set<string>();
  private readonly commandSets = new Map<string, APIApplicationCommand[]>();
  private readonly interactions = new Map<string, InteractionState>();
  private incidents: APIIncidentsData | undefined;
  private port = 0;
  private readonly routes: Route[];

  constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token';
    this.guildId = options.guildId ?? DISCORD_SEED.guildId;
    this.interactionTimeoutMs = options.interactionTimeoutMs ?? 3000;
    this.roles = [
      this.role(this.guildId, '@everyone', 0, EVERYONE_PERMISSIONS),
      this.role(DISCORD_SEED.roles.commsTeam, 'comms-team', 1, '0', { hoist: true, mentionable: true }),
      this.role(DISCORD_SEED.roles.calma, 'calma', 2, BOT_PERMISSIONS, {
        managed: true,
        tags: { bot_id: bot.id },
      }),
    ];
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    for (const user of [...Object.values(DISCORD_SEED.users), bot]) {
      this.members.set(user.id, { user, roles: [...(DISCORD_SEED.memberRoles[user.id] ?? [])], joinedAt });
    }
    const { general, announcements, crisis } = DISCORD_SEED.channels;
    this.addGuildChannel({ id: general, type: ChannelType.GuildText, name: 'general', position: 0 });
    this.addGuildChannel({
      id: announcements,
      type: ChannelType.GuildText,
      name: 'announcements',
      position: 1,
    });
    this.addGuildChannel({ id: crisis, type: ChannelType.GuildCategory, name: 'Crisis', position: 2 });

    this.gateway = new FakeGateway(
      {
        token: this.token,
        ready: (sessionId, resumeUrl) => this.ready(sessionId, resumeUrl),
        guildCreate: (intents) => this.guildCreate(intents),
        membersChunk: (request) => this.membersChunk(request),
        changed: () => this.events.emit('change'),
      },
      options.heartbeatIntervalMs ?? 41_250,
    );
    this.routes = this.buildRoutes();
    this.server = createServer((req, res) => {
      this.serve(req, res).catch((error: unknown) => {
        // A bug in the fake must not look like a Discord answer: fail loudly with its stack.
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`fake-discord crashed: ${error instanceof Error ? error.stack : String(error)}`);
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fake-discord is not on a TCP port');
    this.port = address.port;
    this.gateway.attach(this.server, this.gatewayUrl);
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get everyoneRoleId(): string {
    return this.guildId;
  }

  get calls(): readonly FakeCall[] {
    return this.recorded;
  }

  get unhandled(): readonly FakeCall[] {
    return this.recorded.filter((call) => call.route === undefined);
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  // --- Waiting ------------------------------------------------------------------------------------------

  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = PATIENCE_MS): Promise<T> {
    return waitForEvent(
      this.events,
      'change',
      () => probe() || undefined,
      timeoutMs,
      () => `fake-discord: ${what}`,
    );
  }

  waitForCall(method: string, path: RegExp, status?: number, timeoutMs?: number): Promise<FakeCall> {
    const matches = (call: FakeCall) =>
      call.method === method && path.test(call.path) && (status === undefined || call.status === status);
    return this.waitFor(() => this.recorded.find(matches), `${method} ${path}`, timeoutMs);
  }

  async waitForReady(timeoutMs = PATIENCE_MS): Promise<void> {
    await waitForEvent(
      this.events,
      'change',
      () => this.gateway.sessions.find((session) => session.socket),
      timeoutMs,
      () =>
        `fake-discord: a client to identify (gateway protocol errors: ${this.gateway.protocolErrors.join('; ') || 'none'})`,
    );
  }

  clearCalls(): void {
    this.recorded.length = 0;
  }

  // --- Steering -----------------------------------------------------------------------------------------

  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void {
    this.steering.push({ method, path, kind: 'rateLimit', seconds: retryAfterSeconds });
  }

  failNext(method: string, path: RegExp, status: number, times = 1): void {
    for (let i = 0; i < times; i++) this.steering.push({ method, path, kind: 'fail', status });
  }

  hang(method: string, path: RegExp): void {
    this.hangs.push({ method, path });
  }

  answerLateNext(method: string, path: RegExp, delayMs: number): void {
    this.lateAnswers.push({ method, path, delayMs });
  }

  failAfterDoingNext(method: string, path: RegExp, status: number): void {
    this.lateAnswers.push({ method, path, delayMs: 0, status });
  }

  closeDms(userId: string): void {
    this.closedDms.add(userId);
  }

  // --- State queries ------------------------------------------------------------------------------------

  channels(): FakeChannel[] {
    return [...this.guildChannels.values()];
  }

  channel(id: string): FakeChannel | undefined {
    return this.guildChannels.get(id) ?? this.dmChannels.get(id);
  }

  channelNamed(name: string): FakeChannel | undefined {
    return this.channels().findLast((channel) => channel.name === name);
  }

  messagesIn(channelId: string): APIMessage[] {
    return [...(this.messages.get(channelId) ?? [])];
  }

  pinned(channelId: string): APIMessage[] {
    return (this.pins.get(channelId) ?? []).flatMap((pin) => this.findMessage(channelId, pin.id) ?? []);
  }

  dmsTo(userId: string): APIMessage[] {
    const dm = [...this.dmChannels.values()].find((channel) => channel.recipients?.[0]?.id === userId);
    return dm ? this.messagesIn(dm.id) : [];
  }

  filesOf(messageId: string): FakeFile[] {
    return this.files.get(messageId) ?? [];
  }

  commands(guildId?: string): APIApplicationCommand[] {
    return this.commandSets.get(guildId ?? 'global') ?? [];
  }

  incidentActions(): APIIncidentsData | undefined {
    return this.incidents;
  }

  seedMessage(channelId: string, authorId: string, content: string): APIMessage {
    const author = this.members.get(authorId)?.user;
    if (!author || !this.channel(channelId))
      throw new Error(`fake-discord: no user ${authorId} or channel ${channelId}`);
    const message = this.newMessage(channelId, author, { content });
    this.store(message);
    return message;
  }

  // --- Gateway ------------------------------------------------------------------------------------------

  dispatch(t: string, d: unknown): void {
    if (this.gateway.dispatch(t, d) === 0)
      throw new Error(`fake-discord: no client identified to send ${t} to`);
  }

  sendInteraction(payload: APIInteraction): FakeInteraction {
    const state: InteractionState = {
      payload,
      sentAt: Date.now(),
      acked: false,
      replies: [],
      original: undefined,
      followUps: [],
    };
    this.interactions.set(payload.token, state);
    this.dispatch('INTERACTION_CREATE', payload);
    const reply = (
      kind: InteractionReplyKind,
      predicate = (_: InteractionReply) => true,
      timeoutMs?: number,
    ) =>
      this.waitFor(
        () => state.replies.find((r) => r.kind === kind && predicate(r)),
        `a ${kind} answering interaction ${payload.id}`,
        timeoutMs,
      );
    return {
      id: payload.id,
      token: payload.token,
      replies: state.replies,
      reply,
      callback: async (timeoutMs?: number) =>
        (await reply('callback', undefined, timeoutMs)).body as unknown as InteractionCallback,
    };
  }

  private ready(sessionId: string, resumeUrl: string): GatewayReadyDispatchData {
    // An unverified app with both privileged intents switched on in the developer portal.
    const flags = ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.GatewayMessageContentLimited;
    return {
      v: 10,
      user: { ...bot, verified: true, mfa_enabled: false },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: sessionId,
      resume_gateway_url: resumeUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags, flags_new: String(flags) },
    };
  }

  private guildJson() {
    const { general } = DISCORD_SEED.channels;
    return {
      id: this.guildId,
      name: 'Acme',
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: DISCORD_SEED.ownerId,
      afk_channel_id: null,
      afk_timeout: 300 as const,
      verification_level: GuildVerificationLevel.Low,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.AllMembers,
      roles: this.roles,
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: this.guildChannels.has(general) ? general : null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      hub_type: null,
      max_members: 25_000_000,
      max_video_channel_users: 25,
      incidents_data: this.incidents ?? null,
    };
  }

  private guildCreate(intents: number): GatewayGuildCreateDispatchData {
    // Without the presences intent, Discord sends only the bot's member (and members in voice).
    const members = [...this.members.keys()]
      .filter((id) => (intents & GatewayIntentBits.GuildPresences) !== 0 || id === bot.id)
      .map((id) => this.memberJson(id));
    return {
      ...this.guildJson(),
      joined_at: this.members.get(bot.id)?.joinedAt ?? new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members,
      // The fake keeps guild channels in Discord's serialised form already.
      channels: this.channels() as unknown as GatewayGuildCreateDispatchData['channels'],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private membersChunk(request: GatewayRequestGuildMembersData): GatewayGuildMembersChunkDispatchData {
    const ids =
      'user_ids' in request && request.user_ids !== undefined ? [request.user_ids].flat() : undefined;
    const query = 'query' in request ? request.query.toLowerCase() : '';
    const limit = 'limit' in request ? request.limit : 0;
    let found = [...this.members.values()].filter((member) =>
      ids ? ids.includes(member.user.id) : member.user.username.toLowerCase().startsWith(query),
    );
    if (limit > 0) found = found.slice(0, limit);
    return {
      guild_id: this.guildId,
      members: found.map((member) => this.memberJson(member.user.id)),
      chunk_index: 0,
      chunk_count: 1,
      ...(ids ? { not_found: ids.filter((id) => !this.members.has(id)) } : {}),
      ...(request.presences ? { presences: [] } : {}),
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    };
  }

  // --- HTTP ---------------------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith('/api/v10/') ? url.pathname.slice('/api/v10'.length) : url.pathname;
    const { body, files } = await parseBody(req.headers['content-type'] ?? '', await readBody(req));
    const reason = req.headers['x-audit-log-reason'];
    const call: FakeCall = {
      method,
      path,
      route: undefined,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      authorization: req.headers.authorization,
      reason: typeof reason === 'string' ? decodeURIComponent(reason) : undefined,
      at: Date.now(),
      status: 0,
      response: undefined,
    };
    if (this.hangs.some((h) => h.method === method && h.path.test(path))) {
      // No answer: `res` stays open until the client aborts or `close()` drops the connection.
      this.recorded.push(call);
      this.events.emit('change');
      return;
    }
    const answer = this.answer(call, url.pathname.startsWith('/api/v10/'));
    call.status = answer.status;
    call.response = answer.body;
    const headers = { ...this.rateLimitHeaders(call), ...answer.headers };
    const late = this.lateAnswers.findIndex((l) => l.method === method && l.path.test(path));
    if (late >= 0) {
      // Done now, as Discord does; the answer goes to a client that has likely given up by then.
      const { delayMs, status } = this.lateAnswers.splice(late, 1)[0] as { delayMs: number; status?: number };
      const sent = status ? discordError(status, 0, `${status}`) : answer;
      setTimeout(() => this.reply(res, sent, headers), delayMs).unref();
    } else {
      this.reply(res, answer, headers);
    }
    // Recorded after answering so a waiter that wakes up sees the state the answer produced.
    this.recorded.push(call);
    for (const [t, d, intent] of answer.events ?? []) this.gateway.dispatch(t, d, intent);
    this.events.emit('change');
  }

  private reply(res: ServerResponse, answer: Answer, headers: Record<string, string>): void {
    if (res.destroyed) return;
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
    } else {
      res
        .writeHead(answer.status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(answer.body));
    }
  }

  private answer(call: FakeCall, versioned: boolean): Answer {
    const matched = versioned ? this.match(call.method, call.path) : undefined;
    call.route = matched?.route.pattern;
    const steer = this.takeSteer(call);
    if (steer) return steer;
    if (!matched) return discordError(404, 0, '404: Not Found');
    if (matched.route.auth && call.authorization !== `Bot ${this.token}`)
      return discordError(401, 0, '401: Unauthorized');
    return matched.route.handler(matched.params, call);
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const candidate of this.routes) {
      if (candidate.method !== method) continue;
      const found = candidate.regex.exec(path);
      if (!found) continue;
      const params = Object.fromEntries(
        candidate.keys.map((key, i) => [key, decodeURIComponent(found[i + 1] ?? '')]),
      );
      return { route: candidate, params };
    }
    return undefined;
  }

  private takeSteer(call: FakeCall): Answer | undefined {
    const index = this.steering.findIndex((s) => s.method === call.method && s.path.test(call.path));
    const steer = this.steering[index];
    if (!steer) return undefined;
    this.steering.splice(index, 1);
    if (steer.kind === 'fail') {
      const [code, message] = ERROR_FOR_STATUS[steer.status] ?? [0, `${steer.status}`];
      return discordError(steer.status, code, message);
    }
    const seconds = String(steer.seconds);
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: steer.seconds, global: false },
      headers: {
        'retry-after': seconds,
        'x-ratelimit-scope': 'user',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String((Date.now() + steer.seconds * 1000) / 1000),
        'x-ratelimit-reset-after': seconds,
        'x-ratelimit-bucket': this.bucket(call),
      },
    };
  }

  /** A plausible bucket with requests left: the fake never throttles unless steered. */
  private rateLimitHeaders(call: FakeCall): Record<string, string> {
    if (call.route === undefined) return {};
    return {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': String((Date.now() + 1000) / 1000),
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-bucket': this.bucket(call),
    };
  }

  private bucket(call: FakeCall): string {
    return createHash('sha1')
      .update(`${call.method} ${call.route ?? call.path}`)
      .digest('hex')
      .slice(0, 32);
  }

  private buildRoutes(): Route[] {
    return [
      route('GET', '/gateway/bot', () =>
        json({
          url: this.gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
      ),
      route('GET', '/users/@me', () => json(bot)),
      route('GET', '/users/:user', ({ user }) => {
        const member = this.members.get(user);
        return member ? json(member.user) : notFound.user();
      }),
      route('POST', '/users/@me/channels', (_, call) => this.openDm(record(call.body))),
      route('GET', '/guilds/:guild', ({ guild }) =>
        guild === this.guildId ? json(this.guildJson()) : notFound.guild(),
      ),
      route('GET', '/guilds/:guild/channels', ({ guild }) =>
        guild === this.guildId ? json(this.channels()) : notFound.guild(),
      ),
      route('POST', '/guilds/:guild/channels', ({ guild }, call) =>
        guild === this.guildId ? this.createChannel(record(call.body)) : notFound.guild(),
      ),
      route('GET', '/guilds/:guild/audit-logs', ({ guild }, call) =>
        guild === this.guildId ? this.readAuditLog(call.query) : notFound.guild(),
      ),
      route('GET', '/guilds/:guild/roles', ({ guild }) =>
        guild === this.guildId ? json(this.roles) : notFound.guild(),
      ),
      route('GET', '/guilds/:guild/members', ({ guild }, call) =>
        guild === this.guildId ? this.listMembers(call.query) : notFound.guild(),
      ),
      route('GET', '/guilds/:guild/members/:user', ({ guild, user }) => {
        if (guild !== this.guildId) return notFound.guild();
        return this.members.has(user) ? json(this.memberJson(user)) : notFound.member();
      }),
      route('PUT', '/guilds/:guild/incident-actions', ({ guild }, call) =>
        guild === this.guildId ? this.setIncidentActions(record(call.body)) : notFound.guild(),
      ),
      route('GET', '/channels/:channel', ({ channel }) => {
        const found = this.channel(channel);
        return found ? json(found) : notFound.channel();
      }),
      route('PATCH', '/channels/:channel', ({ channel }, call) =>
        this.editChannel(channel, record(call.body)),
      ),
      route('PUT', '/channels/:channel/permissions/:overwrite', ({ channel, overwrite }, call) =>
        this.putOverwrite(channel, overwrite, record(call.body)),
      ),
      route('DELETE', '/channels/:channel/permissions/:overwrite', ({ channel, overwrite }) =>
        this.deleteOverwrite(channel, overwrite),
      ),
      route('GET', '/channels/:channel/messages', ({ channel }, call) =>
        this.listMessages(channel, call.query),
      ),
      route('POST', '/channels/:channel/messages', ({ channel }, call) =>
        this.postMessage(channel, record(call.body), call.files),
      ),
      // discord.js 14.28 pins with the newer /messages/pins routes; the older /pins ones still exist on Discord.
      route('GET', '/channels/:channel/messages/pins', ({ channel }) => this.listPins(channel, true)),
      route('PUT', '/channels/:channel/messages/pins/:message', ({ channel, message }) =>
        this.pin(channel, message),
      ),
      route('DELETE', '/channels/:channel/messages/pins/:message', ({ channel, message }) =>
        this.unpin(channel, message),
      ),
      route('GET', '/channels/:channel/pins', ({ channel }) => this.listPins(channel, false)),
      route('PUT', '/channels/:channel/pins/:message', ({ channel, message }) => this.pin(channel, message)),
      route('DELETE', '/channels/:channel/pins/:message', ({ channel, message }) =>
        this.unpin(channel, message),
      ),
      route('GET', '/channels/:channel/messages/:message', ({ channel, message }) => {
        if (!this.channel(channel)) return notFound.channel();
        const found = this.findMessage(channel, message);
        return found ? json(found) : notFound.message();
      }),
      route('PATCH', '/channels/:channel/messages/:message', ({ channel, message }, call) =>
        this.editMessage(channel, message, record(call.body), call.files),
      ),
      route('GET', '/applications/:app/commands', () => json(this.commands())),
      route('PUT', '/applications/:app/commands', (_, call) => this.overwriteCommands('global', call.body)),
      route('GET', '/applications/:app/guilds/:guild/commands', ({ guild }) => json(this.commands(guild))),
      route('PUT', '/applications/:app/guilds/:guild/commands', ({ guild }, call) =>
        guild === this.guildId ? this.overwriteCommands(guild, call.body) : notFound.guild(),
      ),
      route(
        'POST',
        '/interactions/:interaction/:token/callback',
        ({ interaction, token }, call) => this.interactionCallback(interaction, token, call),
        false,
      ),
      route(
        'POST',
        '/webhooks/:app/:token',
        ({ app, token }, call) => this.followUp(app, token, call),
        false,
      ),
      route(
        'GET',
        '/webhooks/:app/:token/messages/:message',
        ({ app, token, message }) => {
          const found = this.webhookMessage(app, token, message);
          return 'status' in found ? found : json(found.message);
        },
        false,
      ),
      route(
        'PATCH',
        '/webhooks/:app/:token/messages/:message',
        ({ app, token, message }, call) => this.editWebhookMessage(app, token, message, call),
        false,
      ),
      route(
        'DELETE',
        '/webhooks/:app/:token/messages/:message',
        ({ app, token, message }, call) => this.deleteWebhookMessage(app, token, message, call),
        false,
      ),
    ];
  }

  // --- Guild, roles, members ----------------------------------------------------------------------------

  private role(
    id: string,
    name: string,
    position: number,
    permissions: string,
    extra: Partial<APIRole> = {},
  ): APIRole {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions,
      managed: false,
      mentionable: false,
      flags: 0 as RoleFlags,
      ...extra,
    };
  }

  private memberJson(userId: string): APIGuildMember {
    const member = this.members.get(userId);
    if (!member) throw new Error(`fake-discord: no member ${userId}`);
    return {
      user: member.user,
      nick: null,
      avatar: null,
      banner: null,
      roles: member.roles,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private listMembers(query: Record<string, string>): Answer {
    const limit = Number(query.limit ?? 1);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      return invalidForm(['limit'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 1000.');
    const after = BigInt(query.after ?? 0);
    const page = [...this.members.values()]
      .map((member) => member.user)
      .sort(byId)
      .filter((user) => BigInt(user.id) > after)
      .slice(0, limit);
    return json(page.map((user) => this.memberJson(user.id)));
  }

  private setIncidentActions(body: Json): Answer {
    const limit = Date.now() + 24 * 3_600_000;
    for (const field of ['invites_disabled_until', 'dms_disabled_until']) {
      const until = optionalString(body[field]);
      // Discord allows at most 24 hours ahead (a little leeway for the request's travel).
      if (until !== undefined && Date.parse(until) > limit + 60_000)
        return invalidForm([field], 'BASE_TYPE_BAD_DATE', 'Must be no more than 24 hours in the future.');
    }
    // A PUT: an action left out is switched off.
    this.incidents = {
      invites_disabled_until: optionalString(body.invites_disabled_until) ?? null,
      dms_disabled_until: optionalString(body.dms_disabled_until) ?? null,
      dm_spam_detected_at: null,
      raid_detected_at: null,
    };
    return {
      ...json(this.incidents),
      events: [['GUILD_UPDATE', this.guildJson(), GatewayIntentBits.Guilds]],
    };
  }

  private overwriteCommands(scope: string, body: unknown): Answer {
    const sent = Array.isArray(body) ? body.map(record) : [];
    const previous = this.commandSets.get(scope) ?? [];
    for (const [i, command] of sent.entries()) {
      const type = Number(command.type ?? ApplicationCommandType.ChatInput);
      const name = optionalString(command.name) ?? '';
      const description = optionalString(command.description) ?? '';
      if (type !== ApplicationCommandType.ChatInput) continue;
      if (!COMMAND_NAME.test(name) || name !== name.toLowerCase())
        return invalidForm(
          [String(i), 'name'],
          'APPLICATION_COMMAND_INVALID_NAME',
          'Command name is invalid',
        );
      if (description.length < 1 || description.length > 100)
        return invalidForm(
          [String(i), 'description'],
          'BASE_TYPE_BAD_LENGTH',
          'Must be between 1 and 100 in length.',
        );
    }
    // Like Discord, a command that keeps its name keeps its id.
    const commands = sent.map(
      (command) =>
        ({
          ...command,
          id: previous.find((p) => p.name === command.name)?.id ?? snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          type: Number(command.type ?? ApplicationCommandType.ChatInput),
          description: optionalString(command.description) ?? '',
          default_member_permissions: optionalString(command.default_member_permissions) ?? null,
          ...(scope === 'global' ? {} : { guild_id: scope }),
        }) as APIApplicationCommand,
    );
    this.commandSets.set(scope, commands);
    return json(commands);
  }

  // --- Channels -----------------------------------------------------------------------------------------

  private addGuildChannel(
    fields: Partial<FakeChannel> & Pick<FakeChannel, 'id' | 'type' | 'name'>,
  ): FakeChannel {
    const channel: FakeChannel = {
      guild_id: this.guildId,
      position: this.guildChannels.size,
      parent_id: null,
      permission_overwrites: [],
      nsfw: false,
      flags: 0,
      last_message_id: null,
      ...(TEXT_LIKE.has(fields.type)
        ? { topic: null, rate_limit_per_user: 0, last_pin_timestamp: null }
        : {}),
      ...fields,
    };
    this.guildChannels.set(channel.id, channel);
    return channel;
  }

  private createChannel(body: Json): Answer {
    const type = Number(body.type ?? ChannelType.GuildText) as ChannelType;
    const raw = optionalString(body.name) ?? '';
    if (raw.length < 1 || raw.length > 100)
      return invalidForm(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (this.guildChannels.size >= 500)
      return discordError(
        400,
        RESTJSONErrorCodes.MaximumNumberOfGuildChannelsReached,
        'Maximum number of guild channels reached (500)',
      );
    const parentId = optionalString(body.parent_id) ?? null;
    const parent = parentId === null ? undefined : this.guildChannels.get(parentId);
    if (parentId !== null && parent?.type !== ChannelType.GuildCategory)
      return invalidForm(['parent_id'], 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
    if (parentId !== null && this.channels().filter((c) => c.parent_id === parentId).length >= 50)
      return invalidForm(
        ['parent_id'],
        'CHANNEL_PARENT_MAX_CHANNELS',
        'Maximum number of channels in category reached (50)',
      );
    const overwrites = Array.isArray(body.permission_overwrites)
      ? body.permission_overwrites.map(normaliseOverwrite)
      : structuredClone(parent?.permission_overwrites ?? []);
    const channel = this.addGuildChannel({
      id: snowflake(),
      type,
      name: TEXT_LIKE.has(type) ? textChannelName(raw) : raw,
      parent_id: parentId,
      permission_overwrites: overwrites,
      ...(TEXT_LIKE.has(type) ? { topic: optionalString(body.topic) ?? null } : {}),
      ...(typeof body.nsfw === 'boolean' ? { nsfw: body.nsfw } : {}),
    });
    this.logCreation(channel, bot.id);
    return { ...json(channel, 201), events: [['CHANNEL_CREATE', channel, GatewayIntentBits.Guilds]] };
  }

  seedChannel(seed: { name: string; parentId?: string; by: string }): FakeChannel {
    const channel = this.addGuildChannel({
      id: snowflake(),
      type: ChannelType.GuildText,
      name: textChannelName(seed.name),
      parent_id: seed.parentId ?? null,
    });
    this.logCreation(channel, seed.by);
    return channel;
  }

  private logCreation(channel: FakeChannel, by: string): void {
    this.auditLog.push({
      id: snowflake(),
      action_type: AuditLogEvent.ChannelCreate,
      user_id: by,
      target_id: channel.id,
      changes: [{ key: 'name', new_value: channel.name ?? '' }],
    });
  }

  /** Newest first, filtered by `user_id` and `action_type`; needs View Audit Log (calma's role has it). */
  private readAuditLog(query: Record<string, string>): Answer {
    const calma = this.roles.find((r) => r.id === DISCORD_SEED.roles.calma);
    if ((BigInt(calma?.permissions ?? 0) & PermissionFlagsBits.ViewAuditLog) === 0n)
      return discordError(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
    const limit = Number(query.limit ?? 50);
    const entries = this.auditLog
      .filter((e) => (query.user_id ? e.user_id === query.user_id : true))
      .filter((e) => (query.action_type ? e.action_type === Number(query.action_type) : true))
      .reverse()
      .slice(0, limit);
    return json({
      audit_log_entries: entries,
      users: [],
      integrations: [],
      webhooks: [],
      guild_scheduled_events: [],
      threads: [],
      application_commands: [],
      auto_moderation_rules: [],
    });
  }

  private editChannel(id: string, body: Json): Answer {
    const channel = this.guildChannels.get(id);
    if (!channel) return notFound.channel();
    if (body.name !== undefined) {
      const raw = optionalString(body.name) ?? '';
      if (raw.length < 1 || raw.length > 100)
        return invalidForm(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      channel.name = TEXT_LIKE.has(channel.type) ? textChannelName(raw) : raw;
    }
    if (body.topic !== undefined) channel.topic = optionalString(body.topic) ?? null;
    if (body.parent_id !== undefined) {
      const parentId = optionalString(body.parent_id) ?? null;
      if (parentId !== null && this.guildChannels.get(parentId)?.type !== ChannelType.GuildCategory)
        return invalidForm(['parent_id'], 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
      channel.parent_id = parentId;
    }
    if (Array.isArray(body.permission_overwrites))
      channel.permission_overwrites = body.permission_overwrites.map(normaliseOverwrite);
    if (typeof body.nsfw === 'boolean') channel.nsfw = body.nsfw;
    return { ...json(channel), events: [['CHANNEL_UPDATE', channel, GatewayIntentBits.Guilds]] };
  }

  private putOverwrite(channelId: string, overwriteId: string, body: Json): Answer {
    const channel = this.guildChannels.get(channelId);
    if (!channel) return notFound.channel();
    const overwrite = normaliseOverwrite({ ...body, id: overwriteId });
    channel.permission_overwrites = [
      ...(channel.permission_overwrites ?? []).filter((o) => o.id !== overwriteId),
      overwrite,
    ];
    return { ...NO_CONTENT, events: [['CHANNEL_UPDATE', channel, GatewayIntentBits.Guilds]] };
  }

  private deleteOverwrite(channelId: string, overwriteId: string): Answer {
    const channel = this.guildChannels.get(channelId);
    if (!channel) return notFound.channel();
    channel.permission_overwrites = (channel.permission_overwrites ?? []).filter((o) => o.id !== overwriteId);
    return { ...NO_CONTENT, events: [['CHANNEL_UPDATE', channel, GatewayIntentBits.Guilds]] };
  }

  private openDm(body: Json): Answer {
    const user = this.members.get(optionalString(body.recipient_id) ?? '')?.user;
    if (!user) return discordError(400, RESTJSONErrorCodes.InvalidRecipients, 'Invalid Recipient(s)');
    let dm = [...this.dmChannels.values()].find((channel) => channel.recipients?.[0]?.id === user.id);
    if (!dm) {
      dm = { id: snowflake(), type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [user] };
      this.dmChannels.set(dm.id, dm);
    }
    return json(dm);
  }

  // --- Messages -----------------------------------------------------------------------------------------

  private findMessage(channelId: string, messageId: string): APIMessage | undefined {
    return this.messages.get(channelId)?.find((message) => message.id === messageId);
  }

  private newMessage(channelId: string, author: APIUser, body: Json, files: FakeFile[] = []): APIMessage {
    const id = snowflake();
    const reference = isRecord(body.message_reference) ? body.message_reference : undefined;
    return {
      id,
      channel_id: channelId,
      author,
      content: optionalString(body.content) ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: body.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.attachments(channelId, id, [], body, files),
      embeds: embedsOf(body),
      components: (Array.isArray(body.components) ? body.components : []) as APIMessage['components'],
      pinned: false,
      type: reference ? MessageType.Reply : MessageType.Default,
      flags: Number(body.flags ?? 0),
      ...(reference ? { message_reference: { type: 0, channel_id: channelId, ...reference } } : {}),
    };
  }

  /**
   * A message's attachments after a create or edit, as Discord does it: `attachments` in the body lists the
   * ones to keep by id, and new files (`files[n]`) join them; with no `attachments`, an edit keeps all.
   */
  private attachments(
    channelId: string,
    messageId: string,
    existing: APIAttachment[],
    body: Json,
    files: FakeFile[],
  ): APIAttachment[] {
    const keep = Array.isArray(body.attachments)
      ? existing.filter((a) => (body.attachments as unknown[]).some((kept) => record(kept).id === a.id))
      : existing;
    const added = files.map((file): APIAttachment => {
      const id = snowflake();
      const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
      return {
        id,
        filename: file.filename,
        size: file.data.length,
        url,
        proxy_url: url.replace('cdn.discordapp.com', 'media.discordapp.net'),
        ...(file.contentType ? { content_type: file.contentType } : {}),
      };
    });
    if (files.length > 0) this.files.set(messageId, [...(this.files.get(messageId) ?? []), ...files]);
    return [...keep, ...added];
  }

  /** Adds a message to its channel, as its last. */
  private store(message: APIMessage): void {
    const list = this.messages.get(message.channel_id) ?? [];
    list.push(message);
    this.messages.set(message.channel_id, list);
    const channel = this.channel(message.channel_id);
    if (channel) channel.last_message_id = message.id;
  }

  /** The MESSAGE_CREATE / MESSAGE_UPDATE a message change causes, for the sessions that may see it. */
  private messageEvent(
    t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE',
    message: APIMessage,
  ): [string, unknown, number] {
    const channel = this.channel(message.channel_id);
    if (channel?.type === ChannelType.DM) return [t, message, GatewayIntentBits.DirectMessages];
    // Guild message events carry the author's member, without its user (that is `author`).
    const { user: _, ...member } = this.memberJson(message.author.id);
    return [t, { ...message, guild_id: this.guildId, member }, GatewayIntentBits.GuildMessages];
  }

  private postMessage(channelId: string, body: Json, files: FakeFile[]): Answer {
    const channel = this.channel(channelId);
    if (!channel) return notFound.channel();
    if (channel.type === ChannelType.GuildCategory)
      return discordError(
        400,
        RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
        'Cannot send messages in a non-text channel',
      );
    const recipient = channel.recipients?.[0]?.id;
    if (recipient !== undefined && this.closedDms.has(recipient))
      return discordError(
        403,
        RESTJSONErrorCodes.CannotSendMessagesToThisUser,
        'Cannot send messages to this user',
      );
    const violation = messageViolation(body, files);
    if (violation) return violation;
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : '';
    if (nonce.length > 25)
      return invalidForm(['nonce'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    // enforce_nonce: a nonce the same author sent in this channel a few minutes ago gets that message back.
    const seen = body.enforce_nonce === true && nonce ? `${channelId}\n${nonce}` : '';
    const earlier = seen ? this.nonces.get(seen) : undefined;
    if (earlier && Date.now() - earlier.at < NONCE_KEPT_MS) {
      const message = this.findMessage(channelId, earlier.id);
      if (message) return json({ ...message, nonce });
    }
    const message = this.newMessage(channelId, bot, body, files);
    this.store(message);
    if (seen) this.nonces.set(seen, { id: message.id, at: Date.now() });
    return { ...json(message), events: [this.messageEvent('MESSAGE_CREATE', message)] };
  }

  private editMessage(channelId: string, messageId: string, body: Json, files: FakeFile[]): Answer {
    if (!this.channel(channelId)) return notFound.channel();
    const message = this.findMessage(channelId, messageId);
    if (!message) return notFound.message();
    if (message.author.id !== bot.id)
      return discordError(
        403,
        RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
        'Cannot edit a message authored by another user',
      );
    const violation = messageViolation({ ...message, ...body }, files);
    if (violation) return violation;
    this.applyEdit(message, body, files);
    return { ...json(message), events: [this.messageEvent('MESSAGE_UPDATE', message)] };
  }

  private applyEdit(message: APIMessage, body: Json, files: FakeFile[]): void {
    if (body.content !== undefined) message.content = optionalString(body.content) ?? '';
    if (body.embeds !== undefined) message.embeds = embedsOf(body);
    if (body.components !== undefined)
      message.components = (body.components ?? []) as APIMessage['components'];
    if (body.flags !== undefined) message.flags = Number(body.flags ?? 0);
    message.attachments = this.attachments(message.channel_id, message.id, message.attachments, body, files);
    // An edit ends a deferred reply's "thinking…" state.
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    message.edited_timestamp = new Date().toISOString();
  }

  private listMessages(channelId: string, query: Record<string, string>): Answer {
    if (!this.channel(channelId)) return notFound.channel();
    const limit = Number(query.limit ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return invalidForm(['limit'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 100.');
    const { before, after } = query;
    let list = this.messagesIn(channelId);
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
    // Newest first, as Discord answers (with `after`, the ones right after it).
    const page = after ? list.slice(0, limit) : list.slice(-limit);
    return json(page.reverse());
  }

  private pin(channelId: string, messageId: string): Answer {
    const channel = this.channel(channelId);
    if (!channel) return notFound.channel();
    const message = this.findMessage(channelId, messageId);
    if (!message) return notFound.message();
    const pins = this.pins.get(channelId) ?? [];
    if (pins.some((pin) => pin.id === messageId)) return NO_CONTENT;
    const at = new Date().toISOString();
    pins.push({ id: messageId, at });
    this.pins.set(channelId, pins);
    message.pinned = true;
    channel.last_pin_timestamp = at;
    // Discord announces a pin in the channel with a system message pointing at the pinned one.
    const notice: APIMessage = {
      ...this.newMessage(channelId, bot, {}),
      type: MessageType.ChannelPinnedMessage,
      message_reference: { type: 0, channel_id: channelId, message_id: messageId, guild_id: this.guildId },
    };
    this.store(notice);
    const pinsUpdate = { guild_id: this.guildId, channel_id: channelId, last_pin_timestamp: at };
    return {
      ...NO_CONTENT,
      events: [
        ['CHANNEL_PINS_UPDATE', pinsUpdate, GatewayIntentBits.Guilds],
        this.messageEvent('MESSAGE_UPDATE', message),
        this.messageEvent('MESSAGE_CREATE', notice),
      ],
    };
  }

  private unpin(channelId: string, messageId: string): Answer {
    if (!this.channel(channelId)) return notFound.channel();
    const message = this.findMessage(channelId, messageId);
    if (!message) return notFound.message();
    this.pins.set(
      channelId,
      (this.pins.get(channelId) ?? []).filter((pin) => pin.id !== messageId),
    );
    message.pinned = false;
    return { ...NO_CONTENT, events: [this.messageEvent('MESSAGE_UPDATE', message)] };
  }

  /** The newer route answers `{ items: [{ pinned_at, message }], has_more }`, the older a bare array; newest pin first. */
  private listPins(channelId: string, paged: boolean): Answer {
    if (!this.channel(channelId)) return notFound.channel();
    const pins = [...(this.pins.get(channelId) ?? [])].reverse();
    const items = pins.flatMap((pin) => {
      const message = this.findMessage(channelId, pin.id);
      return message ? [{ pinned_at: pin.at, message }] : [];
    });
    return json(paged ? { items, has_more: false } : items.map((item) => item.message));
  }

  // --- Interactions -------------------------------------------------------------------------------------

  private interactionMessage(state: InteractionState, body: Json, files: FakeFile[]): APIMessage {
    const { payload } = state;
    const channelId = payload.channel?.id ?? payload.channel_id ?? '';
    const commandType =
      payload.type === InteractionType.ApplicationCommand
        ? payload.data.type === ApplicationCommandType.ChatInput
          ? MessageType.ChatInputCommand
          : MessageType.ContextMenuCommand
        : MessageType.Default;
    const user = payload.member?.user ?? payload.user;
    return {
      ...this.newMessage(channelId, bot, body, files),
      type: commandType,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
      ...(user
        ? {
            interaction_metadata: {
              id: payload.id,
              type: payload.type,
              user,
              authorizing_integration_owners: payload.authorizing_integration_owners,
            } as APIMessage['interaction_metadata'],
          }
        : {}),
    };
  }

  private isEphemeral(message: APIMessage): boolean {
    return ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  }

  /** Stores a new interaction reply message in its channel unless it is ephemeral; the events that causes. */
  private publish(message: APIMessage): [string, unknown, number][] {
    if (this.isEphemeral(message) || !this.channel(message.channel_id)) return [];
    this.store(message);
    return [this.messageEvent('MESSAGE_CREATE', message)];
  }

  private interactionCallback(id: string, token: string, call: FakeCall): Answer {
    const state = this.interactions.get(token);
    if (!state || state.payload.id !== id) return notFound.interaction();
    if (state.acked)
      return discordError(
        400,
        RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
        'Interaction has already been acknowledged.',
      );
    if (call.at - state.sentAt > this.interactionTimeoutMs) return notFound.interaction();
    const body = record(call.body);
    const data = record(body.data);
    const type = Number(body.type) as InteractionResponseType;
    const events: [string, unknown, number][] = [];
    let message: APIMessage | undefined;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const violation = messageViolation(data, call.files);
        if (violation) return violation;
        message = this.interactionMessage(state, data, call.files);
        events.push(...this.publish(message));
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource:
        message = this.interactionMessage(
          state,
          { flags: Number(data.flags ?? 0) | MessageFlags.Loading },
          [],
        );
        events.push(...this.publish(message));
        break;
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        const source = state.payload.message;
        message = source ? (this.findMessage(source.channel_id, source.id) ?? source) : undefined;
        if (message && type === InteractionResponseType.UpdateMessage) {
          this.applyEdit(message, data, call.files);
          events.push(this.messageEvent('MESSAGE_UPDATE', message));
        }
        break;
      }
    }
    state.acked = true;
    state.original = message;
    state.replies.push({ kind: 'callback', body, files: call.files, at: call.at, message });
    if (call.query.with_response !== 'true') return { ...NO_CONTENT, events };
    return {
      ...json({
        interaction: {
          id,
          type: state.payload.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
                response_message_ephemeral: this.isEphemeral(message),
              }
            : {}),
        },
        resource: { type, ...(message ? { message } : {}) },
      }),
      events,
    };
  }

  /** The interaction whose webhook this is; like Discord, its token only works once the interaction is acknowledged. */
  private webhookInteraction(app: string, token: string): InteractionState | undefined {
    const state = this.interactions.get(token);
    return app === this.applicationId && state?.acked ? state : undefined;
  }

  private webhookMessage(
    app: string,
    token: string,
    messageId: string,
  ): { state: InteractionState; message: APIMessage } | Answer {
    const state = this.webhookInteraction(app, token);
    if (!state) return notFound.webhook();
    const message =
      messageId === '@original' ? state.original : state.followUps.find((m) => m.id === messageId);
    return message ? { state, message } : notFound.message();
  }

  private followUp(app: string, token: string, call: FakeCall): Answer {
    const state = this.webhookInteraction(app, token);
    if (!state) return notFound.webhook();
    const body = record(call.body);
    const violation = messageViolation(body, call.files);
    if (violation) return violation;
    const message = this.interactionMessage(state, body, call.files);
    state.followUps.push(message);
    state.replies.push({ kind: 'followUp', body, files: call.files, at: call.at, message });
    const events = this.publish(message);
    return call.query.wait === 'true' ? { ...json(message), events } : { ...NO_CONTENT, events };
  }

  private editWebhookMessage(app: string, token: string, messageId: string, call: FakeCall): Answer {
    const found = this.webhookMessage(app, token, messageId);
    if ('status' in found) return found;
    const body = record(call.body);
    const violation = messageViolation({ ...found.message, ...body }, call.files);
    if (violation) return violation;
    this.applyEdit(found.message, body, call.files);
    found.state.replies.push({
      kind: 'edit',
      body,
      files: call.files,
      at: call.at,
      message: found.message,
    });
    const stored = this.findMessage(found.message.channel_id, found.message.id);
    return { ...json(found.message), events: stored ? [this.messageEvent('MESSAGE_UPDATE', stored)] : [] };
  }

  private deleteWebhookMessage(app: string, token: string, messageId: string, call: FakeCall): Answer {
    const found = this.webhookMessage(app, token, messageId);
    if ('status' in found) return found;
    const { id, channel_id } = found.message;
    found.state.replies.push({
      kind: 'delete',
      body: {},
      files: [],
      at: call.at,
      message: found.message,
    });
    const list = this.messages.get(channel_id);
    if (!list?.some((m) => m.id === id)) return NO_CONTENT;
    this.messages.set(
      channel_id,
      list.filter((m) => m.id !== id),
    );
    const deleted = { id, channel_id, guild_id: this.guildId };
    return { ...NO_CONTENT, events: [['MESSAGE_DELETE', deleted, GatewayIntentBits.GuildMessages]] };
  }
}

function embedsOf(body: Json): APIEmbed[] {
  // Discord stores every embed sent by a bot as a "rich" one.
  return (Array.isArray(body.embeds) ? body.embeds.map(record) : []).map(
    (embed) => ({ type: 'rich', ...embed }) as APIEmbed,
  );
}

/** discord.js may send allow / deny as strings or numbers; Discord stores them as strings. */
function normaliseOverwrite(value: unknown): APIOverwrite {
  const overwrite = record(value);
  return {
    id: String(overwrite.id),
    type: Number(overwrite.type ?? 0),
    allow: String(overwrite.allow ?? '0'),
    deny: String(overwrite.deny ?? '0'),
  };
}

/** Discord's text channel names are lowercase with dashes for spaces ("Incident 42" → "incident-42"). */
function textChannelName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

/** A unique, hard-to-guess interaction token, like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}
