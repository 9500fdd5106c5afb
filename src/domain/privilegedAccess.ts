import type { PolicyUser } from './policyUser.js';
import { activeGlobalAdmins } from './policy.js';

/**
 * The organization's rules for privileged access (issue 21), and what follows from them. Partner
 * Center has neither; the choices are in docs/domain-decisions.md:
 * - A second Global admin approves every new Global admin: on unless the Global admins turned it
 *   off, and only where there is a second active Global admin to ask.
 * - A monthly access review: off unless turned on.
 * - A request waits 24 hours; a review's unanswered reviewer is reminded once, after 7 days; a
 *   monthly review starts 30 days after the last one.
 */
export interface PrivilegedAccessRules {
  secondApproval: boolean;
  monthlyReview: boolean;
}

export const DEFAULT_PRIVILEGED_ACCESS_RULES: PrivilegedAccessRules = { secondApproval: true, monthlyReview: false };

export const REQUEST_LIFETIME_MS = 24 * 3_600_000;
export const REVIEW_REMINDER_AFTER_MS = 7 * 24 * 3_600_000;
export const MONTHLY_REVIEW_EVERY_MS = 30 * 24 * 3_600_000;

/** Whether giving the Global admin role (or turning the rule off) waits for a second Global admin. */
export function secondApprovalApplies(rules: PrivilegedAccessRules, users: readonly PolicyUser[]): boolean {
  return rules.secondApproval && activeGlobalAdmins({ users }).length >= 2;
}

/**
 * Who may approve a request: the active Global admins other than the one who asked and the one
 * it is for. Nobody approves their own request.
 */
export function approversOf<U extends PolicyUser>(
  users: readonly U[],
  request: { requestedBy: string; targetId?: string },
): U[] {
  return activeGlobalAdmins({ users }).filter(
    (user) => user.id !== request.requestedBy && user.id !== request.targetId,
  );
}
