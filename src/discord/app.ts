import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Deps } from '../app/deps';
import type { Logger } from '../log';
import { commandQueue } from '../queue/commands';
import { type CallTimeouts, PLATFORM_TIMEOUTS } from '../timeouts';
import { DiscordChat } from './discord-chat';
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
  handOff: { redisUrl: string; prefix: string };
  /** How long a Discord call may take (src/timeouts.ts); tests shorten it. */
  timeouts?: CallTimeouts;
}

export interface RunningDiscord {
  client: Client<true>;
  /** The handlers' dependencies with Discord as the chat (reminders post through them). */
  deps: Deps;
  chat: DiscordChat;
  /** The server alerts open incidents in: DISCORD_GUILD_ID, else the one server the bot is in. */
  guildId(): Promise<string>;
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

/** Discord refused the bot: a wrong token, or privileged intents not switched on. Said without a stack. */
export class DiscordLoginError extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `calma could not connect to Discord: ${why}. Check DISCORD_TOKEN, and that the bot's Server Members and Message Content intents are on (Developer Portal > Bot > Privileged Gateway Intents).`,
    );
    this.name = 'DiscordLoginError';
  }
}

/** Connects to Discord's gateway and serves `/crisis`; `base` are the handler dependencies minus the chat. */
export async function startDiscord(
  base: Omit<Deps, 'chat'>,
  settings: DiscordSettings,
  log: Logger,
): Promise<RunningDiscord> {
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
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'Discord client error'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'Discord rate limit'),
  );
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(settings.token);
  } catch (error) {
    await client.destroy();
    throw new DiscordLoginError(error);
  }
  const connected = await ready;
  const chat = new DiscordChat(
    connected,
    { category: settings.category, archiveCategory: settings.archiveCategory },
    (error, room) => log.warn({ err: error, room }, 'could not set a Discord channel topic'),
    timeouts.callMs,
  );
  const deps: Deps = { ...base, chat };
  const commands = await commandQueue<DiscordJob>({ ...settings.handOff, platform: 'discord' });
  commands.work(
    (job) => recoverInteraction(deps, connected.rest, job),
    (error, job) =>
      job
        ? log.error({ err: error, user: job.caller.user }, 'could not answer a recovered Discord interaction')
        : log.warn({ err: error }, 'the Discord command queue lost its Redis connection'),
  );
  registerDiscordListeners(connected, { deps, commands, captureReaction: settings.captureReaction });
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
    stop: async () => {
      await chat.settled();
      await client.destroy();
      await commands.stop();
    },
  };
}
