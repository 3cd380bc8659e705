import { App, type Logger, LogLevel, type SlashCommand, webApi } from '@slack/bolt';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack';
import {
  commandBody,
  FORM_CONTENT_TYPE,
  nowSeconds,
  postSigned,
  slackSignature,
  urlOf,
} from '../../support/slack-request';

/**
 * Request signing as Bolt 5.1 enforces it, driven over real HTTP, plus the @slack/web-api 8 client
 * behaviours calma relies on (platform errors, 429 and 5xx handling), both against the local fake Slack.
 */

const SECRET = 'calma-test-signing-secret';

/** Keeps Bolt's log lines so a 401 can be tied to its reason (stale vs. mismatch vs. missing header). */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (...msg: unknown[]) => {
      lines.push(`${level} ${msg.map(String).join(' ')}`);
    };
  let current = LogLevel.DEBUG;
  return {
    lines,
    debug: () => {},
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (level) => {
      current = level;
    },
    getLevel: () => current,
    setName: () => {},
  };
}

describe("Slack's published signing example", () => {
  test('GIVEN the secret, timestamp and body from Slack docs WHEN signed THEN the signature is the published one', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('the real Bolt app behind its HTTP receiver', () => {
  let fake: FakeSlack;
  let app: App;
  let eventsUrl: string;
  const logger = recordingLogger();
  const seen: SlashCommand[] = [];

  beforeAll(async () => {
    // Before the App: with a token, Bolt's constructor already calls auth.test.
    fake = await startFakeSlack();
    app = new App({
      signingSecret: SECRET,
      token: 'xoxb-test',
      logger,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    app.command('/crisis', async ({ command, ack, respond, client }) => {
      await ack();
      seen.push(command);
      // Work after the ack, the way calma's handlers will do it.
      await respond({ text: `on it: ${command.text}` });
      await client.chat.postMessage({
        channel: command.channel_id,
        text: command.text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: command.text } }],
      });
    });
    // Port 0 on loopback: App#start passes a ListenOptions object through to server.listen.
    eventsUrl = urlOf(await app.start({ port: 0, host: '127.0.0.1' }));
  });

  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  const send = (text: string, overrides: Parameters<typeof postSigned>[2] = { secret: SECRET }) =>
    postSigned(eventsUrl, commandBody({ text, response_url: fake.responseUrl(text) }), {
      contentType: FORM_CONTENT_TYPE,
      ...overrides,
    });

  test('GIVEN a correctly signed /crisis with a fresh timestamp WHEN posted THEN 200, the listener ran and its follow-up work reached the fake', async () => {
    const response = await send('signed ok');

    expect(response.status).toBe(200);
    expect(seen.map((c) => c.text)).toContain('signed ok');
    expect(fake.calls('auth.test')[0]?.token).toBe('xoxb-test');

    const responded = await fake.waitForResponse((r) => r.id === 'signed ok');
    expect(responded.body).toEqual({ text: 'on it: signed ok' });

    const post = await fake.waitForCall('chat.postMessage', (c) => c.args.text === 'signed ok');
    expect(post.token).toBe('xoxb-test');
    expect(post.args).toMatchObject({
      channel: 'C0GENERAL',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'signed ok' } }],
    });
  });

  test('GIVEN a body signed with the wrong secret WHEN posted THEN 401 and the listener did not run', async () => {
    const response = await send('wrong secret', { secret: 'not-the-secret' });

    expect(response.status).toBe(401);
    expect(seen.map((c) => c.text)).not.toContain('wrong secret');
    expect(logger.lines.at(-1)).toContain('signature mismatch');
  });

  test('GIVEN a correctly signed request stamped 6 minutes ago WHEN posted THEN 401 as stale', async () => {
    const response = await send('stale', { secret: SECRET, timestamp: nowSeconds() - 6 * 60 });

    expect(response.status).toBe(401);
    expect(seen.map((c) => c.text)).not.toContain('stale');
    expect(logger.lines.at(-1)).toContain('stale');
  });

  test('GIVEN no X-Slack-Signature header WHEN posted THEN 401', async () => {
    const response = await send('no signature', { secret: SECRET, signature: null });

    expect(response.status).toBe(401);
    expect(seen.map((c) => c.text)).not.toContain('no signature');
    expect(logger.lines.at(-1)).toContain('header x-slack-signature');
  });

  test('GIVEN no X-Slack-Request-Timestamp header WHEN posted THEN 401', async () => {
    const response = await send('no timestamp', { secret: SECRET, timestamp: null });

    expect(response.status).toBe(401);
    expect(seen.map((c) => c.text)).not.toContain('no timestamp');
    expect(logger.lines.at(-1)).toContain('header x-slack-request-timestamp');
  });
});

describe('@slack/web-api WebClient against the fake (the client behaviour calma relies on)', () => {
  const { WebClient, ErrorCode, retryPolicies } = webApi;
  let fake: FakeSlack;

  beforeAll(async () => {
    fake = await startFakeSlack();
  });

  beforeEach(() => fake.clearCalls());

  afterAll(async () => {
    await fake.close();
  });

  const client = (options: webApi.WebClientOptions = {}) =>
    new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR, ...options });

  test('GIVEN the channel name is taken WHEN conversations.create THEN it throws a platform error with data.error name_taken, not retried', async () => {
    fake.takeChannelName('crisis-1-spam');

    const error: unknown = await client()
      .conversations.create({ name: 'crisis-1-spam' })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: ErrorCode.PlatformError, data: { ok: false, error: 'name_taken' } });
    expect(fake.calls('conversations.create')).toHaveLength(1);
  });

  test('GIVEN a 429 with Retry-After 1 WHEN chat.postMessage THEN the client waits, retries once and succeeds', async () => {
    fake.rateLimitNext('chat.postMessage', 1);

    const started = Date.now();
    const result = await client().chat.postMessage({ channel: 'C1', text: 'status update' });
    const elapsed = Date.now() - started;

    expect(result.ok).toBe(true);
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    // Retry-After (1 s) is slept inside the attempt; the default policy then adds its own 1–2 s backoff.
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  test('GIVEN a 500 and retries: 0 WHEN chat.postMessage THEN it fails fast with an HTTP error', async () => {
    fake.serverErrorNext('chat.postMessage');

    const error: unknown = await client({ retryConfig: { retries: 0 } })
      .chat.postMessage({ channel: 'C1', text: 'status update' })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
  });

  test('GIVEN a 500 and a retrying policy WHEN chat.postMessage THEN the client retries it (a 5xx is not final by default)', async () => {
    fake.serverErrorNext('chat.postMessage');

    const result = await client({ retryConfig: retryPolicies.rapidRetryPolicy }).chat.postMessage({
      channel: 'C1',
      text: 'status update',
    });

    expect(result.ok).toBe(true);
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);
  });
});
