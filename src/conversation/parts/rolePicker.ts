import { z } from 'zod';
import { ROLE_FAMILIES, allRoles, isRoleId, type RoleId } from '../../domain/roles.js';
import type { CardPart } from '../cards.js';
import type { Translator } from '../../i18n/index.js';

/**
 * The role checklist shared by "add a user" and "change roles": roles grouped by family (Entra,
 * company, developer), each a toggle with its one-line description. Roles the admin may not
 * change are shown without a toggle (so the admin sees what the user has), or not at all.
 */
const INPUT_PREFIX = 'role_';

export interface RolePickerOptions {
  /** Roles shown with a toggle, in catalog order. */
  editable: readonly RoleId[];
  /** Roles shown read-only (held by the user, but not the admin's to change). */
  locked?: readonly RoleId[];
  /** Toggles that start switched on. */
  selected: readonly RoleId[];
}

export function rolePickerPart(t: Translator, options: RolePickerOptions): CardPart {
  const editable = new Set(options.editable);
  const locked = new Set(options.locked ?? []);
  const selected = new Set(options.selected);
  const families = ROLE_FAMILIES.map((family) => ({
    name: t.t(`family.${family}`),
    roles: allRoles()
      .filter((role) => role.family === family && (editable.has(role.id) || locked.has(role.id)))
      .map((role) => ({
        inputId: `${INPUT_PREFIX}${role.id}`,
        editable: editable.has(role.id),
        title: editable.has(role.id)
          ? t.t(`role.${role.id}.name`)
          : t.t('rolePicker.locked', { role: t.t(`role.${role.id}.name`) }),
        value: selected.has(role.id) ? 'true' : 'false',
        description: t.t(`role.${role.id}.summary`),
      })),
  })).filter((family) => family.roles.length > 0);
  return { into: 'rolePicker', template: 'parts/role-picker', data: { families } };
}

const ToggleValue = z.union([z.enum(['true', 'false']), z.boolean()]);

export type RoleInputs = { ok: true; roles: RoleId[] } | { ok: false; unknown: string[] };

/**
 * The roles switched on in a submitted form. A toggle for a role that is not in the catalog
 * (edited card data) is reported, never ignored silently; a value other than on/off is refused.
 */
export function rolesFromInputs(data: Record<string, unknown>): RoleInputs {
  const roles: RoleId[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(INPUT_PREFIX)) continue;
    const roleId = key.slice(INPUT_PREFIX.length);
    const parsed = ToggleValue.safeParse(value);
    if (!isRoleId(roleId) || !parsed.success) {
      unknown.push(roleId.slice(0, 40));
      continue;
    }
    if (parsed.data === true || parsed.data === 'true') roles.push(roleId);
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, roles };
}
