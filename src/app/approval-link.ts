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

/**
 * What a signed link is for. The purpose is part of what the HMAC covers (`calma-<purpose>-link.v1.`),
 * so a link signed for one purpose never verifies as another: an approval link cannot open the draft
 * editor (src/app/draft-link.ts), nor an editor link approve.
 */
export type LinkPurpose = 'approval' | 'draft';
const mac = (secret: string, purpose: LinkPurpose, body: string) =>
  createHmac('sha256', secret).update(`calma-${purpose}-link.v1.${body}`).digest();

/** `<base64url JSON of the fields>.<base64url HMAC-SHA256>`: signed, not encrypted. */
export function signFields(secret: string, purpose: LinkPurpose, fields: readonly unknown[]): string {
  const body = b64(JSON.stringify(fields));
  return `${body}.${b64(mac(secret, purpose, body))}`;
}

/**
 * The fields of a token signed for `purpose` with this key (HMAC compared in constant time), or null
 * for anything else: too long, malformed, altered, or signed for another purpose or with another key.
 */
export function verifiedFields(secret: string, purpose: LinkPurpose, token: string): unknown[] | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const [body = '', signature = '', ...rest] = token.split('.');
  if (rest.length > 0 || !body || !signature) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, purpose, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const fields: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return Array.isArray(fields) ? fields : null;
  } catch {
    return null;
  }
}

/** A fresh random 128-bit nonce, base64url. */
export const newNonce = (): string => b64(randomBytes(16));

/** Signs a link for these claims, with a fresh nonce and the default lifetime unless given. */
export function signLink(
  secret: string,
  claims: Omit<LinkClaims, 'nonce' | 'expires'> & { expires?: number },
  now: Date,
): { token: string; claims: LinkClaims } {
  const full: LinkClaims = {
    ...claims,
    expires: claims.expires ?? now.getTime() + LINK_LIFETIME_MS,
    nonce: newNonce(),
  };
  const token = signFields(secret, 'approval', [
    full.platform,
    full.workspace,
    full.incident,
    full.statement,
    full.version,
    full.user,
    full.role,
    full.expires,
    full.nonce,
  ]);
  return { token, claims: full };
}

/** Where a link's page is: `<public_url>/approve/<token>`. */
export const linkUrl = (publicUrl: string, token: string): string => `${publicUrl}/approve/${token}`;

/**
 * Checks a link's signature (HMAC-SHA256, compared in constant time) and expiry. Whether it was used,
 * or the statement changed since, is for the caller to check against Redis and the incident.
 */
export function verifyLink(secret: string, token: string, now: Date): LinkCheck {
  const claims = parseClaims(verifiedFields(secret, 'approval', token));
  if (!claims) return { ok: false, why: 'tampered' };
  if (now.getTime() >= claims.expires) return { ok: false, why: 'expired' };
  return { ok: true, claims };
}

/** Checks for a link's fields: a non-empty string, a whole number, a platform. */
export const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const isWhole = (v: unknown): v is number => Number.isSafeInteger(v);
export const isPlatform = (v: unknown): v is LinkPlatform =>
  v === 'slack' || v === 'discord' || v === 'console';

function parseClaims(fields: unknown[] | null): LinkClaims | null {
  if (fields?.length !== 9) return null;
  const [platform, workspace, incident, statement, version, user, role, expires, nonce] = fields;
  if (!isPlatform(platform)) return null;
  if (!isText(workspace) || !isText(user) || !isText(role) || !isText(nonce)) return null;
  if (!isWhole(incident) || !isWhole(statement) || !isWhole(version) || !isWhole(expires)) return null;
  return { platform, workspace, incident, statement, version, user, role: role as Role, expires, nonce };
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
