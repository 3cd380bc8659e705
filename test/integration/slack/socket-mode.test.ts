/**
 * calma started exactly as production starts it in Socket Mode (an app token given), against local fakes
 * of Slack's Web API and of its Socket Mode server: requests arrive as envelopes over the WebSocket and
 * are acknowledged over it, while the work still goes through the Web API and response URLs.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { type RunningSlack, startSlack } from '../../../src/slack/app';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import { testDeps } from '../../support/deps';
import { type FakeCall, type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import {
  type Envelope,
  type FakeSlackSocket,
  slashCommandPayload,
  startFakeSlackSocket,
} from '../../support/fake-slack-socket';
import { testRedis, uniquePrefix } from '../../support/redis';
import { uniqueTriggerId } from '../../support/slack-request';

const TEAM = 'T1';
const ANA = { user: 'U0ANA', channel: 'C0GENERAL' };
/** The fake Web API names the first channel it creates C1000. */
const ROOM = 'C1000';
/** Slack's limit for acknowledging a request, over the socket as over HTTP. */
const ACK_LIMIT_MS = 3000;

let redis: Redis;
let playbooks: PlaybookRegistry;
let fake: FakeSlack;
let socket: FakeSlackSocket;
let store: RedisIncidentStore;
let slack: RunningSlack | undefined;

beforeAll(async () => {
  redis = testRedis();
  playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
});

beforeEach(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSlackSocket(fake);
  const prefix = uniquePrefix();
  store = new RedisIncidentStore(redis, prefix);
  const log = pino({ level: 'silent' });
  slack = await startSlack(
    testDeps(store, playbooks, { announcements: 'C0ANNOUNCE' }),
    {
      botToken: 'xoxb-test',
      appToken: 'xapp-test',
      apiUrl: fake.apiUrl,
      port: 0,
      captureReaction: 'pushpin',
      handOff: { redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '', prefix },
    },
    log,
  );
});

afterEach(async () => {
  // The app goes first: closing the socket server under a running client would make it reconnect.
  await slack?.stop();
  slack = undefined;
  await socket.close();
  await fake.close();
});

afterAll(async () => {
  await redis.quit();
});

/** `/crisis <text>` typed by ana, delivered over the socket; its replies go to the fake's `/respond/<id>`. */
function command(text: string, responseId: string): Envelope {
  return socket.send({
    type: 'slash_commands',
    payload: slashCommandPayload({
      text,
      team_id: TEAM,
      user_id: ANA.user,
      channel_id: ANA.channel,
      response_url: fake.responseUrl(responseId),
    }),
  });
}

/**
 * Waits until opening incident #1 has finished: the announcement is the last Web API call and the reply
 * to ana comes last of all, so nothing is still talking to the fakes when a test moves on or ends.
 */
async function openingDone(responseId: string): Promise<string> {
  await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ANNOUNCE');
  return JSON.stringify((await fake.waitForResponse((r) => r.id === responseId)).body);
}

/** A press of the calma button whose value is `value` on `card`, as Socket Mode delivers a block_actions payload. */
function press(card: FakeCall, value: string): Envelope {
  const channel = String(card.args.channel);
  return socket.send({
    type: 'interactive',
    payload: {
      type: 'block_actions',
      team: { id: TEAM, domain: 'acme' },
      user: { id: ANA.user, name: 'ana', team_id: TEAM },
      api_app_id: 'A0CALMA',
      trigger_id: uniqueTriggerId(),
      channel: { id: channel, name: 'crisis-1' },
      container: { type: 'message', channel_id: channel, message_ts: String(card.response?.ts) },
      response_url: fake.responseUrl('press'),
      actions: [{ type: 'button', action_id: 'calma:0', block_id: 'b', value, action_ts: '1.2' }],
    },
  });
}

/** The value of the button labelled `label` in a posted message's blocks. */
function buttonValue(call: FakeCall, label: string): string {
  const blocks: unknown[] = Array.isArray(call.args.blocks) ? call.args.blocks : [];
  for (const block of blocks) {
    const elements = (block as { elements?: unknown }).elements;
    for (const element of Array.isArray(elements) ? elements : []) {
      const e = element as { type?: string; text?: { text?: string }; value?: string };
      if (e.type === 'button' && e.text?.text === label && e.value) return e.value;
    }
  }
  throw new Error(`no button "${label}" in ${JSON.stringify(call.args.blocks)}`);
}

describe('calma in Slack Socket Mode', () => {
  test('GIVEN calma started with an app token WHEN it starts THEN it asked apps.connections.open with the app token and was greeted on the URL it got', async () => {
    const open = fake.calls('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe('xapp-test');
    expect(open[0]?.response).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:/),
    });
    const connection = await socket.waitForConnection(1);
    expect(open[0]?.response?.url).toContain(connection.ticket);
    // Bot calls keep the bot token: the app token is only for opening the socket.
    expect(fake.calls('auth.test').map((c) => c.token)).toEqual(['xoxb-test']);
  });

  test('GIVEN a connected socket WHEN `/crisis open hacked-account sev1 Spam` arrives over it THEN it is acked over the socket within 3 s, incident #1 opens and ana is told where', async () => {
    const sentAt = Date.now();
    const envelope = command('open hacked-account sev1 Spam', 'open');

    const ack = await socket.waitForAck(envelope.envelope_id, ACK_LIMIT_MS);

    expect(ack.at - sentAt).toBeLessThan(ACK_LIMIT_MS);
    // A bare `ack()`: the reply goes to the response_url, not inside the acknowledgement.
    expect(ack.payload).toEqual({});
    const created = await fake.waitForCall('conversations.create');
    // Acknowledged before the work, which is what keeps a slow Slack or Redis inside the 3 s.
    expect(ack.at).toBeLessThanOrEqual(created.at);
    expect(String(created.args.name)).toMatch(/^crisis-1-/);
    expect(created.token).toBe('xoxb-test');
    const reply = await fake.waitForResponse((r) => r.id === 'open');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.body)).toContain('Incident #1 is open');
    const incident = await store.get(TEAM, 1);
    expect(incident).toMatchObject({ seq: 1, playbook: 'hacked-account', severity: 1, room: ROOM });
    expect(incident?.roomName).toBe(created.args.name);
    await openingDone('open');
    expect(socket.protocolErrors).toEqual([]);
  });

  test('GIVEN an open incident WHEN Done on the step card is pressed over the socket THEN the press is acked and step 1 is done', async () => {
    await socket.waitForAck(command('open hacked-account sev1 Spam', 'open').envelope_id);
    await openingDone('open');
    const card = await fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).startsWith('Step 1 of 11'),
    );

    const envelope = press(card, buttonValue(card, 'Done'));

    const ack = await socket.waitForAck(envelope.envelope_id, ACK_LIMIT_MS);
    expect(ack.payload).toEqual({});
    const done = await fake.waitForCall('chat.postMessage', (c) =>
      String(c.args.text).includes('Step 1 done by'),
    );
    expect(done.args.text).toContain('<@U0ANA>');
    expect((await store.get(TEAM, 1))?.steps[0]).toMatchObject({ state: 'done', by: ANA.user });
    // The last thing a Done does: show the next step.
    await fake.waitForCall('chat.postMessage', (c) => String(c.args.text).startsWith('Step 2 of 11'));
    expect(socket.protocolErrors).toEqual([]);
  });

  test('GIVEN a connected socket WHEN calma is stopped THEN it closes the socket with a normal close (1000)', async () => {
    const connection = await socket.waitForConnection(1);

    await slack?.stop();
    slack = undefined;

    // Bolt's SocketModeReceiver.stop() does not wait for the close handshake, so wait for the fake to see it.
    const closed = await socket.waitForClose(connection.id);
    expect(closed.close).toEqual({ by: 'client', code: 1000, reason: '' });
    expect(socket.protocolErrors).toEqual([]);
  });

  test('GIVEN Slack recycles the connection (a `disconnect` message) WHEN calma reconnects THEN it asks for a new URL and the next command is acked on the new connection', async () => {
    await socket.waitForConnection(1);

    socket.disconnect('refresh_requested');

    expect((await socket.waitForClose(1)).close).toMatchObject({ by: 'client', code: 1000 });
    // SocketModeClient waits clientPingTimeout (5 s by default) before its first reconnect.
    await socket.waitForConnection(2, 10_000);
    expect(fake.calls('apps.connections.open')).toHaveLength(2);
    const envelope = command('open hacked-account sev1 Spam', 'open');
    expect((await socket.waitForAck(envelope.envelope_id, ACK_LIMIT_MS)).connection).toBe(2);
    expect(await openingDone('open')).toContain('Incident #1 is open');
    expect(socket.protocolErrors).toEqual([]);
  });
});
