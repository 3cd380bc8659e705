/**
 * The worker thread's half of a bench's Slack side (worker-side.ts is the main thread's): the fake Web
 * API started in the thread, each request answered by the bench's handler, and signed `/crisis open`
 * commands sent and timed from here, so none of it runs on the event loop of the apps being measured.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import { type FakeSlack, startFakeSlack } from '../../test/support/fake-slack';
import { FORM_CONTENT_TYPE, nowSeconds, slackSignature } from '../../test/support/slack-request';

type Message = { id: number; kind: string };

/** What calma tells the person once the room is ready: proof the open did its work, not just replied. */
export const OPENED = 'is open in';

/**
 * Starts the fake Web API and says `ready` with its URL (the message of id 0); then answers every
 * request with `handle`'s reply, or an `error` reply carrying what it threw.
 */
export async function serveSlackSide<Request extends Message>(
  name: string,
  handle: (fake: FakeSlack, request: Request) => Promise<Message>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error(`${name} runs as a worker thread`);
  const fake = await startFakeSlack();
  port.on('message', (request: Request) => {
    handle(fake, request).then(
      (reply) => port.postMessage(reply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          kind: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  port.postMessage({ id: 0, kind: 'ready', apiUrl: fake.apiUrl });
}

/**
 * POSTs one command body signed with `secret` and resolves with the milliseconds until the whole HTTP
 * 200 arrived: Bolt sends it when the listener calls ack(). node:http rather than fetch, to choose the
 * connection policy: `agent: false` is one new connection for this request, closed after it.
 */
export function postCommand(
  url: string,
  body: string,
  options: { secret: string; agent: http.Agent | false; timeoutMs: number },
): Promise<number> {
  const timestamp = nowSeconds();
  const headers: Record<string, string> = {
    'content-type': FORM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.secret, timestamp, body),
  };
  if (options.agent === false) headers.connection = 'close';
  const { agent, timeoutMs } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (res) => {
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
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
