import type { PermissionId } from '../../domain/permissions.js';
import { getRole, permissionsOf, type RoleId } from '../../domain/roles.js';
import type { Translator } from '../../i18n/index.js';
import type { CardAction } from '../cardActions.js';
import { expandCard } from '../cards.js';
import type { CardJson } from '../turn.js';

/**
 * A list of roles, each with its family, summary and permissions: "my role", someone's roles, one
 * role's permissions, and the greeting of an invited user who joins.
 *
 * Permissions are grouped by area of the account (users, profile, billing…). A role with many (a
 * Global admin has 34) shows its areas closed, each a click away, so the card fits in Teams; a
 * role with few shows them all.
 */
const AREA_OF_PREFIX: Record<string, PermissionArea> = {
  users: 'users',
  self: 'users',
  org: 'organization',
  agreements: 'billing',
  billing: 'billing',
  pricing: 'billing',
  customers: 'customers',
  resellers: 'customers',
  support: 'customers',
  maicpp: 'programs',
  referrals: 'programs',
  incentives: 'programs',
  insights: 'programs',
  compliance: 'programs',
  marketplace: 'marketplace',
  cpv: 'marketplace',
};
const AREAS = ['users', 'organization', 'billing', 'customers', 'programs', 'marketplace'] as const;
type PermissionArea = (typeof AREAS)[number];

/** Up to this many permissions, every area is open. */
const ALL_OPEN_UP_TO = 10;

function areaOf(permission: PermissionId): PermissionArea {
  return AREA_OF_PREFIX[permission.split('.')[0]!] ?? 'users';
}

function permissionAreas(t: Translator, roleId: RoleId, roleIndex: number) {
  const permissions = [...permissionsOf([roleId])];
  const open = permissions.length <= ALL_OPEN_UP_TO;
  return AREAS.map((area) => {
    const lines = permissions.filter((permission) => areaOf(permission) === area);
    const name = t.t(`myRole.area.${area}`);
    return {
      id: `permissions_${roleIndex}_${area}`,
      heading: t.t(open ? 'myRole.areaOpen' : 'myRole.areaClosed', { area: name, count: lines.length }),
      name,
      expanded: open,
      lines: lines.map((permission) => `- ${t.t(`permission.${permission}`)}`).join('\n'),
      count: lines.length,
    };
  }).filter((area) => area.count > 0);
}

export function rolesCard(
  t: Translator,
  content: { title: string; roles: readonly RoleId[]; footer: string; canDo?: string; actions?: CardAction[] },
): CardJson {
  return expandCard('my-role', {
    title: content.title,
    noRoles: t.t('myRole.noRoles'),
    roles: content.roles.map((roleId, index) => ({
      name: t.t(`role.${roleId}.name`),
      family: t.t('myRole.family', { family: t.t(`family.${getRole(roleId).family}`) }),
      summary: t.t(`role.${roleId}.summary`),
      canDoHeading: content.canDo ?? t.t('myRole.canDo'),
      areas: permissionAreas(t, roleId, index),
    })),
    askAdmins: content.footer,
    actions: content.actions ?? [],
  });
}
