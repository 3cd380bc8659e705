/**
 * Start-up as an operator sees it, with calma as a real process against the local fakes: a Slack or
 * Discord outage is waited out with backoff and one log line per attempt, then calma comes up; a token
 * the platform refuses ends start-up with exit code 1 and one line naming the variable, never a stack.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { type FakeSlackSocket, startFakeSlackSocket } from '../support/fake-slack-socket';
import { freePort } from '../support/free-port';
import { commandBody, postSigned } from '../support/slack-request';
import { CalmaProcess, calmaEnv, waitUntil } from './calma-process';

const SECRET = 'startup-signing-secret';
const STACK_FRAME = /^\s+at /m;

let dir: string;
let calma: CalmaProcess | undefined;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'calma-startup-'));
  await writeFile(
    path.join(dir, 'calma.yaml'),
    `locale: en\nredis: { key_prefix: "startup${Date.now()}" }\n`,
  );
});

afterEach(async () => {
  if (calma?.running) await calma.terminate();
  calma = undefined;
  for (const close of closers.splice(0).reverse()) await close();
  await rm(dir, { recursive: true, force: true });
});

async function fakeSlack(port = 0): Promise<FakeSlack> {
  const slack = await startFakeSlack(port);
  closers.push(() => slack.close());
  return slack;
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const discord = await startFakeDiscord();
  closers.push(() => discord.close());
  return discord;
}

function start(env: Record<string, string>): CalmaProcess {
  calma = new CalmaProcess('startup', dir, { ...calmaEnv(dir, 60_000), ...env });
  return calma;
}

/** calma's JSON log lines at warn level or above (pino: 40 warn, 50 error, 60 fatal). */
function warnings(process: CalmaProcess): { level: number; msg: string; retryInSeconds?: number }[] {
  return process.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; retryInSeconds?: number })
    .filter((line) => line.level >= 40);
}

async function waitForWarnings(process: CalmaProcess, count: number): Promise<void> {
  await waitUntil(
    () => warnings(process).length >= count,
    30_000,
    () => `fewer than ${count} warnings\n${process.stderr}`,
  );
}

async function waitForLog(process: CalmaProcess, text: string): Promise<void> {
  await waitUntil(
    () => process.stderr.includes(text),
    30_000,
    () => `no log line with "${text}"\n${process.stderr}`,
  );
}

async function health(port: number): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.json() };
}

/** The last line calma wrote to stderr: what an operator reads after a failed start. */
function lastLine(process: CalmaProcess): string {
  return process.stderr.trimEnd().split('\n').at(-1) ?? '';
}

describe('Slack', () => {
  test('GIVEN Slack unreachable at start-up THEN calma says so once per attempt, waiting longer each time, answers /healthz meanwhile, and serves /crisis once Slack is back', async () => {
    const slackPort = await freePort();
    const port = await freePort();
    const process = start({
      SLACK_BOT_TOKEN: 'xoxb-startup',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      PORT: String(port),
    });

    await waitForWarnings(process, 2);
    expect(await health(port)).toEqual({
      status: 200,
      body: { status: 'degraded', redis: 'ok', slack: 'connecting' },
    });
    // Nothing else warns meanwhile: one line per attempt, each waiting twice as long as the last.
    const outage = warnings(process);
    for (const line of outage) {
      expect(line.msg).toMatch(/^Slack is unreachable \(ECONNREFUSED\): trying again in \d+ s$/);
    }
    expect(outage.map((line) => line.retryInSeconds)).toEqual([1, 2, 4, 8].slice(0, outage.length));
    const slack = await fakeSlack(slackPort);
    await waitForLog(process, 'HTTP on port');

    expect(process.stderr).not.toMatch(STACK_FRAME);
    expect(await health(port)).toEqual({
      status: 200,
      body: { status: 'ok', redis: 'ok', slack: 'connected' },
    });
    const response = await postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      commandBody({
        text: 'open hacked-account sev1 Spam after the outage',
        team_id: 'T1',
        user_id: 'U0ANA',
      }),
      { secret: SECRET },
    );
    expect(response.status).toBe(200);
    await slack.waitForCall('conversations.create', undefined, 15_000);
  }, 90_000);

  test('GIVEN a bot token Slack refuses THEN calma exits 1 with one line naming SLACK_BOT_TOKEN and no stack trace', async () => {
    const slack = await fakeSlack();
    slack.failNext('auth.test', 'invalid_auth');
    const process = start({
      SLACK_BOT_TOKEN: 'xoxb-wrong',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
    });

    expect(await process.exited).toBe(1);
    expect(lastLine(process)).toBe(
      "calma could not start: Slack refused SLACK_BOT_TOKEN (invalid_auth). Check that it holds the app's Bot User OAuth Token (xoxb-…).",
    );
    expect(process.stderr).not.toMatch(STACK_FRAME);
    expect(slack.calls('auth.test')).toHaveLength(1);
  }, 60_000);

  describe('in Socket Mode', () => {
    let slack: FakeSlack;
    let socket: FakeSlackSocket;

    beforeEach(async () => {
      slack = await fakeSlack();
      socket = await startFakeSlackSocket(slack);
      // The socket closes before the Web API fake (afterEach closes in reverse order).
      closers.push(async () => {
        if (calma?.running) await calma.terminate();
        await socket.close();
      });
    });

    test('GIVEN apps.connections.open failing at start-up THEN calma retries with backoff and connects once it works', async () => {
      // Each attempt is one call and the client's own two quick retries: two attempts fail.
      slack.serverErrorNext('apps.connections.open', 6);
      const port = await freePort();
      const process = start({
        SLACK_BOT_TOKEN: 'xoxb-startup',
        SLACK_APP_TOKEN: 'xapp-startup',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      });

      await socket.waitForConnection(1, 30_000);
      await waitForLog(process, 'connected to Slack in Socket Mode');
      // One line per attempt: the Socket Mode client's own error lines are not repeated at warn level.
      const retries = warnings(process).filter((line) => !line.msg.startsWith('alerts.triage_channel'));
      expect(retries.map((line) => line.msg)).toEqual([
        'Slack is unreachable (HTTP 500): trying again in 1 s',
        'Slack is unreachable (HTTP 500): trying again in 2 s',
      ]);
      expect(process.stderr).not.toMatch(STACK_FRAME);
      expect(await health(port)).toEqual({
        status: 200,
        body: { status: 'ok', redis: 'ok', slack: 'connected' },
      });
    }, 90_000);

    test('GIVEN an app token Slack refuses THEN calma exits 1 with one line naming SLACK_APP_TOKEN', async () => {
      slack.failNext('apps.connections.open', 'invalid_auth');
      const process = start({
        SLACK_BOT_TOKEN: 'xoxb-startup',
        SLACK_APP_TOKEN: 'xapp-wrong',
        SLACK_API_URL: slack.apiUrl,
      });

      expect(await process.exited).toBe(1);
      expect(lastLine(process)).toBe(
        'calma could not start: Slack refused SLACK_APP_TOKEN (invalid_auth). Check that it holds an App-Level Token (xapp-…) with connections:write.',
      );
      expect(process.stderr).not.toMatch(STACK_FRAME);
    }, 60_000);
  });
});

describe('Discord', () => {
  test('GIVEN Discord answering 503 at start-up THEN calma retries with backoff, one line per attempt, and connects once Discord is back', async () => {
    const discord = await fakeDiscord();
    // Each attempt is one request and the REST client's own two retries: two attempts fail.
    discord.failNext('GET', /^\/gateway\/bot$/, 503, 6);
    const port = await freePort();
    const process = start({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: discord.guildId,
      PORT: String(port),
    });

    await discord.waitForReady(30_000);
    await waitForLog(process, 'HTTP on port');
    expect(
      warnings(process)
        .filter((line) => line.msg.startsWith('Discord'))
        .map((line) => line.msg),
    ).toEqual([
      'Discord is unreachable (HTTP 503): trying again in 1 s',
      'Discord is unreachable (HTTP 503): trying again in 2 s',
    ]);
    expect(process.stderr).not.toMatch(STACK_FRAME);
    expect(await health(port)).toEqual({
      status: 200,
      body: { status: 'ok', redis: 'ok', discord: 'connected' },
    });
  }, 90_000);

  test('GIVEN a token Discord refuses THEN calma exits 1 with one line naming DISCORD_TOKEN and no stack trace', async () => {
    const discord = await fakeDiscord();
    const process = start({ DISCORD_TOKEN: 'not-the-right-token', DISCORD_API_URL: discord.apiUrl });

    expect(await process.exited).toBe(1);
    expect(lastLine(process)).toBe(
      'calma could not start: Discord refused DISCORD_TOKEN (401 Unauthorized). Check that it holds the bot token (Developer Portal > Bot > Reset Token).',
    );
    expect(process.stderr).not.toMatch(STACK_FRAME);
  }, 60_000);
});
