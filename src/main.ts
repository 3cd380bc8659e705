import { fstatSync } from 'node:fs';
import { userInfo } from 'node:os';
import { isatty } from 'node:tty';
import type { AlertSettings } from './alerts/process';
import { alertIntakeService } from './alerts/service';
import { alertWorkerService } from './alerts/worker';
import type { LinkPlatform } from './app/approval-link';
import type { Deps } from './app/deps';
import { ConfigError, loadConfig, loadDotEnv } from './config/load';
import { type Config, reminderPolicy } from './config/schema';
import { ConsoleChat } from './console/console-chat';
import { ansiStyle, plainStyle } from './console/render';
import { CONSOLE_WORKSPACE, LOBBY, runConsole } from './console/repl';
import { Screen } from './console/screen';
import { compileRoutes, unknownRoutePlaybooks } from './core/alert-route';
import { variantNetworks } from './core/networks';
import { systemClock } from './core/types';
import { alertRoutes, headlessAlertRoutes } from './http/alerts';
import { approvalPageRoutes } from './http/approval-page';
import { draftPageRoutes } from './http/draft-page';
import { healthRoute, type PlatformState } from './http/health';
import { incidentApi } from './http/incident-api';
import { incidentPages } from './http/incident-page';
import type { LinkPageSettings } from './http/link-page';
import { CalmaMetrics } from './http/metrics';
import { HttpServer, type Route } from './http/server';
import { statusPageRoutes } from './http/status-page';
import { statusSource } from './http/status-source';
import { translator } from './i18n';
import { createLogger, type Logger, redactUrl } from './log';
import { builtinPlaybooksDir, loadPlaybooks, playbookCacheDir } from './playbook/loader';
import { PlaybookRegistry } from './playbook/registry';
import { auditService } from './queue/audits';
import { outboxService } from './queue/outbox';
import { reminders } from './queue/reminders';
import { redisClient, redisKeyPrefix, STORE_CONNECTION } from './redis/connect';
import { DataDirInUseError, RedisNotInstalledError, startPrivateRedis } from './redis/private-server';
import { RefusedError } from './startup/retry';
import { LinkClaims } from './store/link-claims';
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
  const { env } = config;
  const chats: ChatPlatform[] = [
    ...(env.SLACK_BOT_TOKEN ? (['slack'] as const) : []),
    ...(env.DISCORD_TOKEN ? (['discord'] as const) : []),
  ];
  // No chat platform and nobody who could type (stdin is /dev/null: a container, a service): headless.
  const headless = chats.length === 0 && stdinIsNull();
  const interactive = chats.length === 0 && !headless && Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const screen = new Screen(process.stdout, interactive);
  // The console in a terminal is for people: warnings and errors only, one short line each, above the prompt.
  const forPeople = interactive && Boolean(process.stderr.isTTY);
  const log = createLogger({
    level: env.LOG_LEVEL ?? (forPeople ? 'warn' : 'info'),
    pretty: Boolean(process.stderr.isTTY),
    ...(forPeople ? { console: (line: string) => screen.print(line, process.stderr) } : {}),
  });
  // Every way out (Ctrl-C, closing the terminal, a service manager's stop) ends in `stop`: a signal skips
  // `finally` and 'exit' handlers, and the private Redis must flush its AOF and release the data dir.
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      for (const each of stops.reverse()) await each();
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0)));
  }
  // A closed terminal (EIO) or a reader that left (EPIPE) must not cut the shutdown short.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  // Redis starts while the playbooks load (a private redis-server is a process of its own): the two
  // waits overlap. A rejection is handled where it is awaited; `catch` only marks it as expected.
  const alertRouting = compileRoutes(config.settings.alerts.routes);
  const connecting = connectRedis(config, log);
  connecting.catch(() => {});
  let playbooks: PlaybookRegistry;
  try {
    playbooks = await playbookRegistry(config);
    const unknownPlaybooks = unknownRoutePlaybooks(alertRouting, playbooks.ids());
    if (unknownPlaybooks.length > 0) {
      throw new StartupError(
        `calma could not start: alerts.routes in calma.yaml names playbooks that are not loaded: ${unknownPlaybooks.join(', ')} (loaded: ${playbooks.ids().join(', ')})`,
      );
    }
  } catch (error) {
    await connecting.then(
      async (connected) => {
        connected.redis.disconnect();
        await connected.stopRedis();
      },
      () => {},
    );
    throw error;
  }
  const { redis, redisUrl, stopRedis } = await connecting;
  // Stopped last (`stops` runs in reverse): everything else may still write to Redis while it stops.
  stops.push(stopRedis, async () => redis.disconnect());

  const policy = reminderPolicy(config.settings);
  const prefix = redisKeyPrefix(config.settings.redis.key_prefix, config.env.REDIS_URL);
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
  // The console is for this machine only unless asked; Slack's HTTP mode needs to be reachable.
  const host = env.CALMA_HOST ?? (chats.length > 0 ? '0.0.0.0' : '127.0.0.1');
  // The status page reads the workspaces this process serves, added as each platform starts.
  const servedWorkspaces: (() => Promise<string>)[] = [];
  const configured = configuredWorkspace(config);
  if (configured) servedWorkspaces.push(configured);
  const statusPage = config.settings.status_page;
  const statusRoutes = statusPageRoutes(
    statusPage && {
      title: statusPage.title,
      logoUrl: statusPage.logo_url,
      baseUrl: statusPage.base_url ?? config.settings.public_url,
      playbooks: statusPage.playbooks,
      severities: statusPage.severities,
      recentDays: statusPage.recent_days,
      language: statusPage.language ?? config.locale,
      timeZone: config.settings.timezone,
    },
    statusSource(store, redis, prefix, async () => [
      ...new Set(await Promise.all(servedWorkspaces.map((workspace) => workspace()))),
    ]),
  );
  // One HTTP server on PORT for everything: Slack (HTTP mode), health, the read API and alerts.
  // Approval links need both a key and a URL a browser reaches (docs/statements.md).
  const linkSecret = env.CALMA_LINK_SECRET;
  const publicUrl = config.settings.public_url;
  const approvalLinks = linkSecret && publicUrl ? { secret: linkSecret, publicUrl } : undefined;
  if (!approvalLinks) {
    log.info(
      `approval links are off (${[linkSecret ? '' : 'CALMA_LINK_SECRET', publicUrl ? '' : 'public_url in calma.yaml'].filter(Boolean).join(' and ')} not set): approvers approve in chat`,
    );
  }
  // The pages behind links (approval, draft editor) act with the deps of the platform a link's approver is on, once it is started.
  const linkDeps = new Map<LinkPlatform, Deps>();
  const linkPages: LinkPageSettings = {
    secret: linkSecret,
    publicUrl,
    deps: (platform) => linkDeps.get(platform),
    locale: config.locale,
    clock: systemClock,
    log,
  };
  const httpServer = (alertDoors: Route[]) =>
    new HttpServer(log)
      .observe((route, method, status, seconds) => metrics.observe(route, method, status, seconds))
      .route(healthRoute({ redis, platforms: () => readStates(platformStates), slotKey: `${prefix}:health` }))
      .route(metrics.route())
      .route(
        ...incidentApi(
          { store, playbooks, policy, minuteMs: env.CALMA_MINUTE_MS, timeZone: config.settings.timezone },
          env.CALMA_API_TOKEN,
        ),
      )
      .route(
        ...incidentPages(
          {
            store,
            playbooks,
            policy,
            minuteMs: env.CALMA_MINUTE_MS,
            timeZone: config.settings.timezone,
            clock: systemClock,
            locale: config.locale,
          },
          env.CALMA_API_TOKEN,
          approvalLinks?.secret,
        ),
        ...approvalPageRoutes({ ...linkPages, claims: new LinkClaims(redis, prefix) }),
        ...draftPageRoutes(linkPages),
      )
      .route(...statusRoutes)
      .route(...alertDoors);
  if (headless) {
    const http = httpServer(headlessAlertRoutes());
    stops.push(() => http.close());
    const port = await listenOrExplain(http, env.PORT, host);
    log.info({ host, port }, `HTTP on port ${port} (${hostName(host)}): health, metrics, read API`);
    log.warn(
      'no chat platform is configured and nobody can type here (stdin is /dev/null), so calma runs headless: HTTP only, alerts refused with 503. Set SLACK_BOT_TOKEN or DISCORD_TOKEN (in .env), or use the console in a terminal: docker compose run --rm calma',
    );
    return; // Serves until a signal stops it.
  }
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
      timeZone: config.settings.timezone,
      minuteMs: env.CALMA_MINUTE_MS,
      channelPrefix: config.settings.channels.prefix,
      responders: discord ? config.settings.discord.responders : config.settings.responders,
      announcements: discord ? config.settings.discord.announcements : config.settings.channels.announcements,
      playbooksUrl: config.settings.playbooks_url,
      scheduler: timed.scheduler,
      policy,
      approvers: config.settings.approvers,
      approvalPolicy: config.settings.statements.approvals,
      // The approval requests' target gets those alone: a mail relay is sent no public statement.
      outboundTargets: config.outbound
        .map((target) => target.name)
        .filter((name) => name !== config.settings.approval_requests?.target),
      networks: variantNetworks(config.settings.networks),
      statements: { ...config.settings.statements, ownAccounts: config.settings.statements.own_accounts },
      outbox: outbox.outbox,
      alerts: alertStore,
      ...(approvalLinks ? { approvalLinks: { ...approvalLinks, platform } } : {}),
      ...(config.settings.approval_requests ? { approvalRequests: config.settings.approval_requests } : {}),
    };
    return {
      base,
      work: (deps: Deps) => {
        timed.work(deps);
        outbox.work(deps);
      },
    };
  };
  // Alerts accepted at POST /alerts/<source> wait for that platform's worker in one of two lanes,
  // `alerts-<platform>-open` (a route opens an incident) or `alerts-<platform>` (the rest), where they
  // are routed, deduplicated and grouped into incidents or triage cards (docs/alerts.md).
  const alerts = alertIntakeService({
    redisUrl,
    prefix,
    platform: alertPlatform,
    routes: alertRouting,
    log,
  });
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
  metrics.watch(alerts.intake.queue, alerts.intake.openQueue, audits.queue).watchIntake(alerts.intake);
  const workAlerts = (deps: Deps, workspace: () => Promise<string>, lobby: string | null) => {
    const settings: AlertSettings = {
      workspace: configuredWorkspace(config) ?? workspace,
      routes: alertRouting,
      triageChannel: config.settings.alerts.triage_channel ?? deps.announcements ?? lobby,
      groupWindow: config.settings.alerts.group_window,
      storm: config.settings.alerts.storm,
    };
    alertWorker.work({ ...deps, alerts: alertStore }, settings);
    void audits
      .work(deps, settings.workspace, deps.announcements ?? lobby ?? '')
      .catch((error: unknown) => log.error({ err: error }, 'could not schedule the audits'));
  };
  const http = httpServer(
    alertRoutes({
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
  const chatPort = chats.length > 0 ? await listenOrExplain(http, env.PORT, host) : undefined;
  // Each platform's modules (Bolt, discord.js) load only when it is configured: the console starts faster.
  if (env.SLACK_BOT_TOKEN) {
    const { startSlack } = await import('./slack/app.js');
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
        handOff: { redisUrl, prefix, lapseMs: env.CALMA_HANDOFF_LAPSE_MS },
      },
      log,
    );
    stops.push(slack.stop);
    platformStates.set('slack', () => (slack.connected() ? 'connected' : 'reconnecting'));
    platform.work(slack.deps);
    linkDeps.set('slack', slack.deps);
    servedWorkspaces.push(slack.teamId);
    if (alertPlatform === 'slack') workAlerts(slack.deps, slack.teamId, null);
  }
  // Said once calma serves HTTP with its platforms started, or as soon as it waits as a Discord standby
  // (it serves HTTP then too: health, alerts, Slack).
  let httpSaid = false;
  const sayHttp = () => {
    if (chatPort === undefined || httpSaid) return;
    httpSaid = true;
    const slackHttp = env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN;
    log.info(
      { host, port: chatPort },
      `HTTP on port ${chatPort} (${hostName(host)})${slackHttp ? ': Slack events at POST /slack/events' : ''}`,
    );
  };
  if (env.DISCORD_TOKEN) {
    const { startDiscord } = await import('./discord/app.js');
    const { gatewayLease } = await import('./discord/gateway-lease.js');
    // One gateway session per bot across replicas: the others wait as standbys (docs/operations.md).
    const lease = gatewayLease({
      redis,
      prefix,
      token: env.DISCORD_TOKEN,
      ttlMs: env.DISCORD_GATEWAY_LEASE_MS,
      log,
    });
    stops.push(lease.stop);
    // A holder that lost its lease ends: restarted, it comes back as a standby with fresh state.
    lease.onLost(() => void stop().then(() => process.exit(1)));
    platformStates.set('discord', () => 'standby');
    if ((await lease.acquire(sayHttp)) === null) return;
    platformStates.set('discord', () => 'connecting');
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
        handOff: { redisUrl, prefix, lapseMs: env.CALMA_HANDOFF_LAPSE_MS },
        lease,
      },
      log,
    );
    stops.push(discord.stop);
    platformStates.set('discord', () => (discord.connected() ? 'connected' : 'reconnecting'));
    platform.work(discord.deps);
    linkDeps.set('discord', discord.deps);
    servedWorkspaces.push(discord.guildId);
    if (alertPlatform === 'discord') workAlerts(discord.deps, discord.guildId, null);
  }
  if (chatPort !== undefined) {
    sayHttp();
    return; // Serves until a signal stops it.
  }

  const platform = platformBase('console');
  const write = (text: string) => screen.print(text);
  const chat = new ConsoleChat(
    write,
    interactive ? ansiStyle : plainStyle,
    translator(config.locale, config.settings.timezone),
  );
  const deps = { ...platform.base, chat };
  // The console does not need the port: if another program has it, say so and carry on without HTTP.
  await http.listen(env.PORT, host).then(
    (port) => log.info({ host, port }, `HTTP on port ${port} (${hostName(host)}): health, read API, alerts`),
    (error: unknown) => log.warn({ err: error, port: env.PORT }, 'HTTP is off: the port is not available'),
  );
  platform.work(deps);
  linkDeps.set('console', deps);
  servedWorkspaces.push(async () => CONSOLE_WORKSPACE);
  workAlerts(deps, async () => CONSOLE_WORKSPACE, LOBBY);
  try {
    await runConsole(deps, { input: process.stdin, screen, user: consoleUser() });
  } finally {
    await stop();
  }
}

/** Listens on `port`, or stops start-up with one line when another program has it. */
async function listenOrExplain(http: HttpServer, port: number, host: string): Promise<number> {
  try {
    return await http.listen(port, host);
  } catch (error) {
    throw new StartupError(
      `calma could not listen on port ${port} (PORT) of ${host} (CALMA_HOST): ${(error as Error).message}`,
    );
  }
}

/** How the log names the bind address. */
function hostName(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'every interface';
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' ? 'this machine only' : host;
}

/**
 * True when stdin is /dev/null (a character device that is no terminal), as in a container or under a
 * service manager, or closed: nobody will ever type a line. A pipe or a file is a transcript to run.
 */
function stdinIsNull(): boolean {
  try {
    return fstatSync(0).isCharacterDevice() && !isatty(0);
  } catch {
    return true;
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
  const { playbooks, scenarios, problems } = await loadPlaybooks(dirs, { cacheDir: playbookCacheDir });
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
  const redis = redisClient(url ?? server?.url ?? '', { ...STORE_CONNECTION, lazyConnect: true });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    await server?.stop();
    throw new StartupError(`calma could not reach Redis at ${redactUrl(url ?? '')}: ${String(error)}`);
  }
  // The private server logs its own start, with its URL and data dir.
  if (url) log.info({ redis: redactUrl(url) }, 'using Redis');
  // Lost and back, said once each: ioredis reconnects on its own, however the link broke (a reset, a
  // refused connection, a fail-over).
  let lost = false;
  redis.on('reconnecting', () => {
    if (lost) return;
    lost = true;
    log.warn('lost Redis: retrying; health says 503 until it answers again');
  });
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info('Redis answers again');
  });
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
