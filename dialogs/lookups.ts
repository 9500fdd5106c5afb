import { getRole, rolesGranting, type RoleId } from '../src/domain/roles.js';
import { activeGlobalAdmins, roleAuthority, roleAvailable, whoMay } from '../src/domain/policy.js';
import { holdersOf } from '../src/domain/roleHolders.js';
import { findPermission } from '../src/language/taskMentions.js';
import { decideIn, policyOrganization } from '../src/accounts/organizationView.js';
import { commandAction } from '../src/conversation/cardActions.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { noticeCard } from '../src/conversation/notice.js';
import { rolesCard } from '../src/conversation/parts/rolesCard.js';
import { oneUserNamed, whoOf, type Who } from '../src/conversation/people.js';
import { allowedOrExplained } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';
import type { UserRecord } from '../src/store/schema.js';

/**
 * Quick questions about roles, answered from the organization and the role catalog:
 * "what roles does Adele have", "who are the global admins", "what can a billing admin do",
 * "which role do I need to manage incentives". They change nothing, so they are answered in group
 * chats too, within what the asker may see.
 */

/** "What roles does Adele have?" (a name, part of one, an email, or a user id from a button). */
async function showUserRoles(turn: MemberTurn, who: Who): Promise<void> {
  const { t } = turn;
  const target = await oneUserNamed(turn, who);
  if (!target) return;
  if (target.id === turn.user.id) return turn.conversations.answer(turn, 'my_role');
  const document = turn.organization.read();
  if (!(await allowedOrExplained(turn, { type: 'view_user_roles', target }))) return;
  const mayEdit = decideIn(document, turn.user, { type: 'open_role_editor' }).allowed && target.status !== 'removed';
  await turn.sendCard(
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
  await turn.say(turn.t.t('lookup.whichRole'));
}

/** "Who are the Global admins?" */
async function showRoleHolders(turn: MemberTurn, roleId: RoleId | undefined): Promise<void> {
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
  await turn.sendCard(
    noticeCard({
      title: t.t('lookup.holdersTitle', { role: roleName, count: holders.length }),
      paragraphs: holders.length > 0 ? [lines.join('\n')] : [t.t('lookup.noHolders', { role: roleName })],
      note: tooFewGlobalAdmins ? t.t('lookup.keepTwoGlobalAdmins') : '',
      tone: tooFewGlobalAdmins ? 'warning' : 'default',
    }),
  );
}

/** "What can a Billing admin do?" Anyone may read the catalog. */
async function showRolePermissions(turn: MemberTurn, roleId: RoleId | undefined): Promise<void> {
  const { t } = turn;
  if (!roleId) return askWhichRole(turn);
  const role = getRole(roleId);
  await turn.sendCard(
    rolesCard(t, {
      title: t.t('lookup.rolePermissionsTitle', { role: t.t(`role.${roleId}.name`) }),
      roles: [roleId],
      canDo: t.t('lookup.roleCanDo'),
      footer: role.privileged
        ? t.t(`privileged.${roleId}`)
        : t.t('lookup.roleHoldersHint', { role: t.t(`role.${roleId}.name`) }),
    }),
  );
}

/** "Which role do I need to manage incentives?": the least-privileged role that allows it. */
async function showRoleForTask(turn: MemberTurn, taskText: string | undefined): Promise<void> {
  const { t } = turn;
  const permission = findPermission(taskText);
  if (!permission) {
    await turn.say(t.t('lookup.unknownTask', { task: escapeMarkdown((taskText ?? '').slice(0, 100)) }));
    return;
  }
  const document = turn.organization.read();
  const org = policyOrganization(document);
  const roles = rolesGranting(permission).filter((role) => roleAvailable(org, role));
  const [best, ...others] = roles;
  if (!best) {
    await turn.say(t.t('lookup.noRoleForTask', { task: t.t(`permission.${permission}`) }));
    return;
  }
  const held = turn.user.roles.filter((roleId: RoleId) => getRole(roleId).permissions.includes(permission));
  const paragraphs = [
    t.t('lookup.taskBestRole', { task: t.t(`permission.${permission}`), role: t.t(`role.${best.id}.name`) }),
    t.t(`role.${best.id}.summary`),
  ];
  if (others.length > 0)
    paragraphs.push(t.t('lookup.taskOtherRoles', { roles: t.list(others.map((role) => t.t(`role.${role.id}.name`))) }));
  const role = t.t(`role.${best.id}.name`);
  // Without it: the button to give it to oneself when one may, else the people who can give it.
  const givesItself = held.length === 0 && roleAuthority(turn.user, best.id).allowed;
  const givers =
    held.length > 0 || givesItself
      ? []
      : whoMay({ type: 'open_role_editor', roles: [best.id] }, { ...org, users: document.users }, turn.user.id);
  paragraphs.push(
    held.length > 0
      ? t.t('lookup.youHaveIt', { roles: t.list(held.map((roleId) => t.t(`role.${roleId}.name`))) })
      : givesItself
        ? t.t('lookup.youCanGiveItYourself')
        : t.t('lookup.youNeedItAsk', {
            names: t.list(
              givers.map((giver) => escapeMarkdown(giver.displayName)),
              'or',
            ),
          }),
  );
  const actions = givesItself
    ? [commandAction(t.t('lookup.giveMeRole', { role }), 'assign_roles', { userId: turn.user.id, roleId: best.id })]
    : [];
  await turn.sendCard(noticeCard({ title: t.t('lookup.taskTitle'), paragraphs, tone: 'default', actions }));
}

/**
 * "Who can give me the billing admin role?", "who can I ask to get billing access?": the active
 * people of the organization whose own roles let them give it (the policy's role authority), with
 * the roles that let them; without a role named, the people who can change roles at all.
 */
async function showWhoCanGrant(turn: MemberTurn, roleId: RoleId | undefined): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const canGive = (candidate: UserRecord) =>
    roleId
      ? roleAuthority(candidate, roleId).allowed
      : decideIn(document, candidate, { type: 'open_role_editor' }).allowed;
  const givers = document.users.filter((user) => user.status === 'active' && user.id !== turn.user.id && canGive(user));
  // Each person is shown with the roles that let them give it, the reason they are listed, and no
  // other: the asker may not be allowed to see everyone's roles (a Report viewer is not).
  const lines = givers.map((user) => {
    const enabling = user.roles.filter((held) => canGive({ ...user, roles: [held] }));
    return `- ${escapeMarkdown(user.displayName)} (${t.list(enabling.map((held) => t.t(`role.${held}.name`)))})`;
  });
  const roleName = roleId ? t.t(`role.${roleId}.name`) : '';
  const paragraphs = [
    ...(roleId && getRole(roleId).globalAdminOnly ? [t.t('lookup.whoCanGrantGlobalOnly')] : []),
    ...(lines.length > 0 ? [t.t('lookup.whoCanGrantPeople'), lines.join('\n')] : [t.t('lookup.whoCanGrantNobody')]),
    ...(roleId && canGive(turn.user)
      ? [
          t.t('lookup.whoCanGrantYourself', {
            role: roleName,
            name: escapeMarkdown(turn.user.displayName.split(' ')[0] ?? ''),
          }),
        ]
      : []),
  ];
  const title = roleId ? t.t('lookup.whoCanGrantTitle', { role: roleName }) : t.t('lookup.whoCanGrantTitleAny');
  await turn.sendCard(noticeCard({ title, paragraphs }));
}

export const lookups: Conversation = {
  name: 'lookups',
  policy: ['view_user_roles', 'open_role_editor', 'view_role_holders'],
  // Someone else's roles: offered only to those who may see them (their own, to everyone).
  offeredWhen: { user_roles: (target) => (target ? { type: 'view_user_roles', target } : undefined) },
  intents: {
    user_roles: (turn, request) => showUserRoles(turn, whoOf(request) ?? {}),
    role_holders: (turn, request) => showRoleHolders(turn, request.entities.roles?.[0]),
    role_permissions: (turn, request) => showRolePermissions(turn, request.entities.roles?.[0]),
    role_for_task: (turn, request) => showRoleForTask(turn, request.entities.task),
    who_can_grant: (turn, request) => showWhoCanGrant(turn, request.entities.roles?.[0]),
  },
};
