import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';

export interface TeamsIdentity {
  aadObjectId: string;
  /** The display name Teams reports, used when the record has only a placeholder. */
  displayName?: string;
  email?: string;
}

/**
 * An invited user (added by an admin, or a bootstrap admin from configuration) talks to the bot for
 * the first time: their record gets their Entra object id, becomes active, and the change is
 * audited. Their identity comes from the activity and Teams' roster, never from anything they typed.
 */
export function linkIdentity(
  current: OrganizationFile,
  userId: string,
  identity: TeamsIdentity,
  now: string,
): ChangeOutcome<UserRecord> {
  const before = current.users.find((user) => user.id === userId);
  if (!before || before.status === 'removed') throw new Error(`No user ${userId} to link`);
  const taken = current.users.find(
    (user) => user.aadObjectId === identity.aadObjectId && user.id !== userId && user.status !== 'removed',
  );
  if (taken) throw new Error(`Entra object id already belongs to user ${taken.id}`);
  // Bootstrap admins are recorded under their email or object id until Teams tells us their name.
  const placeholderName = before.displayName === before.email || before.displayName === before.aadObjectId;
  const after: UserRecord = {
    ...before,
    aadObjectId: identity.aadObjectId,
    ...(before.email || !identity.email ? {} : { email: identity.email }),
    displayName: placeholderName && identity.displayName ? identity.displayName.slice(0, 200) : before.displayName,
    status: 'active',
    revision: before.revision + 1,
    updatedAt: now,
    updatedBy: { userId: before.id, displayName: before.displayName },
  };
  return {
    next: { ...current, users: current.users.map((user) => (user.id === userId ? after : user)) },
    result: after,
    audit: [
      {
        actor: { userId: before.id, displayName: after.displayName },
        action: 'user.linked',
        target: { type: 'user', id: before.id },
        outcome: 'applied',
        before: { status: before.status, aadObjectId: before.aadObjectId ?? null },
        after: { status: after.status, aadObjectId: after.aadObjectId },
      },
    ],
  };
}
