import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATIENCE_MS } from './patience';
import { waitForEvent } from './wait-for-event';

/**
 * A local fake of Slack's Web API, so tests can drive the real Bolt app (and its real WebClient) without
 * any network. Point Bolt at it with `new App({ clientOptions: { slackApiUrl: fake.apiUrl } })`.
 *
 * What @slack/web-api 8 sends (WebClient.makeRequest / serializeBody): `POST {slackApiUrl}{method}` with
 * `Authorization: Bearer <token>` and a form-encoded body in which every non-scalar argument (blocks,
 * attachments, view, …) is a JSON string and scalars are plain strings (`limit=1`, `inclusive=true`).
 * The fake parses those JSON strings back so tests can assert on objects; scalars stay the strings Slack
 * would see. JSON and multipart bodies are accepted too, in case a caller sends them.
 */

export type Args = Record<string, unknown>;

export interface FakeCall {
  method: string;
  /** The arguments as Slack would read them, nested JSON strings parsed back into objects. */
  args: Args;
  /** From `Authorization: Bearer …`, else from a `token` argument. */
  token: string | undefined;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** The HTTP status the fake answered (200, or 429 / 500 when steered); 0 for a call left hanging. */
  status: number;
  /** The JSON the fake answered; `undefined` for a steered 500. */
  response: Args | undefined;
}

export interface FakeResponse {
  /** The `<id>` of the `/respond/<id>` URL it was posted to. */
  id: string;
  body: unknown;
  at: number;
  /** Left unanswered (`hangResponses`), then given up by the client: it closed the connection. */
  abandoned?: boolean;
}

export interface SeededMessage {
  ts: string;
  user?: string;
  text?: string;
  [field: string]: unknown;
}

export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  channel: string;
  initialComment?: string;
  /** What was posted to the upload URL, as text (the client may wrap it in a multipart body). */
  uploaded: string;
}

export interface FakeUser {
  id: string;
  [field: string]: unknown;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/` — the value for Bolt's / WebClient's `slackApiUrl` (ends with `/`). */
  readonly apiUrl: string;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** JSON posted to response URLs (what Bolt's `respond()` sends), in arrival order. */
  readonly responses: readonly FakeResponse[];
  /** Every Web API call so far (steered ones included), optionally only one method's. */
  calls(method?: string): FakeCall[];
  /** The first call of `method` matching `predicate`, whether it already happened or happens within the timeout. */
  waitForCall(method: string, predicate?: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** Like `waitForCall`, for JSON posted to a response URL. */
  waitForResponse(predicate?: (response: FakeResponse) => boolean, timeoutMs?: number): Promise<FakeResponse>;
  /** A response URL served by the fake: `http://127.0.0.1:PORT/respond/<id>` (an id is made up if omitted). */
  responseUrl(id?: string): string;
  /** Makes `conversations.create` with that name answer `name_taken`, as if the channel already existed. */
  takeChannelName(name: string): void;
  /** A channel someone made (`creator`, a member), with these other members; returns its id. */
  seedChannel(channel: { name: string; creator: string; members?: string[] }): string;
  /** Puts a message in a channel's history (e.g. the message a reaction later refers to). */
  seedMessage(channel: string, message: SeededMessage): void;
  /** What `users.info` answers for that user (merged over the default profile). */
  seedUser(user: FakeUser): void;
  /** The members `usergroups.users.list` answers for a user group. */
  seedUserGroup(id: string, users: string[]): void;
  /** The channel's messages (posted or seeded), oldest first. */
  messagesIn(channel: string): Args[];
  /** Files shared in `channel` through files.getUploadURLExternal, the upload URL and completeUploadExternal. */
  filesIn(channel: string): FakeFile[];
  /** The next call of `method` answers HTTP 200 `{ ok: false, error }`. */
  failNext(method: string, error?: string): void;
  /** The next call of `method` answers HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /**
   * Slack slow to answer: the next call of `method` (whose arguments include `args`, when given) is
   * carried out at once (a create creates its channel), its answer sent only after `delayMs`, if the
   * client is still waiting for it.
   */
  answerLateNext(method: string, delayMs: number, args?: Args): void;
  /**
   * `users.conversations` answers at most `size` channels a page, whatever `limit` asks, as Slack may
   * ("fewer than the requested number of items may be returned").
   */
  shortPages(size: number): void;
  /** The next `times` calls of `method` answer HTTP 500. */
  serverErrorNext(method: string, times?: number): void;
  /**
   * An outage: every call of `method` answers HTTP 200 `{ ok: false, error }` (and changes nothing) until
   * `heal(method)`. One-shot steering (`failNext`, …) still goes first.
   */
  outage(method: string, error?: string): void;
  /**
   * Slack hanging: every call of `method` (only those whose `channel` is `channel`, when given) is
   * recorded, then never answered, until `heal(method)`. The client has to give up on its own.
   */
  hang(method: string, channel?: string): void;
  /** Slack hanging on response URLs: posts to them are recorded, then never answered. */
  hangResponses(): void;
  /** Ends an outage or a hang of `method`: its calls work again. */
  heal(method: string): void;
  /** Forgets recorded calls and responses (channels, messages and pending steering stay). */
  clearCalls(): void;
  close(): Promise<void>;

  // --- Socket Mode (see fake-slack-socket.ts) -------------------------------------------------------------
  /**
   * Makes `apps.connections.open` answer `{ ok: true, url: nextUrl() }`, as Slack hands a Socket Mode client
   * a fresh WebSocket URL per call, and (like Slack) refuse any token but an app-level `xapp-…` one with
   * `not_allowed_token_type`. Until this is called that method answers a plain `{ ok: true }`, as before.
   */
  serveSocketMode(nextUrl: () => string): void;
}

export const FAKE_TEAM = { team_id: 'T1', team: 'Acme', user_id: 'UBOT', bot_id: 'BBOT' } as const;

/**
 * Starts the fake on 127.0.0.1 with a free port, or on `port` (Slack coming back where calma was told it
 * is). Close it in `afterAll`.
 */
export async function startFakeSlack(port = 0): Promise<FakeSlack> {
  const fake = new FakeSlackServer();
  await fake.listen(port);
  return fake;
}

// ---------------------------------------------------------------------------------------------------------
// Request decoding

type Reply = Args;

type Steer =
  | { kind: 'fail'; error: string }
  | { kind: 'rateLimit'; seconds: number }
  | { kind: 'late'; delayMs: number; args: Args }
  | { kind: 'serverError' };

/** Arguments that carry people's text: never mistaken for JSON even when they look like it. */
const PLAIN_TEXT_ARGS = new Set(['text', 'markdown_text', 'topic', 'purpose', 'name', 'title', 'alt_text']);

/** WebClient JSON-encodes every non-scalar argument; turn those back into objects. */
function decodeArg(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || PLAIN_TEXT_ARGS.has(key)) return value;
  const start = value.trimStart()[0];
  if (start !== '{' && start !== '[') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function decodeArgs(raw: Args): Args {
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, decodeArg(key, value)]));
}

function isRecord(value: unknown): value is Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The raw arguments of a Web API request, whichever body format the caller chose. */
async function parseApiBody(contentType: string, body: Buffer): Promise<Args> {
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isRecord(parsed) ? parsed : {};
  }
  if (contentType.startsWith('multipart/form-data')) {
    // WebClient switches to multipart only for binary arguments (file uploads); record files by name and size.
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const args: Args = {};
    for (const [key, value] of form.entries()) {
      args[key] = typeof value === 'string' ? value : { filename: value.name, size: value.size };
    }
    return args;
  }
  return {};
}

function bearerToken(req: IncomingMessage, args: Args): string | undefined {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (match?.[1]) return match[1];
  return typeof args.token === 'string' ? args.token : undefined;
}

/** A scalar argument as the string Slack reads (form bodies are all strings; JSON bodies may not be). */
function str(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function flag(args: Args, key: string): boolean {
  const value = str(args, key);
  return value === 'true' || value === '1';
}

function ok(fields: Args = {}): Reply {
  return { ok: true, ...fields };
}

function fail(error: string): Reply {
  return { ok: false, error };
}

// ---------------------------------------------------------------------------------------------------------
// Message timestamps: "seconds.micros" strings, compared exactly (as numbers they would lose precision).

const TS_PATTERN = /^(\d+)\.(\d{1,6})$/;

function tsKey(ts: string): bigint {
  const match = TS_PATTERN.exec(ts);
  if (!match?.[1] || !match[2]) throw new Error(`not a Slack message ts: ${ts}`);
  return BigInt(match[1]) * 1_000_000n + BigInt(match[2].padEnd(6, '0'));
}

function formatTs(key: bigint): string {
  return `${key / 1_000_000n}.${String(key % 1_000_000n).padStart(6, '0')}`;
}

/** Message timestamps as Slack makes them: the time of posting (µs), unique and rising in the channel. */
class TsClock {
  private last = 0n;

  tick(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.last = now > this.last ? now : this.last + 100n;
    return formatTs(this.last);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The fake

interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  topic: string;
  members: Set<string>;
  created: number;
  creator: string;
}

/** Slack's own rules for `conversations.create` names. */
function channelNameError(name: string): string | undefined {
  if (name === '') return 'invalid_name_required';
  if (name.length > 80) return 'invalid_name_maxlength';
  if (!/^[a-z0-9_-]+$/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}

class FakeSlackServer implements FakeSlack {
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly recorded: FakeCall[] = [];
  private readonly posted: FakeResponse[] = [];
  /** Upload URLs handed out, by file id: filename and what was posted to them. */
  private readonly uploads = new Map<string, { filename: string; uploaded: string }>();
  private readonly shared: FakeFile[] = [];
  private readonly steering = new Map<string, Steer[]>();
  /** Methods that are down, and the error they answer meanwhile. */
  private readonly outages = new Map<string, string>();
  /** Methods that never answer: in every channel (`undefined`) or in one. */
  private readonly hangs = new Map<string, string | undefined>();
  private responsesHang = false;
  private readonly channels = new Map<string, FakeChannel>();
  private readonly takenNames = new Set<string>();
  private readonly messages = new Map<string, Args[]>();
  private readonly pins = new Map<string, Set<string>>();
  private readonly users = new Map<string, FakeUser>();
  private readonly userGroups = new Map<string, string[]>();
  private readonly clock = new TsClock();
  private nextChannel = 1000;
  /** The most channels `users.conversations` answers in a page (`shortPages`). */
  private pageSize = Number.POSITIVE_INFINITY;
  private nextId = 1;
  private port = 0;
  /** Set by `serveSocketMode`: where `apps.connections.open` sends Socket Mode clients. */
  private socketModeUrl: (() => string) | undefined;

  private readonly handlers: Record<string, (args: Args) => Reply> = {
    'auth.test': () =>
      ok({ url: 'https://acme.slack.com/', user: 'calma', is_enterprise_install: false, ...FAKE_TEAM }),
    'conversations.create': (args) => this.createChannel(args),
    'conversations.invite': (args) => this.invite(args),
    'conversations.join': (args) => this.join(args),
    'conversations.setTopic': (args) => this.setTopic(args),
    'conversations.info': (args) =>
      ok({ channel: this.channelJson(this.channel(str(args, 'channel') ?? '')) }),
    'conversations.open': (args) => this.openDm(args),
    'conversations.members': (args) =>
      ok({ members: [...this.channel(str(args, 'channel') ?? '').members], response_metadata: {} }),
    'conversations.history': (args) => this.history(args),
    'chat.postMessage': (args) => this.postMessage(args),
    'chat.update': (args) => this.updateMessage(args),
    'chat.postEphemeral': () => ok({ message_ts: this.clock.tick() }),
    'chat.getPermalink': (args) => this.permalink(args),
    'pins.add': (args) => this.pin(args),
    'bookmarks.add': (args) => this.bookmark(args),
    'views.open': (args) => ok({ view: this.view(args) }),
    'views.push': (args) => ok({ view: this.view(args) }),
    'views.update': (args) => ok({ view: this.view(args) }),
    'reactions.add': () => ok(),
    'files.getUploadURLExternal': (args) => {
      const id = `F${String(this.uploads.size + 1).padStart(4, '0')}`;
      this.uploads.set(id, { filename: str(args, 'filename') ?? '', uploaded: '' });
      return ok({ upload_url: `${this.baseUrl}/upload/${id}`, file_id: id });
    },
    'files.completeUploadExternal': (args) => {
      const files = (Array.isArray(args.files) ? args.files : []) as { id?: string; title?: string }[];
      for (const file of files) {
        const upload = this.uploads.get(file.id ?? '');
        if (!upload) return fail('file_not_found');
        this.shared.push({
          id: file.id ?? '',
          filename: upload.filename,
          title: file.title ?? upload.filename,
          channel: str(args, 'channel_id') ?? '',
          uploaded: upload.uploaded,
          ...(str(args, 'initial_comment') ? { initialComment: str(args, 'initial_comment') ?? '' } : {}),
        });
      }
      return ok({ files: files.map((f) => ({ id: f.id, title: f.title })) });
    },
    'users.info': (args) => ok({ user: this.user(str(args, 'user') ?? '', flag(args, 'include_locale')) }),
    'users.conversations': (args) => this.botConversations(args),
    'usergroups.users.list': (args) => {
      const members = this.userGroups.get(str(args, 'usergroup') ?? '');
      return members ? ok({ users: members }) : { ok: false, error: 'no_such_subteam' };
    },
  };

  constructor() {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        // A bug in the fake must not look like a Slack answer: fail loudly with its message.
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`fake-slack crashed: ${error instanceof Error ? error.stack : String(error)}`);
      });
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', resolve);
    });
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fake-slack is not on a TCP port');
    this.port = address.port;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get responses(): readonly FakeResponse[] {
    return this.posted;
  }

  filesIn(channel: string): FakeFile[] {
    return this.shared.filter((f) => f.channel === channel);
  }

  calls(method?: string): FakeCall[] {
    return method === undefined ? [...this.recorded] : this.recorded.filter((c) => c.method === method);
  }

  waitForCall(
    method: string,
    predicate: (call: FakeCall) => boolean = () => true,
    timeoutMs = PATIENCE_MS,
  ): Promise<FakeCall> {
    return this.waitFor(
      'call',
      () => this.recorded.find((c) => c.method === method && predicate(c)),
      timeoutMs,
      () =>
        `a matching ${method} call; calls so far: ${this.recorded.map((c) => c.method).join(', ') || 'none'}`,
    );
  }

  waitForResponse(
    predicate: (response: FakeResponse) => boolean = () => true,
    timeoutMs = PATIENCE_MS,
  ): Promise<FakeResponse> {
    return this.waitFor(
      'response',
      () => this.posted.find(predicate),
      timeoutMs,
      () => `a matching response_url post; posts so far: ${JSON.stringify(this.posted)}`,
    );
  }

  responseUrl(id = `r${this.nextId++}`): string {
    return `${this.baseUrl}/respond/${encodeURIComponent(id)}`;
  }

  takeChannelName(name: string): void {
    this.takenNames.add(name);
  }

  seedChannel(seed: { name: string; creator: string; members?: string[] }): string {
    this.takenNames.add(seed.name);
    const channel: FakeChannel = {
      id: `C${this.nextChannel++}`,
      name: seed.name,
      isPrivate: false,
      topic: '',
      members: new Set([seed.creator, ...(seed.members ?? [])]),
      created: Math.floor(Date.now() / 1000),
      creator: seed.creator,
    };
    this.channels.set(channel.id, channel);
    return channel.id;
  }

  seedMessage(channel: string, message: SeededMessage): void {
    tsKey(message.ts); // fail in the test's setup, not later in conversations.history
    this.messagesOf(channel).push({ type: 'message', ...message });
  }

  seedUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  seedUserGroup(id: string, users: string[]): void {
    this.userGroups.set(id, [...users]);
  }

  messagesIn(channel: string): Args[] {
    return [...this.messagesOf(channel)].sort((a, b) => (tsKey(String(a.ts)) < tsKey(String(b.ts)) ? -1 : 1));
  }

  failNext(method: string, error = 'internal_error'): void {
    this.steer(method, { kind: 'fail', error });
  }

  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.steer(method, { kind: 'rateLimit', seconds: retryAfterSeconds });
  }

  answerLateNext(method: string, delayMs: number, args: Args = {}): void {
    this.steer(method, { kind: 'late', delayMs, args });
  }

  shortPages(size: number): void {
    this.pageSize = size;
  }

  serverErrorNext(method: string, times = 1): void {
    for (let i = 0; i < times; i++) this.steer(method, { kind: 'serverError' });
  }

  outage(method: string, error = 'internal_error'): void {
    this.outages.set(method, error);
  }

  hang(method: string, channel?: string): void {
    this.hangs.set(method, channel);
  }

  hangResponses(): void {
    this.responsesHang = true;
  }

  heal(method: string): void {
    this.outages.delete(method);
    this.hangs.delete(method);
  }

  clearCalls(): void {
    this.recorded.length = 0;
    this.posted.length = 0;
  }

  async close(): Promise<void> {
    // Clients keep connections alive; drop them so close() does not wait for their idle timeout.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  // --- Socket Mode --------------------------------------------------------------------------------------

  serveSocketMode(nextUrl: () => string): void {
    this.socketModeUrl = nextUrl;
  }

  private connectionsOpen(token: string): Reply {
    if (!token.startsWith('xapp-')) return fail('not_allowed_token_type');
    return ok({ url: this.socketModeUrl?.() });
  }

  // --- HTTP ---------------------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.baseUrl).pathname;
    const body = await readBody(req);
    if (req.method === 'POST' && path.startsWith('/api/')) {
      await this.apiCall(decodeURIComponent(path.slice('/api/'.length)), req, body, res);
    } else if (req.method === 'POST' && path.startsWith('/upload/')) {
      const upload = this.uploads.get(decodeURIComponent(path.slice('/upload/'.length)));
      if (upload) upload.uploaded = body.toString('utf8');
      res.writeHead(upload ? 200 : 404).end(upload ? 'OK - uploaded' : 'unknown upload');
    } else if (req.method === 'POST' && path.startsWith('/respond/')) {
      this.respondPost(decodeURIComponent(path.slice('/respond/'.length)), body, res);
    } else {
      send(res, 404, { ok: false, error: 'unknown_path' });
    }
  }

  private async apiCall(
    method: string,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<void> {
    const args = decodeArgs(await parseApiBody(req.headers['content-type'] ?? '', body));
    const token = bearerToken(req, args);
    const call: FakeCall = { method, args, token, at: Date.now(), status: 200, response: undefined };
    if (this.hangs.has(method) && [undefined, args.channel].includes(this.hangs.get(method))) {
      // No answer: `res` stays open until the client aborts or `close()` drops the connection.
      call.status = 0;
      this.recorded.push(call);
      this.events.emit('call');
      return;
    }
    const down = this.outages.get(method);
    const steer: Steer | undefined =
      this.steered(method, args) ?? (down === undefined ? undefined : { kind: 'fail', error: down });

    if (steer?.kind === 'rateLimit') {
      call.status = 429;
      call.response = fail('ratelimited');
      send(res, 429, call.response, { 'retry-after': String(steer.seconds) });
    } else if (steer?.kind === 'serverError') {
      call.status = 500;
      send(res, 500, 'Internal Server Error');
    } else if (steer?.kind === 'late') {
      const response = this.answer(method, args, token);
      call.response = response;
      // unref: a client long gone must not keep the test process alive.
      setTimeout(() => {
        if (!res.destroyed) send(res, 200, response);
      }, steer.delayMs).unref();
    } else {
      call.response = steer?.kind === 'fail' ? fail(steer.error) : this.answer(method, args, token);
      send(res, 200, call.response);
    }
    // Recorded after answering so a waiter that wakes up sees the state the answer produced.
    this.recorded.push(call);
    this.events.emit('call');
  }

  private answer(method: string, args: Args, token: string | undefined): Reply {
    if (token === undefined) return fail('not_authed');
    if (method === 'apps.connections.open' && this.socketModeUrl) return this.connectionsOpen(token);
    const handler = this.handlers[method];
    return handler ? handler(args) : ok();
  }

  private respondPost(id: string, body: Buffer, res: ServerResponse): void {
    const text = body.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      // Kept as text: a non-JSON post is itself worth seeing in a failing test.
    }
    const response: FakeResponse = { id, body: parsed, at: Date.now() };
    this.posted.push(response);
    if (this.responsesHang) {
      res.on('close', () => {
        response.abandoned = true;
        this.events.emit('response');
      });
    } else {
      send(res, 200, { ok: true });
    }
    this.events.emit('response');
  }

  /** The first steering of `method` meant for a call with these arguments, taken off its queue. */
  private steered(method: string, args: Args): Steer | undefined {
    const queue = this.steering.get(method) ?? [];
    const at = queue.findIndex(
      (s) => s.kind !== 'late' || Object.entries(s.args).every(([key, value]) => args[key] === value),
    );
    return at < 0 ? undefined : queue.splice(at, 1)[0];
  }

  private steer(method: string, steer: Steer): void {
    const queue = this.steering.get(method) ?? [];
    queue.push(steer);
    this.steering.set(method, queue);
  }

  private waitFor<T>(
    event: string,
    find: () => T | undefined,
    timeoutMs: number,
    describe: () => string,
  ): Promise<T> {
    return waitForEvent(this.events, event, find, timeoutMs, () => `fake-slack: ${describe()}`);
  }

  // --- Channels -----------------------------------------------------------------------------------------

  /** A channel the fake knows; unknown ids (made up by tests) are accepted as public channels. */
  private channel(id: string): FakeChannel {
    let channel = this.channels.get(id);
    if (!channel) {
      channel = {
        id,
        name: id.toLowerCase(),
        isPrivate: false,
        topic: '',
        members: new Set(),
        created: 0,
        creator: FAKE_TEAM.user_id,
      };
      this.channels.set(id, channel);
    }
    return channel;
  }

  private channelJson(channel: FakeChannel): Args {
    return {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: true,
      is_private: channel.isPrivate,
      is_archived: false,
      is_member: channel.members.has(FAKE_TEAM.user_id),
      created: channel.created,
      creator: channel.creator,
      topic: { value: channel.topic, creator: channel.topic ? FAKE_TEAM.user_id : '', last_set: 0 },
      num_members: channel.members.size,
    };
  }

  private createChannel(args: Args): Reply {
    const name = str(args, 'name') ?? '';
    const invalid = channelNameError(name);
    if (invalid) return fail(invalid);
    if (this.takenNames.has(name)) return fail('name_taken');
    this.takenNames.add(name);
    const channel: FakeChannel = {
      id: `C${this.nextChannel++}`,
      name,
      isPrivate: flag(args, 'is_private'),
      topic: '',
      members: new Set([FAKE_TEAM.user_id]),
      created: Math.floor(Date.now() / 1000),
      creator: FAKE_TEAM.user_id,
    };
    this.channels.set(channel.id, channel);
    return ok({ channel: this.channelJson(channel) });
  }

  /**
   * The public and private channels the bot is in (`types`), in pages of `limit` (default 100, at most
   * 999) chained by `cursor` / `response_metadata.next_cursor`. Like Slack, no `is_member` or
   * `num_members` in them.
   */
  private botConversations(args: Args): Reply {
    const types = (str(args, 'types') ?? 'public_channel').split(',');
    const limit = Number(str(args, 'limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 999) return fail('invalid_limit');
    const cursor = str(args, 'cursor') ?? '';
    const start = cursor === '' ? 0 : Number(/^after:(\d+)$/.exec(atob(cursor))?.[1] ?? Number.NaN);
    if (Number.isNaN(start)) return fail('invalid_cursor');
    const mine = [...this.channels.values()].filter(
      (c) =>
        c.members.has(FAKE_TEAM.user_id) &&
        types.includes(c.isPrivate ? 'private_channel' : 'public_channel'),
    );
    const end = start + Math.min(limit, this.pageSize);
    const page = mine.slice(start, end).map((c) => {
      const { is_member: _member, num_members: _members, ...listed } = this.channelJson(c);
      return listed;
    });
    return ok({
      channels: page,
      response_metadata: { next_cursor: end < mine.length ? btoa(`after:${end}`) : '' },
    });
  }

  private invite(args: Args): Reply {
    const channel = this.channel(str(args, 'channel') ?? '');
    const users = (str(args, 'users') ?? '').split(',').filter((u) => u !== '');
    if (users.length === 0) return fail('no_user');
    if (users.includes(FAKE_TEAM.user_id)) return fail('cant_invite_self');
    // Like Slack: inviting only people who are already members is an error, not a no-op.
    if (users.every((u) => channel.members.has(u))) return fail('already_in_channel');
    for (const user of users) channel.members.add(user);
    return ok({ channel: this.channelJson(channel) });
  }

  private join(args: Args): Reply {
    const channel = this.channel(str(args, 'channel') ?? '');
    channel.members.add(FAKE_TEAM.user_id);
    return ok({ channel: this.channelJson(channel) });
  }

  private setTopic(args: Args): Reply {
    const channel = this.channel(str(args, 'channel') ?? '');
    channel.topic = str(args, 'topic') ?? '';
    return ok({ channel: this.channelJson(channel) });
  }

  private openDm(args: Args): Reply {
    const users = (str(args, 'users') ?? '').split(',').filter((u) => u !== '');
    if (users.length === 0) return fail('users_list_not_supplied');
    // One person: a DM `D<user>`; several: a group DM.
    const id = users.length === 1 ? `D${users[0]}` : `G${users.join('')}`;
    return ok({ channel: { id } });
  }

  // --- Messages -----------------------------------------------------------------------------------------

  private messagesOf(channel: string): Args[] {
    let list = this.messages.get(channel);
    if (!list) {
      list = [];
      this.messages.set(channel, list);
    }
    return list;
  }

  private findMessage(channel: string, ts: string): Args | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  private postMessage(args: Args): Reply {
    const channel = str(args, 'channel');
    if (!channel) return fail('channel_not_found');
    if (args.text === undefined && args.blocks === undefined && args.attachments === undefined)
      return fail('no_text');
    const message: Args = {
      type: 'message',
      ts: this.clock.tick(),
      user: FAKE_TEAM.user_id,
      bot_id: FAKE_TEAM.bot_id,
      text: str(args, 'text') ?? '',
      ...pick(args, ['blocks', 'attachments', 'thread_ts', 'metadata']),
    };
    this.messagesOf(channel).push(message);
    return ok({ channel, ts: message.ts, message });
  }

  private updateMessage(args: Args): Reply {
    const channel = str(args, 'channel') ?? '';
    const ts = str(args, 'ts') ?? '';
    const message = this.findMessage(channel, ts);
    if (!message) return fail('message_not_found');
    Object.assign(message, pick(args, ['text', 'blocks', 'attachments', 'metadata']));
    return ok({ channel, ts, text: message.text, message });
  }

  private permalink(args: Args): Reply {
    const channel = str(args, 'channel') ?? '';
    const ts = str(args, 'message_ts') ?? '';
    return ok({ channel, permalink: `https://acme.slack.com/archives/${channel}/p${ts.replace('.', '')}` });
  }

  private pin(args: Args): Reply {
    const channel = str(args, 'channel') ?? '';
    const ts = str(args, 'timestamp') ?? '';
    const pinned = this.pins.get(channel) ?? new Set<string>();
    if (pinned.has(ts)) return fail('already_pinned');
    pinned.add(ts);
    this.pins.set(channel, pinned);
    return ok();
  }

  /** Slack's semantics: newest first, bounded by `latest` / `oldest` (exclusive unless `inclusive`). */
  private history(args: Args): Reply {
    const channel = str(args, 'channel') ?? '';
    const latest = str(args, 'latest');
    const oldest = str(args, 'oldest');
    const inclusive = flag(args, 'inclusive');
    const limit = Number(str(args, 'limit') ?? 100);
    const inRange = (m: Args) => {
      const key = tsKey(String(m.ts));
      if (latest !== undefined && (inclusive ? key > tsKey(latest) : key >= tsKey(latest))) return false;
      if (oldest !== undefined && (inclusive ? key < tsKey(oldest) : key <= tsKey(oldest))) return false;
      return true;
    };
    const matching = this.messagesIn(channel).reverse().filter(inRange);
    // Slack leaves message metadata out unless asked for it.
    const withMetadata = flag(args, 'include_all_metadata');
    return ok({
      messages: matching
        .slice(0, limit)
        .map((m) => (withMetadata || m.metadata === undefined ? m : { ...m, metadata: undefined })),
      has_more: matching.length > limit,
      pin_count: this.pins.get(channel)?.size ?? 0,
      response_metadata: { next_cursor: '' },
    });
  }

  // --- Bookmarks, views, users --------------------------------------------------------------------------

  private bookmark(args: Args): Reply {
    return ok({
      bookmark: {
        id: `Bk${this.nextId++}`,
        channel_id: str(args, 'channel_id'),
        title: str(args, 'title'),
        link: str(args, 'link'),
        emoji: str(args, 'emoji'),
        type: str(args, 'type') ?? 'link',
        date_created: Math.floor(Date.now() / 1000),
      },
    });
  }

  /** The view as Slack echoes it: what was sent, plus an id and hash (kept when updating a view by id). */
  private view(args: Args): Args {
    const sent = isRecord(args.view) ? args.view : {};
    const n = this.nextId++;
    return { ...sent, id: str(args, 'view_id') ?? `V${n}`, hash: `${n}.hash`, team_id: FAKE_TEAM.team_id };
  }

  private user(id: string, includeLocale: boolean): Args {
    const defaults: Args = {
      id,
      team_id: FAKE_TEAM.team_id,
      name: id.toLowerCase(),
      real_name: `User ${id}`,
      deleted: false,
      is_bot: false,
      tz: 'Europe/London',
      tz_offset: 0,
      profile: { real_name: `User ${id}`, display_name: id.toLowerCase() },
    };
    const user: Args = { ...defaults, ...this.users.get(id) };
    // Like Slack, `locale` only comes back when asked for.
    if (includeLocale) user.locale = user.locale ?? 'en-US';
    else delete user.locale;
    return user;
  }
}

function pick(args: Args, keys: string[]): Args {
  return Object.fromEntries(keys.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const isText = typeof body === 'string';
  res.writeHead(status, { 'content-type': isText ? 'text/plain' : 'application/json', ...headers });
  res.end(isText ? body : JSON.stringify(body));
}
