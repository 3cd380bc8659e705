/**
 * What the chaos run sends to calma, as Slack and an alert source send it: signed slash commands and
 * button presses to POST /slack/events, signed generic alerts to POST /alerts/generic. Each request gets
 * a new connection (a dead process's kept-alive socket would fail requests it never saw), and Slack's
 * own 3-second budget: a request not answered by then is one Slack tells the person failed.
 */
import http from 'node:http';
import { sign } from '../../src/outbound/signature';
import {
  commandBody,
  FORM_CONTENT_TYPE,
  interactionBody,
  nowSeconds,
  slackSignature,
  uniqueTriggerId,
} from '../../test/support/slack-request';

export const SIGNING_SECRET = 'chaos-signing-secret';
export const ALERT_SECRET = 'chaos-alert-secret';
export const TEAM = 'T1';
/** Slack gives an app 3 seconds to acknowledge, then shows the person an error. */
const SLACK_TIMEOUT_MS = 3000;
const ALERT_TIMEOUT_MS = 10_000;

export interface Person {
  user: string;
  name: string;
}

/** How calma answered one request, as its sender saw it. */
export type Answer =
  | { ok: true; status: number; body: string }
  | { ok: false; why: string; status?: number; body?: string };

export function slashCommand(port: number, who: Person, text: string, responseUrl: string): Promise<Answer> {
  const body = commandBody({
    text,
    team_id: TEAM,
    user_id: who.user,
    user_name: who.name,
    response_url: responseUrl,
  });
  return post(port, '/slack/events', body, slackHeaders(body), SLACK_TIMEOUT_MS);
}

/** A press of the button whose value is `value`, on a message in `channel`. */
export function pressButton(
  port: number,
  who: Person,
  channel: string,
  value: string,
  responseUrl: string,
): Promise<Answer> {
  const body = interactionBody({
    type: 'block_actions',
    team: { id: TEAM, domain: 'acme' },
    user: { id: who.user, name: who.name, team_id: TEAM },
    api_app_id: 'A0CALMA',
    trigger_id: uniqueTriggerId(),
    channel: { id: channel, name: 'x' },
    container: { type: 'message', channel_id: channel, message_ts: '1.1' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: 'calma:0', block_id: 'b', value, action_ts: '1.2' }],
  });
  return post(port, '/slack/events', body, slackHeaders(body), SLACK_TIMEOUT_MS);
}

/** One firing generic alert, signed with calma's `v1=` scheme. */
export function genericAlert(port: number, dedupKey: string, title: string): Promise<Answer> {
  const body = JSON.stringify({ dedup_key: dedupKey, status: 'firing', severity: 2, title });
  const timestamp = nowSeconds();
  const headers = {
    'content-type': 'application/json',
    'x-calma-timestamp': String(timestamp),
    'x-calma-signature': sign(ALERT_SECRET, timestamp, body),
  };
  return post(port, '/alerts/generic', body, headers, ALERT_TIMEOUT_MS);
}

function slackHeaders(body: string): Record<string, string> {
  const timestamp = nowSeconds();
  return {
    'content-type': FORM_CONTENT_TYPE,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
  };
}

function post(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => resolve({ ok: false, why: `the answer broke off: ${error.message}` }));
        res.on('end', () =>
          resolve({ ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ ok: false, why: error.message }));
    req.end(body);
  });
}
