import { z } from 'zod';
import { findUsers } from '../language/userMentions.js';
import type { UserRecord } from '../store/schema.js';
import { executeAction } from './cardActions.js';
import { expandCard } from './cards.js';
import type { Conversation } from './descriptor.js';
import { defineFlow, type FlowOf } from './flows.js';
import { cancelButton, formSubmit, openForm, formAction, submitButton } from './forms.js';
import type { Who } from './people.js';
import { escapeMarkdown } from './text.js';
import type { CardJson, MemberTurn, UserTask } from './turn.js';

/**
 * "Whose roles?": the admin names a user by typing a name or an email (in the card, or straight in
 * the chat), and picks from a short list when several match. A small organization is listed at once.
 * The chosen user then opens the task the picker was for: a user task another conversation declares
 * (change roles, remove a user, another user's notification email), with the details the request
 * carried ("make someone a billing admin" keeps the role).
 */
const VERBS = { search: 'pick_user.search', choose: 'pick_user.choose' } as const;

const LIST_ALL_UP_TO = 15;
const MATCHES_SHOWN = 8;

const pickFlow = defineFlow('pick_user', {
  purpose: z.string().max(64),
  /** What the task was asked with, validated by the task's own schema when the user is chosen. */
  details: z.unknown().optional(),
});
type PickFlow = FlowOf<typeof pickFlow>;

function taskFor(turn: MemberTurn, purpose: string): UserTask {
  const task = turn.conversations.userTask(purpose);
  if (!task) throw new Error(`No conversation declares the user task "${purpose}"`);
  return task;
}

/** A task's details as the task defines them, or none: they come back from the conversation state. */
function detailsOf(task: UserTask, details: unknown): unknown {
  const parsed = task.details.safeParse(details ?? {});
  return parsed.success ? parsed.data : {};
}

async function openTask(turn: MemberTurn, purpose: string, target: UserRecord, details: unknown): Promise<CardJson> {
  const task = taskFor(turn, purpose);
  return task.open(turn, target, detailsOf(task, details));
}

/** Starts a task about a user: straight to it when `who` names exactly one user, else the picker. */
export async function startWithUser(turn: MemberTurn, purpose: string, who?: Who, details: object = {}): Promise<void> {
  const task = taskFor(turn, purpose);
  const byId = who?.userId ? turn.organization.userById(who.userId) : undefined;
  const chosen = byId && byId.status !== 'removed' ? byId : undefined;
  const target = chosen
    ? ({ type: 'user', id: chosen.id } as const)
    : ({ type: 'organization', id: turn.organization.tenantId } as const);
  await openForm(
    turn,
    { policy: task.opens(detailsOf(task, details)), attempted: { action: task.attemptedAction, target } },
    async () => {
      const matches = chosen ? [chosen] : who?.text ? findUsers(turn.organization.read().users, who.text) : [];
      if (matches.length === 1 && matches[0]) return openTask(turn, purpose, matches[0], details);
      const flow = turn.flows.start(pickFlow, { purpose, details });
      return pickerCard(turn, flow.id, purpose, who?.text ?? '');
    },
  );
}

async function searchResult(turn: MemberTurn, flow: PickFlow, query: string): Promise<CardJson> {
  const matches = findUsers(turn.organization.read().users, query, MATCHES_SHOWN + 1);
  if (matches.length === 1 && matches[0]) return openTask(turn, flow.purpose, matches[0], flow.details);
  return pickerCard(turn, flow.id, flow.purpose, query);
}

function pickerCard(turn: MemberTurn, flowId: string, purpose: string, query: string): CardJson {
  const { t } = turn;
  const users = turn.organization.read().users.filter((user) => user.status !== 'removed');
  const typed = query.trim();
  const matches = typed ? findUsers(users, typed, MATCHES_SHOWN + 1) : users.length <= LIST_ALL_UP_TO ? users : [];
  const error =
    typed && matches.length === 0
      ? t.t('pickUser.noMatch', { query: escapeMarkdown(typed.slice(0, 100)) })
      : typed && matches.length > MATCHES_SHOWN
        ? t.t('pickUser.tooMany')
        : '';
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
      detail: [
        user.email ? escapeMarkdown(user.email) : undefined,
        t.list(user.roles.map((roleId) => t.t(`role.${roleId}.name`))),
        t.t(`userStatus.${user.status}`),
      ]
        .filter(Boolean)
        .join(' · '),
      actions: [executeAction(t.t('pickUser.choose'), VERBS.choose, { flowId, userId: user.id })],
    })),
    actions: [submitButton(t.t('pickUser.search'), VERBS.search, flowId), cancelButton(turn, flowId)],
  });
}

const SearchData = formSubmit({ query: z.string().max(1000).optional().default('') });
const ChooseData = formSubmit({ userId: z.string().min(1).max(64) });

export const userPicker: Conversation = {
  name: 'user-picker',
  policy: [],
  flows: [pickFlow],
  // A message typed while the picker is open is a search ("adele", "vance@contoso.com").
  readsFreeText: async (turn, text) => {
    const flow = turn.flows.openOfKind(pickFlow);
    if (!flow) return false;
    await turn.sendCard(await searchResult(turn, flow, text));
    return true;
  },
  cardActions: {
    [VERBS.search]: formAction(pickFlow, SearchData, (turn, { flow, input }) => searchResult(turn, flow, input.query)),
    [VERBS.choose]: formAction(pickFlow, ChooseData, async (turn, { flow, input }) => {
      // The id comes from the card: it is looked up in this organization only, like any other input.
      const target = turn.organization.userById(input.userId);
      if (!target || target.status === 'removed') return pickerCard(turn, flow.id, flow.purpose, '');
      return openTask(turn, flow.purpose, target, flow.details);
    }),
  },
};
