import { randomUUID } from 'node:crypto';
import { getRole, type RoleId } from '../domain/roles.js';
import { grantableRoles } from '../domain/policy.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { emailProblem, normalizeEmail, type EmailProblem } from './emails.js';
import { actorRef, authorize, policyOrganization } from './organizationView.js';
import { ChangeRefusedError, InvalidChangeError } from './changeRefused.js';
import { approvalNeeded } from './privilegedAccessRules.js';

/**
 * Adding a partner user (shared/domain/partner-center.md §3): a full name, a unique work email,
 * one or more roles. The user is "invited" until they first talk to the bot.
 */
export const DISPLAY_NAME_MAX_LENGTH = 100;

export interface NewUserInput {
  displayName: string;
  email: string;
  roles: readonly RoleId[];
}

export type NameProblem = 'required' | 'too_long' | 'invalid_characters';

/** What is wrong with each field, for the form to show next to it. Empty when the input is acceptable. */
export interface NewUserProblems {
  displayName?: NameProblem;
  email?: EmailProblem | 'duplicate';
  roles?: { problem: 'none_chosen' } | { problem: 'not_grantable'; roles: RoleId[] };
}

// Control characters and the Unicode direction overrides that can make a name read differently.
const FORBIDDEN_IN_NAMES = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069]/u;

export function cleanDisplayName(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function displayNameProblem(value: string): NameProblem | undefined {
  const name = cleanDisplayName(value);
  if (!name) return 'required';
  if (name.length > DISPLAY_NAME_MAX_LENGTH) return 'too_long';
  if (FORBIDDEN_IN_NAMES.test(value.trim())) return 'invalid_characters';
  return undefined;
}

/** Checks a new user against the organization as it is now, and against what this actor may grant. */
export function newUserProblems(current: OrganizationFile, actor: UserRecord, input: NewUserInput): NewUserProblems {
  const problems: NewUserProblems = {};
  const nameProblem = displayNameProblem(input.displayName);
  if (nameProblem) problems.displayName = nameProblem;
  const email = normalizeEmail(input.email);
  const mailProblem = emailProblem(email);
  if (mailProblem) problems.email = mailProblem;
  else if (current.users.some((user) => user.status !== 'removed' && user.email === email))
    problems.email = 'duplicate';
  if (input.roles.length === 0) problems.roles = { problem: 'none_chosen' };
  else {
    const allowed = new Set(grantableRoles(actor, policyOrganization(current)));
    const refused = input.roles.filter((roleId) => !allowed.has(roleId));
    if (refused.length > 0) problems.roles = { problem: 'not_grantable', roles: refused };
  }
  return problems;
}

export function hasProblems(problems: NewUserProblems): boolean {
  return Object.keys(problems).length > 0;
}

export function privilegedRoles(roles: readonly RoleId[]): RoleId[] {
  return roles.filter((roleId) => getRole(roleId).privileged);
}

/** Field problems found at the moment of the change (another admin may have added the same email). */
export class NewUserInvalidError extends InvalidChangeError {
  constructor(readonly problems: NewUserProblems) {
    super('The new user is not valid');
    this.name = 'NewUserInvalidError';
  }
}

/**
 * Adds a user, invited. `until`: the privileged roles given are given until then (taken away by the
 * bot at that end). The Global admin role waits for a second Global admin where the organization's
 * rule says so: the form then adds the user without it and asks (accessRequests.ts).
 */
export function addUser(
  current: OrganizationFile,
  actorId: string,
  input: NewUserInput,
  now: string,
  options: { until?: string } = {},
): ChangeOutcome<UserRecord> {
  const roles = [...new Set(input.roles)];
  const actor = authorize(current, actorId, () => ({ type: 'add_user', roles }));
  const problems = newUserProblems(current, actor, { ...input, roles });
  if (hasProblems(problems)) throw new NewUserInvalidError(problems);
  if (roles.includes('global_admin') && approvalNeeded(current))
    throw new ChangeRefusedError({ allowed: false, reason: 'needs_second_approval' });
  const by = actorRef(actor);
  const timed = options.until ? privilegedRoles(roles) : [];
  const user: UserRecord = {
    id: `u-${randomUUID()}`,
    displayName: cleanDisplayName(input.displayName),
    email: normalizeEmail(input.email),
    roles,
    status: 'invited',
    ...(timed.length > 0
      ? { temporaryRoles: timed.map((roleId) => ({ roleId, until: options.until!, grantedBy: by, grantedAt: now })) }
      : {}),
    revision: 0,
    createdAt: now,
    createdBy: by,
    updatedAt: now,
    updatedBy: by,
  };
  return {
    next: { ...current, users: [...current.users, user] },
    result: user,
    audit: [
      {
        actor: by,
        action: 'user.added',
        target: { type: 'user', id: user.id },
        outcome: 'applied',
        after: {
          displayName: user.displayName,
          email: user.email,
          roles,
          status: user.status,
          privilegedRoles: privilegedRoles(roles),
          ...(timed.length > 0 ? { until: options.until } : {}),
        },
      },
    ],
  };
}
