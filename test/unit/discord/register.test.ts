import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { registerCommands } from '../../../src/discord/register-cli';
import { calmaEntry } from '../../support/calma-build';

interface Recorded {
  method: string;
  url: string;
  authorization: string;
  body: unknown;
}

/** A stand-in for Discord's REST API on a free local port: records each request, answers `status`. */
async function fakeDiscord(
  status = 200,
): Promise<{ api: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const body: unknown = raw ? JSON.parse(raw) : null;
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization ?? '',
        body,
      });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 200
            ? (body as object[]).map((command, i) => ({ ...command, id: String(1000 + i) }))
            : { message: '401: Unauthorized', code: 0 },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const playbooks = [
  { id: 'hacked-account', title: { en: 'Hacked account', es: 'Cuenta hackeada', fr: 'Compte piraté' } },
];

const names = (body: unknown): string[] => (body as { name: string }[]).map((c) => c.name);

describe('registerCommands', () => {
  let discord: Awaited<ReturnType<typeof fakeDiscord>>;

  afterEach(async () => {
    await discord.close();
  });

  it('GIVEN a guild id WHEN the commands are registered THEN they overwrite the guild’s commands with the bot token', async () => {
    discord = await fakeDiscord();

    const registered = await registerCommands({
      token: 'bot-token',
      applicationId: '111',
      guildId: '222',
      apiUrl: discord.api,
      playbooks,
    });

    expect(registered).toEqual({
      scope: 'guild',
      names: ['crisis', 'Open a crisis from this message', 'Add to crisis evidence'],
    });
    expect(discord.requests).toHaveLength(1);
    const [put] = discord.requests;
    expect([put?.method, put?.url, put?.authorization]).toEqual([
      'PUT',
      '/api/v10/applications/111/guilds/222/commands',
      'Bot bot-token',
    ]);
    expect(names(put?.body)).toEqual(registered.names);
    expect(JSON.stringify(put?.body)).toContain('"value":"hacked-account"');
  });

  it('GIVEN no guild id WHEN the commands are registered THEN they are the application’s global commands', async () => {
    discord = await fakeDiscord();

    const registered = await registerCommands({
      token: 't',
      applicationId: '111',
      apiUrl: discord.api,
      playbooks,
    });

    expect(registered.scope).toBe('global');
    expect(discord.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /api/v10/applications/111/commands',
    ]);
  });

  it('GIVEN Discord refuses the token WHEN the commands are registered THEN it fails with Discord’s message', async () => {
    discord = await fakeDiscord(401);

    await expect(
      registerCommands({
        token: 'wrong',
        applicationId: '111',
        guildId: '222',
        apiUrl: discord.api,
        playbooks,
      }),
    ).rejects.toThrow(/Unauthorized/);
  });
});

describe('npm run discord:register', () => {
  let cwd: string;
  let discord: Awaited<ReturnType<typeof fakeDiscord>>;

  beforeEach(async () => {
    // An empty working directory: no .env or calma.yaml of the developer's can reach the real Discord.
    cwd = await mkdtemp(path.join(tmpdir(), 'calma-register-'));
    discord = await fakeDiscord();
  });
  afterEach(async () => {
    await discord.close();
    await rm(cwd, { recursive: true, force: true });
  });

  /** Runs the CLI the way an operator does: a real process, only the variables given. */
  async function run(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        [calmaEntry('src/discord/register-cli.ts')],
        { cwd, env: { PATH: process.env.PATH ?? '', ...env } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  }

  it('GIVEN the Discord variables WHEN run THEN it registers the built-in playbooks for the guild and says so', async () => {
    const result = await run({
      DISCORD_TOKEN: 'bot-token',
      DISCORD_APPLICATION_ID: '111',
      DISCORD_GUILD_ID: '222',
      DISCORD_API_URL: discord.api,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Registered 3 commands for guild 222: \/crisis \(\d+ playbooks\)/);
    expect(discord.requests.map((r) => r.url)).toEqual(['/api/v10/applications/111/guilds/222/commands']);
    expect(JSON.stringify(discord.requests[0]?.body)).toContain('"value":"hacked-account"');
  });

  it('GIVEN no token nor application id WHEN run THEN it names both, exits 1 and calls nobody', async () => {
    const result = await run({ DISCORD_API_URL: discord.api });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN and DISCORD_APPLICATION_ID are not set');
    expect(discord.requests).toEqual([]);
  });
});
