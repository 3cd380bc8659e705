import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Deps } from '../app/deps';
import { HttpServer } from '../http/server';
import type { Logger } from '../log';
import { commandQueue } from '../queue/commands';
import { type CallTimeouts, fetchWithin, PLATFORM_TIMEOUTS } from '../timeouts';
import { boltLogger } from './bolt-logger';
import { runSlackJob, type SlackJob } from './handoff';
import { slackEventsRoute } from './http-route';
import { registerListeners } from './listeners';
import { ChannelPacer } from './pacer';
import { QuietGate } from './quiet-gate';
import { SlackChat } from './slack-chat';

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
   * The durable hand-off of acknowledged requests (queue `commands-slack`). `work: false` makes a
   * process that only acknowledges and hands off (tests use it to stand for one that died right after).
   */
  handOff: { redisUrl: string; prefix: string; work?: boolean };
  /** How long a Slack call may take (src/timeouts.ts); tests shorten it. */
  timeouts?: CallTimeouts;
}

/**
 * Retries for a Slack call that failed on the network, with a 5xx or unanswered: a few quick ones, then
 * the user is told. (Slack's default retries for half an hour, while the person who clicked waits.) A
 * 429 is waited out (its Retry-After) and then retried, but no retry starts once the call's time is up.
 */
const retries = (timeouts: CallTimeouts): webApi.RetryOptions => ({
  retries: 2,
  factor: 2,
  minTimeout: 300,
  maxTimeout: 2000,
  maxRetryTime: timeouts.callMs,
});

/**
 * Work after an acknowledgement starts once requests have been quiet for 50 ms, never delayed more than
 * a second (a modal's trigger id is valid for three).
 */
const QUIET = { quietMs: 50, maxDelayMs: 1000 };

export interface RunningSlack {
  app: App;
  /** The handlers' dependencies with Slack as the chat (reminders post through them). */
  deps: Deps;
  /** The bound HTTP port in HTTP mode; undefined in Socket Mode. */
  port?: number;
  /** The team (workspace) of the bot token, asked once (`auth.test`); alerts open incidents there. */
  teamId(): Promise<string>;
  stop(): Promise<void>;
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
    retryConfig: retries(timeouts),
    fetch: fetchWithin(timeouts.attemptMs),
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
  };
  const receiver = settings.appToken
    ? new SocketModeReceiver({ appToken: settings.appToken, logger, installerOptions: { clientOptions } })
    : undefined;
  // HTTP mode: Bolt verifies and routes the requests, but on calma's server (one port for everything).
  const http = receiver
    ? undefined
    : new HTTPReceiver({ signingSecret: settings.signingSecret ?? '', endpoints: '/slack/events', logger });
  const app = new App({ token: settings.botToken, logger, clientOptions, receiver: receiver ?? http });
  // Channel posts get a client of their own: a 429 pauses every call of the client that got it, and
  // replies to the person who asked (made with Bolt's per-request client) must not wait behind them.
  const posts = new webApi.WebClient(settings.botToken, { ...clientOptions, logger });
  const deps: Deps = { ...base, chat: new SlackChat(posts, new ChannelPacer(), timeouts.callMs) };
  const gate = new QuietGate(QUIET);
  app.use(async ({ next }) => {
    gate.arrived();
    await next();
  });
  const commands = await commandQueue<SlackJob>({ ...settings.handOff, platform: 'slack' });
  if (settings.handOff.work !== false) {
    commands.work(
      (job) => runSlackJob(deps, app.client, gate, job, timeouts.callMs),
      (error, job) =>
        job
          ? log.error({ err: error, user: job.caller.user, room: job.caller.room }, 'a Slack request failed')
          : log.warn({ err: error }, 'the Slack command queue lost its Redis connection'),
    );
  }
  registerListeners(app, { deps, commands, captureReaction: settings.captureReaction });
  let team: Promise<string> | undefined;
  /** @see https://api.slack.com/methods/auth.test — no scope needed; a failure is asked again next time. */
  const teamId = () => {
    team ??= app.client.auth.test().then(
      (answer) => {
        if (!answer.team_id) throw new Error('auth.test answered without a team_id');
        return answer.team_id;
      },
      (error: unknown) => {
        team = undefined;
        throw error;
      },
    );
    return team;
  };
  app.error(async (error) => {
    log.error({ err: error }, 'Slack request failed');
  });

  if (receiver) {
    await app.start();
    log.info('connected to Slack in Socket Mode');
    return {
      app,
      deps,
      teamId,
      stop: async () => {
        // Bolt's stop() starts the WebSocket close handshake without waiting for it to finish.
        const closed = new Promise<void>((resolve) => receiver.client.once('disconnected', () => resolve()));
        await app.stop();
        await closed;
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
    await commands.stop();
  };
  return { app, deps, ...(port !== undefined ? { port } : {}), teamId, stop };
}
