import { botHash } from '../../../src/discord/gateway-lease';

/** A token as Discord issues them: the bot's id in base64, a timestamp, an HMAC. */
const token = (botId: string, secret: string) => `${Buffer.from(botId).toString('base64')}.GkXy1a.${secret}`;

describe('the gateway lease key of a bot', () => {
  test('GIVEN a bot token reset during a rolling update WHEN old and new replicas name their lease THEN both name the same one, so they still take turns', () => {
    const before = token('300000000000000001', 'Hc5bHZk1rYz0oS1V8fQ3yQeHn0kCq2vXb3nJ7dLpWm');
    const after = token('300000000000000001', 'u8Qm2Lw9Zx1Pa7Rt3Yc6Vb0Ne5Kd4Hf8Gj2Ss1Ao9');
    expect(botHash(before)).toBe(botHash(after));
    expect(botHash(token('300000000000000002', 'Hc5bHZk1rYz0oS1V8fQ3yQeHn0kCq2vXb3nJ7dLpWm'))).not.toBe(
      botHash(before),
    );
  });

  test('GIVEN any token WHEN its lease is named THEN the name shows neither the token nor the secret part of it', () => {
    const secret = 'Hc5bHZk1rYz0oS1V8fQ3yQeHn0kCq2vXb3nJ7dLpWm';
    const real = token('300000000000000001', secret);
    for (const each of [real, 'not-a-discord-token']) {
      const hash = botHash(each);
      expect(hash).toMatch(/^[0-9a-f]{16}$/);
      expect(hash).not.toContain(secret.slice(0, 8));
      expect(each).not.toContain(hash);
    }
  });
});
