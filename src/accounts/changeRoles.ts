import type { RoleId } from '../domain/roles.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { ActorRef, OrganizationFile, UserRecord } from '../store/schema.js';
import { ChangeRefusedError, StaleChangeError } from './changeRefused.js';
import { privilegedRoles } from './addUser.js';
import { actorRef, authorize, userIn, withUser } from './organizationView.js';
import { requireApproval } from './privilegedAccessRules.js';

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

/** Active Global admins whose role has no end: who is left once every time-bound grant has ended. */
export function lastingGlobalAdmins(users: readonly UserRecord[]): UserRecord[] {
  return users.filter(
    (user) =>
      user.status === 'active' &&
      user.roles.includes('global_admin') &&
      !user.temporaryRoles?.some((temporary) => temporary.roleId === 'global_admin'),
  );
}

/**
 * Gives a user exactly `roles` (what the admin left ticked), if the policy allows every role given
 * or taken away, and if the user has not changed since the admin's card was shown (`expectedRevision`).
 * `until`: the privileged roles given now are given until then, and taken away by the bot itself
 * (expireRoles.ts); a time-bound Global admin role that would leave no lasting Global admin is refused.
 * Giving the Global admin role waits for a second Global admin where the organization's rule says
 * so (privilegedAccessRules.ts): the change is made with `approvedBy`, from the approved request.
 */
export function changeRoles(
  current: OrganizationFile,
  actorId: string,
  targetId: string,
  roles: readonly RoleId[],
  expectedRevision: number,
  now: string,
  options: { until?: string; approvedBy?: ActorRef } = {},
): ChangeOutcome<{ user: UserRecord; difference: RoleDifference }> {
  const target = userIn(current, targetId);
  if (target.revision !== expectedRevision) throw new StaleChangeError(targetId);
  const next = [...new Set(roles)];
  const actor = authorize(current, actorId, () => ({ type: 'change_roles', target, roles: next }));
  const difference = roleDifference(target.roles, next);
  if (difference.added.includes('global_admin')) requireApproval(current, options.approvedBy);
  const by = actorRef(actor);
  const timed = options.until ? privilegedRoles(difference.added) : [];
  // A role taken away leaves its end behind; a role given for a time gets one.
  const temporaryRoles = [
    ...(target.temporaryRoles ?? []).filter((temporary) => next.includes(temporary.roleId)),
    ...timed.map((roleId) => ({ roleId, until: options.until!, grantedBy: by, grantedAt: now })),
  ];
  const { temporaryRoles: _before, ...rest } = target;
  const updated: UserRecord = {
    ...rest,
    roles: next,
    ...(temporaryRoles.length > 0 ? { temporaryRoles } : {}),
    revision: target.revision + 1,
    updatedAt: now,
    updatedBy: by,
  };
  if (timed.includes('global_admin')) {
    const after = current.users.map((user) => (user.id === updated.id ? updated : user));
    if (lastingGlobalAdmins(after).length === 0)
      throw new ChangeRefusedError({ allowed: false, reason: 'last_global_admin' });
  }
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
          ...(timed.length > 0 ? { until: options.until } : {}),
          ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}),
        },
      },
    ],
  };
}
