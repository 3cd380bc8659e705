import type { UserId } from '../core/types';
import {
  isPlatform,
  isText,
  isWhole,
  type LinkPlatform,
  newNonce,
  signFields,
  verifiedFields,
} from './approval-link';

/**
 * What a draft editor link binds: one statement of one incident and one person's chat identity, until
 * an expiry. Signed for the `draft` purpose, so it never passes for an approval link, nor one for it.
 * It is reusable until it expires: a person fixes one variant, saves, and fixes another; every save is
 * an edit on the timeline under their name, and an edit never publishes (approvals start over). The
 * nonce ties the page's anti-CSRF value to this very link.
 */
export interface DraftClaims {
  platform: LinkPlatform;
  workspace: string;
  incident: number;
  statement: number;
  user: UserId;
  /** Expiry, ms since the epoch. */
  expires: number;
  nonce: string;
}

/** Long enough to write a statement's variants, short enough that a forwarded link soon dies. */
export const DRAFT_LINK_LIFETIME_MS = 2 * 60 * 60 * 1000;

export function signDraftLink(
  secret: string,
  claims: Omit<DraftClaims, 'nonce' | 'expires'>,
  now: Date,
): { token: string; claims: DraftClaims } {
  const full: DraftClaims = { ...claims, expires: now.getTime() + DRAFT_LINK_LIFETIME_MS, nonce: newNonce() };
  const token = signFields(secret, 'draft', [
    full.platform,
    full.workspace,
    full.incident,
    full.statement,
    full.user,
    full.expires,
    full.nonce,
  ]);
  return { token, claims: full };
}

/** Where the editor is: `<public_url>/draft/<token>`. */
export const draftUrl = (publicUrl: string, token: string): string => `${publicUrl}/draft/${token}`;

/** An expired link's claims are still its own (the signature held): the page can say which statement. */
export type DraftCheck =
  | { ok: true; claims: DraftClaims }
  | { ok: false; why: 'tampered' }
  | { ok: false; why: 'expired'; claims: DraftClaims };

/** A draft link's signature (constant time, `draft` purpose only) and expiry. */
export function verifyDraftLink(secret: string, token: string, now: Date): DraftCheck {
  const fields = verifiedFields(secret, 'draft', token);
  if (fields?.length !== 7) return { ok: false, why: 'tampered' };
  const [platform, workspace, incident, statement, user, expires, nonce] = fields;
  if (!isPlatform(platform) || !isText(workspace) || !isText(user) || !isText(nonce)) {
    return { ok: false, why: 'tampered' };
  }
  if (!isWhole(incident) || !isWhole(statement) || !isWhole(expires)) return { ok: false, why: 'tampered' };
  const claims = { platform, workspace, incident, statement, user, expires, nonce };
  return now.getTime() < expires ? { ok: true, claims } : { ok: false, why: 'expired', claims };
}
