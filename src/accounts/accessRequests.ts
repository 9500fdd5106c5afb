import { InvalidChangeError } from './changeRefused.js';
import { randomUUID } from 'node:crypto';
import type { RoleId } from '../domain/roles.js';
import { REQUEST_LIFETIME_MS } from '../domain/privilegedAccess.js';
import type { AuditDraft, ChangeOutcome } from '../store/accountStore.js';
import type { AccessRequest, ActorRef, OrganizationFile, UserRecord } from '../store/schema.js';
import { addUser, type NewUserInput } from './addUser.js';
import { ChangeRefusedError } from './changeRefused.js';
import { changeRoles } from './changeRoles.js';
import { extendAccess } from './extendAccess.js';
import { SYSTEM, NothingDueError } from './expireRoles.js';
import { actorRef, authorize, userIn } from './organizationView.js';
import { updatePrivilegedAccessRules } from './privilegedAccessRules.js';

/**
 * Changes a second Global admin must approve (issue 21): a request is recorded with its reason and
 * nothing else changes; the first approval makes the change, as the requester, against the data
 * as it is then (the policy asked again, for the requester and the approver); a denial closes it;
 * after 24 hours it expires. Every step is audited.
 */
export type RequestedChange = AccessRequest['change'];

export class RequestClosedError extends InvalidChangeError {
  constructor(readonly status: AccessRequest['status'] | 'unknown') {
    super(`The request is ${status}`);
    this.name = 'RequestClosedError';
  }
}

/** A request for the same change is already waiting: asking again would only make noise. */
export class RequestPendingError extends InvalidChangeError {
  constructor(readonly request: AccessRequest) {
    super('A request for this change is already waiting');
    this.name = 'RequestPendingError';
  }
}

const target = (request: AccessRequest) => ({ type: 'access_request', id: request.id }) as const;

/** The roles the requester must be allowed to give or take away for the change. */
function authorizeRequester(current: OrganizationFile, actorId: string, change: RequestedChange) {
  switch (change.kind) {
    case 'grant': {
      const user = userIn(current, change.targetId);
      const roles = [...new Set([...user.roles.filter((roleId) => !change.remove.includes(roleId)), ...change.add])];
      return authorize(current, actorId, () => ({ type: 'change_roles', target: user, roles }));
    }
    case 'extend': {
      const user = userIn(current, change.targetId);
      return authorize(current, actorId, () => ({ type: 'change_roles', target: user, roles: ['global_admin'] }));
    }
    case 'rules':
      return authorize(current, actorId, () => ({ type: 'change_privileged_access_rules' }));
  }
}

function sameChange(a: RequestedChange, b: RequestedChange): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'rules') return true;
  return a.targetId === (b as { targetId: string }).targetId;
}

export function requestChange(
  current: OrganizationFile,
  actorId: string,
  change: RequestedChange,
  reason: string,
  now: string,
): ChangeOutcome<AccessRequest> {
  const actor = authorizeRequester(current, actorId, change);
  const waiting = current.accessRequests.find(
    (request) => request.status === 'pending' && request.expiresAt > now && sameChange(request.change, change),
  );
  if (waiting) throw new RequestPendingError(waiting);
  const request: AccessRequest = {
    id: `req-${randomUUID()}`,
    change,
    reason,
    requestedBy: actorRef(actor),
    requestedAt: now,
    expiresAt: new Date(Date.parse(now) + REQUEST_LIFETIME_MS).toISOString(),
    status: 'pending',
  };
  return {
    next: { ...current, accessRequests: [...current.accessRequests, request] },
    result: request,
    audit: [
      {
        actor: request.requestedBy,
        action: 'access_request.created',
        target: target(request),
        outcome: 'applied',
        after: { change, reason, ...('targetId' in change ? { targetId: change.targetId } : {}) },
      },
    ],
  };
}

export interface Decided {
  request: AccessRequest;
  /** The roles the user has after an approved grant or extension. */
  roles?: RoleId[];
}

/**
 * An approver's answer. Approving makes the change as the requester would have, with the approval
 * recorded; if the policy says no now (the requester lost the right, the user was removed), the
 * request stays as it was and the approver is told why.
 */
export function decideRequest(
  current: OrganizationFile,
  actorId: string,
  requestId: string,
  answer: 'approve' | 'deny',
  now: string,
): ChangeOutcome<Decided> {
  const request = current.accessRequests.find((each) => each.id === requestId);
  if (!request) throw new RequestClosedError('unknown');
  if (request.status !== 'pending') throw new RequestClosedError(request.status);
  if (request.expiresAt <= now) throw new RequestClosedError('expired');
  const approver = authorize(current, actorId, () => ({
    type: 'approve_access_request',
    requestedBy: request.requestedBy.userId,
    ...('targetId' in request.change ? { targetId: request.change.targetId } : {}),
  }));
  const by = actorRef(approver);
  const decided: AccessRequest = {
    ...request,
    status: answer === 'approve' ? 'approved' : 'denied',
    decidedBy: by,
    decidedAt: now,
  };
  const withDecision = (document: OrganizationFile): OrganizationFile => ({
    ...document,
    accessRequests: document.accessRequests.map((each) => (each.id === request.id ? decided : each)),
  });
  const decisionAudit: AuditDraft = {
    actor: by,
    action: answer === 'approve' ? 'access_request.approved' : 'access_request.denied',
    target: target(request),
    outcome: 'applied',
    after: { change: request.change, requestedBy: request.requestedBy },
  };
  if (answer === 'deny') return { next: withDecision(current), result: { request: decided }, audit: [decisionAudit] };
  const applied = applyApproved(current, request, by, now);
  return {
    next: withDecision(applied.next),
    result: { request: decided, ...(applied.roles ? { roles: applied.roles } : {}) },
    audit: [decisionAudit, ...applied.audit],
  };
}

function applyApproved(
  current: OrganizationFile,
  request: AccessRequest,
  approvedBy: ActorRef,
  now: string,
): { next: OrganizationFile; audit: AuditDraft[]; roles?: RoleId[] } {
  const requester = request.requestedBy.userId;
  const { change } = request;
  switch (change.kind) {
    case 'grant': {
      const user = userIn(current, change.targetId);
      if (user.status === 'removed') throw new ChangeRefusedError({ allowed: false, reason: 'target_removed' });
      const roles = [...new Set([...user.roles.filter((roleId) => !change.remove.includes(roleId)), ...change.add])];
      const outcome = changeRoles(current, requester, user.id, roles, user.revision, now, {
        ...(change.until ? { until: change.until } : {}),
        approvedBy,
      });
      return { next: outcome.next, audit: outcome.audit, roles: outcome.result.user.roles };
    }
    case 'extend': {
      const outcome = extendAccess(current, requester, change.targetId, change.until, now, { approvedBy });
      return { next: outcome.next, audit: outcome.audit, roles: outcome.result.roles };
    }
    case 'rules': {
      const rules = { secondApproval: change.secondApproval, monthlyReview: change.monthlyReview };
      const outcome = updatePrivilegedAccessRules(current, requester, rules, now, { approvedBy });
      return { next: outcome.next, audit: outcome.audit };
    }
  }
}

/** Closes the requests left unanswered for 24 hours, as the bot itself (idempotent, like role ends). */
export function expireRequests(current: OrganizationFile, now: string): ChangeOutcome<AccessRequest[]> {
  const due = current.accessRequests.filter((request) => request.status === 'pending' && request.expiresAt <= now);
  if (due.length === 0) throw new NothingDueError();
  const expired = due.map((request): AccessRequest => ({ ...request, status: 'expired', decidedAt: now }));
  const byId = new Map(expired.map((request) => [request.id, request]));
  return {
    next: { ...current, accessRequests: current.accessRequests.map((request) => byId.get(request.id) ?? request) },
    result: expired,
    audit: expired.map((request) => ({
      actor: SYSTEM,
      action: 'access_request.expired',
      target: target(request),
      outcome: 'applied',
      after: { change: request.change, requestedBy: request.requestedBy },
    })),
  };
}

/** Whether any request is due to expire at `now` (cheap: no change is made). */
export function requestsDue(document: OrganizationFile, now: string): boolean {
  return document.accessRequests.some((request) => request.status === 'pending' && request.expiresAt <= now);
}

/**
 * The add-user form with the Global admin role where it needs a second approval: the user is added
 * with the other roles (the Default user role if none) and the Global admin role is asked for, in
 * one change, so neither is saved without the other.
 */
export function addUserAskingApproval(
  current: OrganizationFile,
  actorId: string,
  input: NewUserInput,
  reason: string,
  now: string,
  options: { until?: string } = {},
): ChangeOutcome<{ user: UserRecord; request: AccessRequest }> {
  // The whole set is asked of the policy, Global admin included, as the form would have given it.
  authorize(current, actorId, () => ({ type: 'add_user', roles: input.roles }));
  const others = input.roles.filter((roleId) => roleId !== 'global_admin');
  const added = addUser(
    current,
    actorId,
    { ...input, roles: others.length > 0 ? others : ['default_user'] },
    now,
    options,
  );
  const asked = requestChange(
    added.next,
    actorId,
    {
      kind: 'grant',
      targetId: added.result.id,
      add: ['global_admin'],
      remove: [],
      ...(options.until ? { until: options.until } : {}),
    },
    reason,
    now,
  );
  return {
    next: asked.next,
    result: { user: added.result, request: asked.result },
    audit: [...added.audit, ...asked.audit],
  };
}
