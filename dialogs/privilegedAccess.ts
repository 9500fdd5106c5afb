import { z } from 'zod';
import { decideRequest, RequestClosedError } from '../src/accounts/accessRequests.js';
import { InvalidChangeError } from '../src/accounts/changeRefused.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { approvalNeeded, rulesOf, updatePrivilegedAccessRules } from '../src/accounts/privilegedAccessRules.js';
import { approversOf } from '../src/domain/privilegedAccess.js';
import type { PrivilegedAccessRules } from '../src/domain/privilegedAccess.js';
import type { AccessRequest } from '../src/store/schema.js';
import {
  ACCESS_REQUEST_VERBS,
  announceDecision,
  answerAttempt,
  approvalCard,
  requestFacts,
  requestSummary,
  tellRequester,
} from '../src/conversation/accessRequestCards.js';
import { askForApproval } from '../src/conversation/approvalRequests.js';
import { commandAction, executeAction } from '../src/conversation/cardActions.js';
import { attemptChange, finishWith, notSavedCard, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import { cancelButton, formAction, formSubmit, malformedCard, submitButton } from '../src/conversation/forms.js';
import { formatMoment } from '../src/conversation/moments.js';
import { noticeCard } from '../src/conversation/notice.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { allowedOrExplained, onOrganization, refusalCard, refusedBeforeShowing } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Privileged access" (issue 21): who holds a privileged role for a time and until when, what
 * waits for a second Global admin's approval, and the organization's two rules (a second approval
 * for every new Global admin; a monthly access review), which Global admins change here. Turning
 * the approval off is itself a change the rule holds back.
 *
 * It also answers the approval card's Approve / Deny, wherever the card was sent: the approver is
 * who clicked (from the activity), the policy is asked again at that moment, a second click finds
 * the request decided, and the requester and the other Global admins are told.
 */
const VERBS = { rules: 'privileged_access.rules', saveRules: 'privileged_access.save_rules' } as const;

const rulesFlow = defineFlow('privileged_access_rules', {});

const rulesAttempt = (turn: MemberTurn) => onOrganization(turn, 'organization.privileged_access_rules_changed');

const onOff = (turn: MemberTurn, on: boolean) => turn.t.t(on ? 'privilegedAccess.on' : 'privilegedAccess.off');

function pageCard(turn: MemberTurn): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const rules = rulesOf(document);
  const now = new Date().toISOString();
  const timeBound = document.users
    .filter((user) => user.status !== 'removed')
    .flatMap((user) =>
      (user.temporaryRoles ?? []).map((temporary) => ({
        title: `${escapeMarkdown(user.displayName)}: ${t.t(`role.${temporary.roleId}.name`)}`,
        value: t.t('privilegedAccess.until', { until: formatMoment(t, temporary.until, turn.timeZone) }),
      })),
    );
  const pending = document.accessRequests.filter((request) => request.status === 'pending' && request.expiresAt > now);
  const isGlobalAdmin = decideIn(document, turn.user, { type: 'change_privileged_access_rules' }).allowed;
  return noticeCard({
    title: t.t('privilegedAccess.title'),
    paragraphs: [
      t.t('privilegedAccess.rule.secondApproval', { state: onOff(turn, rules.secondApproval) }) +
        (rules.secondApproval && !approvalNeeded(document) ? ' ' + t.t('privilegedAccess.rule.oneGlobalAdmin') : ''),
      t.t('privilegedAccess.rule.monthlyReview', { state: onOff(turn, rules.monthlyReview) }),
      timeBound.length > 0 ? t.t('privilegedAccess.timeBound') : t.t('privilegedAccess.noTimeBound'),
    ],
    facts: [
      ...timeBound,
      ...pending.map((request) => ({
        title: t.t('privilegedAccess.waiting'),
        value: `${requestSummary(t, document, request, turn.timeZone)} (${escapeMarkdown(request.requestedBy.displayName)})`,
      })),
    ],
    actions: isGlobalAdmin
      ? [
          executeAction(t.t('privilegedAccess.changeRules'), VERBS.rules, {}),
          commandAction(t.t('privilegedAccess.startReview'), 'review_access'),
        ]
      : [],
  });
}

async function showPage(turn: MemberTurn): Promise<void> {
  if (!(await allowedOrExplained(turn, { type: 'view_privileged_access' }))) return;
  await turn.sendCard(pageCard(turn));
  // What waits for this admin's own approval comes with its buttons, right under the page.
  const document = turn.organization.read();
  const now = new Date().toISOString();
  const mine = document.accessRequests.filter(
    (request) =>
      request.status === 'pending' &&
      request.expiresAt > now &&
      approversOf(document.users, approvalParties(request)).some((user) => user.id === turn.user.id),
  );
  for (const request of mine.slice(0, 3)) await turn.sendCard(approvalCard(turn.t, document, request, turn.timeZone));
}

function approvalParties(request: AccessRequest) {
  return {
    requestedBy: request.requestedBy.userId,
    ...('targetId' in request.change ? { targetId: request.change.targetId } : {}),
  };
}

// --- Approve / Deny -------------------------------------------------------------------------

const AnswerData = z.object({ requestId: z.string().min(1).max(100) });

function answer(choice: 'approve' | 'deny') {
  return async (turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> => {
    const { t } = turn;
    const parsed = AnswerData.safeParse(data);
    if (!parsed.success) return malformedCard(turn);
    const { requestId } = parsed.data;
    const attempted = answerAttempt(requestId, choice);
    const outcome = await attemptChange(
      turn,
      attempted,
      (current, now) => decideRequest(current, turn.user.id, requestId, choice, now),
      { invalid: InvalidChangeError },
    );
    const document = turn.organization.read();
    const request = document.accessRequests.find((each) => each.id === requestId);
    switch (outcome.kind) {
      case 'saved': {
        const decided = outcome.result.request;
        await tellRequester(turn.notifier, document, decided);
        // The other Global admins hear of the decision (the requester has had their own news).
        const announced = await announceDecision(turn.notifier, document, decided);
        return noticeCard({
          title: t.t(choice === 'approve' ? 'accessRequest.approved.title' : 'accessRequest.denied.title'),
          tone: choice === 'approve' ? 'good' : 'default',
          facts: [
            ...requestFacts(t, document, decided, turn.timeZone).slice(0, 3),
            ...(announced && announced.told.length > 0
              ? [{ title: t.t('editRoles.done.told'), value: escapeMarkdown(t.list(announced.told)) }]
              : []),
          ],
          note: t.t(choice === 'approve' ? 'accessRequest.approved.note' : 'accessRequest.denied.note', {
            name: escapeMarkdown(decided.requestedBy.displayName),
          }),
        });
      }
      case 'invalid': {
        const status = outcome.error instanceof RequestClosedError ? outcome.error.status : 'unknown';
        return noticeCard({
          title: t.t(`accessRequest.closed.${status}`, {
            by: escapeMarkdown(request?.decidedBy?.displayName ?? ''),
          }),
          tone: 'default',
          facts: request ? requestFacts(t, document, request, turn.timeZone).slice(0, 2) : [],
        });
      }
      case 'refused':
        return refusalCard(turn, t.t('accessRequest.refusedTitle'), outcome.decision, outcome.action);
      case 'gone':
      case 'stale':
        return noticeCard({ title: t.t('flow.userGone'), tone: 'attention' });
      case 'not_saved':
        return notSavedCard(turn);
    }
  };
}

// --- The rules --------------------------------------------------------------------------------

function rulesForm(turn: MemberTurn, flowId: string, rules: PrivilegedAccessRules, notice?: string): CardJson {
  const { t } = turn;
  return profileFormCard(turn, {
    title: t.t('privilegedAccess.rulesTitle'),
    paragraphs: [...(notice ? [notice] : []), t.t('privilegedAccess.rulesIntro')],
    fields: [
      { kind: 'toggle', id: 'secondApproval', value: rules.secondApproval ? 'true' : 'false' },
      { kind: 'toggle', id: 'monthlyReview', value: rules.monthlyReview ? 'true' : 'false' },
      { kind: 'text', id: 'approvalReason', value: '', maxLength: 300 },
    ],
    note: t.t('privilegedAccess.rulesNote'),
    actions: [submitButton(t.t('common.save'), VERBS.saveRules, flowId), cancelButton(turn, flowId)],
  });
}

/** The page's "Change the rules" button: the form replaces the page (a Global admin's only). */
async function openRules(turn: MemberTurn): Promise<CardJson> {
  const refused = await refusedBeforeShowing(
    turn,
    { type: 'change_privileged_access_rules' },
    rulesAttempt(turn),
    turn.t.t('privilegedAccess.refusedTitle'),
  );
  if (refused) return refused;
  return rulesForm(turn, turn.flows.start(rulesFlow, {}).id, rulesOf(turn.organization.read()));
}

const RulesData = formSubmit({
  secondApproval: z.enum(['true', 'false']).optional().default('false'),
  monthlyReview: z.enum(['true', 'false']).optional().default('false'),
  approvalReason: z.string().max(2000).optional().default(''),
});

const saveRules = formAction(rulesFlow, RulesData, async (turn, { flow, input }) => {
  const { t } = turn;
  const rules: PrivilegedAccessRules = {
    secondApproval: input.secondApproval === 'true',
    monthlyReview: input.monthlyReview === 'true',
  };
  const document = turn.organization.read();
  const before = rulesOf(document);
  // Turning the approval off is a change the approval holds back: a request, with its reason.
  if (before.secondApproval && !rules.secondApproval && approvalNeeded(document)) {
    const reason = input.approvalReason.trim().slice(0, 300);
    if (!reason) return rulesForm(turn, flow.id, rules, t.t('accessRequest.reasonRequired'));
    return askForApproval(
      turn,
      flow.id,
      { kind: 'rules', ...rules },
      reason,
      rulesAttempt(turn),
      t.t('privilegedAccess.refusedTitle'),
    );
  }
  const outcome = await attemptChange(turn, rulesAttempt(turn), (current, now) =>
    updatePrivilegedAccessRules(current, turn.user.id, rules, now),
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('privilegedAccess.rulesSaved'),
          tone: 'good',
          facts: [
            { title: t.t('profileForm.field.secondApproval.label'), value: onOff(turn, outcome.result.secondApproval) },
            { title: t.t('profileForm.field.monthlyReview.label'), value: onOff(turn, outcome.result.monthlyReview) },
          ],
        }),
      );
    case 'stale':
    case 'gone':
      return finishWith(turn, flow.id, pageCard(turn));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('privilegedAccess.refusedTitle'));
  }
});

export const privilegedAccess: Conversation = {
  name: 'privileged-access',
  // The approval itself is asked inside the change (src/accounts/accessRequests.ts).
  policy: ['view_privileged_access', 'change_privileged_access_rules'],
  flows: [rulesFlow],
  offeredWhen: { privileged_access: () => ({ type: 'view_privileged_access' }) },
  intents: { privileged_access: (turn) => showPage(turn) },
  cardActions: {
    [ACCESS_REQUEST_VERBS.approve]: answer('approve'),
    [ACCESS_REQUEST_VERBS.deny]: answer('deny'),
    [VERBS.rules]: (turn) => openRules(turn),
    [VERBS.saveRules]: saveRules,
  },
};
