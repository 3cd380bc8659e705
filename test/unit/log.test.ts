import { Writable } from 'node:stream';
import { createLogger, REDACTED, redactUrl } from '../../src/log';

/** A logger writing into a string, so a test can read exactly what would reach stderr. */
function capture(pretty = false): { log: ReturnType<typeof createLogger>; output: () => string } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { log: createLogger({ level: 'info', pretty, destination }), output: () => text };
}

const secrets = {
  token: 'tok-top-level',
  slack: { token: 'tok-nested', signingSecret: 'not-a-listed-key' },
  secret: 'sec-top-level',
  webhook: { secret: 'sec-nested', password: 'pw-nested' },
  req: { headers: { authorization: 'Bearer auth-req', 'x-slack-signature': 'v0=sig-slack' } },
  headers: { authorization: 'Bearer auth-top' },
  err: { config: { headers: { Authorization: 'Bearer auth-axios' } } },
  env: { SLACK_BOT_TOKEN: 'xoxb-env', GRAFANA_WEBHOOK_SECRET: 'graf-env', PORT: 3000 },
  DISCORD_TOKEN: 'discord-top',
  redisUrl: 'redis://default:redis-pw@redis:6379/0',
};
const hidden = [
  'tok-top-level',
  'tok-nested',
  'sec-top-level',
  'sec-nested',
  'pw-nested',
  'auth-req',
  'sig-slack',
  'auth-top',
  'auth-axios',
  'xoxb-env',
  'graf-env',
  'discord-top',
  'redis-pw',
];

describe('createLogger', () => {
  test('GIVEN an object with tokens, secrets and auth headers WHEN logged as JSON THEN they read [redacted]', () => {
    const { log, output } = capture();
    log.info(secrets, 'connected');

    const line = JSON.parse(output());
    for (const value of hidden) expect(output()).not.toContain(value);
    expect(line).toMatchObject({
      msg: 'connected',
      token: REDACTED,
      slack: { token: REDACTED },
      req: { headers: { authorization: REDACTED, 'x-slack-signature': REDACTED } },
      err: { config: { headers: { Authorization: REDACTED } } },
      env: { SLACK_BOT_TOKEN: REDACTED, GRAFANA_WEBHOOK_SECRET: REDACTED, PORT: 3000 },
      redisUrl: 'redis://default:[redacted]@redis:6379/0',
    });
  });

  test('GIVEN pretty output WHEN logging secrets THEN the text is readable and still redacted', () => {
    const { log, output } = capture(true);
    log.info(secrets, 'connected');

    expect(output()).toContain('connected');
    expect(output()).not.toMatch(/^\{/); // not JSON
    for (const value of hidden) expect(output()).not.toContain(value);
  });

  test('GIVEN a level WHEN logging below it THEN nothing is written', () => {
    const { log, output } = capture();
    log.debug('noise');
    expect(output()).toBe('');
  });
});

describe('redactUrl', () => {
  test.each([
    ['redis://user:pass@host:6379/0', 'redis://user:[redacted]@host:6379/0'],
    ['rediss://:p@ss/w0rd@host:6380', 'rediss://:[redacted]@host:6380'],
    ['redis://host:6379/0', 'redis://host:6379/0'],
    ['redis://user@host', 'redis://user@host'],
    ['redis://host?password=pw&db=1', 'redis://host?password=[redacted]&db=1'],
    [
      'redis+sentinel://:pw@s1:26379,s2:26379/main?sentinelPassword=spw&db=1',
      'redis+sentinel://:[redacted]@s1:26379,s2:26379/main?sentinelPassword=[redacted]&db=1',
    ],
    ['redis+cluster://u:pw@n1:7000,n2:7001', 'redis+cluster://u:[redacted]@n1:7000,n2:7001'],
    // Mistyped URLs are exactly what configuration errors show: still no password.
    ['redis//:pw@host', 'redis//:[redacted]@host'],
  ])('GIVEN %s WHEN redacted THEN %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
