import { createHash } from 'node:crypto';
import type { PostOnce } from '../ports/chat';

/**
 * The `PostOnce` of the post a queued job makes (a reminder, a published statement's card): keyed by
 * the job's id, hashed to fit Discord's nonce (25 characters), and looked for from `since` when the job
 * runs again (BullMQ started it before: its process died, or the platform answered too late).
 */
export function jobPost(kind: 'reminder' | 'publish', jobId: string, rerunSince?: Date): PostOnce {
  const key = `${kind[0]}.${createHash('sha256').update(jobId).digest('hex').slice(0, 22)}`;
  return rerunSince ? { key, since: rerunSince } : { key };
}
