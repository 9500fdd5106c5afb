import {
  DEFAULT_PRIVILEGED_ACCESS_RULES,
  secondApprovalApplies,
  type PrivilegedAccessRules,
} from '../domain/privilegedAccess.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { ActorRef, OrganizationFile } from '../store/schema.js';
import { ChangeRefusedError } from './changeRefused.js';
import { actorRef, authorize } from './organizationView.js';

/** The organization's privileged-access rules as they stand (the defaults until someone changed them). */
export function rulesOf(document: OrganizationFile): PrivilegedAccessRules {
  const stored = document.organization.privilegedAccess;
  return stored
    ? { secondApproval: stored.secondApproval, monthlyReview: stored.monthlyReview }
    : DEFAULT_PRIVILEGED_ACCESS_RULES;
}

/** Whether a change that gives the Global admin role must wait for a second Global admin now. */
export function approvalNeeded(document: OrganizationFile): boolean {
  return secondApprovalApplies(rulesOf(document), document.users);
}

/** Refuses a change the approval rule holds back, unless it comes with its approval. */
export function requireApproval(document: OrganizationFile, approvedBy: ActorRef | undefined): void {
  if (!approvedBy && approvalNeeded(document))
    throw new ChangeRefusedError({ allowed: false, reason: 'needs_second_approval' });
}

/**
 * Turns the second approval and the monthly review on or off (Global admins only). Turning the
 * second approval off is itself held back by it: it needs another Global admin's approval.
 */
export function updatePrivilegedAccessRules(
  current: OrganizationFile,
  actorId: string,
  rules: PrivilegedAccessRules,
  now: string,
  options: { approvedBy?: ActorRef } = {},
): ChangeOutcome<PrivilegedAccessRules> {
  const actor = authorize(current, actorId, () => ({ type: 'change_privileged_access_rules' }));
  const before = rulesOf(current);
  if (before.secondApproval && !rules.secondApproval) requireApproval(current, options.approvedBy);
  const by = actorRef(actor);
  return {
    next: {
      ...current,
      organization: { ...current.organization, privilegedAccess: { ...rules, updatedAt: now, updatedBy: by } },
    },
    result: rules,
    audit: [
      {
        actor: by,
        action: 'organization.privileged_access_rules_changed',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        before,
        after: { ...rules, ...(options.approvedBy ? { approvedBy: options.approvedBy } : {}) },
      },
    ],
  };
}
