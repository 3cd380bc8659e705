import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Deps } from '../app/deps';
import { HttpServer } from '../http/server';
import type { Logger } from '../log';
import { ChannelPacer } from '../pacer';
import { commandQueue } from '../queue/commands';
import { connectWithRetry, networkErrorCode, refusedToken } from '../startup/retry';
import { type CallTimeouts, fetchWithin, PLATFORM_TIMEOUTS } from '../timeouts';
import { boltLogger } from './bolt-logger';
import { type SlackJob, SlackRunner } from './handoff';
import { slackEventsRoute } from './http-route';
import { registerListeners } from './listeners';
import { QuietGate } from './quiet-gate';
import { slackRetries } from './retries';
import { CALLS_IN_FLIGHT, SlackChat } from './slack-chat';
import { UserZones } from './user-zones';

export interface SlackSettings {
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string;
  /** Socket Mode: no public URL needed. */
  appToken?: string;
  /** Web API base (tests point it at a local fake). */
  apiUrl?: string;
  /** HTTP mode's port; 0 picks a free one. Unused when `http` is given (its owner listens). */
  port: number;
  /** calma's HTTP server, shared with the alerts and the read API: HTTP mode adds `/slack/events` to it. */
  http?: HttpServer;
  captureReaction: string;
  /**
   * The durable hand-off of acknowledged requests (queue `commands-slack`); `lapseMs`: how soon another
   * process runs a request this one dies holding (tests shorten it).
   */
  handOff: { redisUrl: string; prefix: string; lapseMs?: number };
  /** How long a Slack call may take (src/timeouts.ts); tests shorten it. */
  timeouts?: CallTimeouts;
}

/** How many acknowledged requests' work may run at once in one process (after the quiet gate). */
export const SLACK_WORK_CONCURRENCY = 1000;

/**
 * Work after an acknowledgement starts once requests have been quiet for 50 ms, never delayed more than
 * a second (a modal's trigger id is valid for three). Then a burst's requests all start, as Bolt would
 * start their listeners: sixteen at a time, the last `/crisis open` of a burst of 500 got its channel
 * only once the rooms before it were set up (docs/benchmarks.md, "open"). The channel calls in flight
 * are bounded by SlackChat (100 at once, a call's time limit starting once it is sent); a slow call holds
 * its own request, and the bound here only keeps a flood from starting without limit.
 */
const QUIET = { quietMs: 50, maxDelayMs: 1000, concurrency: SLACK_WORK_CONCURRENCY };

export interface RunningSlack {
  app: App;
  /** The handlers' dependencies with Slack as the chat (reminders post through them). */
  deps: Deps;
  /** The bound HTTP port in HTTP mode; undefined in Socket Mode. */
  port?: number;
  /** The team (workspace) of the bot token, from `auth.test` at start; alerts open incidents there. */
  teamId(): Promise<string>;
  /** Whether Slack can reach calma now: Socket Mode's socket is open; HTTP mode is always reachable. */
  connected(): boolean;
  stop(): Promise<void>;
}

/** Slack's answers to a token it will never accept: retrying cannot help. */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'user_removed_from_team',
  'team_disabled',
]);

/** Slack's error code when it refused the token, else undefined. */
function refusal(error: unknown): string | undefined {
  if (!(error instanceof webApi.WebAPIPlatformError)) return undefined;
  const code = String(error.data.error);
  return REFUSED.has(code) ? code : undefined;
}

/** Why a Slack call failed, in a few words: an HTTP status, a network error code or Slack's error. */
function slackReason(error: unknown): string {
  if (error instanceof webApi.WebAPIHTTPError) return `HTTP ${error.statusCode}`;
  if (error instanceof webApi.WebAPIPlatformError) return String(error.data.error);
  const message = error instanceof Error ? error.message : String(error);
  return networkErrorCode(error) ?? message.split('\n')[0] ?? message;
}

/**
 * Checks the bot token with `auth.test` (no scope needed) before anything else, so a wrong token is one
 * clear line at start instead of a failure on the first command, and an outage is waited out. Bolt is
 * then given the bot's ids, so it does not ask again. One attempt per call: the retry loop paces them.
 */
async function verifyBotToken(settings: SlackSettings, clientOptions: webApi.WebClientOptions, log: Logger) {
  const client = new webApi.WebClient(settings.botToken, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    // The retry loop says what failed; the client's own warning would repeat it.
    logger: boltLogger(log, () => true),
  });
  try {
    const answer = await client.auth.test();
    if (!answer.team_id || !answer.user_id || !answer.bot_id) {
      throw new Error('auth.test answered without a team, user or bot id');
    }
    return { teamId: answer.team_id, botUserId: answer.user_id, botId: answer.bot_id };
  } catch (error) {
    const code = refusal(error);
    if (code) throw refusedToken('SLACK_BOT_TOKEN', 'Slack', code, "the app's Bot User OAuth Token (xoxb-…)");
    throw error;
  }
}

/**
 * Starts calma in Slack: Socket Mode when an app token is given, else HTTP on `port` at
 * `POST /slack/events`. `base` are the handler dependencies minus the chat, which is Slack's.
 */
export async function startSlack(
  base: Omit<Deps, 'chat'>,
  settings: SlackSettings,
  log: Logger,
): Promise<RunningSlack> {
  const logger = boltLogger(log);
  const timeouts = settings.timeouts ?? PLATFORM_TIMEOUTS;
  // One options object: Bolt hands it to the Socket Mode client too, which would otherwise fill in its
  // own retry policy (100 retries) for every client built after it. Its `fetch` bounds every request,
  // Web API attempts and `respond()`'s posts to response URLs alike.
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: slackRetries(timeouts.callMs),
    fetch: fetchWithin(timeouts.attemptMs),
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
  };
  const bot = await connectWithRetry(() => verifyBotToken(settings, clientOptions, log), {
    platform: 'Slack',
    reason: slackReason,
    log,
  });
  // Until the socket first opens, the retry loop's line says why it did not; Bolt's would repeat it.
  let opening = true;
  const receiver = settings.appToken
    ? new SocketModeReceiver({
        appToken: settings.appToken,
        logger: boltLogger(log, () => opening),
        installerOptions: { clientOptions },
      })
    : undefined;
  // HTTP mode: Bolt verifies and routes the requests, but on calma's server (one port for everything).
  const http = receiver
    ? undefined
    : new HTTPReceiver({ signingSecret: settings.signingSecret ?? '', endpoints: '/slack/events', logger });
  const app = new App({
    token: settings.botToken,
    botId: bot.botId,
    botUserId: bot.botUserId,
    logger,
    clientOptions,
    receiver: receiver ?? http,
  });
  // Channel posts get a client of their own: a 429 pauses every call of the client that got it, and
  // replies to the person who asked (made with Bolt's per-request client) must not wait behind them.
  const posts = new webApi.WebClient(settings.botToken, { ...clientOptions, logger });
  // Channel creates and keyed posts get one that never retries by itself: SlackChat does, to know when
  // Slack may have acted without answering in time (src/slack/create-channel.ts, posted-once.ts).
  const creates = new webApi.WebClient(settings.botToken, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger,
  });
  const chat = new SlackChat(posts, new ChannelPacer(), timeouts.callMs, CALLS_IN_FLIGHT, {
    client: creates,
    botUserId: bot.botUserId,
  });
  const deps: Deps = { ...base, chat };
  const gate = new QuietGate(QUIET);
  app.use(async ({ next }) => {
    gate.arrived();
    await next();
  });
  const commands = await commandQueue<SlackJob>({ ...settings.handOff, platform: 'slack' });
  const runner = new SlackRunner(deps, app.client, gate, new UserZones(app.client, log), timeouts.callMs);
  commands.work(
    (job) => runner.recover(job),
    (error, job) =>
      job
        ? log.error({ err: error, user: job.caller.user, room: job.caller.room }, 'a Slack request failed')
        : log.warn({ err: error }, 'the Slack command queue lost its Redis connection'),
  );
  registerListeners(app, { deps, commands, runner, captureReaction: settings.captureReaction });
  const teamId = async () => bot.teamId;
  app.error(async (error) => {
    log.error({ err: error }, 'Slack request failed');
  });

  if (receiver) {
    // A failure to open the socket (a 5xx, the network) throws here; Bolt retries Slack's other errors.
    await connectWithRetry(
      async () => {
        try {
          await app.start();
        } catch (error) {
          const code = refusal(error);
          if (code) {
            throw refusedToken(
              'SLACK_APP_TOKEN',
              'Slack',
              code,
              'an App-Level Token (xapp-…) with connections:write',
            );
          }
          throw error;
        }
      },
      { platform: 'Slack', reason: slackReason, log },
    );
    opening = false;
    let open = true;
    receiver.client.on('connected', () => {
      open = true;
    });
    receiver.client.on('reconnecting', () => {
      open = false;
    });
    receiver.client.on('disconnected', () => {
      open = false;
    });
    log.info('connected to Slack in Socket Mode');
    return {
      app,
      deps,
      teamId,
      connected: () => open,
      stop: async () => {
        // Bolt's stop() starts the WebSocket close handshake without waiting for it to finish.
        const closed = new Promise<void>((resolve) => receiver.client.once('disconnected', () => resolve()));
        await app.stop();
        await closed;
        await runner.drained();
        await commands.stop();
      },
    };
  }
  const server = settings.http ?? new HttpServer(log);
  if (http) server.route(slackEventsRoute(http));
  // Our own server when nobody shares one with us (tests, benches); else its owner listens.
  const port = settings.http ? undefined : await server.listen(settings.port);
  if (port !== undefined) log.info({ port }, 'listening for Slack on POST /slack/events');
  const stop = async () => {
    if (!settings.http) await server.close();
    await runner.drained();
    await commands.stop();
  };
  log.info('connected to Slack over HTTP (POST /slack/events)');
  return { app, deps, ...(port !== undefined ? { port } : {}), teamId, connected: () => true, stop };
}
