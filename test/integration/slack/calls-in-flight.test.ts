import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { ChannelPacer } from '../../../src/pacer';
import { SlackChat } from '../../../src/slack/slack-chat';

/** A Slack that answers every Web API call, each after `delayMs`. */
async function slowSlack(delayMs: number): Promise<{ apiUrl: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, channel: { id: 'C1', name: 'c1' } }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { apiUrl: `http://127.0.0.1:${port}/api/`, server };
}

describe('SlackChat calls in flight', () => {
  let slack: { apiUrl: string; server: Server };
  beforeAll(async () => {
    slack = await slowSlack(100);
  });
  afterAll(async () => {
    slack.server.closeAllConnections();
    await new Promise((resolve) => slack.server.close(resolve));
  });

  test('GIVEN more calls at once than are sent at once WHEN they wait behind each other THEN their time limit runs from when each is sent, and none is taken for Slack not answering', async () => {
    // One call in flight at a time, each answered in 100 ms, each allowed 1.5 s: twenty take 2 s in all.
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: slack.apiUrl,
      maxRequestConcurrency: 1,
      retryConfig: { retries: 0 },
    });
    const chat = new SlackChat(client, new ChannelPacer(), 1500, 1);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => chat.setTopic(`C${i}`, `topic ${i}`)),
    );

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });
});
