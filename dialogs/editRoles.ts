import { allRoles, type RoleId } from '../src/domain/roles.js';
import { roleAuthority, roleAvailable } from '../src/domain/policy.js';
import { privilegedRoles } from '../src/accounts/addUser.js';
import { changeRoles, roleDifference } from '../src/accounts/changeRoles.js';
import { decideIn, policyOrganization } from '../src/accounts/organizationView.js';
import { attemptChange } from '../src/bot/changes.js';
import { commandAction, executeAction } from '../src/bot/cardActions.js';
import { expandCard } from '../src/bot/cards.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { explainDenial } from '../src/bot/denial.js';
import { closedFormCard, FlowOnly, openFlowFor } from '../src/bot/flowCards.js';
import { noticeCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import type { UserRecord } from '../src/store/schema.js';
import { privilegedConfirmationCard } from './privilegedConfirmation.js';
import { rolePickerPart, rolesFromInputs } from './rolePicker.js';

/**
 * "Change Adele's roles": the user's roles as toggles (the ones this admin may change), the others
 * shown locked. Saving applies the difference, after a confirmation when a privileged role is
 * given. The policy, asked again at the moment of the change, has the last word: the last Global
 * admin keeps the role, a user keeps at least one role, an Account admin touches company roles only.
 * If someone else changed the user meanwhile, the admin gets the fresh roles to review, not an overwrite.
 */
export const VERBS = { save: 'edit_roles.save', confirm: 'edit_roles.confirm', back: 'edit_roles.back' } as const;

interface RoleSplit {
  editable: RoleId[];
  locked: RoleId[];
}

function splitRoles(turn: MemberTurn, target: UserRecord): RoleSplit {
  const org = policyOrganization(turn.organization.read());
  const editable: RoleId[] = [];
  const locked: RoleId[] = [];
  for (const role of allRoles()) {
    const held = target.roles.includes(role.id);
    if (!held && !roleAvailable(org, role)) continue;
    if (roleAuthority(turn.user, role.id).allowed) editable.push(role.id);
    else if (held) locked.push(role.id);
  }
  return { editable, locked };
}

/** Opens the role editor for a user (from the picker or a "change roles" button). */
export function editRolesCardFor(turn: MemberTurn, target: UserRecord, notice?: { text: string; tone: 'attention' | 'good' | 'default' }): CardJson {
  const document = turn.organization.read();
  const decision = decideIn(document, turn.user, { type: 'view_user_roles', target });
  const open = decideIn(document, turn.user, { type: 'open_role_editor' });
  const refusal = !decision.allowed ? decision : !open.allowed ? open : undefined;
  if (refusal) return noticeCard({ title: turn.t.t('editRoles.refusedTitle'), paragraphs: [explainDenial(turn.t, refusal)], tone: 'attention' });
  const flow = turn.flows.start({ kind: 'edit_roles', targetId: target.id, targetRevision: target.revision });
  return editRolesForm(turn, flow.id, target, target.roles, notice);
}

function editRolesForm(turn: MemberTurn, flowId: string, target: UserRecord, selected: readonly RoleId[], notice?: { text: string; tone: 'attention' | 'good' | 'default' }): CardJson {
  const { t } = turn;
  const split = splitRoles(turn, target);
  const mayRemove = decideIn(turn.organization.read(), turn.user, { type: 'remove_user', target }).allowed;
  return expandCard(
    'edit-roles',
    {
      title: t.t('editRoles.title', { name: escapeMarkdown(target.displayName) }),
      facts: [
        { title: t.t('addUser.field.email'), value: escapeMarkdown(target.email ?? '') },
        { title: t.t('addUser.field.status'), value: t.t(`userStatus.${target.status}`) },
      ].filter((fact) => fact.value),
      intro: t.t(split.locked.length > 0 ? 'editRoles.introWithLocked' : 'editRoles.intro'),
      notice: notice?.text ?? '',
      noticeColor: notice?.tone === 'attention' ? 'Attention' : notice?.tone === 'good' ? 'Good' : 'Default',
      actions: [
        executeAction(t.t('editRoles.save'), VERBS.save, { flowId }, { style: 'positive' }),
        ...(mayRemove ? [commandAction(t.t('editRoles.removeUser'), 'remove_user', { userId: target.id })] : []),
        executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId }, { withInputs: false }),
      ],
    },
    [rolePickerPart(t, { editable: split.editable, locked: split.locked, selected })],
  );
}

async function save(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'edit_roles', FlowOnly);
  if (!opened.ok) return opened.card;
  const { flow } = opened;
  const target = turn.organization.userById(flow.targetId);
  if (!target || target.status === 'removed') return gone(turn, flow.id);
  const inputs = rolesFromInputs(data);
  if (!inputs.ok) {
    return editRolesForm(turn, flow.id, target, target.roles, { text: turn.t.t('rolePicker.unknownRoles', { roles: inputs.unknown.join(', ') }), tone: 'attention' });
  }
  // Roles the admin cannot change were shown without a toggle: they stay as they are.
  const { locked } = splitRoles(turn, target);
  const wanted = [...new Set([...inputs.roles, ...locked.filter((roleId) => target.roles.includes(roleId))])];
  const difference = roleDifference(target.roles, wanted);
  if (difference.added.length === 0 && difference.removed.length === 0) {
    return editRolesForm(turn, flow.id, target, target.roles, { text: turn.t.t('editRoles.nothingChanged'), tone: 'default' });
  }
  if (wanted.length === 0) return editRolesForm(turn, flow.id, target, wanted, { text: turn.t.t('policy.denied.no_roles'), tone: 'attention' });
  const privileged = privilegedRoles(difference.added);
  if (privileged.length > 0) {
    turn.flows.update({ ...flow, pendingRoles: wanted });
    return privilegedConfirmationCard(turn, {
      name: target.displayName,
      roles: privileged,
      flowId: flow.id,
      confirmVerb: VERBS.confirm,
      confirmLabel: turn.t.t('editRoles.confirm.yes'),
      backVerb: VERBS.back,
    });
  }
  return apply(turn, flow.id, flow.targetId, flow.targetRevision, wanted);
}

async function apply(turn: MemberTurn, flowId: string, targetId: string, expectedRevision: number, roles: RoleId[]): Promise<CardJson> {
  const { t } = turn;
  const attempt = await attemptChange(turn, { action: 'user.roles_changed', target: { type: 'user', id: targetId } }, (current, now) =>
    changeRoles(current, turn.user.id, targetId, roles, expectedRevision, now),
  );
  if (!attempt.ok) {
    const target = turn.organization.userById(targetId);
    if (attempt.kind === 'stale' && target && target.status !== 'removed') {
      // Someone changed this user since the card was shown: show what is true now (a new flow).
      return editRolesCardFor(turn, target, { text: t.t('editRoles.stale', { name: escapeMarkdown(target.displayName), by: escapeMarkdown(target.updatedBy.displayName) }), tone: 'attention' });
    }
    if (attempt.kind !== 'refused' || !target) return gone(turn, flowId);
    // The policy said no: the form stays open, showing the user's roles as they are.
    return editRolesForm(turn, flowId, target, target.roles, { text: explainDenial(t, attempt.decision), tone: 'attention' });
  }
  const { user, difference } = attempt.result;
  const names = (roles: readonly RoleId[]) => (roles.length > 0 ? t.list(roles.map((roleId) => t.t(`role.${roleId}.name`))) : t.t('common.none'));
  const card = noticeCard({
    title: t.t('editRoles.done.title', { name: escapeMarkdown(user.displayName) }),
    tone: 'good',
    facts: [
      { title: t.t('editRoles.done.added'), value: names(difference.added) },
      { title: t.t('editRoles.done.removed'), value: names(difference.removed) },
      { title: t.t('editRoles.done.now'), value: names(user.roles) },
    ],
    note: t.t('editRoles.done.delay'),
    actions: [commandAction(t.t('editRoles.done.again'), 'assign_roles', { userId: user.id })],
  });
  turn.flows.finish(flowId, card);
  return card;
}

function gone(turn: MemberTurn, flowId: string): CardJson {
  const card = noticeCard({ title: turn.t.t('flow.userGone'), tone: 'attention' });
  turn.flows.finish(flowId, card);
  return card;
}

export const editRolesActions: CardActionHandlers = {
  [VERBS.save]: save,
  [VERBS.confirm]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'edit_roles', FlowOnly);
    if (!opened.ok) return opened.card;
    const { flow } = opened;
    if (!flow.pendingRoles) return closedFormCard(turn, flow.id);
    return apply(turn, flow.id, flow.targetId, flow.targetRevision, flow.pendingRoles);
  },
  [VERBS.back]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'edit_roles', FlowOnly);
    if (!opened.ok) return opened.card;
    const { flow } = opened;
    const target = turn.organization.userById(flow.targetId);
    if (!target) return gone(turn, flow.id);
    turn.flows.update({ ...flow, pendingRoles: undefined });
    return editRolesForm(turn, flow.id, target, flow.pendingRoles ?? target.roles);
  },
};
