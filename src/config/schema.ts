import { isIP } from 'node:net';
import { z } from 'zod';
import { parseLabelPattern, parseSeverityCondition, ROUTE_ACTIONS } from '../core/alert-route';
import { DEFAULT_APPROVAL_POLICY } from '../core/approval-policy';
import { CONFIG_NETWORKS } from '../core/networks';
import type { ReminderPolicy } from '../core/reminders';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from '../core/time-zone';
import { ALERT_SOURCES, LOCALES, ROLES } from '../core/types';
import { parseRedisUrl, RedisUrlError } from '../redis/url';

/**
 * Names whose values must never reach a log line or an error message. Matching on the name (not a list)
 * means a secret added to `Env` later is hidden without anyone remembering to register it.
 */
export function isSecretName(name: string): boolean {
  return /TOKEN|SECRET|PASSWORD/i.test(name);
}

// Every message below completes "PORT: ..." for an operator; the loader appends `, got "<value>"` for
// values that are not secret. The env is all strings, so each check is one readable sentence.
const optionalSecret = z.string().min(1).optional();

/** A whole number in a range, from its decimal text: `z.coerce` would accept "", "1e3" and "0x10". */
function wholeNumber(min: number, max: number, expected: string) {
  return z
    .string()
    .regex(/^\d{1,16}$/, expected)
    .transform(Number)
    .refine((n) => n >= min && n <= max, expected);
}

/** Catches the classic mix-up of Slack's bot token (xoxb-) and app-level token (xapp-). */
function slackToken(prefix: string, what: string) {
  return z.string().startsWith(prefix, `expected ${what} starting with ${prefix}`).optional();
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const discordId = z
  .string()
  .regex(/^\d{1,20}$/, 'expected a Discord id (digits only)')
  .optional();

/**
 * Secrets and connection settings: environment only (the names are fixed: docs/architecture.md, "Names that do not change"). Parse it through
 * `loadConfig`, which treats empty strings as unset and trims values first.
 */
export const Env = z
  .object({
    // One server, Sentinel or Cluster: src/redis/url.ts says what is wrong (without the password).
    REDIS_URL: z
      .string()
      .superRefine((url, ctx) => {
        try {
          parseRedisUrl(url);
        } catch (error) {
          if (!(error instanceof RedisUrlError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
        }
      })
      .optional(),
    PORT: wholeNumber(0, 65535, 'expected a number from 0 to 65535').default(3000),
    // Unset: 127.0.0.1 for the console (this machine only), every interface with Slack or Discord.
    CALMA_HOST: z
      .string()
      .refine(
        (host) => isIP(host) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host),
        'expected an IP address (such as 127.0.0.1 or 0.0.0.0) or a host name',
      )
      .optional(),
    SLACK_BOT_TOKEN: slackToken('xoxb-', 'a bot token'),
    SLACK_SIGNING_SECRET: optionalSecret,
    SLACK_APP_TOKEN: slackToken('xapp-', 'an app-level token'),
    // Bolt calls `${slackApiUrl}${method}`: a missing trailing slash would glue the method to the path.
    SLACK_API_URL: httpUrl.transform((url) => (url.endsWith('/') ? url : `${url}/`)).optional(),
    DISCORD_TOKEN: optionalSecret,
    DISCORD_APPLICATION_ID: discordId,
    DISCORD_GUILD_ID: discordId,
    // discord.js appends `/v10/...` itself: a trailing slash would make `//v10`.
    DISCORD_API_URL: httpUrl.transform((url) => url.replace(/\/+$/, '')).optional(),
    // How long a killed replica keeps the gateway from the others (docs/operations.md).
    DISCORD_GATEWAY_LEASE_MS: wholeNumber(
      500,
      600_000,
      'expected a whole number of milliseconds from 500 to 600000',
    ).default(5000),
    CALMA_CONFIG: z.string().default('./calma.yaml'),
    CALMA_LOCALE: z.enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` }).optional(),
    CALMA_MINUTE_MS: wholeNumber(
      1,
      86_400_000,
      'expected a whole number of milliseconds, at least 1',
    ).default(60_000),
    // How long a silent replica keeps the requests it acknowledged from the others (docs/operations.md).
    // Unset: GUARD_LAPSE_MS (src/queue/commands.ts).
    CALMA_HANDOFF_LAPSE_MS: wholeNumber(
      1000,
      600_000,
      'expected a whole number of milliseconds from 1000 to 600000',
    ).optional(),
    CALMA_API_TOKEN: optionalSecret,
    // Signs approval links (docs/statements.md, "Approving from a browser"). Unset: links are off.
    CALMA_LINK_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters (e.g. `openssl rand -hex 32`)')
      .optional(),
    CALMA_DATA_DIR: z.string().default('./.calma'),
    // Unset: info, or warn in the console in a terminal (main decides).
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .optional(),
    ALERTMANAGER_TOKEN: optionalSecret,
    GRAFANA_WEBHOOK_SECRET: optionalSecret,
    PAGERDUTY_WEBHOOK_SECRET: optionalSecret,
    GENERIC_WEBHOOK_SECRET: optionalSecret,
  })
  // Half a platform's settings would silently start calma without that platform (or console only):
  // better to refuse and say which variable is missing. Zod runs this even when a field failed.
  .superRefine((env, ctx) => {
    const missing = (key: keyof typeof env, message: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message, params: { combination: true } });
    const slackSet = (['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const).filter(
      (k) => env[k] !== undefined,
    );
    if (env.SLACK_BOT_TOKEN === undefined && slackSet.length > 0) {
      missing('SLACK_BOT_TOKEN', `missing: ${slackSet.join(' and ')} set, but Slack needs the bot token too`);
    }
    if (env.SLACK_BOT_TOKEN !== undefined && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      missing(
        'SLACK_SIGNING_SECRET',
        'missing: Slack HTTP mode (no SLACK_APP_TOKEN) needs it to verify requests; or set SLACK_APP_TOKEN for Socket Mode',
      );
    }
    const discordSet = (['DISCORD_APPLICATION_ID', 'DISCORD_GUILD_ID'] as const).filter(
      (k) => env[k] !== undefined,
    );
    if (env.DISCORD_TOKEN === undefined && discordSet.length > 0) {
      missing(
        'DISCORD_TOKEN',
        `missing: ${discordSet.join(' and ')} set, but Discord needs the bot token too`,
      );
    }
  });
export type Env = z.infer<typeof Env>;

/** Env variable names whose values are secret (for log redaction and error messages). */
export const SECRET_ENV_NAMES: readonly string[] = Object.keys(Env.shape).filter(isSecretName);

// YAML reads an unquoted Discord snowflake as a number and loses its last digits: insist on quotes.
const userId = z
  .string({ error: 'a user id in quotes (an unquoted number loses digits)' })
  .trim()
  .min(1, 'an empty user id');

/** A Discord channel or category id: digits, quoted in YAML (an unquoted one loses its last digits). */
const discordChannel = z
  .string({ error: 'a Discord channel id in quotes (an unquoted number loses digits)' })
  .regex(/^\d{1,20}$/, 'a Discord id: digits only');
/** A Discord user id, or a role id written `&<id>` (everyone holding the role). */
const discordHolder = z
  .string({ error: 'a Discord user id in quotes, or &<role id>' })
  .regex(/^&?\d{1,20}$/, 'a Discord user id (digits), or a role id written &<digits>');

const minutes = z
  .number()
  .int('whole minutes')
  .positive('more than 0 minutes')
  .max(7 * 24 * 60);
const minutesOrOff = minutes.nullable();

/** Approval slots of a statement: roles, one person each (two `approver` entries need two approvers). */
const approvalRoles = z
  .array(z.enum(ROLES, { error: `a role: one of ${ROLES.join(', ')}` }))
  .min(1, 'at least one approval: nothing is published by one person alone');

const alertSource = z.enum(ALERT_SOURCES, { error: `a source: one of ${ALERT_SOURCES.join(', ')}` });

/** One alert endpoint's rate: `per_second` requests on average, `burst` at once (docs/alerts.md). */
const alertRateLimit = z
  .object({
    per_second: z.number().positive('more than 0').max(100_000).default(50),
    burst: z.number().int('a whole number').min(1, 'at least 1').max(1_000_000).default(200),
  })
  .strict();

/** One rule of `alerts.routes` (docs/alerts.md): the first rule whose `match` fits an alert decides. */
const alertRoute = z
  .object({
    match: z
      .object({
        source: z
          .union([alertSource, z.array(alertSource).min(1)], {
            error: `a source (${ALERT_SOURCES.join(', ')}) or a list of them`,
          })
          .optional(),
        labels: z
          .record(
            z.string(),
            z
              .union([z.string(), z.number(), z.boolean()], { error: 'a label value, or /regex/' })
              .transform(String)
              .refine((v) => parseLabelPattern(v) !== null, 'an invalid regular expression'),
          )
          .optional(),
        severity: z
          .union([z.string(), z.number()])
          .refine((v) => parseSeverityCondition(v) !== null, 'a severity like 1, "<=2" or ">=3"')
          .optional(),
      })
      .strict()
      .prefault({}),
    action: z.enum(ROUTE_ACTIONS, { error: `one of ${ROUTE_ACTIONS.join(', ')}` }),
    playbook: z.string().trim().min(1, 'a playbook id').optional(),
    severity: z.number().int().min(1, 'from 1 to 4').max(4, 'from 1 to 4').optional(),
  })
  .strict()
  .refine((route) => route.action !== 'open' || route.playbook !== undefined, {
    message: 'an `open` route needs a playbook',
    path: ['playbook'],
  });

/** Issue 19, the public status page (docs/status-page.md): absent or null, it is off. */
const statusPage = z
  .object({
    title: z.string().trim().min(1, 'a title, like "Acme status"').max(120),
    /** Shown above the title; the page's only external fetch, so https only. */
    logo_url: z
      .url({ protocol: /^https$/, error: 'an https:// URL, or null' })
      .nullable()
      .default(null),
    /** Where readers reach the page (`https://status.example.com`): the feeds' absolute links. */
    base_url: httpUrl
      .transform((url) => url.replace(/\/+$/, ''))
      .nullable()
      .default(null),
    /** Playbooks whose incidents may appear; null: every playbook. */
    playbooks: z.array(z.string().trim().min(1, 'a playbook id')).nullable().default(null),
    /** Severities whose incidents may appear (1 is SEV1); an incident with none set never does. */
    severities: z
      .array(
        z
          .union([z.literal([1, 2, 3, 4]), z.enum(['sev1', 'sev2', 'sev3', 'sev4'])], {
            error: 'a severity: 1 to 4, or sev1 to sev4',
          })
          .transform((s) => (typeof s === 'number' ? s : Number(s.slice(3)))),
      )
      .default([1, 2, 3, 4]),
    /** The page's language when the reader asks for none we have; null: calma's locale. */
    language: z
      .enum(LOCALES, { error: `one of ${LOCALES.join(', ')}` })
      .nullable()
      .default(null),
    /** Resolved incidents stay on the page and in the feeds this many days after they closed. */
    recent_days: z.number().int('whole days').min(0).max(365).default(30),
  })
  .strict();

/** Behaviour: `calma.yaml`. Every key is documented with its default in `calma.example.yaml`. */
export const Settings = z
  .object({
    locale: z.enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` }).default('en'),
    /** The team's IANA time zone: every time calma shows is local to it, with its UTC offset. */
    timezone: z
      .string({ error: 'an IANA time zone name, like Europe/Madrid' })
      .trim()
      .refine(
        (name) => canonicalTimeZone(name) !== null,
        'an unknown time zone: an IANA name, like Europe/Madrid, America/New_York or UTC',
      )
      .transform((name) => canonicalTimeZone(name) ?? name)
      .default(DEFAULT_TIME_ZONE),
    redis: z
      .object({
        /**
         * Prepended with `:` to every Redis key and BullMQ queue, so tenants and tests do not collide; on a
         * Redis Cluster as the hash tag `{key_prefix}` (src/redis/connect.ts).
         */
        key_prefix: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, ., - or _, at most 40 characters (no ":")')
          .default('calma'),
      })
      .strict()
      // prefault parses `{}` through the object, so the inner defaults are written once.
      .prefault({}),
    channels: z
      .object({
        prefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'lowercase a-z, 0-9, - or _, at most 20 characters')
          .default('crisis'),
        /** Channel id where every incident is announced with a Join button; null: no announcement. */
        announcements: z.string().trim().min(1, 'a channel id, or null').nullable().default(null),
        /** Minutes after closing before the incident's channel is archived; null: never. */
        archive_after: minutesOrOff.default(null),
      })
      .strict()
      .prefault({}),
    responders: z.array(userId).default([]),
    /**
     * Who may approve public statements, by approval role (users or Slack user groups). The incident's
     * own role holders count too: whoever holds `approver` on an incident may approve its statements.
     */
    approvers: z
      .partialRecord(z.enum(ROLES, { error: `a role: one of ${ROLES.join(', ')}` }), z.array(userId))
      .default({}),
    /** Public statements: who approves them, and the facts calma fills into templates. */
    statements: z
      .object({
        /**
         * Who must approve a public statement, by the incident's severity (a playbook may override it):
         * each role is one approval by a different person, never an author. Not set yet counts as SEV1.
         */
        approvals: z
          .object({
            sev1: approvalRoles.default(DEFAULT_APPROVAL_POLICY.sev1),
            sev2: approvalRoles.default(DEFAULT_APPROVAL_POLICY.sev2),
            sev3: approvalRoles.default(DEFAULT_APPROVAL_POLICY.sev3),
            sev4: approvalRoles.default(DEFAULT_APPROVAL_POLICY.sev4),
          })
          .strict()
          .prefault({}),
        /** Where the public writes to us ({contact}): an address, a form's URL, a handle; null: asked. */
        contact: z.string().trim().min(1, 'where to write to us, or null').nullable().default(null),
        /** Who signs public statements ({signature}): a name and role, or the team's name; null: asked. */
        signature: z.string().trim().min(1, 'a name and role, or null').nullable().default(null),
        /** Where the public follows our updates besides the account in trouble ({channel}); null: asked. */
        channel: z.string().trim().min(1, 'where updates are posted, or null').nullable().default(null),
        /**
         * The brand's own social handles (`@acme`): a statement naming them names no person, so the
         * checklist's "named person" warning leaves them out.
         */
        own_accounts: z
          .array(
            z
              .string()
              .trim()
              .regex(/^@\w{2,}$/, 'a handle written as in a post, like @acme'),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    /** Where published statements are POSTed (status page, social scheduling tool, Zapier...). */
    outbound: z
      .array(
        z
          .object({
            name: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'lowercase a-z, 0-9, - or _, at most 30 characters'),
            url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
            /** The environment variable holding the signing secret: secrets never live in calma.yaml. */
            secret_env: z
              .string()
              .regex(/^[A-Z][A-Z0-9_]*$/, 'the name of an environment variable, like STATUSPAGE_SECRET'),
          })
          .strict(),
      )
      .refine(
        (targets) => new Set(targets.map((t) => t.name)).size === targets.length,
        'two targets have the same name',
      )
      .default([]),
    /**
     * Approval requests by email: `target` names an `outbound` target that receives an
     * `approval.requested` event with each approval link calma sends (and no statements); `emails`
     * maps chat user ids to addresses put in the event. null: none sent.
     */
    approval_requests: z
      .object({
        target: z.string().trim().min(1, 'the name of an outbound target'),
        emails: z.record(userId, z.email({ error: 'an email address' })).default({}),
      })
      .strict()
      .nullable()
      .default(null),
    /**
     * Directory of the team's playbooks (YAML), loaded after the shipped ones (same id replaces); null:
     * only the shipped ones. `loadConfig` resolves a relative path from the directory of calma.yaml.
     */
    playbooks_dir: z.string().trim().min(1, 'a directory path, or null').nullable().default(null),
    /** Where people read a playbook, `{id}` replaced by its id: bookmarked in every incident channel. */
    playbooks_url: z
      .url({ error: 'an http(s) URL containing {id}, or null' })
      .refine((url) => url.includes('{id}') || url.includes('%7Bid%7D'), 'the URL must contain {id}')
      .nullable()
      .default(null),
    reminders: z
      .object({
        /** Minutes between public status updates by severity (docs/crisis-craft.md); null: no reminders. */
        cadence: z
          .object({
            sev1: minutesOrOff.default(20),
            sev2: minutesOrOff.default(30),
            sev3: minutesOrOff.default(60),
            sev4: minutesOrOff.default(null),
          })
          .strict()
          .prefault({}),
        /** After this many minutes an incident is long-running: its cadence is multiplied by `long_factor`. */
        long_after: minutes.default(120),
        long_factor: z.number().min(1, 'at least 1 (1 keeps the cadence)').default(2),
        /** Minutes after a step's reminder before the incident lead is told it is still open. */
        escalate_after: minutes.default(10),
        no_lead_after: minutes.default(10),
        no_severity_after: minutes.default(5),
        stale_after: minutes.default(120),
        /** Minutes a statement may wait for approval before every approver is reminded. */
        approval_after: minutes.default(10),
        /** Each hygiene nag (no lead, no severity, no activity) is sent at most this many times. */
        max_nags: z.number().int().min(0).max(20).default(3),
        /** Minutes after a follow-up is added before its owner is reminded, and between reminders. */
        followup_after: minutes.default(1440),
      })
      .strict()
      .prefault({}),
    slack: z
      .object({
        /** Reacting with this emoji to a message in an incident channel adds it to the timeline. */
        capture_reaction: z
          .string()
          .regex(/^[a-z0-9_+-]+$/, 'an emoji name without colons, like pushpin')
          .default('pushpin'),
      })
      .strict()
      .prefault({}),
    /**
     * Audit playbooks (kind: audit) calma opens on a schedule, e.g. the preparedness audit every 90 days,
     * in the workspace and platform alerts use. Not crises: left out of /crisis stats.
     */
    audits: z
      .array(
        z
          .object({
            playbook: z.string().trim().min(1, 'an audit playbook id, like preparedness-audit'),
            /** Days between two audits, in playbook days (CALMA_MINUTE_MS scales them for demos). */
            every_days: z.number().int('whole days').min(1, 'at least 1 day').max(366, 'at most 366 days'),
          })
          .strict(),
      )
      .default([]),
    discord: z
      .object({
        /** Id of the category incident channels are created under; null: at the top of the server. */
        category: discordChannel.nullable().default(null),
        /** Id of the channel where incidents are announced on Discord (`channels.announcements` is Slack's). */
        announcements: discordChannel.nullable().default(null),
        /** Invited to every incident channel on Discord: user ids, or role ids written `&<id>`. */
        responders: z.array(discordHolder).default([]),
        /** Closed incidents' channels are moved here when archived (Discord has no archive); null: stay. */
        archive_category: discordChannel.nullable().default(null),
        /** Reacting with this emoji to a message in an incident channel adds it to the timeline. */
        capture_reaction: z.string().trim().min(1, 'an emoji, like 📌').max(32).default('📌'),
      })
      .strict()
      .prefault({}),
    /** What calma does with webhook alerts (docs/alerts.md): routing, triage and grouping. */
    alerts: z
      .object({
        /** The chat platform alerts open incidents on; null: Slack when configured, else Discord, else the console. */
        platform: z
          .enum(['slack', 'discord'], { error: 'slack or discord, or null' })
          .nullable()
          .default(null),
        /** Workspace incidents open in (Slack team id, Discord server id); null: `console`, the Slack bot token's team, or DISCORD_GUILD_ID / the bot's only server. */
        workspace: z.string().trim().min(1, 'a workspace id, or null').nullable().default(null),
        /** Channel id of the triage cards; null: the announcements channel (the lobby in the console). */
        triage_channel: z.string().trim().min(1, 'a channel id, or null').nullable().default(null),
        /** At most one chat message per alert group per this many minutes; the rest only on the timeline. */
        group_window: minutes.default(10),
        /**
         * Storm rule: past `groups` new alert groups routed to triage within `window` minutes, the next
         * groups of that window go on one digest card (posted once, updated in place); null: a card each.
         */
        storm: z
          .object({
            groups: z.number().int('a whole number').min(0, '0 or more').max(10_000).default(5),
            window: minutes.default(1),
          })
          .strict()
          .nullable()
          .prefault({}),
        /** Tried in order, the first match decides; no match: a triage card. */
        routes: z.array(alertRoute).default([]),
        /** Requests per second each alert endpoint takes (token bucket, per process); over it: 429. */
        rate_limit: z
          .object({
            alertmanager: alertRateLimit.prefault({}),
            grafana: alertRateLimit.prefault({}),
            pagerduty: alertRateLimit.prefault({}),
            generic: alertRateLimit.prefault({}),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    // Where calma's HTTP port is reached from a browser (approval links; feed self-links).
    /** Base URL of calma's HTTP port as a browser reaches it; null: approval links are off. */
    public_url: httpUrl
      .transform((url) => url.replace(/\/+$/, ''))
      .nullable()
      .default(null),
    status_page: statusPage.nullable().default(null),
    // The networks whose variant a statement's forms ask for (docs/statements.md).
    networks: z
      .array(z.enum(CONFIG_NETWORKS, { error: `a network: one of ${CONFIG_NETWORKS.join(', ')}` }))
      .refine((list) => new Set(list).size === list.length, 'each network once')
      .default([]),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const target = settings.approval_requests?.target;
    if (target && !settings.outbound.some((t) => t.name === target)) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval_requests', 'target'],
        message: `no outbound target is named "${target}" (outbound: ${settings.outbound.map((t) => t.name).join(', ') || 'none'})`,
      });
    }
  });
export type Settings = z.infer<typeof Settings>;

/** An outbound target with its signing secret read from the environment. */
export interface OutboundTarget {
  name: string;
  url: string;
  secret: string;
}

export interface Config {
  env: Env;
  settings: Settings;
  outbound: OutboundTarget[];
  /** The effective default language: `CALMA_LOCALE` overrides `locale` in calma.yaml. */
  locale: (typeof LOCALES)[number];
}

/** The reminder policy of calma.yaml in the shape the rules use. */
export function reminderPolicy(settings: Settings): ReminderPolicy {
  const r = settings.reminders;
  return {
    cadence: { 1: r.cadence.sev1, 2: r.cadence.sev2, 3: r.cadence.sev3, 4: r.cadence.sev4 },
    longAfter: r.long_after,
    longFactor: r.long_factor,
    escalateAfter: r.escalate_after,
    noLeadAfter: r.no_lead_after,
    archiveAfter: settings.channels.archive_after,
    noSeverityAfter: r.no_severity_after,
    staleAfter: r.stale_after,
    approvalAfter: r.approval_after,
    maxNags: r.max_nags,
    followupAfter: r.followup_after,
  };
}

/** The defaults of calma.yaml's `reminders` (for tests and tools that run without a config file). */
export const defaultReminderPolicy: ReminderPolicy = reminderPolicy(Settings.parse({}));
