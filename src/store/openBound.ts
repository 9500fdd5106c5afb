import type { OrganizationFile } from './schema.js';

/**
 * Organizations kept open by one instance, counted in users: past this, the ones used least
 * recently are let go (and read again when next needed). Memory follows the organizations in use,
 * not the number stored. The same bound on both backends.
 */
export const OPEN_USERS_BOUND = 50_000;

/**
 * Takes out of `open` (least recently used first, the order the map is kept in) the organizations
 * to let go while more than `bound` users are open; the most recently used one always stays.
 * Answers what was taken out.
 */
export function letGoBeyondBound<T extends { read(): OrganizationFile }>(
  open: Map<string, T>,
  bound: number,
): [string, T][] {
  let users = 0;
  for (const store of open.values()) users += store.read().users.length;
  const gone: [string, T][] = [];
  for (const [key, store] of open) {
    if (users <= bound || open.size <= 1) break;
    users -= store.read().users.length;
    open.delete(key);
    gone.push([key, store]);
  }
  return gone;
}
