import { randomUUID } from 'node:crypto';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { Customer, CustomerUser, OrganizationFile } from '../store/schema.js';
import { checkEmail, checkName } from './profileFields.js';
import { CustomerInputError } from './customerDetails.js';
import { customerIn, withCustomer } from './customerRecords.js';
import { actorRef, authorize } from './organizationView.js';

/**
 * A customer's users, managed by the partner (shared/domain/partner-center.md §6, Admin agent): a
 * user is added with a name and a user name in one of the customer's domains; a deleted user can be
 * restored for 30 days, then is gone from every list (the record stays, for the history).
 */
export const RESTORABLE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export function restorableUntil(user: CustomerUser): string | undefined {
  if (user.status !== 'deleted' || !user.deletedAt) return undefined;
  return new Date(Date.parse(user.deletedAt) + RESTORABLE_DAYS * DAY_MS).toISOString();
}

/** Whether a deleted user can still be restored at `now`. */
export function restorable(user: CustomerUser, now: string): boolean {
  const until = restorableUntil(user);
  return until !== undefined && now < until;
}

/** The users an admin sees: the active ones, and the deleted ones still restorable. */
export function listedUsers(customer: Customer, now: string): CustomerUser[] {
  return customer.users
    .filter((user) => user.status === 'active' || restorable(user, now))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export interface CustomerUserInput {
  displayName: string;
  userName: string;
}

/** The problems of a new customer user, against the customer as it is now. */
export function customerUserProblems(customer: Customer, input: CustomerUserInput): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = checkName(input.displayName);
  if (!name.ok) problems.displayName = name.problem;
  const userName = checkEmail(input.userName);
  if (!userName.ok) problems.userName = userName.problem;
  else {
    const domain = userName.value.split('@')[1] ?? '';
    if (!customer.domains.includes(domain)) problems.userName = 'not_customer_domain';
    else if (customer.users.some((user) => user.status === 'active' && user.userName === userName.value))
      problems.userName = 'duplicate';
  }
  return problems;
}

function usable(current: OrganizationFile, customerId: string, revision?: number): Customer {
  const customer = customerIn(current, customerId, revision);
  // Users are managed for customers the partner works for now (choice: not invited, not ended).
  if (customer.relationship.status !== 'active') throw new CustomerInputError({ customer: 'not_active' });
  return customer;
}

export function addCustomerUser(
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  input: CustomerUserInput,
  now: string,
): ChangeOutcome<{ customer: Customer; user: CustomerUser }> {
  const actor = authorize(current, actorId, () => ({ type: 'manage_customer_users' }));
  const customer = usable(current, customerId);
  const problems = customerUserProblems(customer, input);
  if (Object.keys(problems).length > 0) throw new CustomerInputError(problems);
  const name = checkName(input.displayName);
  if (!name.ok) throw new CustomerInputError({ displayName: name.problem });
  const by = actorRef(actor);
  const user: CustomerUser = {
    id: `cu-${randomUUID()}`,
    displayName: name.value,
    userName: input.userName.trim().toLowerCase(),
    status: 'active',
    createdAt: now,
    createdBy: by,
  };
  const { next, updated } = withCustomer(current, customer, { users: [...customer.users, user] }, by, now);
  return {
    next,
    result: { customer: updated, user },
    audit: [
      {
        actor: by,
        action: 'customer.user_added',
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        after: { userId: user.id, displayName: user.displayName, userName: user.userName },
      },
    ],
  };
}

function changeUser(
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  userId: string,
  now: string,
  kind: 'delete' | 'restore',
): ChangeOutcome<{ customer: Customer; user: CustomerUser }> {
  const actor = authorize(current, actorId, () => ({ type: 'manage_customer_users' }));
  const customer = usable(current, customerId);
  const user = customer.users.find((candidate) => candidate.id === userId);
  if (!user) throw new CustomerInputError({ user: 'unknown' });
  const by = actorRef(actor);
  let changed: CustomerUser;
  if (kind === 'delete') {
    if (user.status === 'deleted') throw new CustomerInputError({ user: 'already_deleted' });
    changed = { ...user, status: 'deleted', deletedAt: now, deletedBy: by };
  } else {
    if (user.status === 'active') throw new CustomerInputError({ user: 'not_deleted' });
    if (!restorable(user, now)) throw new CustomerInputError({ user: 'too_late' });
    // The user name may have been given to someone else meanwhile.
    if (customer.users.some((other) => other.status === 'active' && other.userName === user.userName))
      throw new CustomerInputError({ user: 'user_name_taken' });
    const { deletedAt: _deletedAt, deletedBy: _deletedBy, ...rest } = user;
    changed = { ...rest, status: 'active' };
  }
  const users = customer.users.map((each) => (each.id === user.id ? changed : each));
  const { next, updated } = withCustomer(current, customer, { users }, by, now);
  return {
    next,
    result: { customer: updated, user: changed },
    audit: [
      {
        actor: by,
        action: kind === 'delete' ? 'customer.user_deleted' : 'customer.user_restored',
        target: { type: 'customer', id: customer.id },
        outcome: 'applied',
        before: { userId: user.id, displayName: user.displayName, status: user.status },
        after: { userId: user.id, displayName: user.displayName, status: changed.status },
      },
    ],
  };
}

export const deleteCustomerUser = (
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  userId: string,
  now: string,
) => changeUser(current, actorId, customerId, userId, now, 'delete');

export const restoreCustomerUser = (
  current: OrganizationFile,
  actorId: string,
  customerId: string,
  userId: string,
  now: string,
) => changeUser(current, actorId, customerId, userId, now, 'restore');
