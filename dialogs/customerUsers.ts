import { z } from 'zod';
import {
  addCustomerUser,
  deleteCustomerUser,
  listedUsers,
  restorableUntil,
  restoreCustomerUser,
} from '../src/accounts/customerUsers.js';
import { CustomerInputError } from '../src/accounts/customerDetails.js';
import type { ChangeOutcome as StoreChange } from '../src/store/accountStore.js';
import type { Customer, CustomerUser, OrganizationFile } from '../src/store/schema.js';
import { executeAction } from '../src/conversation/cardActions.js';
import { expandCard } from '../src/conversation/cards.js';
import { attemptChange, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  backButton,
  cancelButton,
  formAction,
  formSubmit,
  FlowOnly,
  openForm,
  stepButton,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { customerPickerCard, customersRequested, dayOf } from '../src/conversation/parts/customers.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { allowedOrExplained, type AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Fabrikam's users", "add a user to Tailspin", "restore ana at fabrikam": the users of a customer's
 * tenant (shared/domain/partner-center.md §6, Admin agent). The list card shows the active users
 * and the deleted ones still restorable (30 days), each with its button: Delete asks first (it
 * names the user and the customer), Restore restores. Add opens a short form (name, user name in
 * one of the customer's domains). What just happened is said at the top of the list it leaves.
 * Personal chat only (names and sign-in names); every change audited with the customer named.
 */
export const USERS_PAGE_SIZE = 8;
const VERBS = {
  page: 'customer_users.page',
  add: 'customer_users.add',
  save: 'customer_users.save',
  remove: 'customer_users.delete',
  confirmRemove: 'customer_users.confirm_delete',
  restore: 'customer_users.restore',
  list: 'customer_users.list',
} as const;

const usersFlow = defineFlow('customer_users', {
  customerId: z.string().min(1).max(64),
  page: z.number().int().min(0).max(10_000).default(0),
});

const attempted = (customerId: string, action: string): AttemptedChange => ({
  action,
  target: { type: 'customer', id: customerId },
});

function customerOf(turn: MemberTurn, flow: FlowOf<typeof usersFlow>): Customer | undefined {
  return turn.organization.read().customers.find((customer) => customer.id === flow.customerId);
}

function userLine(turn: MemberTurn, user: CustomerUser): string {
  const until = restorableUntil(user);
  return until
    ? `${user.userName} · ${turn.t.t('customerUsers.deletedUntil', { date: dayOf(turn, until) })}`
    : user.userName;
}

function listCard(
  turn: MemberTurn,
  flow: FlowOf<typeof usersFlow>,
  notice?: { text: string; tone: 'good' | 'attention' },
): CardJson {
  const { t } = turn;
  const customer = customerOf(turn, flow);
  if (!customer) return noticeCard({ title: t.t('customer.unknown'), tone: 'attention' });
  const users = listedUsers(customer, new Date().toISOString());
  const pages = Math.max(1, Math.ceil(users.length / USERS_PAGE_SIZE));
  const page = Math.min(flow.page, pages - 1);
  const shown = users.slice(page * USERS_PAGE_SIZE, (page + 1) * USERS_PAGE_SIZE);
  const move = (title: string, to: number) =>
    executeAction(title, VERBS.page, { flowId: flow.id, page: String(to) }, { withInputs: false });
  return expandCard('customer-users', {
    notice: notice?.text ?? '',
    noticeColor: notice?.tone === 'attention' ? 'Attention' : 'Good',
    title: t.t('customerUsers.title', { company: escapeMarkdown(customer.companyName) }),
    paragraphs: [users.length === 0 ? t.t('customerUsers.none') : t.t('customerUsers.count', { count: users.length })],
    rows: shown.map((user) => ({
      name: escapeMarkdown(user.displayName),
      details: escapeMarkdown(userLine(turn, user)),
      action:
        user.status === 'active'
          ? stepButton(t.t('customerUsers.delete'), VERBS.remove, flow.id, {
              style: 'destructive',
              data: { userId: user.id },
            })
          : stepButton(t.t('customerUsers.restore'), VERBS.restore, flow.id, { data: { userId: user.id } }),
    })),
    note: pages > 1 ? t.t('customer.list.page', { page: page + 1, pages }) : t.t('customerUsers.note'),
    actions: [
      stepButton(t.t('customerUsers.add'), VERBS.add, flow.id, { style: 'positive' }),
      ...(page > 0 ? [move(t.t('customer.list.previous'), page - 1)] : []),
      ...(page < pages - 1 ? [move(t.t('customer.list.next'), page + 1)] : []),
      cancelButton(turn, flow.id),
    ].map((action) => action),
  });
}

async function start(turn: MemberTurn, customer: Customer): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'manage_customer_users' }, attempted: attempted(customer.id, 'customer.users_opened') },
    () => listCard(turn, turn.flows.start(usersFlow, { customerId: customer.id, page: 0 })),
  );
}

type Typed = { displayName: string; userName: string };

function addForm(
  turn: MemberTurn,
  flow: FlowOf<typeof usersFlow>,
  typed: Typed,
  problems: Record<string, string> = {},
) {
  const { t } = turn;
  const customer = customerOf(turn, flow);
  if (!customer) return noticeCard({ title: t.t('customer.unknown'), tone: 'attention' });
  return profileFormCard(turn, {
    title: t.t('customerUsers.addTitle', { company: escapeMarkdown(customer.companyName) }),
    paragraphs: [t.t('customerUsers.addIntro', { domains: escapeMarkdown(customer.domains.join(', ')) })],
    fields: [
      { kind: 'text', id: 'displayName', value: typed.displayName, maxLength: 100, required: true },
      { kind: 'text', id: 'userName', style: 'Email', value: typed.userName, maxLength: 254, required: true },
    ],
    problems,
    actions: [submitButton(t.t('customerUsers.addButton'), VERBS.save, flow.id), backButton(turn, VERBS.list, flow.id)],
  });
}

/** A change to one user of the flow's customer, answered with the list (or the refusal). */
async function change(
  turn: MemberTurn,
  flow: FlowOf<typeof usersFlow>,
  action: string,
  apply: (current: OrganizationFile, now: string) => StoreChange<{ customer: Customer; user: CustomerUser }>,
  done: (user: CustomerUser) => string,
  onInvalid: (problems: Record<string, string>) => CardJson,
): Promise<CardJson> {
  const outcome = await attemptChange(turn, attempted(flow.customerId, action), apply, { invalid: CustomerInputError });
  switch (outcome.kind) {
    case 'saved':
      return listCard(turn, flow, { text: done(outcome.result.user), tone: 'good' });
    case 'invalid':
      return onInvalid(outcome.error.problems);
    case 'stale':
      return listCard(turn, flow);
    default:
      return usualOutcomeCard(turn, flow.id, outcome, turn.t.t('customerUsers.refusedTitle'));
  }
}

function problemNotice(turn: MemberTurn, flow: FlowOf<typeof usersFlow>, problems: Record<string, string>): CardJson {
  const problem = problems.user ?? problems.customer ?? 'other';
  return listCard(turn, flow, { text: turn.t.t(`customerUsers.problem.${problem}`), tone: 'attention' });
}

const UserChoice = z.object({ flowId: z.string().max(64), userId: z.string().min(1).max(64) }).passthrough();

const page = formAction(
  usersFlow,
  z.object({ flowId: z.string().max(64), page: z.coerce.number().int().min(0).max(10_000) }).passthrough(),
  async (turn, { flow, input }) => {
    const moved = { ...flow, page: input.page };
    turn.flows.update(usersFlow, moved);
    return listCard(turn, moved);
  },
);

const list = formAction(usersFlow, FlowOnly, async (turn, { flow }) => listCard(turn, flow));

const add = formAction(usersFlow, FlowOnly, async (turn, { flow }) =>
  addForm(turn, flow, { displayName: '', userName: '' }),
);

const save = formAction(
  usersFlow,
  formSubmit({ displayName: typedText(), userName: typedText() }),
  async (turn, { flow, input }) => {
    const typed = { displayName: input.displayName.slice(0, 1000), userName: input.userName.slice(0, 1000) };
    return change(
      turn,
      flow,
      'customer.user_added',
      (current, now) => addCustomerUser(current, turn.user.id, flow.customerId, typed, now),
      (user) => turn.t.t('customerUsers.added', { name: escapeMarkdown(user.displayName), userName: user.userName }),
      (problems) =>
        problems.displayName || problems.userName
          ? addForm(turn, flow, typed, problems)
          : problemNotice(turn, flow, problems),
    );
  },
);

const remove = formAction(usersFlow, UserChoice, async (turn, { flow, input }) => {
  const { t } = turn;
  const customer = customerOf(turn, flow);
  const user = customer?.users.find((candidate) => candidate.id === input.userId && candidate.status === 'active');
  if (!customer || !user) return problemNotice(turn, flow, { user: 'unknown' });
  return noticeCard({
    title: t.t('customerUsers.confirmTitle', {
      name: escapeMarkdown(user.displayName),
      company: escapeMarkdown(customer.companyName),
    }),
    paragraphs: [t.t('customerUsers.confirmBody', { userName: user.userName })],
    tone: 'warning',
    actions: [
      stepButton(t.t('customerUsers.delete'), VERBS.confirmRemove, flow.id, {
        style: 'destructive',
        data: { userId: user.id },
      }),
      backButton(turn, VERBS.list, flow.id),
    ],
  });
});

const confirmRemove = formAction(usersFlow, UserChoice, async (turn, { flow, input }) =>
  change(
    turn,
    flow,
    'customer.user_deleted',
    (current, now) => deleteCustomerUser(current, turn.user.id, flow.customerId, input.userId, now),
    (user) =>
      turn.t.t('customerUsers.deleted', {
        name: escapeMarkdown(user.displayName),
        date: dayOf(turn, restorableUntil(user) ?? new Date().toISOString()),
      }),
    (problems) => problemNotice(turn, flow, problems),
  ),
);

const restore = formAction(usersFlow, UserChoice, async (turn, { flow, input }) =>
  change(
    turn,
    flow,
    'customer.user_restored',
    (current, now) => restoreCustomerUser(current, turn.user.id, flow.customerId, input.userId, now),
    (user) => turn.t.t('customerUsers.restored', { name: escapeMarkdown(user.displayName) }),
    (problems) => problemNotice(turn, flow, problems),
  ),
);

export const customerUsers: Conversation = {
  name: 'customer-users',
  policy: ['manage_customer_users'],
  flows: [usersFlow],
  offeredWhen: { customer_users: () => ({ type: 'manage_customer_users' }) },
  intents: {
    customer_users: async (turn, request) => {
      if (
        !(await allowedOrExplained(
          turn,
          { type: 'manage_customer_users' },
          attempted('unknown', 'customer.users_opened'),
        ))
      )
        return;
      const named = customersRequested(turn, request, ['active']);
      if (named.length === 1) return start(turn, named[0]!);
      const active = turn.organization.read().customers.filter((customer) => customer.relationship.status === 'active');
      if (active.length === 0) {
        await turn.say(turn.t.t('customer.list.noneActive'));
        return;
      }
      await turn.sendCard(
        customerPickerCard(turn, 'customer_users', named.length > 1 ? named : active, turn.t.t('customerUsers.which')),
      );
    },
  },
  cardActions: {
    [VERBS.page]: page,
    [VERBS.list]: list,
    [VERBS.add]: add,
    [VERBS.save]: save,
    [VERBS.remove]: remove,
    [VERBS.confirmRemove]: confirmRemove,
    [VERBS.restore]: restore,
  },
};
