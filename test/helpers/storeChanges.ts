import type { TenantStore } from '../../src/store/accountStore.js';
import type { RoleId } from '../../src/domain/roles.js';
import type { UserRecord } from '../../src/store/schema.js';

/**
 * Changes made straight on the store, the way a conversation does them (each audited), for tests
 * that need users in place before they talk to the bot.
 */
export const ADMIN_ACTOR = { userId: 'u-alex', displayName: 'Alex Wilber' };

/** A new invited user with the default role. */
export function newUser(id: string, email: string, now: string): UserRecord {
  return {
    id,
    displayName: `User ${id}`,
    email,
    roles: ['default_user'],
    status: 'invited',
    revision: 0,
    createdAt: now,
    createdBy: ADMIN_ACTOR,
    updatedAt: now,
    updatedBy: ADMIN_ACTOR,
  };
}

/** Adds one user, audited as the add-user conversation does. */
export function addUser(store: TenantStore, id: string, email: string) {
  return store.change((current, { now }) => ({
    next: { ...current, users: [...current.users, newUser(id, email, now)] },
    result: id,
    audit: [
      { actor: ADMIN_ACTOR, action: 'user.added', target: { type: 'user', id }, outcome: 'applied', after: { email } },
    ],
  }));
}

/** A person of the demo organization who holds whatever roles a test gives her. */
export const RITA = {
  userId: 'u-rita',
  name: 'Rita Role',
  aadObjectId: '5e0b7c1d-9a2f-4c3e-8d41-6f7a8b9c0d11',
};

/** Adds Rita (an active user, as Lynne is) with these roles. */
export function addRita(store: TenantStore, roles: RoleId[]) {
  return store.change((current, { now }) => {
    const template = current.users.find((user) => user.id === 'u-lynne')!;
    const rita: UserRecord = {
      ...template,
      id: RITA.userId,
      displayName: RITA.name,
      email: 'rita@contoso.com',
      aadObjectId: RITA.aadObjectId,
      roles,
      revision: 0,
      createdAt: now,
      createdBy: ADMIN_ACTOR,
      updatedAt: now,
      updatedBy: ADMIN_ACTOR,
    };
    return {
      next: { ...current, users: [...current.users, rita] },
      result: undefined,
      audit: [
        { actor: ADMIN_ACTOR, action: 'user.added', target: { type: 'user', id: RITA.userId }, outcome: 'applied' },
      ],
    };
  });
}

/** Gives a user exactly these roles, audited. */
export function setRoles(store: TenantStore, userId: string, roles: RoleId[]) {
  return store.change((current, { now }) => ({
    next: {
      ...current,
      users: current.users.map((user) =>
        user.id === userId
          ? { ...user, roles, revision: user.revision + 1, updatedAt: now, updatedBy: ADMIN_ACTOR }
          : user,
      ),
    },
    result: undefined,
    audit: [
      { actor: ADMIN_ACTOR, action: 'user.roles_changed', target: { type: 'user', id: userId }, outcome: 'applied' },
    ],
  }));
}
