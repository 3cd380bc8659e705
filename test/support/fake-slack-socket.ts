import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeSlack } from './fake-slack';
import { PATIENCE_MS } from './patience';
import { type CommandFields, commandBody } from './slack-request';
import { waitForEvent } from './wait-for-event';

/**
 * A local fake of Slack's Socket Mode server (the `wss://wss-primary.slack.com/link/?ticket=…` end), so
 * tests can drive the real Bolt app in Socket Mode without any network.
 *
 * How @slack/socket-mode 3.1 (under Bolt 5.1) talks to it: it calls `apps.connections.open` with the
 * app-level token on the Web API (the fake Web API answers with `connectionUrl()`), opens an undici
 * WebSocket on that URL, waits for `{"type":"hello"}`, then receives envelopes
 * (`{ envelope_id, type, payload, accepts_response_payload }`) and acknowledges each one with
 * `{ envelope_id, payload }`. It pings every ~1.7 s and reconnects if pongs stop coming, answers Slack's
 * `{"type":"disconnect"}` by closing and reconnecting, and on `disconnect()` closes with code 1000 and
 * waits (up to 30 s) for the server's close frame.
 *
 * The `ws` package is not installed here (it is only a devDependency of @slack/socket-mode, which uses
 * undici's WebSocket), so the server speaks the little of RFC 6455 it needs itself, on node:http's
 * `upgrade`: the handshake, masked client frames, unmasked server frames, fragments, ping/pong and the
 * close handshake. Anything a real client would not send is recorded in `protocolErrors`.
 */

export type SocketModeType = 'slash_commands' | 'interactive' | 'events_api';

/** What Slack sends over the socket for each request it would otherwise POST to the app. */
export interface Envelope {
  envelope_id: string;
  type: SocketModeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  /** Events API only: Slack's retry counter (the HTTP `X-Slack-Retry-Num`). */
  retry_attempt?: number;
  retry_reason?: string;
}

/** An envelope to send; the id and `accepts_response_payload` get Slack's defaults when omitted. */
export type EnvelopeInput = Omit<Envelope, 'envelope_id' | 'accepts_response_payload'> &
  Partial<Pick<Envelope, 'envelope_id' | 'accepts_response_payload'>>;

export interface FakeAck {
  envelope_id: string;
  /** What `ack(body)` sent; SocketModeClient always sends an object (`{}` for a bare `ack()`). */
  payload: unknown;
  /** Which connection (`FakeSocketConnection.id`) carried it. */
  connection: number;
  at: number;
}

export interface FakeSocketConnection {
  /** 1, 2, … in the order the clients connected. */
  id: number;
  /** The one-use ticket of the URL `apps.connections.open` handed out. */
  ticket: string;
  openedAt: number;
  /** Set when the TCP connection has ended. */
  closedAt?: number;
  /** The close handshake: who started it, and the code and reason sent (1006 if the TCP link just dropped). */
  close?: { by: 'client' | 'server'; code: number; reason: string };
}

export interface FakeSlackSocket {
  /** `ws://127.0.0.1:PORT/link/` */
  readonly url: string;
  /** Every connection so far, open or closed. */
  readonly connections: readonly FakeSocketConnection[];
  /** Every envelope sent, in order. */
  readonly envelopes: readonly Envelope[];
  /** Every acknowledgement received, in order. */
  readonly acks: readonly FakeAck[];
  /** Frames or messages a real Slack client would not send (empty when all is well). */
  readonly protocolErrors: readonly string[];
  /** A fresh one-use URL, as `apps.connections.open` hands out (the fake Web API calls this). */
  connectionUrl(): string;
  /** Resolves once the `n`-th connection (1 = the first) has been greeted with `hello`. */
  waitForConnection(n?: number, timeoutMs?: number): Promise<FakeSocketConnection>;
  /**
   * Sends an envelope on the newest open connection, or on connection `on` (as Slack may send a retry on
   * any of an app's connections); returns it as sent (with its envelope_id).
   */
  send(envelope: EnvelopeInput, on?: number): Envelope;
  /** The acknowledgement of `envelopeId`, received already or within the timeout. */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<FakeAck>;
  /** Sends Slack's `{"type":"disconnect"}` on the newest open connection, as Slack does before recycling it. */
  disconnect(reason?: 'refresh_requested' | 'warning' | 'link_disabled'): void;
  /** Resolves once connection `id` has ended (TCP closed), whoever closed it. */
  waitForClose(id: number, timeoutMs?: number): Promise<FakeSocketConnection>;
  /** Closes every connection (close frame 1001, then the TCP link) and stops listening. */
  close(): Promise<void>;
}

export const FAKE_APP_ID = 'A0CALMA';

/**
 * Starts the socket server on 127.0.0.1 with a free port and makes `webApi`'s `apps.connections.open`
 * hand out its URLs. Stop the app first, then close this (then the Web API fake) in `afterEach`.
 */
export async function startFakeSlackSocket(webApi: FakeSlack): Promise<FakeSlackSocket> {
  const socket = new FakeSlackSocketServer();
  await socket.listen();
  webApi.serveSocketMode(() => socket.connectionUrl());
  return socket;
}

/**
 * A `/crisis` slash command's payload as Socket Mode carries it: the HTTP form's fields (same defaults as
 * `commandBody`) as an object, plus `is_enterprise_install`, which Slack adds over the socket.
 */
export function slashCommandPayload(
  fields: Partial<CommandFields> & Record<string, string> = {},
): Record<string, string> {
  return {
    ...Object.fromEntries(new URLSearchParams(commandBody(fields))),
    is_enterprise_install: 'false',
  };
}

// ---------------------------------------------------------------------------------------------------------
// RFC 6455, the parts a Socket Mode server needs

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Server frames are never masked (RFC 6455 §5.1) and, here, never fragmented. */
function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function closePayload(code: number, reason: string): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

interface Frame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** Takes one whole frame off the front of `buffer`, or returns undefined if it has not all arrived. */
function takeFrame(buffer: Buffer): { frame: Frame; rest: Buffer } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0] ?? 0;
  const second = buffer[1] ?? 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (second & 0x80) !== 0;
  const maskStart = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) {
    for (let i = 0; i < payload.length; i++) {
      payload[i] = (payload[i] ?? 0) ^ (buffer[maskStart + (i % 4)] ?? 0);
    }
  }
  return {
    frame: { fin: (first & 0x80) !== 0, opcode: first & 0x0f, masked, payload },
    rest: buffer.subarray(offset + length),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The fake

/** One client's connection: frame parsing, the close handshake and its record. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;
  private closeSent = false;
  private endTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly record: FakeSocketConnection,
    private readonly socket: Socket,
    private readonly onText: (text: string) => void,
    private readonly onProtocolError: (message: string) => void,
    private readonly onEnded: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A client that vanishes mid-frame is an ordinary end of a connection here, not a test failure.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(this.endTimer);
      // A link that drops without any close frame is an abnormal closure (1006).
      this.record.close ??= { by: 'client', code: 1006, reason: '' };
      this.record.closedAt = Date.now();
      this.onEnded();
    });
  }

  get open(): boolean {
    return !this.closeSent && this.record.closedAt === undefined;
  }

  sendText(text: string): void {
    if (!this.open) throw new Error(`fake-slack-socket: connection ${this.record.id} is closing or closed`);
    this.socket.write(encodeFrame(Opcode.text, Buffer.from(text, 'utf8')));
  }

  /** Starts the close handshake; the TCP link is dropped if the client does not answer in time. */
  startClose(code: number, reason: string, timeoutMs: number): void {
    if (this.record.closedAt !== undefined) return;
    if (!this.closeSent) {
      this.closeSent = true;
      this.record.close = { by: 'server', code, reason };
      this.socket.write(encodeFrame(Opcode.close, closePayload(code, reason)));
    }
    this.endTimer ??= setTimeout(() => this.socket.destroy(), timeoutMs);
  }

  receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (let taken = takeFrame(this.buffer); taken; taken = takeFrame(this.buffer)) {
      this.buffer = taken.rest;
      this.handle(taken.frame);
    }
  }

  private handle(frame: Frame): void {
    if (!frame.masked) this.onProtocolError(`connection ${this.record.id}: unmasked client frame`);
    switch (frame.opcode) {
      case Opcode.ping:
        if (!this.closeSent) this.socket.write(encodeFrame(Opcode.pong, frame.payload));
        return;
      case Opcode.pong:
        return;
      case Opcode.close:
        this.closeReceived(frame.payload);
        return;
      case Opcode.text:
      case Opcode.binary:
        this.fragmentOpcode = frame.opcode;
        this.fragments = [frame.payload];
        break;
      case Opcode.continuation:
        this.fragments.push(frame.payload);
        break;
      default:
        this.onProtocolError(`connection ${this.record.id}: unknown opcode ${frame.opcode}`);
        return;
    }
    if (!frame.fin) return;
    const message = Buffer.concat(this.fragments);
    this.fragments = [];
    if (this.fragmentOpcode !== Opcode.text) {
      this.onProtocolError(`connection ${this.record.id}: binary message (Slack clients send JSON text)`);
      return;
    }
    this.onText(message.toString('utf8'));
  }

  private closeReceived(payload: Buffer): void {
    if (!this.closeSent) {
      // The client started it: echo its code (RFC 6455 §5.5.1), as Slack does, and record it as the client's.
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      const reason = payload.subarray(2).toString('utf8');
      this.record.close = { by: 'client', code, reason };
      this.closeSent = true;
      this.socket.write(encodeFrame(Opcode.close, payload.length >= 2 ? payload.subarray(0, 2) : payload));
    }
    // Both close frames are out: the server ends the TCP link first (RFC 6455 §7.1.1).
    this.socket.end();
  }
}

class FakeSlackSocketServer implements FakeSlackSocket {
  private readonly server: Server;
  private readonly events = new EventEmitter();
  private readonly live = new Set<Connection>();
  private readonly tickets = new Set<string>();
  private readonly recordedConnections: FakeSocketConnection[] = [];
  private readonly sentEnvelopes: Envelope[] = [];
  private readonly receivedAcks: FakeAck[] = [];
  private readonly errors: string[] = [];
  /** Connections greeted with `hello`, by id. */
  private readonly greeted = new Set<number>();
  private port = 0;

  constructor() {
    this.server = createServer((req, res) => {
      // Slack's socket host speaks only WebSocket; a plain request means a client bug worth seeing.
      this.errors.push(`plain HTTP request (no WebSocket upgrade): ${req.method} ${req.url}`);
      res.writeHead(426, { 'content-type': 'text/plain' }).end('Upgrade Required');
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string')
      throw new Error('fake-slack-socket is not on a TCP port');
    this.port = address.port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/`;
  }

  get connections(): readonly FakeSocketConnection[] {
    return this.recordedConnections;
  }

  get envelopes(): readonly Envelope[] {
    return this.sentEnvelopes;
  }

  get acks(): readonly FakeAck[] {
    return this.receivedAcks;
  }

  get protocolErrors(): readonly string[] {
    return this.errors;
  }

  connectionUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.url}?ticket=${ticket}&app_id=${FAKE_APP_ID}`;
  }

  waitForConnection(n = 1, timeoutMs = PATIENCE_MS): Promise<FakeSocketConnection> {
    return this.waitFor(
      () => (this.greeted.has(n) ? this.recordedConnections[n - 1] : undefined),
      timeoutMs,
      () => `connection ${n} to be greeted; connections so far: ${this.recordedConnections.length}`,
    );
  }

  send(input: EnvelopeInput, on?: number): Envelope {
    const envelope: Envelope = {
      ...input,
      envelope_id: input.envelope_id ?? randomUUID(),
      // Slack lets the ack carry a response (an ephemeral reply, modal errors) for commands only by default.
      accepts_response_payload: input.accepts_response_payload ?? input.type === 'slash_commands',
    };
    const connection = on === undefined ? this.newest() : [...this.live].find((c) => c.record.id === on);
    if (!connection?.open) throw new Error(`fake-slack-socket: connection ${on} is not open`);
    connection.sendText(JSON.stringify(envelope));
    this.sentEnvelopes.push(envelope);
    return envelope;
  }

  waitForAck(envelopeId: string, timeoutMs = PATIENCE_MS): Promise<FakeAck> {
    return this.waitFor(
      () => this.receivedAcks.find((a) => a.envelope_id === envelopeId),
      timeoutMs,
      () => `an ack of ${envelopeId}; acks so far: ${JSON.stringify(this.receivedAcks)}`,
    );
  }

  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    this.newest().sendText(
      JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }),
    );
  }

  waitForClose(id: number, timeoutMs = PATIENCE_MS): Promise<FakeSocketConnection> {
    return this.waitFor(
      () => {
        const record = this.recordedConnections[id - 1];
        return record?.closedAt === undefined ? undefined : record;
      },
      timeoutMs,
      () => `connection ${id} to close; connections: ${JSON.stringify(this.recordedConnections)}`,
    );
  }

  async close(): Promise<void> {
    const ended = [...this.live].map((c) => this.waitForClose(c.record.id, 2000));
    for (const connection of this.live) connection.startClose(1001, 'server shutting down', 1000);
    // Each connection is destroyed 1 s after its close frame, so this settles; close the server regardless.
    await Promise.allSettled(ended);
    await new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())));
  }

  // --- Connections --------------------------------------------------------------------------------------

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const ticket = url.searchParams.get('ticket') ?? '';
    const key = req.headers['sec-websocket-key'];
    if (
      url.pathname !== '/link/' ||
      typeof key !== 'string' ||
      req.headers['sec-websocket-version'] !== '13'
    ) {
      this.errors.push(`bad WebSocket handshake: ${req.url} ${JSON.stringify(req.headers)}`);
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    // Like Slack's tickets, each URL from apps.connections.open works once: a client must ask for a new one.
    if (!this.tickets.delete(ticket)) {
      this.errors.push(`connection with an unknown or used ticket: ${req.url}`);
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
    // No Sec-WebSocket-Extensions in the answer: the client's permessage-deflate offer is declined.
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.setNoDelay(true);

    const record: FakeSocketConnection = {
      id: this.recordedConnections.length + 1,
      ticket,
      openedAt: Date.now(),
    };
    this.recordedConnections.push(record);
    const connection: Connection = new Connection(
      record,
      socket,
      (text) => this.receiveText(record.id, text),
      (message) => this.errors.push(message),
      () => {
        this.live.delete(connection);
        this.events.emit('change');
      },
    );
    this.live.add(connection);
    connection.sendText(
      JSON.stringify({
        type: 'hello',
        num_connections: this.live.size,
        debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: FAKE_APP_ID },
      }),
    );
    this.greeted.add(record.id);
    this.events.emit('change');
    if (head.length > 0) connection.receive(head);
  }

  /** The newest connection that is still open: where Slack would deliver the next envelope. */
  private newest(): Connection {
    const open = [...this.live].filter((c) => c.open);
    const connection = open[open.length - 1];
    if (!connection)
      throw new Error('fake-slack-socket: no open connection (did the app start in Socket Mode?)');
    return connection;
  }

  /** The only thing a Socket Mode client sends is an acknowledgement: `{ envelope_id, payload? }`. */
  private receiveText(connection: number, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      this.errors.push(`connection ${connection}: not JSON: ${text}`);
      return;
    }
    const message: Record<string, unknown> =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
    const envelopeId = message.envelope_id;
    if (typeof envelopeId !== 'string') {
      this.errors.push(`connection ${connection}: a message without envelope_id: ${text}`);
      return;
    }
    if (!this.sentEnvelopes.some((e) => e.envelope_id === envelopeId)) {
      this.errors.push(`connection ${connection}: ack of an envelope never sent: ${text}`);
    }
    if (this.receivedAcks.some((a) => a.envelope_id === envelopeId)) {
      this.errors.push(`connection ${connection}: second ack of ${envelopeId}`);
    }
    this.receivedAcks.push({ envelope_id: envelopeId, payload: message.payload, connection, at: Date.now() });
    this.events.emit('change');
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return waitForEvent(this.events, 'change', find, timeoutMs, () => `fake-slack-socket: ${describe()}`);
  }
}
