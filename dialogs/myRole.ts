import { activeGlobalAdmins, isGlobalAdmin } from '../src/domain/policy.js';
import { holdersOf } from '../src/domain/roleHolders.js';
import { getRole, permissionsOf, type RoleId } from '../src/domain/roles.js';
import type { CardAction } from '../src/bot/cardActions.js';
import { expandCard } from '../src/bot/cards.js';
import { sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { Translator } from '../src/i18n/index.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';

/**
 * "What is my role?": the acting user's roles, what each lets them do (from the role catalog),
 * and whom to ask for more: the organization's active Global admins and User management admins,
 * other than the user.
 */
export async function showMyRole(turn: MemberTurn): Promise<void> {
  const { t, user } = turn;
  const document = turn.organization.read();
  const userAdmins = holdersOf(document.users, 'user_management_admin').filter((candidate) => candidate.status === 'active');
  const admins = [...new Set([...activeGlobalAdmins(document), ...userAdmins])]
    .filter((admin) => admin.id !== user.id)
    .map((admin) => escapeMarkdown(admin.displayName));
  const footer = isGlobalAdmin(user)
    ? t.t('myRole.fullAccess')
    : admins.length > 0
      ? t.t('myRole.askAdmins', { admins: t.list(admins) })
      : t.t('myRole.askAdminsNone');
  await sendCard(turn, rolesCard(t, { title: t.t('myRole.title', { organization: escapeMarkdown(document.organization.displayName) }), roles: user.roles, footer }));
}

/** A list of roles, each with its family, summary and permissions: "my role", someone's roles, one role. */
export function rolesCard(t: Translator, content: { title: string; roles: readonly RoleId[]; footer: string; canDo?: string; actions?: CardAction[] }): CardJson {
  return expandCard('my-role', {
    title: content.title,
    noRoles: t.t('myRole.noRoles'),
    roles: content.roles.map((roleId) => ({
      name: t.t(`role.${roleId}.name`),
      family: t.t('myRole.family', { family: t.t(`family.${getRole(roleId).family}`) }),
      summary: t.t(`role.${roleId}.summary`),
      canDoHeading: content.canDo ?? t.t('myRole.canDo'),
      permissions: [...permissionsOf([roleId])].map((permission) => `- ${t.t(`permission.${permission}`)}`).join('\n'),
    })),
    askAdmins: content.footer,
    actions: content.actions ?? [],
  });
}
