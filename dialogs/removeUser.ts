import { z } from 'zod';
import { removeUser as removeUserChange } from '../src/accounts/removeUser.js';
import type { UserRecord } from '../src/store/schema.js';
import { executeAction } from '../src/conversation/cardActions.js';
import { attemptChange, finishWith, usualOutcomeCard, userGoneCard } from '../src/conversation/changes.js';
import { userTask, type Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import { cancelButton, FlowOnly, formAction } from '../src/conversation/forms.js';
import { announcePrivilegedChange } from '../src/conversation/privilegedAlerts.js';
import { noticeCard } from '../src/conversation/notice.js';
import { whoOf } from '../src/conversation/people.js';
import { refusedBeforeShowing, type AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import { startWithUser } from '../src/conversation/userPicker.js';

/**
 * "Remove Adele": always confirmed first. The last Global admin cannot be removed, nor can the admin
 * remove themselves. The record stays, marked removed, so the history still names who did what.
 */
const VERBS = { confirm: 'remove_user.confirm' } as const;

const removeFlow = defineFlow('remove_user', { targetId: z.string(), targetRevision: z.number().int() });

const attempted = (targetId: string): AttemptedChange => ({
  action: 'user.removed',
  target: { type: 'user', id: targetId },
});

async function confirmationFor(turn: MemberTurn, target: UserRecord): Promise<CardJson> {
  const { t } = turn;
  const name = escapeMarkdown(target.displayName);
  const refused = await refusedBeforeShowing(
    turn,
    { type: 'remove_user', target },
    attempted(target.id),
    t.t('removeUser.refusedTitle', { name }),
  );
  if (refused) return refused;
  const flow = turn.flows.start(removeFlow, { targetId: target.id, targetRevision: target.revision });
  return noticeCard({
    title: t.t('removeUser.confirm.title', { name }),
    tone: 'warning',
    paragraphs: [
      t.t('removeUser.confirm.body', {
        name,
        organization: escapeMarkdown(turn.organization.read().organization.displayName),
      }),
    ],
    facts: [
      { title: t.t('addUser.field.email'), value: escapeMarkdown(target.email ?? '') },
      { title: t.t('addUser.field.roles'), value: t.list(target.roles.map((roleId) => t.t(`role.${roleId}.name`))) },
    ].filter((fact) => fact.value),
    note: t.t('removeUser.confirm.kept'),
    actions: [
      executeAction(t.t('removeUser.confirm.yes'), VERBS.confirm, { flowId: flow.id }, { style: 'destructive' }),
      cancelButton(turn, flow.id),
    ],
  });
}

const confirm = formAction(removeFlow, FlowOnly, async (turn, click) => {
  const { t } = turn;
  const { flow } = click;
  const outcome = await attemptChange(turn, attempted(flow.targetId), (current, now) =>
    removeUserChange(current, turn.user.id, flow.targetId, flow.targetRevision, now),
  );
  const target = turn.organization.userById(flow.targetId);
  switch (outcome.kind) {
    case 'saved': {
      const title = t.t('removeUser.done.title', { name: escapeMarkdown(outcome.result.displayName) });
      // Removing someone who held a privileged role is a privileged change: the other Global admins hear of it.
      const announced = await announcePrivilegedChange(turn, outcome.result, {
        added: [],
        removed: outcome.result.roles,
      });
      const facts = [
        ...(announced && announced.told.length > 0
          ? [{ title: t.t('editRoles.done.told'), value: escapeMarkdown(t.list(announced.told)) }]
          : []),
        ...(announced && announced.unreachable.length > 0
          ? [{ title: t.t('editRoles.done.unreachable'), value: escapeMarkdown(t.list(announced.unreachable)) }]
          : []),
      ];
      return finishWith(
        turn,
        flow.id,
        noticeCard({ title, paragraphs: [t.t('removeUser.done.body')], facts, tone: 'good' }),
      );
    }
    case 'stale':
      // Changed since the confirmation was shown (new roles, say): ask again with what is true now.
      if (target && target.status !== 'removed') return confirmationFor(turn, target);
      return finishWith(turn, flow.id, userGoneCard(turn));
    default:
      return usualOutcomeCard(
        turn,
        flow.id,
        outcome,
        t.t('removeUser.refusedTitle', { name: escapeMarkdown(target?.displayName ?? '') }),
      );
  }
});

export const removeUser: Conversation = {
  name: 'remove-user',
  policy: ['open_user_removal', 'remove_user'],
  flows: [removeFlow],
  intents: { remove_user: (turn, request) => startWithUser(turn, 'remove_user', whoOf(request)) },
  offeredWhen: { remove_user: () => ({ type: 'open_user_removal' }) },
  userTasks: [
    userTask({
      purpose: 'remove_user',
      opens: () => ({ type: 'open_user_removal' }),
      attemptedAction: 'user.removed',
      details: z.object({}).passthrough(),
      open: confirmationFor,
    }),
  ],
  cardActions: { [VERBS.confirm]: confirm },
};
