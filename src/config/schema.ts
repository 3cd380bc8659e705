import { z } from 'zod';
import { LOCALES } from '../core/types';

const optionalSecret = z.string().min(1).optional();

/** Secrets and connection settings: environment only (the names are fixed by DESIGN.md). */
export const Env = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_API_URL: z.url().optional(),
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APPLICATION_ID: z.string().optional(),
  DISCORD_GUILD_ID: z.string().optional(),
  DISCORD_API_URL: z.url().optional(),
  CALMA_CONFIG: z.string().default('./calma.yaml'),
  CALMA_LOCALE: z.enum(LOCALES).optional(),
  CALMA_MINUTE_MS: z.coerce.number().int().positive().default(60_000),
  CALMA_API_TOKEN: optionalSecret,
  CALMA_DATA_DIR: z.string().default('./.calma'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ALERTMANAGER_TOKEN: optionalSecret,
  GRAFANA_WEBHOOK_SECRET: optionalSecret,
  PAGERDUTY_WEBHOOK_SECRET: optionalSecret,
  GENERIC_WEBHOOK_SECRET: optionalSecret,
});
export type Env = z.infer<typeof Env>;

/** Behaviour: `calma.yaml`. Every key is documented with its default in `calma.example.yaml`. */
export const Settings = z
  .object({
    locale: z.enum(LOCALES).default('en'),
    redis: z
      .object({
        key_prefix: z
          .string()
          .regex(/^[A-Za-z0-9_.-]+$/)
          .default('calma'),
      })
      .strict()
      .default({
        key_prefix: 'calma',
      }),
    channels: z
      .object({
        prefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'lowercase a-z, 0-9, - or _, at most 20 characters')
          .default('crisis'),
      })
      .strict()
      .default({ prefix: 'crisis' }),
    responders: z.array(z.string().min(1)).default([]),
    playbooks_dir: z.string().nullable().default(null),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

export interface Config {
  env: Env;
  settings: Settings;
  /** The effective default language: `CALMA_LOCALE` overrides `locale` in calma.yaml. */
  locale: (typeof LOCALES)[number];
}
