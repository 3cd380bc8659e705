import type { UserId } from '../core/types';
import type { Deps } from './deps';

/**
 * What a page or an email calls these people: their display names on the chat platform, or their ids
 * where it has none to give (a failure, a platform without names). Names come from outside: escape them.
 */
export async function displayNames(
  deps: Pick<Deps, 'chat'>,
  workspace: string,
  users: readonly UserId[],
): Promise<Map<UserId, string>> {
  const unique = [...new Set(users)];
  const names = await Promise.all(
    unique.map(async (user) => (await deps.chat.displayName?.(workspace, user).catch(() => null)) || user),
  );
  return new Map(unique.map((user, i) => [user, names[i] ?? user]));
}
