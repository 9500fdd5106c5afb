import type { Translator } from '../i18n/index.js';
import { approversOf } from '../domain/privilegedAccess.js';
import type { AccessRequest, OrganizationFile } from '../store/schema.js';
import { executeAction } from './cardActions.js';
import { formatMoment } from './moments.js';
import { noticeCard } from './notice.js';
import type { Notifier } from './notifier.js';
import type { AttemptedChange } from './refusals.js';
import { escapeMarkdown } from './text.js';
import type { CardJson } from './turn.js';

/**
 * The cards of a second Global admin's approval (issue 21): what a request asks, in words every
 * card shares; the approval card sent to each approver's personal chat (Approve / Deny, answered
 * by dialogs/privilegedAccess.ts); and the requester's news when it is decided or expires.
 */
export const ACCESS_REQUEST_VERBS = { approve: 'access_request.approve', deny: 'access_request.deny' } as const;

/** An approver's answer, as the audit log names it when it is refused. */
export const answerAttempt = (requestId: string, answer: 'approve' | 'deny'): AttemptedChange => ({
  action: answer === 'approve' ? 'access_request.approved' : 'access_request.denied',
  target: { type: 'access_request', id: requestId },
});

function nameOf(document: OrganizationFile, userId: string): string {
  return escapeMarkdown(document.users.find((user) => user.id === userId)?.displayName ?? userId);
}

/** "Give Megan Bowen: Global admin, until Fri 4 Dec, 18:00" / "Turn off the second approval". */
export function requestSummary(t: Translator, document: OrganizationFile, request: AccessRequest, timeZone?: string) {
  const { change } = request;
  const roles = (ids: readonly string[]) => t.list(ids.map((roleId) => t.t(`role.${roleId}.name`)));
  switch (change.kind) {
    case 'grant':
      return t.t(change.until ? 'accessRequest.summary.grantUntil' : 'accessRequest.summary.grant', {
        name: nameOf(document, change.targetId),
        roles: roles(change.add),
        ...(change.until ? { until: formatMoment(t, change.until, timeZone) } : {}),
      });
    case 'extend':
      return t.t('accessRequest.summary.extend', {
        name: nameOf(document, change.targetId),
        until: formatMoment(t, change.until, timeZone),
      });
    case 'rules':
      return t.t(change.secondApproval ? 'accessRequest.summary.rulesOn' : 'accessRequest.summary.rulesOff');
  }
}

export function requestFacts(t: Translator, document: OrganizationFile, request: AccessRequest, timeZone?: string) {
  return [
    { title: t.t('accessRequest.fact.change'), value: requestSummary(t, document, request, timeZone) },
    { title: t.t('accessRequest.fact.by'), value: escapeMarkdown(request.requestedBy.displayName) },
    { title: t.t('accessRequest.fact.reason'), value: escapeMarkdown(request.reason) },
    { title: t.t('accessRequest.fact.expires'), value: formatMoment(t, request.expiresAt, timeZone) },
  ];
}

/** The card an approver gets: the request, and Approve / Deny. */
export function approvalCard(t: Translator, document: OrganizationFile, request: AccessRequest, timeZone?: string) {
  return noticeCard({
    title: t.t('accessRequest.approval.title', { actor: escapeMarkdown(request.requestedBy.displayName) }),
    tone: 'warning',
    facts: requestFacts(t, document, request, timeZone),
    note: t.t('accessRequest.approval.note'),
    actions: [
      executeAction(
        t.t('accessRequest.approve'),
        ACCESS_REQUEST_VERBS.approve,
        { requestId: request.id },
        { style: 'positive' },
      ),
      executeAction(
        t.t('accessRequest.deny'),
        ACCESS_REQUEST_VERBS.deny,
        { requestId: request.id },
        { style: 'destructive' },
      ),
    ],
  });
}

export interface Sent {
  told: string[];
  unreachable: string[];
}

/** Sends the approval card to every approver; answers whom it reached, for the requester's card. */
export async function sendForApproval(
  notifier: Notifier,
  document: OrganizationFile,
  request: AccessRequest,
): Promise<Sent> {
  const approvers = approversOf(document.users, {
    requestedBy: request.requestedBy.userId,
    ...('targetId' in request.change ? { targetId: request.change.targetId } : {}),
  });
  const sent: Sent = { told: [], unreachable: [] };
  for (const approver of approvers) {
    const delivery = await notifier.tell(document.organization.tenantId, approver.id, (t) =>
      approvalCard(t, document, request),
    );
    (delivery === 'sent' ? sent.told : sent.unreachable).push(approver.displayName);
  }
  return sent;
}

/** The requester's news: approved, denied, or expired unanswered. */
export function requestOutcomeCard(t: Translator, document: OrganizationFile, request: AccessRequest): CardJson {
  const status = request.status === 'approved' || request.status === 'denied' ? request.status : 'expired';
  return noticeCard({
    title: t.t(`accessRequest.outcome.${status}`, {
      by: escapeMarkdown(request.decidedBy?.displayName ?? ''),
    }),
    tone: status === 'approved' ? 'good' : 'attention',
    facts: [{ title: t.t('accessRequest.fact.change'), value: requestSummary(t, document, request) }],
  });
}

/**
 * An approval or a denial, announced to the organization's other active Global admins (not the one
 * who decided, nor the requester, nor the person it was about): every privileged change is.
 */
export async function announceDecision(
  notifier: Notifier,
  document: OrganizationFile,
  request: AccessRequest,
): Promise<Sent> {
  const sent: Sent = { told: [], unreachable: [] };
  const leftOut = new Set([
    request.decidedBy?.userId,
    request.requestedBy.userId,
    'targetId' in request.change ? request.change.targetId : undefined,
  ]);
  const admins = document.users.filter(
    (user) => user.status === 'active' && user.roles.includes('global_admin') && !leftOut.has(user.id),
  );
  for (const admin of admins) {
    const delivery = await notifier.tell(document.organization.tenantId, admin.id, (t) =>
      noticeCard({
        title: t.t(request.status === 'approved' ? 'accessRequest.decided.approved' : 'accessRequest.decided.denied', {
          by: escapeMarkdown(request.decidedBy?.displayName ?? ''),
          requester: escapeMarkdown(request.requestedBy.displayName),
        }),
        tone: 'warning',
        facts: requestFacts(t, document, request).slice(0, 3),
      }),
    );
    (delivery === 'sent' ? sent.told : sent.unreachable).push(admin.displayName);
  }
  return sent;
}

/** Tells the requester how their request ended (approved, denied, expired). */
export function tellRequester(notifier: Notifier, document: OrganizationFile, request: AccessRequest) {
  return notifier.tell(document.organization.tenantId, request.requestedBy.userId, (t) =>
    requestOutcomeCard(t, document, request),
  );
}
