import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * calma's webhook signature, both ways: outbound statements are signed with it, and a receiver (or
 * calma's own generic alert endpoint) verifies it. HMAC-SHA256 over `<timestamp>.<raw body>`, hex,
 * sent as `v1=<hex>`: the timestamp inside the signed bytes stops an old delivery being replayed later.
 */
export const SIGNATURE_VERSION = 'v1';

export function sign(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `${SIGNATURE_VERSION}=${mac}`;
}

export interface VerifyOptions {
  /** Seconds a signature stays valid either side of now (default 300: five minutes). */
  toleranceSeconds?: number;
  now?: number;
}

/**
 * Checks a `v1=<hex>` signature (several may be sent, comma-separated, during a secret rotation) in
 * constant time, and that the timestamp is within the tolerance.
 */
export function verify(
  secret: string,
  timestamp: string | undefined,
  body: Buffer,
  header: string | undefined,
  options: VerifyOptions = {},
): 'ok' | 'missing' | 'stale' | 'mismatch' {
  if (!timestamp || !header) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp)) return 'stale';
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return 'stale';
  const expected = Buffer.from(sign(secret, Number(timestamp), body));
  const matches = header
    .split(',')
    .map((candidate) => Buffer.from(candidate.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return matches ? 'ok' : 'mismatch';
}
