import type { RoleId } from '../domain/roles.js';
import type { AuditDraft, ChangeOutcome } from '../store/accountStore.js';
import type { ActorRef, OrganizationFile, UserRecord } from '../store/schema.js';
import { lastingGlobalAdmins } from './changeRoles.js';

/**
 * Takes away the time-bound roles whose end has come (issue 21), as the bot itself: each removal
 * audited as automatic, naming who granted the role. A Global admin role whose end would leave the
 * organization without an active Global admin is kept (someone else was removed meanwhile), and
 * that is audited too, so the Global admins can be told. Applying it twice changes nothing more:
 * with several instances on one database, an expiry happens once.
 */
export const SYSTEM: ActorRef = { userId: 'system', displayName: 'Partner Admin bot' };

export interface RoleEnded {
  userId: string;
  displayName: string;
  roleId: RoleId;
  grantedBy: ActorRef;
  /** Kept: taking it away would have left no active Global admin. */
  kept: boolean;
}

/** Whether any time-bound role of the organization is due at `now` (cheap: no change is made). */
export function rolesDue(document: OrganizationFile, now: string): boolean {
  return document.users.some(
    (user) => user.status !== 'removed' && user.temporaryRoles?.some((temporary) => temporary.until <= now),
  );
}

export function expireRoles(current: OrganizationFile, now: string): ChangeOutcome<RoleEnded[]> {
  let users = current.users;
  const ended: RoleEnded[] = [];
  const audit: AuditDraft[] = [];
  for (const user of current.users) {
    if (user.status === 'removed') continue;
    const due = (user.temporaryRoles ?? []).filter((temporary) => temporary.until <= now);
    if (due.length === 0) continue;
    let updated: UserRecord = user;
    for (const temporary of due) {
      const withoutRole: UserRecord = {
        ...updated,
        roles: updated.roles.filter((roleId) => roleId !== temporary.roleId),
        temporaryRoles: (updated.temporaryRoles ?? []).filter((other) => other !== temporary),
      };
      const others = users.map((each) => (each.id === user.id ? withoutRole : each));
      const leavesNoGlobalAdmin =
        temporary.roleId === 'global_admin' &&
        others.filter((each) => each.status === 'active' && each.roles.includes('global_admin')).length === 0;
      const kept = leavesNoGlobalAdmin;
      if (kept) {
        // The role stays, without its end: the Global admins are told to decide.
        updated = { ...updated, temporaryRoles: (updated.temporaryRoles ?? []).filter((other) => other !== temporary) };
      } else {
        // A user keeps at least one role: one whose only role ends keeps the Default user role (choice).
        updated = withoutRole.roles.length > 0 ? withoutRole : { ...withoutRole, roles: ['default_user'] };
      }
      ended.push({
        userId: user.id,
        displayName: user.displayName,
        roleId: temporary.roleId,
        grantedBy: temporary.grantedBy,
        kept,
      });
      audit.push({
        actor: SYSTEM,
        action: kept ? 'user.role_expiry_kept' : 'user.role_expired',
        target: { type: 'user', id: user.id },
        outcome: 'applied',
        before: { roles: user.roles },
        after: {
          roleId: temporary.roleId,
          until: temporary.until,
          grantedBy: temporary.grantedBy,
          roles: updated.roles,
        },
      });
      users = users.map((each) => (each.id === user.id ? updated : each));
    }
    const { temporaryRoles, ...rest } = updated;
    const final: UserRecord = {
      ...rest,
      ...(temporaryRoles && temporaryRoles.length > 0 ? { temporaryRoles } : {}),
      revision: user.revision + 1,
      updatedAt: now,
      updatedBy: SYSTEM,
    };
    users = users.map((each) => (each.id === user.id ? final : each));
  }
  // Another instance took them away first: nothing to write.
  if (ended.length === 0) throw new NothingDueError();
  return { next: { ...current, users }, result: ended, audit };
}

/** Thrown inside the change when nothing is due any more: the store writes nothing. */
export class NothingDueError extends Error {
  constructor() {
    super('No time-bound role is due');
    this.name = 'NothingDueError';
  }
}

export { lastingGlobalAdmins };
