/**
 * Approval links: what the token binds is read back only with the key that signed it, until it expires;
 * any change to it, or another key, makes it "not valid".
 */
import { csrfValue, LINK_LIFETIME_MS, signLink, verifyLink } from '../../../src/app/approval-link';

const SECRET = 'a-link-secret-of-at-least-thirty-two-chars';
const NOW = new Date('2026-12-07T10:00:00.000Z');
const CLAIMS = {
  platform: 'slack' as const,
  workspace: 'T0ACME',
  incident: 7,
  statement: 2,
  version: 3,
  user: 'U0LEGAL',
  role: 'legal' as const,
};

describe('approval link tokens', () => {
  test('GIVEN a signed link WHEN verified with the same key before it expires THEN it gives back what it binds', () => {
    const { token } = signLink(SECRET, CLAIMS, NOW);

    const check = verifyLink(SECRET, token, new Date(NOW.getTime() + LINK_LIFETIME_MS - 1));

    expect(check).toEqual({
      ok: true,
      claims: { ...CLAIMS, expires: NOW.getTime() + LINK_LIFETIME_MS, nonce: expect.any(String) },
    });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  test('GIVEN two links for the same approver and statement THEN each has its own nonce (single use is per link)', () => {
    const a = signLink(SECRET, CLAIMS, NOW);
    const b = signLink(SECRET, CLAIMS, NOW);

    expect(a.claims.nonce).not.toBe(b.claims.nonce);
    expect(a.token).not.toBe(b.token);
  });

  test('GIVEN a link WHEN its 24 hours are over THEN it is expired', () => {
    const { token } = signLink(SECRET, CLAIMS, NOW);

    expect(verifyLink(SECRET, token, new Date(NOW.getTime() + LINK_LIFETIME_MS))).toEqual({
      ok: false,
      why: 'expired',
    });
  });

  test('GIVEN a link whose claims were rewritten (another statement, another user) THEN it is not valid', () => {
    const { token } = signLink(SECRET, CLAIMS, NOW);
    const [body = '', signature = ''] = token.split('.');
    const fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    fields[5] = 'U0MALLORY';
    const forged = `${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;

    expect(verifyLink(SECRET, forged, NOW)).toEqual({ ok: false, why: 'tampered' });
  });

  test.each([
    [
      'the first character of its signature changed',
      (t: string) => {
        const at = t.indexOf('.') + 1;
        return `${t.slice(0, at)}${t[at] === 'A' ? 'B' : 'A'}${t.slice(at + 1)}`;
      },
    ],
    ['cut short', (t: string) => t.slice(0, t.length - 10)],
    ['no signature', (t: string) => t.split('.')[0] ?? ''],
    ['an extra part', (t: string) => `${t}.x`],
    ['empty', () => ''],
    ['far too long', (t: string) => t + 'A'.repeat(2000)],
  ])('GIVEN a link %s THEN it is not valid', (_, change) => {
    const { token } = signLink(SECRET, CLAIMS, NOW);

    expect(verifyLink(SECRET, change(token), NOW)).toEqual({ ok: false, why: 'tampered' });
  });

  test('GIVEN a link signed with another key (CALMA_LINK_SECRET changed) THEN it is not valid', () => {
    const { token } = signLink(`${SECRET}-old`, CLAIMS, NOW);

    expect(verifyLink(SECRET, token, NOW)).toEqual({ ok: false, why: 'tampered' });
  });

  test('GIVEN a link THEN nothing in it reads as the key (it is signed, not encrypted, and carries ids only)', () => {
    const { token } = signLink(SECRET, CLAIMS, NOW);
    const body = Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8');

    expect(body).toContain('U0LEGAL');
    expect(token).not.toContain(SECRET);
    expect(body).not.toContain(SECRET);
  });

  test('GIVEN the form value for a nonce and a cookie THEN another cookie or another nonce gives another value', () => {
    const value = csrfValue(SECRET, 'nonce-1', 'cookie-1');

    expect(csrfValue(SECRET, 'nonce-1', 'cookie-1')).toBe(value);
    expect(csrfValue(SECRET, 'nonce-1', 'cookie-2')).not.toBe(value);
    expect(csrfValue(SECRET, 'nonce-2', 'cookie-1')).not.toBe(value);
  });
});
