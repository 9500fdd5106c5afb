import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { StaleChangeError } from './changeRefused.js';
import { actorRef, authorize, userIn, withUser } from './organizationView.js';

/**
 * Removes a user from the partner account. The record stays, marked "removed", so the audit trail
 * keeps pointing at someone; their roles are kept too, to show what they had.
 */
export function removeUser(
  current: OrganizationFile,
  actorId: string,
  targetId: string,
  expectedRevision: number,
  now: string,
): ChangeOutcome<UserRecord> {
  const target = userIn(current, targetId);
  if (target.revision !== expectedRevision) throw new StaleChangeError(targetId);
  const actor = authorize(current, actorId, () => ({ type: 'remove_user', target }));
  const by = actorRef(actor);
  // A time-bound role ends with the user: nothing is left to take away later.
  const { temporaryRoles: _ending, ...kept } = target;
  const removed: UserRecord = {
    ...kept,
    status: 'removed',
    revision: target.revision + 1,
    updatedAt: now,
    updatedBy: by,
  };
  return {
    next: withUser(current, removed),
    result: removed,
    audit: [
      {
        actor: by,
        action: 'user.removed',
        target: { type: 'user', id: target.id },
        outcome: 'applied',
        before: { status: target.status, roles: target.roles },
        after: { status: 'removed' },
      },
    ],
  };
}
