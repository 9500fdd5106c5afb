import { z } from 'zod';
import { grantableRoles } from '../src/domain/policy.js';
import type { RoleId } from '../src/domain/roles.js';
import {
  addUser,
  DISPLAY_NAME_MAX_LENGTH,
  hasProblems,
  newUserProblems,
  NewUserInvalidError,
  privilegedRoles,
  type NewUserProblems,
} from '../src/accounts/addUser.js';
import { EMAIL_MAX_LENGTH } from '../src/accounts/emails.js';
import { decideIn, policyOrganization } from '../src/accounts/organizationView.js';
import { attemptChange } from '../src/bot/changes.js';
import { commandAction, executeAction } from '../src/bot/cardActions.js';
import { expandCard } from '../src/bot/cards.js';
import { explainDenial } from '../src/bot/denial.js';
import type { AddUserDraft } from '../src/bot/flows.js';
import { admitToForm, closedFormCard, FlowOnly, openFlowFor, setAsideNote } from '../src/bot/flowCards.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import { privilegedConfirmationCard } from './privilegedConfirmation.js';
import { rolePickerPart, rolesFromInputs } from './rolePicker.js';

/**
 * "Add a user": a form (full name, work email, roles the admin may grant), checked on submit
 * against the organization as it is then; errors come back next to their field with the input
 * kept. Granting a privileged role asks for a confirmation first. The user is saved as "invited",
 * the change is audited, and the form becomes a summary with the next steps.
 */
export const VERBS = { submit: 'add_user.submit', confirm: 'add_user.confirm', back: 'add_user.back' } as const;

const EMPTY_DRAFT: AddUserDraft = { displayName: '', email: '', roles: [] };

export async function startAddUser(turn: MemberTurn, prefill: Partial<AddUserDraft> = {}): Promise<void> {
  if (!(await admitToForm(turn, { type: 'open_add_user_form' }, { action: 'user.added', target: { type: 'organization', id: turn.organization.tenantId } }))) return;
  const replaced = turn.flows.close();
  const draft = { ...EMPTY_DRAFT, ...prefill };
  const flow = turn.flows.start({ kind: 'add_user', draft });
  await sendCard(turn, addUserForm(turn, flow.id, draft, {}, setAsideNote(turn, replaced)));
}

function addUserForm(turn: MemberTurn, flowId: string, draft: AddUserDraft, problems: NewUserProblems, notice?: string): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const grantable = grantableRoles(turn.user, policyOrganization(document));
  const roleNames = (roles: readonly RoleId[]) => t.list(roles.map((roleId) => t.t(`role.${roleId}.name`)));
  const rolesError = !problems.roles
    ? ''
    : problems.roles.problem === 'none_chosen'
      ? t.t('addUser.error.noRole')
      : t.t('addUser.error.roleNotGrantable', { roles: roleNames(problems.roles.roles) });
  return expandCard(
    'add-user',
    {
      title: t.t('addUser.title'),
      intro: t.t('addUser.intro'),
      notice: notice ?? '',
      fields: {
        displayName: {
          label: t.t('addUser.field.displayName'),
          placeholder: t.t('addUser.placeholder.displayName'),
          requiredMessage: t.t('addUser.error.name.required'),
          value: draft.displayName,
          error: problems.displayName ? t.t(`addUser.error.name.${problems.displayName}`, { max: DISPLAY_NAME_MAX_LENGTH }) : '',
        },
        email: {
          label: t.t('addUser.field.email'),
          placeholder: t.t('addUser.placeholder.email'),
          requiredMessage: t.t('email.problem.required'),
          value: draft.email,
          error: problems.email ? t.t(problems.email === 'duplicate' ? 'addUser.error.duplicate' : `email.problem.${problems.email}`, { max: EMAIL_MAX_LENGTH }) : '',
        },
      },
      rolesHeading: t.t('addUser.field.roles'),
      rolesError,
      actions: [
        executeAction(t.t('addUser.submit'), VERBS.submit, { flowId }, { style: 'positive' }),
        executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId }, { withInputs: false }),
      ],
    },
    [rolePickerPart(t, { editable: grantable, selected: draft.roles.filter((roleId) => grantable.includes(roleId)) })],
  );
}

/** What the form sends: its inputs (Teams sends strings) plus the flow id. Anything else is ignored. */
const AddUserSubmit = z
  .object({
    flowId: z.string().max(64),
    displayName: z.string().max(10_000).optional().default(''),
    email: z.string().max(10_000).optional().default(''),
  })
  .passthrough();

async function submit(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'add_user', AddUserSubmit);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
  const roleInputs = rolesFromInputs(data);
  const draft: AddUserDraft = {
    displayName: input.displayName.slice(0, 1000),
    email: input.email.slice(0, 1000),
    roles: roleInputs.ok ? roleInputs.roles : [],
  };
  turn.flows.update({ ...flow, draft, confirming: false });
  if (!roleInputs.ok) {
    return addUserForm(turn, flow.id, draft, {}, turn.t.t('rolePicker.unknownRoles', { roles: roleInputs.unknown.join(', ') }));
  }
  // Someone who may no longer add users goes straight to the change, where the policy refuses and audits it.
  if (!decideIn(turn.organization.read(), turn.user, { type: 'open_add_user_form' }).allowed) return save(turn, flow.id, draft);
  const problems = newUserProblems(turn.organization.read(), turn.user, draft);
  if (problems.roles?.problem === 'not_grantable') {
    // The form only offers grantable roles: one that is not was added to the card data, or the
    // admin's rights changed since. Either way it is worth a line in the audit log.
    await turn.organization.recordRefusal({
      actor: { userId: turn.user.id, displayName: turn.user.displayName },
      action: 'user.added',
      target: { type: 'organization', id: turn.organization.tenantId },
      reason: 'role_not_grantable',
    });
  }
  if (hasProblems(problems)) return addUserForm(turn, flow.id, draft, problems);
  const privileged = privilegedRoles(draft.roles);
  if (privileged.length > 0) {
    turn.flows.update({ ...flow, draft, confirming: true });
    return privilegedConfirmationCard(turn, {
      name: draft.displayName.trim(),
      roles: privileged,
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: turn.t.t('addUser.confirm.yes'),
      backVerb: VERBS.back,
      facts: userFacts(turn, draft),
    });
  }
  return save(turn, flow.id, draft);
}

function userFacts(turn: MemberTurn, user: { displayName: string; email: string; roles: readonly RoleId[] }, status?: string) {
  const { t } = turn;
  return [
    { title: t.t('addUser.field.displayName'), value: escapeMarkdown(user.displayName.trim()) },
    { title: t.t('addUser.field.email'), value: escapeMarkdown(user.email.trim().toLowerCase()) },
    { title: t.t('addUser.field.roles'), value: t.list(user.roles.map((roleId) => t.t(`role.${roleId}.name`))) },
    ...(status ? [{ title: t.t('addUser.field.status'), value: status }] : []),
  ];
}

async function confirm(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'add_user', FlowOnly);
  if (!opened.ok) return opened.card;
  const { flow } = opened;
  if (!flow.confirming || !flow.draft) return closedFormCard(turn, flow.id);
  return save(turn, flow.id, flow.draft);
}

async function back(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'add_user', FlowOnly);
  if (!opened.ok) return opened.card;
  const { flow } = opened;
  turn.flows.update({ ...flow, confirming: false });
  return addUserForm(turn, flow.id, flow.draft ?? EMPTY_DRAFT, {});
}

/** The moment of the change: the store runs addUser against the latest data, policy included. */
async function save(turn: MemberTurn, flowId: string, draft: AddUserDraft): Promise<CardJson> {
  const { t } = turn;
  try {
    const attempt = await attemptChange(turn, { action: 'user.added', target: { type: 'organization', id: turn.organization.tenantId } }, (current, now) =>
      addUser(current, turn.user.id, draft, now),
    );
    if (!attempt.ok) {
      const card = noticeCard({
        title: t.t('addUser.refused.title'),
        tone: 'attention',
        paragraphs: [attempt.kind === 'refused' ? explainDenial(t, attempt.decision) : t.t('errors.generic')],
      });
      turn.flows.finish(flowId, card);
      return card;
    }
    const user = attempt.result;
    const card = noticeCard({
      title: t.t('addUser.done.title', { name: escapeMarkdown(user.displayName) }),
      tone: 'good',
      facts: userFacts(turn, { displayName: user.displayName, email: user.email ?? '', roles: user.roles }, t.t('userStatus.invited')),
      paragraphs: [t.t('addUser.done.nextSteps', { name: escapeMarkdown(user.displayName) })],
      actions: [commandAction(t.t('addUser.done.addAnother'), 'add_user'), commandAction(t.t('addUser.done.assignRoles'), 'assign_roles', { userId: user.id })],
    });
    turn.flows.finish(flowId, card);
    turn.logger.info({ userId: turn.user.id, addedUserId: user.id }, 'user added');
    return card;
  } catch (error) {
    // Another admin added the same email between the check and the save: back to the form.
    if (error instanceof NewUserInvalidError) {
      const flow = turn.flows.open(flowId, 'add_user');
      if (flow) turn.flows.update({ ...flow, draft, confirming: false });
      return addUserForm(turn, flowId, draft, error.problems);
    }
    throw error;
  }
}

export const addUserActions: CardActionHandlers = {
  [VERBS.submit]: submit,
  [VERBS.confirm]: confirm,
  [VERBS.back]: back,
};
