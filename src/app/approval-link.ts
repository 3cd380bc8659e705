import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role, UserId } from '../core/types';

/** Which chat platform an approver's identity belongs to (an incident lives on one). */
export type LinkPlatform = 'slack' | 'discord' | 'console';

/**
 * What an approval link binds: one statement version of one incident, one approver's chat identity and
 * the approval slot they were asked for, until an expiry; the nonce makes it single-use (its claim in
 * Redis, src/store/link-claims.ts). Signed, not encrypted: nothing in it is secret, but anyone holding
 * the link can read these fields (base64url JSON), so it carries ids, never names or text.
 */
export interface LinkClaims {
  platform: LinkPlatform;
  workspace: string;
  incident: number;
  statement: number;
  version: number;
  user: UserId;
  role: Role;
  /** Expiry, ms since the epoch. */
  expires: number;
  nonce: string;
}

/** How long a link lives at most; an edit, a rejection or a publication ends it sooner. */
export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A token longer than this is not one of calma's: refused before any work. */
export const MAX_TOKEN_LENGTH = 1024;

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; why: 'tampered' | 'expired' };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`calma-approval-link.v1.${body}`).digest();

/** Signs a link for these claims, with a fresh nonce and the default lifetime unless given. */
export function signLink(
  secret: string,
  claims: Omit<LinkClaims, 'nonce' | 'expires'> & { expires?: number },
  now: Date,
): { token: string; claims: LinkClaims } {
  const full: LinkClaims = {
    ...claims,
    expires: claims.expires ?? now.getTime() + LINK_LIFETIME_MS,
    nonce: b64(randomBytes(16)),
  };
  const body = b64(
    JSON.stringify([
      full.platform,
      full.workspace,
      full.incident,
      full.statement,
      full.version,
      full.user,
      full.role,
      full.expires,
      full.nonce,
    ]),
  );
  return { token: `${body}.${b64(mac(secret, body))}`, claims: full };
}

/** Where a link's page is: `<public_url>/approve/<token>`. */
export const linkUrl = (publicUrl: string, token: string): string => `${publicUrl}/approve/${token}`;

/**
 * Checks a link's signature (HMAC-SHA256, compared in constant time) and expiry. Whether it was used,
 * or the statement changed since, is for the caller to check against Redis and the incident.
 */
export function verifyLink(secret: string, token: string, now: Date): LinkCheck {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, why: 'tampered' };
  const [body = '', signature = '', ...rest] = token.split('.');
  if (rest.length > 0 || !body || !signature) return { ok: false, why: 'tampered' };
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, why: 'tampered' };
  }
  const claims = parseClaims(body);
  if (!claims) return { ok: false, why: 'tampered' };
  if (now.getTime() >= claims.expires) return { ok: false, why: 'expired' };
  return { ok: true, claims };
}

function parseClaims(body: string): LinkClaims | null {
  try {
    const fields: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(fields) || fields.length !== 9) return null;
    const [platform, workspace, incident, statement, version, user, role, expires, nonce] = fields;
    const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
    const whole = (v: unknown): v is number => Number.isSafeInteger(v);
    if (platform !== 'slack' && platform !== 'discord' && platform !== 'console') return null;
    if (!text(workspace) || !text(user) || !text(role) || !text(nonce)) return null;
    if (!whole(incident) || !whole(statement) || !whole(version) || !whole(expires)) return null;
    return { platform, workspace, incident, statement, version, user, role: role as Role, expires, nonce };
  } catch {
    return null;
  }
}

/**
 * The form's anti-CSRF value: an HMAC of the link's nonce and the cookie the page set, so a POST must
 * come from a browser that loaded the page (the cookie is SameSite=Strict) and carry this very link.
 */
export function csrfValue(secret: string, nonce: string, cookie: string): string {
  return b64(createHmac('sha256', secret).update(`calma-approval-csrf.${nonce}.${cookie}`).digest());
}

/** Constant-time comparison of two short strings (the CSRF field and its expected value). */
export function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
