import type { RoleId } from '../domain/roles.js';
import type { AuditDraft, ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, UserRecord } from '../store/schema.js';
import { addUser, NewUserInvalidError, privilegedRoles, type NewUserInput } from './addUser.js';
import { ChangeRefusedError, InvalidChangeError } from './changeRefused.js';
import { actorRef, authorize } from './organizationView.js';

/**
 * Several users at once, from a file (issue 22): one change, so one durable write, all or
 * nothing if the process stops. Each row is added with the add-user form's own rules, the policy
 * asked again for each at this moment; a row that is no longer valid (its email taken meanwhile,
 * a role the admin may no longer give, a Global admin role that now needs a second approval) is
 * left out and said, the others are added. One audit entry per user, and one for the import.
 */
export interface AddedUsers {
  added: UserRecord[];
  skipped: { row: number; reason: string }[];
}

export function addUsers(
  current: OrganizationFile,
  actorId: string,
  rows: readonly { row: number; input: NewUserInput }[],
  now: string,
): ChangeOutcome<AddedUsers> {
  const actor = authorize(current, actorId, () => ({ type: 'open_add_user_form' }));
  let next = current;
  const audit: AuditDraft[] = [];
  const result: AddedUsers = { added: [], skipped: [] };
  for (const { row, input } of rows) {
    try {
      const outcome = addUser(next, actorId, input, now);
      next = outcome.next;
      audit.push(...outcome.audit.map((entry) => ({ ...entry, after: { ...(entry.after as object), row } })));
      result.added.push(outcome.result);
    } catch (error) {
      if (error instanceof NewUserInvalidError) result.skipped.push({ row, reason: 'invalid' });
      else if (error instanceof ChangeRefusedError) result.skipped.push({ row, reason: error.decision.reason });
      else throw error;
    }
  }
  if (result.added.length === 0) throw new NothingAddedError(result.skipped);
  const privileged: RoleId[] = [...new Set(result.added.flatMap((user) => privilegedRoles(user.roles)))];
  audit.push({
    actor: actorRef(actor),
    action: 'users.imported',
    target: { type: 'organization', id: current.organization.tenantId },
    outcome: 'applied',
    after: {
      added: result.added.map((user) => user.id),
      skipped: result.skipped,
      privilegedRoles: privileged,
    },
  });
  return { next, result, audit };
}

/** No row could be added at the moment of the change: nothing is written. */
export class NothingAddedError extends InvalidChangeError {
  constructor(readonly skipped: AddedUsers['skipped']) {
    super('No user of the file could be added');
    this.name = 'NothingAddedError';
  }
}
