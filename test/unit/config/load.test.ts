import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../../../src/config/load';
import { Env, Settings } from '../../../src/config/schema';

const root = path.resolve(__dirname, '../../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'calma-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A calma.yaml in the temp dir, and an env naming it. */
async function withFile(text: string, env: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const file = path.join(dir, 'calma.yaml');
  await writeFile(file, text);
  return { ...env, CALMA_CONFIG: file };
}

/** Runs with the temp dir as cwd, where the default ./calma.yaml does not exist. */
async function inEmptyDir<T>(run: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await run();
  } finally {
    process.chdir(cwd);
  }
}

async function configError(env: NodeJS.ProcessEnv): Promise<ConfigError> {
  const error = await loadConfig(env).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('loadConfig', () => {
  test('GIVEN no variables and no ./calma.yaml WHEN loading THEN the defaults apply (console mode)', async () => {
    const config = await inEmptyDir(() => loadConfig({}));
    expect(config.env.PORT).toBe(3000);
    expect(config.env.CALMA_MINUTE_MS).toBe(60_000);
    expect(config.env.SLACK_BOT_TOKEN).toBeUndefined();
    expect(config.settings).toEqual(Settings.parse({}));
    expect(config.settings).toMatchObject({ channels: { prefix: 'crisis' }, redis: { key_prefix: 'calma' } });
    expect(config.locale).toBe('en');
  });

  test('GIVEN CALMA_CONFIG naming a missing file WHEN loading THEN the error names the variable and path', async () => {
    const missing = path.join(dir, 'nope.yaml');
    const error = await configError({ CALMA_CONFIG: missing });
    expect(error.problems).toEqual([
      { file: 'environment', key: 'CALMA_CONFIG', message: `names ${missing}, which does not exist` },
    ]);
    expect(error.message).toContain(`environment CALMA_CONFIG: names ${missing}, which does not exist`);
  });

  test('GIVEN wrong env vars and a wrong calma.yaml WHEN loading THEN every problem is listed at once', async () => {
    const env = await withFile('locale: en\nchannels:\n  prefix: Crisis Room\nredis:\n  key_prefx: x\n', {
      PORT: 'abc',
      CALMA_LOCALE: 'de',
      REDIS_URL: 'http://localhost',
    });
    const error = await configError(env);
    const file = path.normalize(env.CALMA_CONFIG ?? '');
    expect(error.message.split('\n')).toEqual([
      'calma could not start: 5 problems in its configuration',
      '  environment REDIS_URL: expected a redis://, rediss://, redis+sentinel:// or redis+cluster:// URL, got "http://localhost"',
      '  environment PORT: expected a number from 0 to 65535, got "abc"',
      '  environment CALMA_LOCALE: expected one of en, es, fr, got "de"',
      `  ${file}:3:11 channels.prefix: lowercase a-z, 0-9, - or _, at most 20 characters`,
      `  ${file}:5:3 redis.key_prefx: unknown key (check its spelling)`,
    ]);
    expect(error.problems[0]).toEqual({
      file: 'environment',
      key: 'REDIS_URL',
      message:
        'expected a redis://, rediss://, redis+sentinel:// or redis+cluster:// URL, got "http://localhost"',
    });
  });

  test('GIVEN bad secret values WHEN loading THEN the error names them but never shows them', async () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'xapp-1-swapped-by-mistake',
      SLACK_APP_TOKEN: 'xoxb-123-also-swapped',
      REDIS_URL: 'redis//:hunter2@redis:6379',
      SLACK_SIGNING_SECRET: 'shh-signing-secret',
    };
    const error = await configError(secrets);
    expect(error.problems.map((p) => p.key)).toEqual(['REDIS_URL', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN']);
    expect(error.message).toContain('SLACK_BOT_TOKEN: expected a bot token starting with xoxb-');
    for (const secret of ['swapped-by-mistake', 'also-swapped', 'hunter2', 'shh-signing-secret']) {
      expect(error.message).not.toContain(secret);
    }
  });

  test('GIVEN half of a platform configured WHEN loading THEN the missing variable is named', async () => {
    const error = await configError({ SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_GUILD_ID: '123' });
    expect(error.problems.map((p) => p.key)).toEqual(['SLACK_SIGNING_SECRET', 'DISCORD_TOKEN']);
  });

  test('GIVEN CALMA_HANDOFF_LAPSE_MS WHEN loading THEN a whole number of milliseconds from 1000 is taken, anything else is refused with the range', async () => {
    const config = await inEmptyDir(() => loadConfig({ CALMA_HANDOFF_LAPSE_MS: '3000' }));
    expect(config.env.CALMA_HANDOFF_LAPSE_MS).toBe(3000);
    for (const value of ['500', '2.5s', '700000']) {
      const error = await inEmptyDir(() => configError({ CALMA_HANDOFF_LAPSE_MS: value }));
      expect(error.problems).toEqual([
        {
          file: 'environment',
          key: 'CALMA_HANDOFF_LAPSE_MS',
          message: `expected a whole number of milliseconds from 1000 to 600000, got "${value}"`,
        },
      ]);
    }
  });

  test('GIVEN CALMA_LOCALE and a locale in calma.yaml WHEN loading THEN CALMA_LOCALE wins', async () => {
    expect((await loadConfig(await withFile('locale: fr\n', { CALMA_LOCALE: 'es' }))).locale).toBe('es');
    expect((await loadConfig(await withFile('locale: fr\n'))).locale).toBe('fr');
  });

  test('GIVEN no timezone WHEN loading THEN times are in UTC; GIVEN an IANA name in any case THEN it is kept in its canonical spelling', async () => {
    expect((await loadConfig(await withFile('locale: en\n'))).settings.timezone).toBe('UTC');
    expect((await loadConfig(await withFile('timezone: Europe/Madrid\n'))).settings.timezone).toBe(
      'Europe/Madrid',
    );
    expect((await loadConfig(await withFile('timezone: america/new_york\n'))).settings.timezone).toBe(
      'America/New_York',
    );
  });

  test('GIVEN a misspelt or made-up timezone WHEN loading THEN start-up stops with an error naming the key and its line', async () => {
    for (const zone of ['Europe/Madird', 'CET+1', '+01:00']) {
      const env = await withFile(`locale: es\ntimezone: ${zone}\n`);
      const error = await configError(env);
      expect(error.message.split('\n')).toEqual([
        'calma could not start: 1 problem in its configuration',
        `  ${path.normalize(env.CALMA_CONFIG ?? '')}:2:11 timezone: an unknown time zone: an IANA name, like Europe/Madrid, America/New_York or UTC`,
      ]);
    }
  });

  test('GIVEN empty and blank env vars (compose env_file) WHEN loading THEN they count as unset', async () => {
    const config = await inEmptyDir(() =>
      loadConfig({
        PORT: '',
        REDIS_URL: '',
        SLACK_BOT_TOKEN: '  ',
        CALMA_LOCALE: '',
        CALMA_CONFIG: '',
        CALMA_MINUTE_MS: '',
      }),
    );
    expect(config.env).toMatchObject({ PORT: 3000, CALMA_MINUTE_MS: 60_000, CALMA_CONFIG: './calma.yaml' });
    expect(config.env.REDIS_URL).toBeUndefined();
    expect(config.env.SLACK_BOT_TOKEN).toBeUndefined();
  });

  test('GIVEN a relative playbooks_dir WHEN loading THEN it is resolved from the directory of calma.yaml', async () => {
    const config = await loadConfig(await withFile('playbooks_dir: ./mine\n'));
    expect(config.settings.playbooks_dir).toBe(path.join(dir, 'mine'));
  });

  test('GIVEN an unquoted Discord id in responders WHEN loading THEN it asks for quotes', async () => {
    const error = await configError(await withFile('responders:\n  - "U123"\n  - 123456789012345678\n'));
    expect(error.problems).toMatchObject([
      { line: 3, key: 'responders.1', message: expect.stringContaining('quotes') },
    ]);
  });

  test('GIVEN approval_requests WHEN it names an outbound target THEN it is taken with its emails; WHEN it names none THEN the error says which exist', async () => {
    const outbound =
      'outbound:\n  - name: mail-relay\n    url: https://relay.example.com/calma\n    secret_env: RELAY_SECRET\n';
    const config = await loadConfig(
      await withFile(
        `${outbound}approval_requests:\n  target: mail-relay\n  emails:\n    U0LENA: lena@acme.example\n`,
        { RELAY_SECRET: 'relay-secret' },
      ),
    );
    expect(config.settings.approval_requests).toEqual({
      target: 'mail-relay',
      emails: { U0LENA: 'lena@acme.example' },
    });

    const error = await configError(
      await withFile(`${outbound}approval_requests:\n  target: mailer\n  emails:\n    U0LENA: lena\n`, {
        RELAY_SECRET: 'relay-secret',
      }),
    );
    expect(error.problems).toMatchObject([
      {
        key: 'approval_requests.target',
        message: 'no outbound target is named "mailer" (outbound: mail-relay)',
      },
      { key: 'approval_requests.emails.U0LENA', message: 'an email address' },
    ]);
  });

  test('GIVEN calma.example.yaml WHEN loading it THEN it is valid and shows exactly the defaults', async () => {
    const example = await loadConfig({ CALMA_CONFIG: path.join(root, 'calma.example.yaml') });
    const defaults = await inEmptyDir(() => loadConfig({}));
    expect(example.settings).toEqual(Settings.parse({}));
    expect(example.settings).toEqual(defaults.settings);
  });
});

describe('loadDotEnv', () => {
  const names = ['CALMA_TEST_SET', 'CALMA_TEST_EMPTY', 'CALMA_TEST_NEW'];
  afterEach(() => {
    for (const name of names) delete process.env[name];
  });

  test('GIVEN variables already set WHEN loading .env THEN they are not overridden, even when empty', async () => {
    const file = path.join(dir, '.env');
    await writeFile(file, 'CALMA_TEST_SET=from-file\nCALMA_TEST_EMPTY=from-file\nCALMA_TEST_NEW=from-file\n');
    process.env.CALMA_TEST_SET = 'from-env';
    process.env.CALMA_TEST_EMPTY = '';

    expect(loadDotEnv(file)).toBe(true);

    expect(process.env.CALMA_TEST_SET).toBe('from-env');
    expect(process.env.CALMA_TEST_EMPTY).toBe('');
    expect(process.env.CALMA_TEST_NEW).toBe('from-file');
  });

  test('GIVEN no .env WHEN loading it THEN nothing happens', () => {
    expect(loadDotEnv(path.join(dir, '.env'))).toBe(false);
  });
});

describe('.env.example', () => {
  test('GIVEN .env.example copied to .env WHEN loading THEN it is a valid console-mode configuration', async () => {
    const example = parseEnv(await readFile(path.join(root, '.env.example'), 'utf8'));
    const config = await inEmptyDir(() => loadConfig(example));
    expect(config.env.SLACK_BOT_TOKEN ?? config.env.DISCORD_TOKEN ?? config.env.REDIS_URL).toBeUndefined();
    // Every variable calma reads is documented there, and nothing else.
    expect(Object.keys(example).sort()).toEqual(Object.keys(Env.shape).sort());
  });
});
