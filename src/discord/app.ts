import { Client, Events, GatewayIntentBits, Partials, Status } from 'discord.js';
import type { Deps } from '../app/deps';
import type { Logger } from '../log';
import { commandQueue } from '../queue/commands';
import { connectWithRetry, networkErrorCode, RefusedError, refusedToken } from '../startup/retry';
import { type CallTimeouts, PLATFORM_TIMEOUTS } from '../timeouts';
import { DiscordChat } from './discord-chat';
import type { GatewayLease } from './gateway-lease';
import { registerDiscordListeners } from './listeners';
import { type DiscordJob, recoverInteraction } from './recovery';

export interface DiscordSettings {
  token: string;
  /** REST base (tests point it at a local fake); discord.js appends `/v10/...`. */
  apiUrl?: string;
  /** The server alerts open incidents in when calma.yaml does not say (DISCORD_GUILD_ID). */
  guildId?: string;
  category: string | null;
  archiveCategory: string | null;
  captureReaction: string;
  /** Where deferred interactions are guarded (queue `commands-discord`), as Slack's `handOff`. */
  handOff: { redisUrl: string; prefix: string; lapseMs?: number };
  /** How long a Discord call may take (src/timeouts.ts); tests shorten it. */
  timeouts?: CallTimeouts;
  /** The gateway lease, already held by this process: its loss ends the session at once. */
  lease: GatewayLease;
}

export interface RunningDiscord {
  client: Client<true>;
  /** The handlers' dependencies with Discord as the chat (reminders post through them). */
  deps: Deps;
  chat: DiscordChat;
  /** The server alerts open incidents in: DISCORD_GUILD_ID, else the one server the bot is in. */
  guildId(): Promise<string>;
  /** Whether the gateway connection is up now (discord.js reconnects on its own when it drops). */
  connected(): boolean;
  stop(): Promise<void>;
}

/**
 * The gateway intents calma asks for. Server Members (to list a role's members) and Message Content (to
 * read a message captured with a reaction) are privileged: switch them on in the Developer Portal.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.MessageContent,
];

/** Gateway close codes after which discord.js gives up: the token or the intents are wrong. */
const TOKEN_REFUSED = 4004;
const INTENTS_REFUSED = 4014;

/** Why a Discord call failed, in a few words: an HTTP status or a network error code. */
function discordReason(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return `HTTP ${status}`;
  const message = error instanceof Error ? error.message : String(error);
  return networkErrorCode(error) ?? message.split('\n')[0] ?? message;
}

/**
 * One attempt to log in and get READY. A refused token (401 on REST, 4004 on the gateway) or intents
 * (4014) is a `RefusedError`; anything else (a 5xx, the network) is thrown for the caller to retry.
 * `wire` adds calma's listeners before login: events that come in the same read as READY (right after
 * a fail-over) are emitted before `login` settles. What it returns comes back with the client.
 */
async function connectOnce<T>(
  settings: DiscordSettings,
  log: Logger,
  wire: (client: Client) => T,
): Promise<{ client: Client<true>; wired: T }> {
  const timeouts = settings.timeouts ?? PLATFORM_TIMEOUTS;
  const client = new Client({
    intents: INTENTS,
    // A reaction to a message sent before calma started arrives partial: calma fetches what it needs.
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    // An unanswered request is aborted after `attemptMs` and retried twice: three attempts fit in a call's time.
    rest: {
      ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
      retries: 2,
      timeout: timeouts.attemptMs,
    },
    // A message sent without its own list (a plain reply) pings nobody; calma's cards name whom they ping.
    allowedMentions: { parse: [], repliedUser: false },
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'Discord client error'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'Discord rate limit'),
  );
  // discord.js does not reject login on a gateway refusal: it stops reconnecting and says so here.
  const ready = new Promise<Client<true>>((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    client.on(Events.ShardDisconnect, ({ code }) => {
      if (code === TOKEN_REFUSED) reject(tokenRefused('4004 Authentication failed'));
      if (code === INTENTS_REFUSED) reject(intentsRefused());
    });
  });
  const wired = wire(client);
  try {
    // Raced from the start: a gateway refusal can come before login settles, and must not go unhandled.
    const connected = await Promise.race([client.login(settings.token).then(() => ready), ready]);
    return { client: connected, wired };
  } catch (error) {
    await client.destroy();
    if ((error as { code?: unknown }).code === 'TokenInvalid') throw tokenRefused('401 Unauthorized');
    throw error;
  }
}

function tokenRefused(why: string): RefusedError {
  return refusedToken(
    'DISCORD_TOKEN',
    'Discord',
    why,
    'the bot token (Developer Portal > Bot > Reset Token)',
  );
}

function intentsRefused(): RefusedError {
  return new RefusedError(
    "calma could not start: Discord refused the gateway intents calma needs (4014). Switch on the bot's Server Members and Message Content intents (Developer Portal > Bot > Privileged Gateway Intents).",
  );
}

/**
 * Connects to Discord's gateway and serves `/crisis`; `base` are the handler dependencies minus the chat.
 * An outage at start-up is waited out with backoff; a refused token or intents end start-up at once.
 */
export async function startDiscord(
  base: Omit<Deps, 'chat'>,
  settings: DiscordSettings,
  log: Logger,
): Promise<RunningDiscord> {
  const timeouts = settings.timeouts ?? PLATFORM_TIMEOUTS;
  // The listeners need it from the first event, which may come with READY.
  const commands = await commandQueue<DiscordJob>({ ...settings.handOff, platform: 'discord' });
  // Each attempt's client gets its chat and listeners; the connected one's are kept.
  const wire = (client: Client) => {
    // Used once connected: DiscordChat reads the bot's user only when it calls Discord.
    const chat = new DiscordChat(
      client as Client<true>,
      {
        category: settings.category,
        archiveCategory: settings.archiveCategory,
        onAuditLogRefused: (error) =>
          log.warn(
            { err: error },
            'Discord refused calma its audit log (View Audit Log): a replica taking over an open cannot prove a channel is calma’s, and makes a second one',
          ),
      },
      (error, room) => log.warn({ err: error, room }, 'could not set a Discord channel topic'),
      timeouts.callMs,
    );
    const deps: Deps = { ...base, chat };
    registerDiscordListeners(client, {
      deps,
      commands,
      captureReaction: settings.captureReaction,
      lease: settings.lease,
    });
    return { chat, deps };
  };
  let connected: Client<true>;
  let chat: DiscordChat;
  let deps: Deps;
  try {
    ({
      client: connected,
      wired: { chat, deps },
    } = await connectWithRetry(() => connectOnce(settings, log, wire), {
      platform: 'Discord',
      reason: discordReason,
      log,
    }));
  } catch (error) {
    await commands.stop();
    throw error;
  }
  // Another process holds the gateway now: this session must not see one more event.
  settings.lease.onLost(() => void connected.destroy());
  commands.work(
    (job) => recoverInteraction(deps, connected.rest, job),
    (error, job) =>
      job
        ? log.error({ err: error, user: job.caller.user }, 'could not answer a recovered Discord interaction')
        : log.warn({ err: error }, 'the Discord command queue lost its Redis connection'),
  );
  log.info({ user: connected.user.tag, guilds: connected.guilds.cache.size }, 'connected to Discord');

  const guildId = async () => {
    if (settings.guildId) return settings.guildId;
    const guilds = [...connected.guilds.cache.keys()];
    if (guilds.length === 1 && guilds[0]) return guilds[0];
    throw new Error(
      `the bot is in ${guilds.length} Discord servers: set DISCORD_GUILD_ID or alerts.workspace to choose one`,
    );
  };
  return {
    client: connected,
    deps,
    chat,
    guildId,
    connected: () => connected.ws.status === Status.Ready,
    stop: async () => {
      await chat.settled();
      await connected.destroy();
      await commands.stop();
    },
  };
}
