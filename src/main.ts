import { userInfo } from 'node:os';
import { Redis } from 'ioredis';
import type { AlertSettings } from './alerts/process';
import { alertIntakeService } from './alerts/service';
import { alertWorkerService } from './alerts/worker';
import type { Deps } from './app/deps';
import { ConfigError, loadConfig, loadDotEnv } from './config/load';
import { type Config, reminderPolicy } from './config/schema';
import { ConsoleChat } from './console/console-chat';
import { ansiStyle, plainStyle } from './console/render';
import { CONSOLE_WORKSPACE, LOBBY, runConsole } from './console/repl';
import { compileRoutes, unknownRoutePlaybooks } from './core/alert-route';
import { systemClock } from './core/types';
import { startDiscord } from './discord/app';
import { alertRoutes } from './http/alerts';
import { healthRoute, type PlatformState } from './http/health';
import { incidentApi } from './http/incident-api';
import { CalmaMetrics } from './http/metrics';
import { HttpServer } from './http/server';
import { translator } from './i18n';
import { createLogger, type Logger, redactUrl } from './log';
import { builtinPlaybooksDir, loadPlaybooks } from './playbook/loader';
import { PlaybookRegistry } from './playbook/registry';
import { auditService } from './queue/audits';
import { outboxService } from './queue/outbox';
import { reminders } from './queue/reminders';
import { DataDirInUseError, RedisNotInstalledError, startPrivateRedis } from './redis/private-server';
import { startSlack } from './slack/app';
import { RefusedError } from './startup/retry';
import { RedisAlertStore } from './store/redis-alert-store';
import { RedisIncidentStore } from './store/redis-incident-store';
import { formatProblem } from './yaml/validate-yaml';

type ChatPlatform = 'slack' | 'discord';

const ALERT_SECRET_ENV = [
  'ALERTMANAGER_TOKEN',
  'GRAFANA_WEBHOOK_SECRET',
  'PAGERDUTY_WEBHOOK_SECRET',
  'GENERIC_WEBHOOK_SECRET',
] as const;

/** A start-up failure whose message is the whole story for the operator: printed without a stack. */
class StartupError extends Error {}

async function main(): Promise<void> {
  loadDotEnv();
  const config = await loadConfig();
  const log = createLogger({ level: config.env.LOG_LEVEL, pretty: Boolean(process.stderr.isTTY) });
  const playbooks = await playbookRegistry(config);
  const alertRouting = compileRoutes(config.settings.alerts.routes);
  const unknownPlaybooks = unknownRoutePlaybooks(alertRouting, playbooks.ids());
  if (unknownPlaybooks.length > 0) {
    throw new StartupError(
      `calma could not start: alerts.routes in calma.yaml names playbooks that are not loaded: ${unknownPlaybooks.join(', ')} (loaded: ${playbooks.ids().join(', ')})`,
    );
  }
  const { redis, redisUrl, stopRedis } = await connectRedis(config, log);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const each of stops.reverse()) await each();
    redis.disconnect();
    await stopRedis();
  };
  // A signal skips `finally` and 'exit' handlers: stop the private Redis first so its AOF is flushed.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0)));
  }

  const { env } = config;
  const policy = reminderPolicy(config.settings);
  const prefix = config.settings.redis.key_prefix;
  const chats: ChatPlatform[] = [
    ...(env.SLACK_BOT_TOKEN ? (['slack'] as const) : []),
    ...(env.DISCORD_TOKEN ? (['discord'] as const) : []),
  ];
  const alertPlatform = config.settings.alerts.platform ?? chats[0] ?? 'console';
  if (alertPlatform !== 'console' && !chats.includes(alertPlatform)) {
    throw new StartupError(
      `calma could not start: alerts.platform is ${alertPlatform} in calma.yaml, but ${alertPlatform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN'} is not set`,
    );
  }
  // An alert answered 202 must reach people: with no channel for triage cards, refuse to start instead.
  const alertSecrets = ALERT_SECRET_ENV.filter((name) => env[name]);
  const triageChannel =
    config.settings.alerts.triage_channel ??
    (alertPlatform === 'discord'
      ? config.settings.discord.announcements
      : config.settings.channels.announcements);
  if (alertSecrets.length > 0 && alertPlatform !== 'console' && !triageChannel) {
    throw new StartupError(
      `calma could not start: the alert endpoints are on (${alertSecrets.join(', ')}) but triage cards have nowhere to go: set alerts.triage_channel in calma.yaml to a ${alertPlatform} channel id`,
    );
  }
  const metrics = new CalmaMetrics();
  // What /healthz says of each chat platform: connecting until its start-up gets through.
  const platformStates = new Map<ChatPlatform, () => PlatformState>(
    chats.map((chat) => [chat, () => 'connecting' as const]),
  );
  const store = new RedisIncidentStore(redis, prefix);
  const alertStore = new RedisAlertStore(redis, prefix);
  /**
   * The handlers' dependencies on one platform, with its own reminder queue and outbox: each platform
   * has its queues, worked by the processes serving it, and an incident belongs to the platform it was
   * opened on.
   */
  const platformBase = (platform: ChatPlatform | 'console') => {
    const timed = reminders({ redisUrl, prefix, platform, playbooks, policy, minuteMs: env.CALMA_MINUTE_MS });
    stops.push(timed.stop);
    const outbox = outboxService({ redisUrl, prefix, platform, targets: config.outbound });
    stops.push(outbox.stop);
    metrics.watch(timed.scheduler.queue, outbox.outbox.queue);
    const discord = platform === 'discord';
    const base: Omit<Deps, 'chat'> = {
      store,
      playbooks,
      clock: systemClock,
      log,
      locale: config.locale,
      minuteMs: env.CALMA_MINUTE_MS,
      channelPrefix: config.settings.channels.prefix,
      responders: discord ? config.settings.discord.responders : config.settings.responders,
      announcements: discord ? config.settings.discord.announcements : config.settings.channels.announcements,
      playbooksUrl: config.settings.playbooks_url,
      scheduler: timed.scheduler,
      policy,
      approvers: config.settings.approvers,
      outboundTargets: config.outbound.map((target) => target.name),
      outbox: outbox.outbox,
      alerts: alertStore,
    };
    return {
      base,
      work: (deps: Deps) => {
        timed.work(deps);
        outbox.work(deps);
      },
    };
  };
  // Alerts accepted at POST /alerts/<source> wait in `alerts-<platform>` for that platform's worker,
  // where they are routed, deduplicated and grouped into incidents or triage cards (docs/alerts.md).
  const alerts = alertIntakeService({ redisUrl, prefix, platform: alertPlatform, log });
  stops.push(alerts.stop);
  const alertWorker = alertWorkerService({ redisUrl, prefix, platform: alertPlatform });
  stops.push(alertWorker.stop);
  const notAudits = config.settings.audits.filter((a) => playbooks.get(a.playbook)?.kind !== 'audit');
  if (notAudits.length > 0) {
    throw new StartupError(
      `calma could not start: audits in calma.yaml names playbooks that are not loaded audit playbooks (kind: audit): ${notAudits.map((a) => a.playbook).join(', ')}`,
    );
  }
  // Scheduled audits open where alerts do (docs/decisions.md).
  const audits = auditService({
    redisUrl,
    prefix,
    platform: alertPlatform,
    audits: config.settings.audits.map((a) => ({ playbook: a.playbook, everyDays: a.every_days })),
    minuteMs: env.CALMA_MINUTE_MS,
  });
  stops.push(audits.stop);
  metrics.watch(alerts.intake.queue, audits.queue);
  const workAlerts = (deps: Deps, workspace: () => Promise<string>, lobby: string | null) => {
    const settings: AlertSettings = {
      workspace: configuredWorkspace(config) ?? workspace,
      routes: alertRouting,
      triageChannel: config.settings.alerts.triage_channel ?? deps.announcements ?? lobby,
      groupWindow: config.settings.alerts.group_window,
    };
    alertWorker.work({ ...deps, alerts: alertStore }, settings);
    void audits
      .work(deps, settings.workspace, deps.announcements ?? lobby ?? '')
      .catch((error: unknown) => log.error({ err: error }, 'could not schedule the audits'));
  };
  // One HTTP server on PORT for everything: Slack (HTTP mode), health, the read API and alerts.
  const http = new HttpServer(log)
    .observe((route, method, status, seconds) => metrics.observe(route, method, status, seconds))
    .route(healthRoute({ redis, platforms: () => readStates(platformStates) }))
    .route(metrics.route())
    .route(...incidentApi({ store, playbooks, policy, minuteMs: env.CALMA_MINUTE_MS }, env.CALMA_API_TOKEN))
    .route(
      ...alertRoutes({
        sink: alerts.intake,
        secrets: {
          alertmanager: env.ALERTMANAGER_TOKEN,
          grafana: env.GRAFANA_WEBHOOK_SECRET,
          pagerduty: env.PAGERDUTY_WEBHOOK_SECRET,
          generic: env.GENERIC_WEBHOOK_SECRET,
        },
        rateLimits: config.settings.alerts.rate_limit,
        log,
      }),
    );
  stops.push(() => http.close());
  // With a chat platform the port opens first: while Slack or Discord is still being reached, /healthz
  // says so and alerts are accepted and kept. (The console tolerates a busy port, further down.)
  const chatPort = chats.length > 0 ? await listenOrExplain(http, env.PORT) : undefined;
  if (env.SLACK_BOT_TOKEN) {
    const platform = platformBase('slack');
    const slack = await startSlack(
      platform.base,
      {
        botToken: env.SLACK_BOT_TOKEN,
        ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        port: env.PORT,
        http,
        captureReaction: config.settings.slack.capture_reaction,
        handOff: { redisUrl, prefix },
      },
      log,
    );
    stops.push(slack.stop);
    platformStates.set('slack', () => (slack.connected() ? 'connected' : 'reconnecting'));
    platform.work(slack.deps);
    if (alertPlatform === 'slack') workAlerts(slack.deps, slack.teamId, null);
  }
  if (env.DISCORD_TOKEN) {
    const platform = platformBase('discord');
    const discord = await startDiscord(
      platform.base,
      {
        token: env.DISCORD_TOKEN,
        ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
        ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
        category: config.settings.discord.category,
        archiveCategory: config.settings.discord.archive_category,
        captureReaction: config.settings.discord.capture_reaction,
        handOff: { redisUrl, prefix },
      },
      log,
    );
    stops.push(discord.stop);
    platformStates.set('discord', () => (discord.connected() ? 'connected' : 'reconnecting'));
    platform.work(discord.deps);
    if (alertPlatform === 'discord') workAlerts(discord.deps, discord.guildId, null);
  }
  if (chatPort !== undefined) {
    const slackHttp = env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN;
    log.info(
      { port: chatPort },
      `HTTP on port ${chatPort}${slackHttp ? ': Slack events at POST /slack/events' : ''}`,
    );
    return; // Serves until a signal stops it.
  }

  const platform = platformBase('console');
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const write = (text: string) => process.stdout.write(`${text}\n`);
  const chat = new ConsoleChat(write, interactive ? ansiStyle : plainStyle, translator(config.locale));
  const deps = { ...platform.base, chat };
  // The console does not need the port: if another program has it, say so and carry on without HTTP.
  await http.listen(env.PORT).then(
    (port) => log.info({ port }, `HTTP on port ${port} (health, read API, alerts)`),
    (error: unknown) => log.warn({ err: error, port: env.PORT }, 'HTTP is off: the port is not available'),
  );
  platform.work(deps);
  workAlerts(deps, async () => CONSOLE_WORKSPACE, LOBBY);
  try {
    await runConsole(deps, { input: process.stdin, write, interactive, user: consoleUser() });
  } finally {
    await stop();
  }
}

/** Listens on `port`, or stops start-up with one line when another program has it. */
async function listenOrExplain(http: HttpServer, port: number): Promise<number> {
  try {
    return await http.listen(port);
  } catch (error) {
    throw new StartupError(`calma could not listen on port ${port} (PORT): ${(error as Error).message}`);
  }
}

function readStates(states: Map<ChatPlatform, () => PlatformState>): Record<string, PlatformState> {
  return Object.fromEntries([...states].map(([platform, state]) => [platform, state()]));
}

/** calma.yaml `alerts.workspace`, when set: the workspace alerts open incidents in. */
function configuredWorkspace(config: Config): (() => Promise<string>) | null {
  const workspace = config.settings.alerts.workspace;
  return workspace ? async () => workspace : null;
}

/** The console speaks as the person at the keyboard. */
function consoleUser(): string {
  try {
    return process.env.USER || userInfo().username || 'you';
  } catch {
    return 'you';
  }
}

async function playbookRegistry(config: Config): Promise<PlaybookRegistry> {
  const dirs = [
    builtinPlaybooksDir,
    ...(config.settings.playbooks_dir ? [config.settings.playbooks_dir] : []),
  ];
  const { playbooks, scenarios, problems } = await loadPlaybooks(dirs);
  if (problems.length > 0) {
    throw new StartupError(
      [
        `calma could not start: ${problems.length} problem(s) in playbooks or drill scenarios`,
        ...problems.map((p) => `  ${formatProblem(p)}`),
      ].join('\n'),
    );
  }
  return new PlaybookRegistry(playbooks, scenarios);
}

/** `REDIS_URL` when set; otherwise a private redis-server with its data under CALMA_DATA_DIR. */
async function connectRedis(config: Config, log: Logger) {
  const url = config.env.REDIS_URL;
  const server = url ? null : await startPrivateRedis({ dataDir: config.env.CALMA_DATA_DIR, log });
  const redis = new Redis(url ?? server?.url ?? '', { lazyConnect: true, maxRetriesPerRequest: 3 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    await server?.stop();
    throw new StartupError(`calma could not reach Redis at ${redactUrl(url ?? '')}: ${String(error)}`);
  }
  log.info({ redis: redactUrl(url ?? server?.url ?? '') }, url ? 'using Redis' : 'started a private Redis');
  return { redis, redisUrl: url ?? server?.url ?? '', stopRedis: async () => server?.stop() };
}

main().catch((error: unknown) => {
  const known = [StartupError, ConfigError, RedisNotInstalledError, DataDirInUseError, RefusedError].some(
    (k) => error instanceof k,
  );
  process.stderr.write(
    `${known && error instanceof Error ? error.message : ((error as Error)?.stack ?? String(error))}\n`,
  );
  process.exit(1);
});
