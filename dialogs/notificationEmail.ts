import { z } from 'zod';
import { decideIn } from '../src/accounts/organizationView.js';
import { normalizeEmail } from '../src/accounts/emails.js';
import {
  notificationAddressOf,
  notificationEmailChangeProblem,
  NotificationEmailInvalidError,
  updateNotificationEmail,
} from '../src/accounts/updateNotificationEmail.js';
import { attemptChange } from '../src/bot/changes.js';
import { executeAction } from '../src/bot/cardActions.js';
import { expandCard } from '../src/bot/cards.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { explainDenial } from '../src/bot/denial.js';
import { admitToForm, closedFormCard, FlowOnly, openFlowFor, setAsideNote } from '../src/bot/flowCards.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { Flow } from '../src/bot/flows.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import type { UserRecord } from '../src/store/schema.js';

/**
 * "Change my notification email": where Partner Center sends the admin's notifications. Anyone may
 * change their own; admins with the right may change another user's. The address is checked
 * (onmicrosoft.com addresses get no mail from Microsoft), the current and new addresses are shown
 * before saving, and the admin learns that overdue-invoice notices go to the Entra alternate email.
 */
export const VERBS = { submit: 'notification_email.submit', confirm: 'notification_email.confirm', back: 'notification_email.back' } as const;

export async function startNotificationEmail(turn: MemberTurn, prefill?: string): Promise<void> {
  if (!(await admitToForm(turn, { type: 'update_notification_email', target: turn.user }, { action: 'user.notification_email_changed', target: { type: 'user', id: turn.user.id } }))) return;
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.context.sendActivity(aside);
  await sendCard(turn, notificationEmailCardFor(turn, turn.user, prefill));
}

export function notificationEmailCardFor(turn: MemberTurn, target: UserRecord, prefill = ''): CardJson {
  const decision = decideIn(turn.organization.read(), turn.user, { type: 'update_notification_email', target });
  if (!decision.allowed) {
    return noticeCard({ title: turn.t.t('notificationEmail.refusedTitle'), paragraphs: [explainDenial(turn.t, decision)], tone: 'attention' });
  }
  const flow = turn.flows.start({ kind: 'notification_email', targetId: target.id, targetRevision: target.revision });
  // "Change my notification email to ops@contoso.com": straight to the review, or the form showing what is wrong.
  if (prefill) {
    const problem = notificationEmailChangeProblem(target, prefill);
    return problem ? form(turn, flow.id, target, prefill, problemText(turn, problem)) : review(turn, flow, target, normalizeEmail(prefill));
  }
  return form(turn, flow.id, target, prefill, '');
}

function form(turn: MemberTurn, flowId: string, target: UserRecord, value: string, error: string): CardJson {
  const { t } = turn;
  const self = target.id === turn.user.id;
  return expandCard('notification-email', {
    title: self ? t.t('notificationEmail.titleSelf') : t.t('notificationEmail.titleOther', { name: escapeMarkdown(target.displayName) }),
    facts: [{ title: t.t('notificationEmail.current'), value: escapeMarkdown(notificationAddressOf(target) ?? t.t('notificationEmail.noneYet')) }],
    label: t.t('notificationEmail.newLabel'),
    placeholder: t.t('addUser.placeholder.email'),
    requiredMessage: t.t('email.problem.required'),
    value,
    error,
    explanation: t.t('notificationEmail.alternate'),
    actions: [
      executeAction(t.t('notificationEmail.review'), VERBS.submit, { flowId }, { style: 'positive' }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId }, { withInputs: false }),
    ],
  });
}

function problemText(turn: MemberTurn, problem: string): string {
  return problem === 'unchanged' ? turn.t.t('notificationEmail.unchanged') : turn.t.t(`email.problem.${problem}`, { max: 254 });
}

const SubmitData = z.object({ flowId: z.string().max(64), email: z.string().max(10_000).optional().default('') }).passthrough();

async function submit(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'notification_email', SubmitData);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
  const target = turn.organization.userById(flow.targetId);
  if (!target || target.status === 'removed') return closedFormCard(turn, undefined);
  const typed = input.email.slice(0, 1000);
  const problem = notificationEmailChangeProblem(target, typed);
  if (problem) return form(turn, flow.id, target, typed, problemText(turn, problem));
  return review(turn, flow, target, normalizeEmail(typed));
}

/** Current and new address side by side, before anything is saved. */
function review(turn: MemberTurn, flow: Extract<Flow, { kind: 'notification_email' }>, target: UserRecord, email: string): CardJson {
  turn.flows.update({ ...flow, pendingEmail: email });
  const { t } = turn;
  return noticeCard({
    title: t.t('notificationEmail.confirm.title'),
    facts: [
      ...(target.id === turn.user.id ? [] : [{ title: t.t('notificationEmail.user'), value: escapeMarkdown(target.displayName) }]),
      { title: t.t('notificationEmail.current'), value: escapeMarkdown(notificationAddressOf(target) ?? t.t('notificationEmail.noneYet')) },
      { title: t.t('notificationEmail.new'), value: escapeMarkdown(email) },
    ],
    paragraphs: [t.t('notificationEmail.confirm.body')],
    note: t.t('notificationEmail.alternate'),
    actions: [
      executeAction(t.t('common.save'), VERBS.confirm, { flowId: flow.id }, { style: 'positive' }),
      executeAction(t.t('common.back'), VERBS.back, { flowId: flow.id }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }),
    ],
  });
}

async function confirm(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const { t } = turn;
  const opened = openFlowFor(turn, data, 'notification_email', FlowOnly);
  if (!opened.ok) return opened.card;
  const { flow } = opened;
  if (!flow.pendingEmail) return closedFormCard(turn, flow.id);
  const email = flow.pendingEmail;
  let card: CardJson;
  try {
    const attempt = await attemptChange(turn, { action: 'user.notification_email_changed', target: { type: 'user', id: flow.targetId } }, (current, now) =>
      updateNotificationEmail(current, turn.user.id, flow.targetId, email, flow.targetRevision, now),
    );
    if (attempt.ok) {
      card = noticeCard({
        title: t.t('notificationEmail.done.title'),
        tone: 'good',
        facts: [{ title: t.t('notificationEmail.new'), value: escapeMarkdown(email) }],
        paragraphs: [t.t('notificationEmail.done.verify')],
        note: t.t('notificationEmail.alternate'),
      });
    } else if (attempt.kind === 'stale') {
      const target = turn.organization.userById(flow.targetId);
      // Changed since the review was shown: the form again, with what is true now.
      if (target && target.status !== 'removed') return notificationEmailCardFor(turn, target, email);
      card = noticeCard({ title: t.t('flow.userGone'), tone: 'attention' });
    } else if (attempt.kind === 'refused') {
      card = noticeCard({ title: t.t('notificationEmail.refusedTitle'), paragraphs: [explainDenial(t, attempt.decision)], tone: 'attention' });
    } else {
      card = noticeCard({ title: t.t('flow.userGone'), tone: 'attention' });
    }
  } catch (error) {
    if (!(error instanceof NotificationEmailInvalidError)) throw error;
    const target = turn.organization.userById(flow.targetId);
    if (!target) return closedFormCard(turn, undefined);
    return form(turn, flow.id, target, email, problemText(turn, error.problem));
  }
  turn.flows.finish(flow.id, card);
  return card;
}

export const notificationEmailActions: CardActionHandlers = {
  [VERBS.submit]: submit,
  [VERBS.confirm]: confirm,
  [VERBS.back]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'notification_email', FlowOnly);
    if (!opened.ok) return opened.card;
    const { flow } = opened;
    const target = turn.organization.userById(flow.targetId);
    if (!target) return closedFormCard(turn, undefined);
    turn.flows.update({ ...flow, pendingEmail: undefined });
    return form(turn, flow.id, target, flow.pendingEmail ?? '', '');
  },
};
