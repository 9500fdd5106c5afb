import type { RoleId } from '../src/domain/roles.js';
import { privilegedRoles } from '../src/accounts/addUser.js';
import { roleDifference } from '../src/accounts/changeRoles.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB } from '../src/bot/cardRouter.js';
import { explainDenial } from '../src/bot/denial.js';
import { noticeCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import type { UserRecord } from '../src/store/schema.js';
import { recordRefusedAttempt } from '../src/bot/changes.js';
import { VERBS as EDIT_ROLES } from './editRoles.js';

/**
 * A role change asked in one line ("make Megan a billing admin", "retire le rôle agent
 * commercial à Adèle"): a confirmation card that says exactly what will change (given, taken
 * away, roles after), then Confirm / Edit all roles / Cancel. It is an open role editor whose
 * choice waits for confirmation, so Confirm runs the editor's own save, with the policy asked
 * again at that moment, the stale-card check and the audit entry; "Edit all roles" opens the
 * editor with the proposed roles ticked.
 */
export interface RequestedRoleChange {
  add: RoleId[];
  remove: RoleId[];
}

export async function roleChangeConfirmationFor(turn: MemberTurn, target: UserRecord, change: RequestedRoleChange): Promise<CardJson> {
  const { t } = turn;
  const document = turn.organization.read();
  const name = escapeMarkdown(target.displayName);
  const attempted = { action: 'user.roles_changed', target: { type: 'user', id: target.id } } as const;
  const open = decideIn(document, turn.user, { type: 'open_role_editor' });
  if (!open.allowed) {
    await recordRefusedAttempt(turn, attempted, open.reason);
    return noticeCard({ title: t.t('editRoles.refusedTitle'), paragraphs: [explainDenial(t, open)], tone: 'attention' });
  }
  const wanted = [...new Set([...target.roles.filter((roleId) => !change.remove.includes(roleId)), ...change.add])];
  const difference = roleDifference(target.roles, wanted);
  const roleNames = (roles: readonly RoleId[]) => t.list(roles.map((roleId) => t.t(`role.${roleId}.name`)));
  if (difference.added.length === 0 && difference.removed.length === 0) {
    const key = change.add.length > 0 ? 'roleChange.alreadyHas' : 'roleChange.doesNotHave';
    return noticeCard({ title: t.t(key, { name, roles: roleNames([...change.add, ...change.remove]) }), facts: [{ title: t.t('editRoles.done.now'), value: rolesOrNone(turn, target.roles) }] });
  }
  const decision = decideIn(document, turn.user, { type: 'change_roles', target, roles: wanted });
  if (!decision.allowed) {
    await recordRefusedAttempt(turn, attempted, decision.reason);
    return noticeCard({ title: t.t('editRoles.refusedTitle'), paragraphs: [explainDenial(t, decision)], tone: 'attention' });
  }
  const flow = turn.flows.start({ kind: 'edit_roles', targetId: target.id, targetRevision: target.revision, pendingRoles: wanted });
  const privileged = privilegedRoles(difference.added);
  return noticeCard({
    title: t.t('roleChange.title', { name }),
    tone: privileged.length > 0 ? 'warning' : 'default',
    facts: [
      ...(difference.added.length > 0 ? [{ title: t.t('roleChange.gives'), value: roleNames(difference.added) }] : []),
      ...(difference.removed.length > 0 ? [{ title: t.t('roleChange.takesAway'), value: roleNames(difference.removed) }] : []),
      { title: t.t('roleChange.after'), value: rolesOrNone(turn, wanted) },
    ],
    paragraphs: privileged.map((roleId) => t.t(`privileged.${roleId}`)),
    note: t.t('editRoles.done.delay'),
    actions: [
      executeAction(t.t('roleChange.confirm'), EDIT_ROLES.confirm, { flowId: flow.id }, { style: privileged.length > 0 ? 'destructive' : 'positive' }),
      executeAction(t.t('roleChange.editAll'), EDIT_ROLES.back, { flowId: flow.id }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }),
    ],
  });
}

function rolesOrNone(turn: MemberTurn, roles: readonly RoleId[]): string {
  return roles.length > 0 ? turn.t.list(roles.map((roleId) => turn.t.t(`role.${roleId}.name`))) : turn.t.t('common.none');
}
