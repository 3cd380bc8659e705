/**
 * `npm run discord:register`: tells Discord about calma's commands (`/crisis` and the two message
 * commands), with the playbooks calma would load as choices. With DISCORD_GUILD_ID they are the guild's
 * commands (visible there at once, what a single-server team wants); without, global ones. Run it again
 * after adding or renaming a playbook. Reads `.env` and calma.yaml the way `npm start` does.
 */

import { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { ConfigError, loadConfig, loadDotEnv } from '../config/load';
import { builtinPlaybooksDir, loadPlaybooks } from '../playbook/loader';
import { formatProblem } from '../yaml/validate-yaml';
import { discordCommands, type PlaybookChoice } from './commands';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Set: the commands of this guild; unset: global commands. */
  guildId?: string;
  /** Discord's REST base (`https://discord.com/api` by default); discord.js appends `/v10/...`. */
  apiUrl?: string;
  playbooks: PlaybookChoice[];
}

export interface Registered {
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Bulk-overwrites the application's commands (PUT: commands calma no longer has are removed), through
 * discord.js's REST client, which waits out rate limits and retries server errors.
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
 */
export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const body = discordCommands(options.playbooks);
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  await rest.put(route, { body });
  return { scope: options.guildId ? 'guild' : 'global', names: body.map((command) => command.name) };
}

/** A failure whose message is the whole story for the operator: printed without a stack. */
class RegisterError extends Error {}

async function main(): Promise<string> {
  loadDotEnv();
  const { env, settings } = await loadConfig();
  const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new RegisterError(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is not set: copy it' : 'are not set: copy them'} from your application in the Discord Developer Portal (https://discord.com/developers/applications), in .env or the environment.`,
    );
  }
  const dirs = [builtinPlaybooksDir, ...(settings.playbooks_dir ? [settings.playbooks_dir] : [])];
  const { playbooks, problems } = await loadPlaybooks(dirs);
  if (problems.length > 0) {
    throw new RegisterError(
      [
        `${problems.length} problem(s) in playbooks: fix them first, as \`npm start\` would refuse them too`,
        ...problems.map((p) => `  ${formatProblem(p)}`),
      ].join('\n'),
    );
  }
  const registered = await registerCommands({
    token: env.DISCORD_TOKEN ?? '',
    applicationId: env.DISCORD_APPLICATION_ID ?? '',
    ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
    ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
    playbooks,
  }).catch((error: unknown) => {
    throw new RegisterError(
      `Discord refused the commands: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const where = registered.scope === 'guild' ? `for guild ${env.DISCORD_GUILD_ID}` : 'globally';
  return `Registered ${registered.names.length} commands ${where}: /${registered.names[0]} (${playbooks.length} playbooks), ${registered.names
    .slice(1)
    .map((name) => `“${name}”`)
    .join(', ')}`;
}

if (require.main === module) {
  main().then(
    (done) => {
      console.log(done);
    },
    (error: unknown) => {
      const known = error instanceof RegisterError || error instanceof ConfigError;
      console.error(known ? error.message : error);
      process.exitCode = 1;
    },
  );
}
