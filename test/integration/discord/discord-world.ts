/**
 * calma's real Discord adapter (discord.js over the gateway) against a local fake of Discord's REST API
 * and gateway, with the real Redis store, the shipped playbooks and real i18n. A fresh fake, client and
 * key prefix per test.
 */
import { type APIInteraction, type APIMessage, ApplicationCommandOptionType } from 'discord.js';
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Deps } from '../../../src/app/deps';
import { type RunningDiscord, startDiscord } from '../../../src/discord/app';
import { type GatewayLease, gatewayLease } from '../../../src/discord/gateway-lease';
import { builtinPlaybooksDir, loadPlaybooks } from '../../../src/playbook/loader';
import { PlaybookRegistry } from '../../../src/playbook/registry';
import { RedisIncidentStore } from '../../../src/store/redis-incident-store';
import type { CallTimeouts } from '../../../src/timeouts';
import { testDeps } from '../../support/deps';
import {
  buttonClick,
  type CommandOption,
  type InteractionContext,
  slashCommand,
} from '../../support/discord-payloads';
import {
  DISCORD_SEED,
  type FakeDiscord,
  type FakeInteraction,
  startFakeDiscord,
} from '../../support/fake-discord';
import { PATIENCE_MS } from '../../support/patience';
import { type PlatformQueues, platformQueues } from '../../support/platform-queues';
import { testRedis, uniquePrefix } from '../../support/redis';

export const { ana, bob, lena } = DISCORD_SEED.users;
export const { general, announcements, crisis } = DISCORD_SEED.channels;

export class DiscordWorld {
  constructor(
    readonly fake: FakeDiscord,
    readonly discord: RunningDiscord,
    readonly store: RedisIncidentStore,
  ) {}

  /** `/crisis <subcommand>` with typed options, by `user` in `channel` (default #general). */
  command(
    subcommand: string | [group: string, sub: string],
    options: CommandOption[] = [],
    context: InteractionContext = {},
  ): FakeInteraction {
    if (typeof subcommand === 'string') {
      return this.fake.sendInteraction(slashCommand(subcommand, options, context) as APIInteraction);
    }
    // A subcommand of a group (`/crisis step done`): Discord nests it one level deeper.
    const [group, sub] = subcommand;
    const payload = slashCommand(sub, options, context);
    const data = {
      ...payload.data,
      options: [
        { type: ApplicationCommandOptionType.SubcommandGroup, name: group, options: payload.data.options },
      ],
    };
    return this.fake.sendInteraction({ ...payload, data } as APIInteraction);
  }

  /** Presses the button labelled `label` on `message`. */
  press(message: APIMessage, label: string, context: InteractionContext = {}): FakeInteraction {
    const button = buttonsOf(message).find((b) => b.label === label);
    if (!button) {
      throw new Error(
        `no button "${label}" on the message; it has ${buttonsOf(message)
          .map((b) => b.label)
          .join(', ')}`,
      );
    }
    const channel = this.fake.channel(message.channel_id);
    return this.fake.sendInteraction(
      buttonClick(button.custom_id, message, {
        ...(channel ? { channel } : {}),
        ...context,
      }) as APIInteraction,
    );
  }

  /** The incident channels calma created (under the Crisis category). */
  incidentChannels() {
    return this.fake.channels().filter((c) => c.parent_id === crisis);
  }

  /** Waits for the first message in `channel` whose readable text contains `text`. */
  messageWith(channel: string, text: string, timeoutMs = PATIENCE_MS): Promise<APIMessage> {
    return this.fake.waitFor(
      () => [...this.fake.messagesIn(channel)].reverse().find((m) => readable(m).includes(text)),
      `a message containing "${text}" in ${channel}`,
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await this.discord.stop();
    await this.fake.close();
  }
}

/** What a reader sees of a message: its content, and its embeds' titles, texts, fields and footers. */
export function readable(message: Pick<APIMessage, 'content' | 'embeds'> | Record<string, unknown>): string {
  const m = message as Pick<APIMessage, 'content' | 'embeds'>;
  const embeds = (m.embeds ?? []).map((e) =>
    [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]
      .filter(Boolean)
      .join('\n'),
  );
  return [m.content ?? '', ...embeds].join('\n');
}

export function buttonsOf(message: Pick<APIMessage, 'components'> | Record<string, unknown>) {
  const rows = ((message as Pick<APIMessage, 'components'>).components ?? []) as {
    components?: { label?: string; custom_id?: string }[];
  }[];
  return rows
    .flatMap((row) => row.components ?? [])
    .filter((c): c is { label: string; custom_id: string } => Boolean(c.label && c.custom_id));
}

/** The reply body an interaction got (callback data, or the edit of a deferred reply). */
export async function replyOf(interaction: FakeInteraction): Promise<Record<string, unknown>> {
  const callback = await interaction.callback();
  if (callback.type === 4) return callback.data ?? {};
  const edit = await interaction.reply('edit');
  return edit.body;
}

export const EPHEMERAL = 64;

/**
 * One world per test (fake Discord + calma's Discord adapter), with a fresh store prefix. `reminders`
 * wires the BullMQ reminder queue and worker and `outbox` the statement outbox, as src/main.ts does;
 * `timeouts` shortens how long a Discord call may take.
 */
export function useDiscordWorld(
  overrides: Partial<Deps> = {},
  options: { reminders?: boolean; outbox?: boolean; timeouts?: CallTimeouts } = {},
): () => DiscordWorld {
  let redis: Redis;
  let playbooks: PlaybookRegistry;
  let current: DiscordWorld | undefined;
  let queues: PlatformQueues | undefined;
  let lease: GatewayLease | undefined;

  beforeAll(async () => {
    redis = testRedis();
    playbooks = new PlaybookRegistry((await loadPlaybooks([builtinPlaybooksDir])).playbooks);
  });
  beforeEach(async () => {
    const fake = await startFakeDiscord();
    const prefix = uniquePrefix();
    const store = new RedisIncidentStore(redis, prefix);
    const minuteMs = overrides.minuteMs ?? 60_000;
    queues = platformQueues('discord', { prefix, playbooks, minuteMs }, options);
    const log = pino({ level: 'silent' });
    lease = gatewayLease({ redis, prefix, token: fake.token, ttlMs: 5000, log });
    await lease.acquire();
    const discord = await startDiscord(
      testDeps(store, playbooks, {
        announcements,
        ...queues.deps,
        ...overrides,
      }),
      {
        token: fake.token,
        apiUrl: fake.apiUrl,
        category: crisis,
        archiveCategory: null,
        captureReaction: '📌',
        handOff: { redisUrl: process.env.CALMA_TEST_REDIS_URL ?? '', prefix },
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        lease,
      },
      log,
    );
    queues.work(discord.deps);
    current = new DiscordWorld(fake, discord, store);
  });
  afterEach(async () => {
    await queues?.stop();
    await current?.stop();
    await lease?.stop();
    current = undefined;
  });
  afterAll(async () => {
    await redis.quit();
  });
  return () => {
    if (!current) throw new Error('the Discord world exists only inside a test');
    return current;
  };
}
