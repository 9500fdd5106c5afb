import {
  AUTHORITY_REASONS,
  decide,
  whoMay,
  type Decision,
  type PolicyAction,
  type PolicyOrganization,
} from '../domain/policy.js';
import type { ActorRef, OrganizationFile, UserRecord } from '../store/schema.js';
import { ChangeRefusedError, UnknownUserError } from './changeRefused.js';

/** The organization as the policy sees it: its users, and whether it is a CSP provider. */
export function policyOrganization(document: OrganizationFile): PolicyOrganization {
  const isCspProvider = document.organization.programs.some(
    (program) =>
      (program.programId === 'csp_direct_bill' || program.programId === 'csp_indirect_provider') &&
      program.status === 'active',
  );
  const sellsToCustomers = document.organization.programs.some(
    (program) => program.programId.startsWith('csp_') && program.status === 'active',
  );
  const cspIndirectReseller = document.organization.programs.some(
    (program) => program.programId === 'csp_indirect_reseller' && program.status === 'active',
  );
  return { users: document.users, isCspProvider, sellsToCustomers, cspIndirectReseller };
}

/** The policy's answer for this actor, as the organization stands in `document`. */
export function decideIn(document: OrganizationFile, actor: UserRecord, action: PolicyAction): Decision {
  return decide(actor, action, policyOrganization(document));
}

/**
 * Whom a refused admin can ask: the active users the policy would let do what was refused, Global
 * admins first. Empty when the refusal is not about the admin's authority (no one can).
 */
export function whomToAsk(
  document: OrganizationFile,
  actorId: string,
  denial: Extract<Decision, { allowed: false }>,
  action: PolicyAction,
): UserRecord[] {
  if (!AUTHORITY_REASONS.has(denial.reason)) return [];
  const helpers = whoMay(action, { ...policyOrganization(document), users: document.users }, actorId);
  const globalAdmin = (user: UserRecord) => (user.roles.includes('global_admin') ? 0 : 1);
  return helpers.sort((a, b) => globalAdmin(a) - globalAdmin(b) || a.displayName.localeCompare(b.displayName));
}

/**
 * Inside a change: the actor as they are now (their roles may have changed since the form was
 * shown), and a refusal if the policy says no.
 */
export function authorize(
  current: OrganizationFile,
  actorId: string,
  action: (actor: UserRecord) => PolicyAction,
): UserRecord {
  const actor = current.users.find((user) => user.id === actorId);
  if (!actor) throw new UnknownUserError(actorId);
  const asked = action(actor);
  const decision = decideIn(current, actor, asked);
  if (!decision.allowed) throw new ChangeRefusedError(decision, asked);
  return actor;
}

export function userIn(current: OrganizationFile, userId: string): UserRecord {
  const user = current.users.find((candidate) => candidate.id === userId);
  if (!user) throw new UnknownUserError(userId);
  return user;
}

export function actorRef(user: UserRecord): ActorRef {
  return { userId: user.id, displayName: user.displayName };
}

/** Replaces one user record in the document, without touching the others. */
export function withUser(current: OrganizationFile, updated: UserRecord): OrganizationFile {
  return { ...current, users: current.users.map((user) => (user.id === updated.id ? updated : user)) };
}
