import { getRole, rolesGranting, type RoleId } from '../src/domain/roles.js';
import { activeGlobalAdmins, roleAvailable } from '../src/domain/policy.js';
import { holdersOf } from '../src/domain/roleHolders.js';
import { findPermission } from '../src/language/taskMentions.js';
import { findUsers } from '../src/language/userMentions.js';
import { decideIn, policyOrganization } from '../src/accounts/organizationView.js';
import { commandAction } from '../src/bot/cardActions.js';
import { allowedOrExplained } from '../src/bot/denial.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { MemberTurn } from '../src/bot/turn.js';
import type { UserRecord } from '../src/store/schema.js';
import { rolesCard, showMyRole } from './myRole.js';

/**
 * Quick questions about roles, answered from the organization and the role catalog:
 * "what roles does Adele have", "who are the global admins", "what can a billing admin do",
 * "which role do I need to manage incentives". They change nothing, so they are answered in group
 * chats too, within what the asker may see.
 */

/**
 * The one user an answer is about: a user id from a button, or a name, part of one or an email.
 * None or several: the admin is told (the several listed) and undefined comes back. Removed users
 * are found only for questions about the past (history).
 */
export async function oneUserNamed(turn: MemberTurn, who: { text?: string; userId?: string }, options: { includeRemoved?: boolean } = {}): Promise<UserRecord | undefined> {
  const { t } = turn;
  const byId = who.userId ? turn.organization.userById(who.userId) : undefined;
  const matches = byId ? [byId] : findUsers(turn.organization.read().users, who.text, 10, options);
  const query = escapeMarkdown((who.text ?? '').slice(0, 100));
  if (matches.length === 0) {
    await turn.context.sendActivity(t.t('lookup.noSuchUser', { query }));
    return undefined;
  }
  if (matches.length > 1) {
    const names = matches.map((user) => `- ${escapeMarkdown(user.displayName)}${user.email ? ` (${escapeMarkdown(user.email)})` : ''}`);
    await turn.context.sendActivity(`${t.t('lookup.severalUsers', { query })}\n\n${names.join('\n')}`);
    return undefined;
  }
  return matches[0];
}

/** "What roles does Adele have?" (a name, part of one, an email, or a user id from a button). */
export async function showUserRoles(turn: MemberTurn, who: { text?: string; userId?: string }): Promise<void> {
  const { t } = turn;
  const target = await oneUserNamed(turn, who);
  if (!target) return;
  if (target.id === turn.user.id) return showMyRole(turn);
  const document = turn.organization.read();
  if (!(await allowedOrExplained(turn, { type: 'view_user_roles', target }))) return;
  const mayEdit = decideIn(document, turn.user, { type: 'open_role_editor' }).allowed && target.status !== 'removed';
  await sendCard(
    turn,
    rolesCard(t, {
      title: t.t('lookup.userRolesTitle', { name: escapeMarkdown(target.displayName) }),
      roles: target.roles,
      canDo: t.t('lookup.theyCanDo'),
      footer: t.t(`lookup.userStatus.${target.status}`, { name: escapeMarkdown(target.displayName) }),
      actions: mayEdit ? [commandAction(t.t('lookup.changeRoles'), 'assign_roles', { userId: target.id })] : [],
    }),
  );
}

/** A role question without a role (a "did you mean" button): ask for it, with an example. */
async function askWhichRole(turn: MemberTurn): Promise<void> {
  await turn.context.sendActivity(turn.t.t('lookup.whichRole'));
}

/** "Who are the Global admins?" */
export async function showRoleHolders(turn: MemberTurn, roleId: RoleId | undefined): Promise<void> {
  const { t } = turn;
  if (!roleId) return askWhichRole(turn);
  const document = turn.organization.read();
  if (!(await allowedOrExplained(turn, { type: 'view_role_holders', role: roleId }))) return;
  const holders = holdersOf(document.users, roleId);
  const roleName = t.t(`role.${roleId}.name`);
  const lines = holders.map((user) => {
    const status = user.status === 'invited' ? ` — ${t.t('userStatus.invited')}` : '';
    return `- ${escapeMarkdown(user.displayName)}${user.email ? ` (${escapeMarkdown(user.email)})` : ''}${status}`;
  });
  const tooFewGlobalAdmins = roleId === 'global_admin' && activeGlobalAdmins(document).length < 2;
  await sendCard(
    turn,
    noticeCard({
      title: t.t('lookup.holdersTitle', { role: roleName, count: holders.length }),
      paragraphs: holders.length > 0 ? [lines.join('\n')] : [t.t('lookup.noHolders', { role: roleName })],
      note: tooFewGlobalAdmins ? t.t('lookup.keepTwoGlobalAdmins') : '',
      tone: tooFewGlobalAdmins ? 'warning' : 'default',
    }),
  );
}

/** "What can a Billing admin do?" Anyone may read the catalog. */
export async function showRolePermissions(turn: MemberTurn, roleId: RoleId | undefined): Promise<void> {
  const { t } = turn;
  if (!roleId) return askWhichRole(turn);
  const role = getRole(roleId);
  await sendCard(
    turn,
    rolesCard(t, {
      title: t.t('lookup.rolePermissionsTitle', { role: t.t(`role.${roleId}.name`) }),
      roles: [roleId],
      canDo: t.t('lookup.roleCanDo'),
      footer: role.privileged ? t.t(`privileged.${roleId}`) : t.t('lookup.roleHoldersHint', { role: t.t(`role.${roleId}.name`) }),
    }),
  );
}

/** "Which role do I need to manage incentives?": the least-privileged role that allows it. */
export async function showRoleForTask(turn: MemberTurn, taskText: string | undefined): Promise<void> {
  const { t } = turn;
  const permission = findPermission(taskText);
  if (!permission) {
    await turn.context.sendActivity(t.t('lookup.unknownTask', { task: escapeMarkdown((taskText ?? '').slice(0, 100)) }));
    return;
  }
  const org = policyOrganization(turn.organization.read());
  const roles = rolesGranting(permission).filter((role) => roleAvailable(org, role));
  const [best, ...others] = roles;
  if (!best) {
    await turn.context.sendActivity(t.t('lookup.noRoleForTask', { task: t.t(`permission.${permission}`) }));
    return;
  }
  const held = turn.user.roles.filter((roleId: RoleId) => getRole(roleId).permissions.includes(permission));
  const paragraphs = [
    t.t('lookup.taskBestRole', { task: t.t(`permission.${permission}`), role: t.t(`role.${best.id}.name`) }),
    t.t(`role.${best.id}.summary`),
  ];
  if (others.length > 0) paragraphs.push(t.t('lookup.taskOtherRoles', { roles: t.list(others.map((role) => t.t(`role.${role.id}.name`))) }));
  paragraphs.push(
    held.length > 0
      ? t.t('lookup.youHaveIt', { roles: t.list(held.map((roleId) => t.t(`role.${roleId}.name`))) })
      : t.t('lookup.youNeedIt'),
  );
  await sendCard(turn, noticeCard({ title: t.t('lookup.taskTitle'), paragraphs, tone: 'default' }));
}
