import { getRole, permissionsOf, type RoleId } from '../../domain/roles.js';
import type { Translator } from '../../i18n/index.js';
import type { CardAction } from '../cardActions.js';
import { expandCard } from '../cards.js';
import type { CardJson } from '../turn.js';

/**
 * A list of roles, each with its family, summary and permissions: "my role", someone's roles, one
 * role's permissions, and the greeting of an invited user who joins.
 */
export function rolesCard(
  t: Translator,
  content: { title: string; roles: readonly RoleId[]; footer: string; canDo?: string; actions?: CardAction[] },
): CardJson {
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
