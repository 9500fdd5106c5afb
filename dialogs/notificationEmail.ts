import { z } from 'zod';
import { normalizeEmail } from '../src/accounts/emails.js';
import { decideIn } from '../src/accounts/organizationView.js';
import {
  notificationAddressOf,
  notificationEmailChangeProblem,
  NotificationEmailInvalidError,
  updateNotificationEmail,
} from '../src/accounts/updateNotificationEmail.js';
import type { UserRecord } from '../src/store/schema.js';
import { expandCard } from '../src/conversation/cards.js';
import { attemptChange, finishWith, usualOutcomeCard, userGoneCard } from '../src/conversation/changes.js';
import type { Request } from '../src/conversation/commands.js';
import { userTask, type Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  backButton,
  cancelButton,
  closedFormCard,
  FlowOnly,
  formSubmit,
  openForm,
  formAction,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { whoOf } from '../src/conversation/people.js';
import { refusalCard, type AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import { startWithUser } from '../src/conversation/userPicker.js';

/**
 * "Change my notification email": where Partner Center sends the admin's notifications. Anyone may
 * change their own; admins with the right may change another user's. The address is checked
 * (onmicrosoft.com addresses get no mail from Microsoft), the current and new addresses are shown
 * before saving, and the admin learns that overdue-invoice notices go to the Entra alternate email.
 */
const VERBS = {
  submit: 'notification_email.submit',
  confirm: 'notification_email.confirm',
  back: 'notification_email.back',
} as const;

const emailFlow = defineFlow('notification_email', {
  targetId: z.string(),
  targetRevision: z.number().int(),
  pendingEmail: z.string().max(254).optional(),
});
type EmailFlow = FlowOf<typeof emailFlow>;

const attempted = (targetId: string): AttemptedChange => ({
  action: 'user.notification_email_changed',
  target: { type: 'user', id: targetId },
});

/** The new address a one-line request gave ("… to ops@contoso.com"): the one that is not someone's own. */
const PrefilledEmail = z.object({ email: z.string().max(1000).optional() });

function cardFor(turn: MemberTurn, target: UserRecord, prefill = ''): CardJson {
  const action = { type: 'update_notification_email', target } as const;
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (!decision.allowed) return refusalCard(turn, turn.t.t('notificationEmail.refusedTitle'), decision, action);
  const flow = turn.flows.start(emailFlow, { targetId: target.id, targetRevision: target.revision });
  // "Change my notification email to ops@contoso.com": straight to the review, or the form showing what is wrong.
  if (prefill) {
    const problem = notificationEmailChangeProblem(target, prefill);
    return problem
      ? form(turn, flow.id, target, prefill, problemText(turn, problem))
      : review(turn, flow, target, normalizeEmail(prefill));
  }
  return form(turn, flow.id, target, prefill, '');
}

function form(turn: MemberTurn, flowId: string, target: UserRecord, value: string, error: string): CardJson {
  const { t } = turn;
  const self = target.id === turn.user.id;
  return expandCard('notification-email', {
    title: self
      ? t.t('notificationEmail.titleSelf')
      : t.t('notificationEmail.titleOther', { name: escapeMarkdown(target.displayName) }),
    facts: [
      {
        title: t.t('notificationEmail.current'),
        value: escapeMarkdown(notificationAddressOf(target) ?? t.t('notificationEmail.noneYet')),
      },
    ],
    label: t.t('notificationEmail.newLabel'),
    placeholder: t.t('addUser.placeholder.email'),
    requiredMessage: t.t('email.problem.required'),
    value,
    error,
    explanation: t.t('notificationEmail.alternate'),
    actions: [submitButton(t.t('notificationEmail.review'), VERBS.submit, flowId), cancelButton(turn, flowId)],
  });
}

function problemText(turn: MemberTurn, problem: string): string {
  return problem === 'unchanged'
    ? turn.t.t('notificationEmail.unchanged')
    : turn.t.t(`email.problem.${problem}`, { max: 254 });
}

const SubmitData = formSubmit({ email: typedText() });

const submit = formAction(emailFlow, SubmitData, async (turn, click) => {
  const { flow, input } = click;
  const target = turn.organization.userById(flow.targetId);
  if (!target || target.status === 'removed') return closedFormCard(turn, undefined);
  const typed = input.email.slice(0, 1000);
  const problem = notificationEmailChangeProblem(target, typed);
  if (problem) return form(turn, flow.id, target, typed, problemText(turn, problem));
  return review(turn, flow, target, normalizeEmail(typed));
});

/** Current and new address side by side, before anything is saved. */
function review(turn: MemberTurn, flow: EmailFlow, target: UserRecord, email: string): CardJson {
  turn.flows.update(emailFlow, { ...flow, pendingEmail: email });
  const { t } = turn;
  return noticeCard({
    title: t.t('notificationEmail.confirm.title'),
    facts: [
      ...(target.id === turn.user.id
        ? []
        : [{ title: t.t('notificationEmail.user'), value: escapeMarkdown(target.displayName) }]),
      {
        title: t.t('notificationEmail.current'),
        value: escapeMarkdown(notificationAddressOf(target) ?? t.t('notificationEmail.noneYet')),
      },
      { title: t.t('notificationEmail.new'), value: escapeMarkdown(email) },
    ],
    paragraphs: [t.t('notificationEmail.confirm.body')],
    // The note on overdue-invoice notices is on the form, once: not again on each card after it.
    actions: [
      submitButton(t.t('common.save'), VERBS.confirm, flow.id),
      backButton(turn, VERBS.back, flow.id),
      cancelButton(turn, flow.id),
    ],
  });
}

const confirm = formAction(emailFlow, FlowOnly, async (turn, click) => {
  const { t } = turn;
  const { flow } = click;
  if (!flow.pendingEmail) return closedFormCard(turn, flow.id);
  const email = flow.pendingEmail;
  const outcome = await attemptChange(
    turn,
    attempted(flow.targetId),
    (current, now) => updateNotificationEmail(current, turn.user.id, flow.targetId, email, flow.targetRevision, now),
    { invalid: NotificationEmailInvalidError },
  );
  const target = turn.organization.userById(flow.targetId);
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('notificationEmail.done.title'),
          tone: 'good',
          facts: [{ title: t.t('notificationEmail.new'), value: escapeMarkdown(email) }],
          paragraphs: [t.t('notificationEmail.done.verify')],
        }),
      );
    case 'invalid':
      if (!target) return closedFormCard(turn, undefined);
      return form(turn, flow.id, target, email, problemText(turn, outcome.error.problem));
    case 'stale':
      // Changed since the review was shown: the form again, with what is true now.
      if (target && target.status !== 'removed') return cardFor(turn, target, email);
      return finishWith(turn, flow.id, userGoneCard(turn));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('notificationEmail.refusedTitle'));
  }
});

const back = formAction(emailFlow, FlowOnly, async (turn, click) => {
  const { flow } = click;
  const target = turn.organization.userById(flow.targetId);
  if (!target) return closedFormCard(turn, undefined);
  turn.flows.update(emailFlow, { ...flow, pendingEmail: undefined });
  return form(turn, flow.id, target, flow.pendingEmail ?? '', '');
});

/** "Change my notification email to ops@contoso.com": the address that is not someone's own. */
function newAddressOf(turn: MemberTurn, request: Request): string | undefined {
  const users = turn.organization.read().users;
  return request.entities.emails?.find((email) => !users.some((user) => user.email?.toLowerCase() === email));
}

async function start(turn: MemberTurn, request: Request): Promise<void> {
  const who = whoOf(request, { emails: false });
  const email = newAddressOf(turn, request);
  // "Change Lynne's notification email" typed by Lynne is her own, which anyone may change.
  if (who && who.userId !== turn.user.id) return startWithUser(turn, 'notification_email', who, email ? { email } : {});
  await openForm(
    turn,
    { policy: { type: 'update_notification_email', target: turn.user }, attempted: attempted(turn.user.id) },
    () => cardFor(turn, turn.user, email),
  );
}

export const notificationEmail: Conversation = {
  name: 'notification-email',
  policy: ['update_notification_email', 'open_notification_email_of_others'],
  flows: [emailFlow],
  help: [{ intent: 'update_notification_email', order: 40 }],
  intents: { update_notification_email: start },
  userTasks: [
    userTask({
      purpose: 'notification_email',
      opens: () => ({ type: 'open_notification_email_of_others' }),
      attemptedAction: 'user.notification_email_changed',
      details: PrefilledEmail,
      open: async (turn, target, details) => cardFor(turn, target, details.email),
    }),
  ],
  cardActions: { [VERBS.submit]: submit, [VERBS.confirm]: confirm, [VERBS.back]: back },
};
