import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type GatewayDispatchPayload,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildMembersChunkDispatchData,
  type GatewayIdentifyData,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
  type GatewayResumeData,
} from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

/**
 * The gateway half of the Discord fake (see fake-discord.ts): a WebSocket server on the fake's own port,
 * handed to discord.js by `GET /gateway/bot`.
 *
 * What @discordjs/ws 1.2 (under discord.js 14.28) does: it connects to `{url}?v=10&encoding=json`, with no
 * `compress` parameter because discord.js asks for zlib-stream only when the optional `zlib-sync` package
 * is installed (it is not), so every frame is plain JSON text. It waits for HELLO (op 10), sends its first
 * heartbeat after a random fraction of `heartbeat_interval` and then every interval, IDENTIFYs (op 2) and
 * needs READY within 15 s; discord.js then waits for a GUILD_CREATE of every guild READY listed as
 * unavailable before it emits `clientReady`. When the connection drops with a resumable code (e.g. 4000)
 * it reconnects to READY's `resume_gateway_url` after 500 ms and sends RESUME (op 6) with the last `s` it
 * saw; on `client.destroy()` it closes with 1000, which (as on Discord) ends the session.
 *
 * Like Discord, a RESUME replays the dispatches the client missed and then sends RESUMED; an unknown session
 * gets INVALID_SESSION (op 9, `d: false`). Not modelled: compression and ETF (refused, see
 * `protocolErrors`), heartbeat deadlines (a silent client is never dropped), presence and voice updates
 * (accepted and ignored), sharding (one shard), and the identify rate limit.
 */

/** What the gateway needs from the fake's state. */
export interface GatewayHost {
  readonly token: string;
  /** READY's `d` for a new session. */
  ready(sessionId: string, resumeUrl: string): GatewayReadyDispatchData;
  /** GUILD_CREATE's `d`, as a session with these intents receives it. */
  guildCreate(intents: number): GatewayGuildCreateDispatchData;
  /** GUILD_MEMBERS_CHUNK's `d`, the answer to REQUEST_GUILD_MEMBERS (op 8). */
  membersChunk(request: GatewayRequestGuildMembersData): GatewayGuildMembersChunkDispatchData;
  /** Called whenever something happened, so the fake's waiters look again. */
  changed(): void;
}

export interface GatewaySession {
  readonly id: string;
  /** What the client sent in IDENTIFY (its intents, properties, …). */
  readonly identify: GatewayIdentifyData;
  /** `s` of the last dispatch sent. */
  seq: number;
  /** Every dispatch of the session, kept so a RESUME can replay what the client missed. */
  readonly sent: GatewayDispatchPayload[];
  /** The connection it is on; `undefined` while the client is away (it may still resume). */
  socket: WebSocket | undefined;
  /** How many times the client resumed it. */
  resumes: number;
}

interface Payload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/** Closing with these ends the session on Discord; any other code leaves it resumable. */
const ENDS_SESSION = new Set([1000, 1001]);

export class FakeGateway {
  /** Number of heartbeats (op 1) received, over all connections. */
  heartbeats = 0;
  /** Things a real client would not have done (or the fake cannot serve), in arrival order. */
  readonly protocolErrors: string[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly live = new Map<string, GatewaySession>();
  private url = '';

  constructor(
    private readonly host: GatewayHost,
    private readonly heartbeatIntervalMs: number,
  ) {}

  /** Serves WebSocket upgrades on `server`; `url` is what READY gives as `resume_gateway_url`. */
  attach(server: Server, url: string): void {
    this.url = url;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
    });
  }

  /** Sessions that can still receive dispatches (connected, or away but resumable). */
  get sessions(): GatewaySession[] {
    return [...this.live.values()];
  }

  /**
   * Sends a dispatch (op 0) to every session, or only to those that asked for `intent` in IDENTIFY. A session
   * whose client is away gets it on RESUME. Returns how many sessions it went to.
   */
  dispatch(t: string, d: unknown, intent?: number): number {
    let count = 0;
    for (const session of this.live.values()) {
      if (intent !== undefined && (session.identify.intents & intent) === 0) continue;
      this.send(session, t, d);
      count++;
    }
    return count;
  }

  /** Drops every connection with `code`, as Discord does now and then; clients resume (4000 is resumable). */
  disconnect(code = 4000): void {
    for (const ws of this.wss.clients) ws.close(code, 'fake-discord dropped the connection');
  }

  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const params = new URL(req.url ?? '/', 'ws://fake').searchParams;
    if (params.get('v') !== '10' || params.get('encoding') !== 'json' || params.has('compress')) {
      // zlib-stream or ETF would need codecs the fake does not have; refuse loudly rather than garble.
      this.protocolError(
        `unsupported gateway URL ${req.url ?? ''} (the fake speaks v=10, json, uncompressed)`,
      );
      ws.close(4012, 'fake-discord: unsupported gateway parameters');
      return;
    }
    let session: GatewaySession | undefined;
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      const payload = isBinary ? undefined : parsePayload(raw.toString());
      if (!payload) {
        this.protocolError(`undecodable frame: ${raw.toString().slice(0, 200)}`);
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      session = this.receive(ws, session, payload);
    });
    ws.on('close', (code: number) => {
      if (session?.socket !== ws) return;
      session.socket = undefined;
      if (ENDS_SESSION.has(code)) this.live.delete(session.id);
      this.host.changed();
    });
    sendRaw(ws, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  /** Handles one client payload; returns the connection's session (new after IDENTIFY or RESUME). */
  private receive(
    ws: WebSocket,
    session: GatewaySession | undefined,
    payload: Payload,
  ): GatewaySession | undefined {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats++;
        sendRaw(ws, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        this.host.changed();
        return session;
      case GatewayOpcodes.Identify:
        if (session) return this.reject(ws, 4005, 'Already authenticated.');
        return this.identify(ws, payload.d as GatewayIdentifyData);
      case GatewayOpcodes.Resume:
        return this.resume(ws, payload.d as GatewayResumeData);
      case GatewayOpcodes.RequestGuildMembers:
        if (!session) return this.reject(ws, 4003, 'Not authenticated.');
        this.send(
          session,
          'GUILD_MEMBERS_CHUNK',
          this.host.membersChunk(payload.d as GatewayRequestGuildMembersData),
        );
        return session;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
      case GatewayOpcodes.RequestChannelInfo:
        if (!session) return this.reject(ws, 4003, 'Not authenticated.');
        return session;
      default:
        this.protocolError(`unknown opcode ${payload.op}`);
        return this.reject(ws, 4001, 'Unknown opcode.');
    }
  }

  private identify(ws: WebSocket, identify: GatewayIdentifyData): GatewaySession | undefined {
    if (identify.token !== this.host.token) return this.reject(ws, 4004, 'Authentication failed.');
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      identify,
      seq: 0,
      sent: [],
      socket: ws,
      resumes: 0,
    };
    this.live.set(session.id, session);
    this.send(session, 'READY', this.host.ready(session.id, this.url));
    this.send(session, 'GUILD_CREATE', this.host.guildCreate(identify.intents));
    return session;
  }

  private resume(ws: WebSocket, resume: GatewayResumeData): GatewaySession | undefined {
    const session = this.live.get(resume.session_id);
    if (!session || resume.token !== this.host.token) {
      sendRaw(ws, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return undefined;
    }
    session.socket = ws;
    session.resumes++;
    for (const missed of session.sent) if (missed.s > resume.seq) sendRaw(ws, missed);
    this.send(session, 'RESUMED', {});
    return session;
  }

  private send(session: GatewaySession, t: string, d: unknown): void {
    session.seq++;
    // A copy, so a replay sends what was true then. `d`'s type is checked where it is built.
    const payload = structuredClone({
      op: GatewayOpcodes.Dispatch,
      t,
      d,
      s: session.seq,
    }) as GatewayDispatchPayload;
    session.sent.push(payload);
    if (session.socket) sendRaw(session.socket, payload);
    this.host.changed();
  }

  private reject(ws: WebSocket, code: number, reason: string): undefined {
    this.protocolError(`closed the connection with ${code}: ${reason}`);
    ws.close(code, reason);
    return undefined;
  }

  private protocolError(message: string): void {
    this.protocolErrors.push(message);
    this.host.changed();
  }
}

function parsePayload(text: string): Payload | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && typeof (value as Payload).op === 'number') {
      return value as Payload;
    }
  } catch {
    // Not JSON: the caller reports it.
  }
  return undefined;
}

function sendRaw(ws: WebSocket, payload: Payload): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
}
