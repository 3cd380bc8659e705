import { DISCORD_SEED, type FakeDiscord, startFakeDiscord } from '../support/fake-discord';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack';
import { type CalmaProcess, useE2eInstall, waitUntil } from './calma-process';

/**
 * An e2e installation (useE2eInstall) whose calma processes talk to a fake Slack or Discord started per
 * test: the files that kill a calma process mid-request and watch another take it over.
 */

export const SLACK_SECRET = 'e2e-signing-secret';

export interface PlatformInstall<Platform> {
  /** This test's fake platform. */
  readonly platform: Platform;
  /** Starts a calma process on it (a minute is a minute); `env` adds to or overrides the platform's. */
  calma(name: string, env?: Record<string, string>): CalmaProcess;
}

function usePlatformInstall<Platform extends { close(): Promise<void> }>(
  label: string,
  config: string,
  start: () => Promise<Platform>,
  env: (platform: Platform) => Record<string, string>,
): PlatformInstall<Platform> {
  // Declared first, so its processes are killed before the platform closes under them.
  const install = useE2eInstall(label, config);
  let platform: Platform | undefined;
  beforeEach(async () => {
    platform = await start();
  });
  afterEach(async () => {
    await platform?.close();
  });
  const current = (): Platform => {
    if (!platform) throw new Error('the fake platform is only available inside a test');
    return platform;
  };
  return {
    get platform() {
      return current();
    },
    calma: (name, extra = {}) => install.start(name, 60_000, { ...env(current()), ...extra }),
  };
}

/** calma on a fake Slack, signing with SLACK_SECRET. */
export function useSlackInstall(label: string): PlatformInstall<FakeSlack> {
  return usePlatformInstall(
    label,
    '',
    () => startFakeSlack(),
    (slack) => ({
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: slack.apiUrl,
    }),
  );
}

/** calma on a fake Discord, incident channels under the seeded crisis category. */
export function useDiscordInstall(label: string): PlatformInstall<FakeDiscord> {
  const config = `discord: { category: "${DISCORD_SEED.channels.crisis}" }\n`;
  return usePlatformInstall(
    label,
    config,
    () => startFakeDiscord(),
    (discord) => ({
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: discord.guildId,
    }),
  );
}

/** Resolves once calma logged its gateway connection. */
export async function connectedToDiscord(process: CalmaProcess): Promise<void> {
  await waitUntil(
    () => process.stderr.includes('connected to Discord'),
    30_000,
    () => `calma did not connect to Discord\n${process.stderr}`,
  );
}

/**
 * The killed process's requests run 5 s after its last heartbeat instead of 20 s: a live one would have to
 * stall for most of that to be taken over.
 */
export const QUICK_HANDOFF = { CALMA_HANDOFF_LAPSE_MS: '5000' };
