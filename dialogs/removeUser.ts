import { removeUser } from '../src/accounts/removeUser.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { attemptChange } from '../src/bot/changes.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { explainDenial } from '../src/bot/denial.js';
import { FlowOnly, openFlowFor } from '../src/bot/flowCards.js';
import { noticeCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import { recordRefusedAttempt } from '../src/bot/changes.js';
import type { UserRecord } from '../src/store/schema.js';

/**
 * "Remove Adele": always confirmed first. The last Global admin cannot be removed, nor can the admin
 * remove themselves. The record stays, marked removed, so the history still names who did what.
 */
export const VERBS = { confirm: 'remove_user.confirm' } as const;

export async function removeUserCardFor(turn: MemberTurn, target: UserRecord): Promise<CardJson> {
  const { t } = turn;
  const decision = decideIn(turn.organization.read(), turn.user, { type: 'remove_user', target });
  if (!decision.allowed) {
    await recordRefusedAttempt(turn, { action: 'user.removed', target: { type: 'user', id: target.id } }, decision.reason);
    return noticeCard({ title: t.t('removeUser.refusedTitle', { name: escapeMarkdown(target.displayName) }), paragraphs: [explainDenial(t, decision)], tone: 'attention' });
  }
  const flow = turn.flows.start({ kind: 'remove_user', targetId: target.id, targetRevision: target.revision });
  return noticeCard({
    title: t.t('removeUser.confirm.title', { name: escapeMarkdown(target.displayName) }),
    tone: 'warning',
    paragraphs: [t.t('removeUser.confirm.body', { name: escapeMarkdown(target.displayName), organization: escapeMarkdown(turn.organization.read().organization.displayName) })],
    facts: [
      { title: t.t('addUser.field.email'), value: escapeMarkdown(target.email ?? '') },
      { title: t.t('addUser.field.roles'), value: t.list(target.roles.map((roleId) => t.t(`role.${roleId}.name`))) },
    ].filter((fact) => fact.value),
    note: t.t('removeUser.confirm.kept'),
    actions: [
      executeAction(t.t('removeUser.confirm.yes'), VERBS.confirm, { flowId: flow.id }, { style: 'destructive' }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }),
    ],
  });
}

async function confirm(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { t } = turn;
  const opened = openFlowFor(turn, data, 'remove_user', FlowOnly);
  if (!opened.ok) return opened.card;
  const { flow } = opened;
  const attempt = await attemptChange(turn, { action: 'user.removed', target: { type: 'user', id: flow.targetId } }, (current, now) =>
    removeUser(current, turn.user.id, flow.targetId, flow.targetRevision, now),
  );
  const target = turn.organization.userById(flow.targetId);
  let card: CardJson;
  if (attempt.ok) {
    card = noticeCard({ title: t.t('removeUser.done.title', { name: escapeMarkdown(attempt.result.displayName) }), paragraphs: [t.t('removeUser.done.body')], tone: 'good' });
  } else if (attempt.kind === 'refused') {
    card = noticeCard({ title: t.t('removeUser.refusedTitle', { name: escapeMarkdown(target?.displayName ?? '') }), paragraphs: [explainDenial(t, attempt.decision)], tone: 'attention' });
  } else if (attempt.kind === 'stale' && target && target.status !== 'removed') {
    // Changed since the confirmation was shown (new roles, say): ask again with what is true now.
    return removeUserCardFor(turn, target);
  } else {
    card = noticeCard({ title: t.t('flow.userGone'), tone: 'attention' });
  }
  turn.flows.finish(flow.id, card);
  return card;
}

export const removeUserActions: CardActionHandlers = { [VERBS.confirm]: confirm };
