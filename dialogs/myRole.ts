import { activeGlobalAdmins, isGlobalAdmin } from '../src/domain/policy.js';
import { getRole, permissionsOf } from '../src/domain/roles.js';
import { cardAttachment } from '../src/bot/cards.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { MemberTurn } from '../src/bot/turn.js';

/**
 * "What is my role?": the acting user's roles, what each lets them do (from the role catalog),
 * and whom to ask for more: the organization's active Global admins and User management admins,
 * other than the user.
 */
export async function showMyRole(turn: MemberTurn): Promise<void> {
  const { t, user } = turn;
  const document = turn.organization.read();
  const roles = user.roles.map((roleId) => {
    const role = getRole(roleId);
    const permissions = [...permissionsOf([roleId])].map((permission) => `- ${t.t(`permission.${permission}`)}`);
    return {
      name: t.t(`role.${roleId}.name`),
      family: t.t('myRole.family', { family: t.t(`family.${role.family}`) }),
      summary: t.t(`role.${roleId}.summary`),
      canDoHeading: t.t('myRole.canDo'),
      permissions: permissions.join('\n'),
    };
  });
  const userAdmins = document.users.filter(
    (candidate) => candidate.status === 'active' && candidate.roles.includes('user_management_admin'),
  );
  const admins = [...new Set([...activeGlobalAdmins(document), ...userAdmins])]
    .filter((admin) => admin.id !== user.id)
    .map((admin) => escapeMarkdown(admin.displayName));
  await turn.context.sendActivity({
    attachments: [
      cardAttachment('my-role', {
        title: t.t('myRole.title', { organization: escapeMarkdown(document.organization.displayName) }),
        noRoles: t.t('myRole.noRoles'),
        roles,
        askAdmins: isGlobalAdmin(user)
          ? t.t('myRole.fullAccess')
          : admins.length > 0
            ? t.t('myRole.askAdmins', { admins: t.list(admins) })
            : t.t('myRole.askAdminsNone'),
      }),
    ],
  });
}
