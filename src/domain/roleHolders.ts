import type { RoleId } from './roles.js';
import type { PolicyUser } from './policyUser.js';

/**
 * Who holds each role (users who are not removed), per list of users. Answering "who are the
 * Global admins?" or "is this the last Global admin?" by scanning every user cost a millisecond per
 * question at 10,000 users, several times per turn. Stored documents are frozen, so a frozen list
 * can be indexed once and the index reused until a change produces a new list; an unfrozen list
 * (a document being built) is indexed each time, since it could still change.
 */
type Holders<U> = ReadonlyMap<RoleId, readonly U[]>;

const indexed = new WeakMap<readonly PolicyUser[], Holders<PolicyUser>>();

function index<U extends PolicyUser>(users: readonly U[]): Holders<U> {
  const holders = new Map<RoleId, U[]>();
  for (const user of users) {
    if (user.status === 'removed') continue;
    for (const role of user.roles) {
      const list = holders.get(role);
      if (list) list.push(user);
      else holders.set(role, [user]);
    }
  }
  return holders;
}

const NONE: readonly never[] = Object.freeze([]);

/** Users holding `role` who are not removed (active and invited), in the list's order. */
export function holdersOf<U extends PolicyUser>(users: readonly U[], role: RoleId): readonly U[] {
  if (!Object.isFrozen(users)) return index(users).get(role) ?? NONE;
  let holders = indexed.get(users) as Holders<U> | undefined;
  if (!holders) {
    holders = index(users);
    indexed.set(users, holders);
  }
  return holders.get(role) ?? NONE;
}
