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

/** Roles side by side on a row: two columns keep a 24-role picker within Teams' card height. */
const ROLES_PER_ROW = 2;

export function rolePickerPart(t: Translator, options: RolePickerOptions): CardPart {
  const editable = new Set(options.editable);
  const locked = new Set(options.locked ?? []);
  const selected = new Set(options.selected);
  const families = ROLE_FAMILIES.map((family) => {
    const members = allRoles().filter(
      (role) => role.family === family && (editable.has(role.id) || locked.has(role.id)),
    );
    const roles = members.map((role) => ({
      inputId: `${INPUT_PREFIX}${role.id}`,
      descriptionId: `about_${role.id}`,
      editable: editable.has(role.id),
      title: editable.has(role.id)
        ? t.t(`role.${role.id}.name`)
        : t.t('rolePicker.locked', { role: t.t(`role.${role.id}.name`) }),
      value: selected.has(role.id) ? 'true' : 'false',
      description: t.t(`role.${role.id}.summary`),
    }));
    const rows = [];
    for (let start = 0; start < roles.length; start += ROLES_PER_ROW)
      rows.push({ roles: roles.slice(start, start + ROLES_PER_ROW) });
    // A heading starts with a capital, though the family's name is written to sit inside a sentence.
    const inSentence = t.t(`family.${family}`);
    const name = inSentence.charAt(0).toLocaleUpperCase(t.language) + inSentence.slice(1);
    // A family opens by itself when the user holds one of its roles; the others are a click away.
    const expanded = members.some((role) => selected.has(role.id) || locked.has(role.id));
    return { name, heading: name, rolesId: `family_${family}`, rows, count: roles.length, expanded };
  }).filter((family) => family.count > 0);
  // Nothing held yet (a new user): the first family (Microsoft Entra) is open.
  const first = families[0];
  if (first && !families.some((family) => family.expanded)) first.expanded = true;
  for (const family of families)
    family.heading = t.t(family.expanded ? 'rolePicker.familyOpen' : 'rolePicker.familyClosed', {
      family: family.name,
      count: family.count,
    });
  // Opening a family closes the others: all three open at once would not fit in Teams (measured
  // 1,140 px in French), one at a time always does.
  const withTargets = families.map((family) => ({
    ...family,
    targets: [
      family.rolesId,
      ...families
        .filter((other) => other.rolesId !== family.rolesId)
        .map((other) => ({ elementId: other.rolesId, isVisible: false })),
    ],
  }));
  // What each role does is one click away, not always on: 24 descriptions made the form 2,000 px tall.
  const descriptionIds = families.flatMap((family) =>
    family.rows.flatMap((row) => row.roles.map((role) => role.descriptionId)),
  );
  return {
    into: 'rolePicker',
    template: 'parts/role-picker',
    data: { families: withTargets, descriptionIds, toggleDescriptions: t.t('rolePicker.showDescriptions') },
  };
}

const ToggleValue = z.union([z.enum(['true', 'false']), z.boolean()]);

/**
 * `roles`: the toggles switched on; `answered`: every role whose toggle came back, on or off. A
 * toggle that did not come back (a client that leaves out inputs of a closed family) says nothing
 * about that role: the role editor keeps it as it was rather than take it away.
 */
export type RoleInputs = { ok: true; roles: RoleId[]; answered: RoleId[] } | { ok: false; unknown: string[] };

/**
 * The roles switched on in a submitted form. A toggle for a role that is not in the catalog
 * (edited card data) is reported, never ignored silently; a value other than on/off is refused.
 */
export function rolesFromInputs(data: Record<string, unknown>): RoleInputs {
  const roles: RoleId[] = [];
  const answered: RoleId[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(INPUT_PREFIX)) continue;
    const roleId = key.slice(INPUT_PREFIX.length);
    const parsed = ToggleValue.safeParse(value);
    if (!isRoleId(roleId) || !parsed.success) {
      unknown.push(roleId.slice(0, 40));
      continue;
    }
    answered.push(roleId);
    if (parsed.data === true || parsed.data === 'true') roles.push(roleId);
  }
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, roles, answered };
}
