import type { RoleId } from '../domain/roles.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { StaleChangeError } from './changeRefused.js';
import { privilegedRoles } from './addUser.js';
import { actorRef, authorize, userIn, withUser } from './organizationView.js';

export interface RoleDifference {
  added: RoleId[];
  removed: RoleId[];
}

export function roleDifference(before: readonly RoleId[], after: readonly RoleId[]): RoleDifference {
  return {
    added: after.filter((roleId) => !before.includes(roleId)),
    removed: before.filter((roleId) => !after.includes(roleId)),
  };
}

/**
 * Gives a user exactly `roles` (what the admin left ticked), if the policy allows every role given
 * or taken away, and if the user has not changed since the admin's card was shown (`expectedRevision`).
 */
export function changeRoles(
  current: OrganizationFile,
  actorId: string,
  targetId: string,
  roles: readonly RoleId[],
  expectedRevision: number,
  now: string,
): ChangeOutcome<{ user: UserRecord; difference: RoleDifference }> {
  const target = userIn(current, targetId);
  if (target.revision !== expectedRevision) throw new StaleChangeError(targetId);
  const next = [...new Set(roles)];
  const actor = authorize(current, actorId, () => ({ type: 'change_roles', target, roles: next }));
  const difference = roleDifference(target.roles, next);
  const by = actorRef(actor);
  const updated: UserRecord = { ...target, roles: next, revision: target.revision + 1, updatedAt: now, updatedBy: by };
  return {
    next: withUser(current, updated),
    result: { user: updated, difference },
    audit: [
      {
        actor: by,
        action: 'user.roles_changed',
        target: { type: 'user', id: target.id },
        outcome: 'applied',
        before: { roles: target.roles },
        after: {
          roles: next,
          added: difference.added,
          removed: difference.removed,
          privilegedAdded: privilegedRoles(difference.added),
        },
      },
    ],
  };
}
