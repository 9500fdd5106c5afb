import { InvalidChangeError } from './changeRefused.js';
import type { RoleId } from '../domain/roles.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { ActorRef, OrganizationFile, UserRecord } from '../store/schema.js';
import { actorRef, authorize, userIn, withUser } from './organizationView.js';
import { requireApproval } from './privilegedAccessRules.js';

/**
 * "Extend Megan's access by a day" (issue 21): every time-bound role of the user gets the new end.
 * The admin needs the authority to give each of those roles; a Global admin role's extension is a
 * new grant of it, so it waits for a second Global admin where the rule says so.
 */
export class NoTimeBoundRoleError extends InvalidChangeError {
  constructor(readonly userId: string) {
    super(`User ${userId} has no time-bound role`);
    this.name = 'NoTimeBoundRoleError';
  }
}

/** The user's time-bound roles, soonest end first. */
export function timeBoundRoles(user: UserRecord): { roleId: RoleId; until: string }[] {
  return [...(user.temporaryRoles ?? [])]
    .sort((a, b) => a.until.localeCompare(b.until))
    .map(({ roleId, until }) => ({ roleId, until }));
}

export function extendAccess(
  current: OrganizationFile,
  actorId: string,
  targetId: string,
  until: string,
  now: string,
  options: { approvedBy?: ActorRef } = {},
): ChangeOutcome<UserRecord> {
  const user = userIn(current, targetId);
  const temporary = user.temporaryRoles ?? [];
  if (user.status === 'removed' || temporary.length === 0) throw new NoTimeBoundRoleError(targetId);
  const roles = temporary.map((each) => each.roleId);
  // Authority over each role extended: asked as a change that gives them (only who may give them may extend them).
  const actor = authorize(current, actorId, () => ({
    type: 'change_roles',
    target: { ...user, roles: user.roles.filter((roleId) => !roles.includes(roleId)) },
    roles: user.roles,
  }));
  // The dialog computes the end from now; an end already past would be an instant removal, not an extension.
  if (until <= now) throw new RangeError('The new end is not in the future');
  if (roles.includes('global_admin')) requireApproval(current, options.approvedBy);
  const by = actorRef(actor);
  const updated: UserRecord = {
    ...user,
    temporaryRoles: temporary.map((each) => ({ ...each, until })),
    revision: user.revision + 1,
    updatedAt: now,
    updatedBy: by,
  };
  return {
    next: withUser(current, updated),
    result: updated,
    audit: [
      {
        actor: by,
        action: 'user.access_extended',
        target: { type: 'user', id: user.id },
        outcome: 'applied',
        before: { temporaryRoles: timeBoundRoles(user) },
        after: { roles, until, ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}) },
      },
    ],
  };
}
