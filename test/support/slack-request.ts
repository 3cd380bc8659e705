import { createHmac, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Builds and sends requests the way Slack sends them to an app (slash commands, interactivity, Events API),
 * signed with the app's signing secret, so tests exercise Bolt's real HTTP receiver and verification.
 */

/** Exactly this, no `; charset=…`: Bolt 5.1 form-parses only on an exact match and JSON-parses anything else. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{raw body}`). */
export function slackSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Unix seconds, the unit of `X-Slack-Request-Timestamp`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

let sequence = 0;

/** Shaped like Slack's (`398738663015.47445629121.803a0b…`) and unique per call, as Slack's are. */
export function uniqueTriggerId(): string {
  sequence += 1;
  return `${Date.now()}${sequence}.47445629121.${randomBytes(16).toString('hex')}`;
}

export interface CommandFields {
  command: string;
  text: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  api_app_id: string;
  trigger_id: string;
  response_url: string;
  token: string;
}

/**
 * Where `respond()` goes unless a test passes `response_url` (usually `fake.responseUrl()`): a closed local
 * port, so a forgotten response URL fails fast instead of reaching hooks.slack.com.
 */
export const UNUSED_RESPONSE_URL = 'http://127.0.0.1:9/respond/unset';

/** A form-encoded slash command as Slack posts it; override any field (or add more). */
export function commandBody(fields: Partial<CommandFields> & Record<string, string> = {}): string {
  const defaults: CommandFields = {
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0ANA',
    user_name: 'ana',
    command: '/crisis',
    text: '',
    api_app_id: 'A0CALMA',
    trigger_id: uniqueTriggerId(),
    response_url: UNUSED_RESPONSE_URL,
  };
  return new URLSearchParams({ ...defaults, ...fields }).toString();
}

/** Interactivity (block_actions, view_submission, …): a form with the JSON payload in `payload`. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface EventEnvelopeOptions {
  event_id?: string;
  team_id?: string;
  api_app_id?: string;
  event_time?: number;
}

/** An Events API `event_callback` envelope around `event`, as a JSON string. */
export function eventBody(event: Record<string, unknown>, options: EventEnvelopeOptions = {}): string {
  sequence += 1;
  const teamId = options.team_id ?? 'T1';
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: options.api_app_id ?? 'A0CALMA',
    event,
    type: 'event_callback',
    event_id: options.event_id ?? `Ev${Date.now()}${sequence}`,
    event_time: options.event_time ?? nowSeconds(),
    // Bolt reads the team (and so the installation) from here first.
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

export interface PostSignedOptions {
  secret: string;
  /** Defaults to JSON for a body starting with `{`, else form-encoded. */
  contentType?: string;
  /** Unix seconds to sign with and send; defaults to now. `null` signs with now but omits the header. */
  timestamp?: number | null;
  /** Sent instead of the computed signature; `null` omits the header. */
  signature?: string | null;
  /** Extra headers (e.g. `x-slack-retry-num`), applied last. */
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  body: string;
  headers: Headers;
  /** Round trip in milliseconds, body included (what Slack's 3-second ack budget is measured against). */
  ms: number;
}

/** POSTs `rawBody` as Slack would, signed with `options.secret`. */
export async function postSigned(
  url: string,
  rawBody: string,
  options: PostSignedOptions,
): Promise<SignedResponse> {
  const headers = signedHeaders(rawBody, options);
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: rawBody });
  const body = await response.text();
  return { status: response.status, body, headers: response.headers, ms: performance.now() - started };
}

function signedHeaders(rawBody: string, options: PostSignedOptions): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? (rawBody.startsWith('{') ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE),
  };
  if (options.timestamp !== null) headers['x-slack-request-timestamp'] = String(timestamp);
  const signature =
    options.signature === undefined ? slackSignature(options.secret, timestamp, rawBody) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  return { ...headers, ...options.headers };
}

/** `http://127.0.0.1:PORT{path}` for a server listening on a port (e.g. what `await app.start(…)` resolves to). */
export function urlOf(server: Server, path = '/slack/events'): string {
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}${path}`;
}
