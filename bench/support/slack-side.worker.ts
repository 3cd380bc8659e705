/**
 * Slack's side of the ack bench, in its own thread so that its work (serving calma's Web API calls,
 * sending and timing the commands) does not run on the event loop of the apps being measured, just as
 * Slack's servers do not run inside calma's process.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import { type FakeSlack, startFakeSlack } from '../../test/support/fake-slack';
import { commandBody, FORM_CONTENT_TYPE, nowSeconds, slackSignature } from '../../test/support/slack-request';
import {
  type Connections,
  replyId,
  replyPrefix,
  SIGNING_SECRET,
  type SideReply,
  type SideRequest,
} from './slack-side-protocol';

const REQUEST_TIMEOUT_MS = 10_000;
/** What calma tells the person once the room is ready: proof the open did its work, not just replied. */
const OPENED = 'is open in';

/** Reused connections, as many as a burst needs (Node's default agent would not keep them). */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('slack-side.worker runs as a worker thread');
  const fake = await startFakeSlack();
  port.on('message', (request: SideRequest) => {
    handle(fake, request).then(
      (reply) => port.postMessage(reply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          kind: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies SideReply),
    );
  });
  port.postMessage({ id: 0, kind: 'ready', apiUrl: fake.apiUrl } satisfies SideReply);
}

async function handle(fake: FakeSlack, request: SideRequest): Promise<SideReply> {
  switch (request.kind) {
    case 'burst': {
      const bodies = Array.from({ length: request.count }, (_, i) => {
        const n = request.from + i;
        return commandBody({
          text: `open hacked-account sev1 Bench ${n}`,
          response_url: fake.responseUrl(replyId(request.app, n)),
        });
      });
      const ms = await Promise.all(bodies.map((body) => ackLatency(request.url, body, request.connections)));
      return { id: request.id, kind: 'latencies', ms };
    }
    case 'progress': {
      const replies = fake.responses.filter((r) => r.id.startsWith(replyPrefix(request.app)));
      const opened = replies.filter((r) => JSON.stringify(r.body).includes(OPENED)).length;
      return { id: request.id, kind: 'progress', replies: replies.length, opened };
    }
    case 'close':
      keepAlive.destroy();
      await fake.close();
      return { id: request.id, kind: 'closed' };
  }
}

/**
 * POSTs one signed command and resolves with the milliseconds until the whole HTTP 200 arrived: Bolt
 * sends it when the listener calls ack(). node:http rather than fetch, to choose the connection policy.
 */
function ackLatency(url: string, body: string, connections: Connections): Promise<number> {
  const timestamp = nowSeconds();
  const headers: Record<string, string> = {
    'content-type': FORM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
  };
  if (connections === 'new') headers.connection = 'close';
  const agent = connections === 'new' ? false : keepAlive;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: 'POST', headers, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const ms = performance.now() - started;
        if (res.statusCode === 200) resolve(ms);
        else
          reject(
            new Error(
              `HTTP ${res.statusCode} from ${url}: ${Buffer.concat(chunks).toString().slice(0, 200)}`,
            ),
          );
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

void main();
