import { z } from 'zod';
import { findUsers } from '../src/language/userMentions.js';
import type { PolicyAction } from '../src/domain/policy.js';
import { executeAction } from '../src/bot/cardActions.js';
import { expandCard } from '../src/bot/cards.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { admitToForm, openFlowFor, setAsideNote } from '../src/bot/flowCards.js';
import type { Flow, PickPurpose } from '../src/bot/flows.js';
import { sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import type { UserRecord } from '../src/store/schema.js';
import { editRolesCardFor } from './editRoles.js';
import { removeUserCardFor } from './removeUser.js';
import { notificationEmailCardFor } from './notificationEmail.js';
import { roleChangeConfirmationFor, type RequestedRoleChange } from './roleChangeRequest.js';

/**
 * "Whose roles?": the admin names a user by typing a name or an email (in the card, or straight in
 * the chat), and picks from a short list when several match. A small organization is listed at once.
 * The chosen user then opens the task the picker was for.
 */
export const VERBS = { search: 'pick_user.search', choose: 'pick_user.choose' } as const;

const LIST_ALL_UP_TO = 15;
const MATCHES_SHOWN = 8;

const OPEN_CHECK: Record<PickPurpose, PolicyAction> = {
  edit_roles: { type: 'open_role_editor' },
  remove_user: { type: 'open_user_removal' },
  notification_email: { type: 'open_notification_email_of_others' },
};

/** The change each task leads to, as the audit log names it (a refused start is audited). */
const AUDIT_ACTION: Record<PickPurpose, string> = {
  edit_roles: 'user.roles_changed',
  remove_user: 'user.removed',
  notification_email: 'user.notification_email_changed',
};

/** What the task was asked with, beyond whom it is about. */
interface TaskDetails {
  /** "make X a billing admin": the change to confirm, instead of the whole role editor. */
  change?: RequestedRoleChange;
  /** "change X's notification email to ops@contoso.com": the new address, filled in. */
  email?: string;
}

async function openFor(turn: MemberTurn, purpose: PickPurpose, target: UserRecord, details: TaskDetails): Promise<CardJson> {
  switch (purpose) {
    case 'edit_roles':
      return details.change ? await roleChangeConfirmationFor(turn, target, details.change) : editRolesCardFor(turn, target);
    case 'remove_user':
      return await removeUserCardFor(turn, target);
    case 'notification_email':
      return notificationEmailCardFor(turn, target, details.email);
  }
}

/** Starts a task about a user: straight to it when `who` names exactly one user, else the picker. */
export async function startWithUser(turn: MemberTurn, purpose: PickPurpose, who?: { text?: string; userId?: string }, details: TaskDetails = {}): Promise<void> {
  const byId = who?.userId ? turn.organization.userById(who.userId) : undefined;
  const target = byId && byId.status !== 'removed' ? ({ type: 'user', id: byId.id } as const) : ({ type: 'organization', id: turn.organization.tenantId } as const);
  if (!(await admitToForm(turn, OPEN_CHECK[purpose], { action: AUDIT_ACTION[purpose], target }))) return;
  const replaced = turn.flows.close();
  const aside = setAsideNote(turn, replaced);
  if (aside) await turn.context.sendActivity(aside);
  const matches = byId && byId.status !== 'removed' ? [byId] : who?.text ? findUsers(turn.organization.read().users, who.text) : [];
  if (matches.length === 1 && matches[0]) {
    await sendCard(turn, await openFor(turn, purpose, matches[0], details));
    return;
  }
  const flow = turn.flows.start({ kind: 'pick_user', purpose, ...(details.change ? { change: details.change } : {}) });
  await sendCard(turn, pickerCard(turn, flow.id, purpose, who?.text ?? ''));
}

/** A message typed while the picker is open is a search ("adele", "vance@contoso.com"). */
export async function searchFromText(turn: MemberTurn, text: string): Promise<boolean> {
  const flow = turn.flows.current();
  if (!flow || flow.kind !== 'pick_user') return false;
  await sendCard(turn, await searchResult(turn, flow, text));
  return true;
}

type PickFlow = Extract<Flow, { kind: 'pick_user' }>;

async function searchResult(turn: MemberTurn, flow: PickFlow, query: string): Promise<CardJson> {
  const matches = findUsers(turn.organization.read().users, query, MATCHES_SHOWN + 1);
  if (matches.length === 1 && matches[0]) return openFor(turn, flow.purpose, matches[0], detailsOf(flow));
  return pickerCard(turn, flow.id, flow.purpose, query);
}

function detailsOf(flow: PickFlow): TaskDetails {
  return flow.change ? { change: flow.change } : {};
}

function pickerCard(turn: MemberTurn, flowId: string, purpose: PickPurpose, query: string): CardJson {
  const { t } = turn;
  const users = turn.organization.read().users.filter((user) => user.status !== 'removed');
  const typed = query.trim();
  const matches = typed ? findUsers(users, typed, MATCHES_SHOWN + 1) : users.length <= LIST_ALL_UP_TO ? users : [];
  const error = typed && matches.length === 0 ? t.t('pickUser.noMatch', { query: escapeMarkdown(typed.slice(0, 100)) }) : typed && matches.length > MATCHES_SHOWN ? t.t('pickUser.tooMany') : '';
  return expandCard('pick-user', {
    title: t.t(`pickUser.title.${purpose}`),
    intro: t.t('pickUser.intro'),
    queryLabel: t.t('pickUser.queryLabel'),
    queryPlaceholder: t.t('pickUser.queryPlaceholder'),
    query: typed.slice(0, 254),
    error,
    matchesHeading: t.t(typed ? 'pickUser.matches' : 'pickUser.everyone'),
    matches: matches.slice(0, typed ? MATCHES_SHOWN : LIST_ALL_UP_TO).map((user) => ({
      name: escapeMarkdown(user.displayName),
      detail: [user.email ? escapeMarkdown(user.email) : undefined, t.list(user.roles.map((roleId) => t.t(`role.${roleId}.name`))), t.t(`userStatus.${user.status}`)].filter(Boolean).join(' · '),
      actions: [executeAction(t.t('pickUser.choose'), VERBS.choose, { flowId, userId: user.id })],
    })),
    actions: [
      executeAction(t.t('pickUser.search'), VERBS.search, { flowId }, { style: 'positive' }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId }, { withInputs: false }),
    ],
  });
}

const SearchData = z.object({ flowId: z.string().max(64), query: z.string().max(1000).optional().default('') }).passthrough();
const ChooseData = z.object({ flowId: z.string().max(64), userId: z.string().min(1).max(64) }).passthrough();

export const pickUserActions: CardActionHandlers = {
  [VERBS.search]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'pick_user', SearchData);
    if (!opened.ok) return opened.card;
    return searchResult(turn, opened.flow, opened.input.query);
  },
  [VERBS.choose]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'pick_user', ChooseData);
    if (!opened.ok) return opened.card;
    const { flow, input } = opened;
    // The id comes from the card: it is looked up in this organization only, like any other input.
    const target = turn.organization.userById(input.userId);
    if (!target || target.status === 'removed') return pickerCard(turn, flow.id, flow.purpose, '');
    return openFor(turn, flow.purpose, target, detailsOf(flow));
  },
};
