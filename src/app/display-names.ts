import type { UserId } from '../core/types';
import { withDeadline } from '../timeouts';
import type { Deps } from './deps';

/**
 * The longest a page waits for names: a slow platform shows ids rather than a slow page (the answer,
 * when it comes, is kept by the adapter for the next view).
 */
const WAIT_MS = 1500;

/**
 * What a page or an email calls these people: their display names on the chat platform, or their ids
 * where it has none to give (a failure, no answer in time, a platform without names). Names come from
 * outside: escape them.
 */
export async function displayNames(
  deps: Pick<Deps, 'chat'>,
  workspace: string,
  users: readonly UserId[],
): Promise<Map<UserId, string>> {
  const unique = [...new Set(users)];
  const names = await Promise.all(
    unique.map(async (user) => {
      const asking = deps.chat.displayName?.(workspace, user);
      if (!asking) return user;
      const name = await withDeadline(asking, WAIT_MS, () => new Error('no name in time')).catch(() => null);
      return name || user;
    }),
  );
  return new Map(unique.map((user, i) => [user, names[i] ?? user]));
}
