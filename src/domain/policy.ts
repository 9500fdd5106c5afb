import type { PermissionId } from './permissions.js';
import type { PolicyUser } from './policyUser.js';
import { holdersOf } from './roleHolders.js';
import { getRole, permissionsOf, type RoleDefinition, type RoleId, allRoles } from './roles.js';

/**
 * The one place that answers "may this actor do this action to this target?". Dialogs and the
 * store ask it; nothing else re-implements a rule. Rules come from
 * shared/domain/partner-center.md §2; the choices we made where it is silent are listed in
 * docs/domain-decisions.md and marked "choice" below.
 */

export type { PolicyUser, UserStatus } from './policyUser.js';

export interface PolicyOrganization {
  users: readonly PolicyUser[];
  /** Tier 1 (direct-bill) or tier 2 (indirect provider) CSP: only these see the Sales agent role. */
  isCspProvider: boolean;
  /** Enrolled in any CSP program (indirect resellers included): only these have customer accounts. */
  sellsToCustomers: boolean;
  /** A CSP indirect reseller: only a Global admin changes its legal name (§2). */
  cspIndirectReseller?: boolean;
}

export const ORG_SECTIONS = [
  'legal',
  'verification',
  'primary_contact',
  'legal_contact',
  'security_contact',
  'support_profile',
  'locations',
  'tenants',
  'identifiers',
  'programs',
] as const;
export type OrgSection = (typeof ORG_SECTIONS)[number];

export type PolicyAction =
  | { type: 'list_users' }
  | { type: 'view_user_roles'; target: PolicyUser }
  | { type: 'open_add_user_form' }
  | { type: 'add_user'; roles: readonly RoleId[] }
  /** `roles`: the roles a request names ("make me a Global admin"), when it names any. */
  | { type: 'open_role_editor'; roles?: readonly RoleId[] }
  | { type: 'open_user_removal' }
  | { type: 'open_notification_email_of_others' }
  | { type: 'view_role_holders'; role: RoleId }
  | { type: 'remove_user'; target: PolicyUser }
  | { type: 'change_roles'; target: PolicyUser; roles: readonly RoleId[] }
  | { type: 'update_notification_email'; target: PolicyUser }
  | { type: 'view_org_section'; section: OrgSection }
  | { type: 'update_org_section'; section: OrgSection }
  | { type: 'view_audit_log' }
  | { type: 'record_tax_exemptions' }
  // Customer accounts (shared/domain/partner-center.md §6)
  | { type: 'view_customers' }
  | { type: 'add_customer' }
  | { type: 'update_customer' }
  | { type: 'invite_customer' }
  | { type: 'end_customer_relationship' }
  | { type: 'manage_customer_users' }
  // Privileged access (issue 21)
  | { type: 'view_privileged_access' }
  | { type: 'change_privileged_access_rules' }
  | { type: 'approve_access_request'; requestedBy: string; targetId?: string }
  | { type: 'review_access' };

export type DenialReason =
  | 'actor_not_active'
  | 'missing_permission'
  | 'target_removed'
  | 'no_roles'
  | 'role_not_grantable'
  | 'role_requires_global_admin'
  | 'company_roles_only'
  | 'role_not_available'
  | 'last_global_admin'
  | 'cannot_remove_self'
  | 'only_global_admin_removes_global_admin'
  | 'section_read_only'
  | 'no_grantable_roles'
  | 'not_a_csp_partner'
  | 'cannot_approve_own_request'
  | 'needs_second_approval';

export type Decision =
  { allowed: true } | { allowed: false; reason: DenialReason; permission?: PermissionId; roles?: readonly RoleId[] };

/**
 * Refusals about the actor's own authority: someone else in the organization may be able to do
 * it, and the refusal names them. (Not "the last Global admin", a removed user, a read-only
 * section: no one can.)
 */
export const AUTHORITY_REASONS: ReadonlySet<DenialReason> = new Set<DenialReason>([
  'missing_permission',
  'role_not_grantable',
  'role_requires_global_admin',
  'company_roles_only',
  'only_global_admin_removes_global_admin',
  'cannot_remove_self',
  'no_grantable_roles',
  'cannot_approve_own_request',
]);

/** The active users, `except` one (the actor), whom the policy would let do `action`: whom to ask. */
export function whoMay<U extends PolicyUser>(
  action: PolicyAction,
  org: PolicyOrganization & { users: readonly U[] },
  except: string,
): U[] {
  return org.users.filter(
    (user: U) => user.status === 'active' && user.id !== except && decide(user, action, org).allowed,
  );
}

const ALLOW: Decision = { allowed: true };
const deny = (
  reason: DenialReason,
  extra: Omit<Extract<Decision, { allowed: false }>, 'allowed' | 'reason'> = {},
): Decision => ({
  allowed: false,
  reason,
  ...extra,
});

const UPDATE_PERMISSION_BY_SECTION: Record<OrgSection, PermissionId | undefined> = {
  legal: 'org.update_legal_profile',
  legal_contact: 'org.update_legal_profile',
  primary_contact: 'org.update_primary_contact',
  security_contact: 'org.update_security_contact',
  support_profile: 'org.update_support_profile',
  locations: 'org.manage_locations',
  identifiers: 'org.update_csp_partner_id',
  tenants: 'org.manage_tenants',
  // Verification and program statuses are set by Microsoft, never edited by the partner.
  verification: undefined,
  programs: undefined,
};

/**
 * Customer accounts, per §6 of the domain reference: adding (Global admin, User management admin,
 * Admin agent, Sales agent), updating details (Global admin, Sales agent), inviting to a reseller
 * relationship (Admin agent; Sales agent "requests reseller relationships"), customer users (Admin
 * agent). Ending a relationship is the Admin agent's (choice). Global admins may do all of it.
 * Which role holds which permission is in roles.ts; docs/domain-decisions.md lists the choices.
 */
const CUSTOMER_PERMISSION = {
  view_customers: 'customers.view',
  add_customer: 'customers.add',
  update_customer: 'customers.edit_details',
  invite_customer: 'customers.request_relationship',
  end_customer_relationship: 'customers.end_relationship',
  manage_customer_users: 'customers.manage_users',
} as const satisfies Record<string, PermissionId>;

/**
 * Who holds these roles is what "My access" tells every user ("which admin to ask"), so anyone in
 * the organization may ask "who are the Global admins?" (choice). Other roles' holders need the
 * right to see other users' roles.
 */
const ROLES_ANYONE_MAY_LOOK_UP: ReadonlySet<RoleId> = new Set([
  'global_admin',
  'user_management_admin',
  'account_admin',
]);

/** Sections every active user of the organization may read: "which programs are we in?" is for everyone. */
const SECTIONS_OPEN_TO_ALL: ReadonlySet<OrgSection> = new Set(['verification', 'programs']);

export function isGlobalAdmin(user: PolicyUser): boolean {
  return user.roles.includes('global_admin');
}

function has(actor: PolicyUser, permission: PermissionId): boolean {
  return permissionsOf(actor.roles).has(permission);
}

/** Active Global admins. Invited ones do not count: they may never sign in (choice). */
export function activeGlobalAdmins<U extends PolicyUser>(org: { users: readonly U[] }): U[] {
  return holdersOf(org.users, 'global_admin').filter((user) => user.status === 'active');
}

/**
 * Whether the actor may grant or take away one role, before looking at who the target is.
 * - Global admin: every role.
 * - Global-admin-only roles (Global admin, Compliance admin): nobody else.
 * - User management admin: every other role but Owner (choice: Owner stays with Owners).
 * - Account admin: non-Entra company roles only.
 * - Owner: every developer role; Manager: developer roles but Owner.
 * - Everyone else (MPN partner admin included): none.
 */
export function roleAuthority(actor: PolicyUser, roleId: RoleId): Decision {
  if (actor.status !== 'active') return deny('actor_not_active');
  const role = getRole(roleId);
  if (isGlobalAdmin(actor)) return ALLOW;
  if (role.globalAdminOnly) return deny('role_requires_global_admin', { roles: [roleId] });
  const permissions = permissionsOf(actor.roles);
  if (role.family === 'developer') {
    if (roleId === 'owner') {
      return permissions.has('marketplace.ownership') ? ALLOW : deny('role_not_grantable', { roles: [roleId] });
    }
    if (permissions.has('marketplace.manage_users') || permissions.has('users.assign_roles')) return ALLOW;
    return deny('role_not_grantable', { roles: [roleId] });
  }
  if (permissions.has('users.assign_roles')) return ALLOW;
  if (permissions.has('users.assign_company_roles')) {
    return role.family === 'company' ? ALLOW : deny('company_roles_only', { roles: [roleId] });
  }
  return deny('role_not_grantable', { roles: [roleId] });
}

/** Roles the organization can use at all (the Sales agent role exists only for CSP providers). */
export function roleAvailable(org: PolicyOrganization, role: RoleDefinition): boolean {
  return !role.cspProvidersOnly || org.isCspProvider;
}

/** The roles this actor may give, for forms: only what the policy would accept on submit. */
export function grantableRoles(actor: PolicyUser, org: PolicyOrganization): RoleId[] {
  return allRoles()
    .filter((role) => roleAvailable(org, role) && roleAuthority(actor, role.id).allowed)
    .map((role) => role.id);
}

function checkRoleSet(actor: PolicyUser, org: PolicyOrganization, roles: readonly RoleId[]): Decision {
  const unavailable = roles.filter((roleId) => !roleAvailable(org, getRole(roleId)));
  if (unavailable.length > 0) return deny('role_not_available', { roles: unavailable });
  const refusals = roles.map((roleId) => roleAuthority(actor, roleId)).filter((decision) => !decision.allowed);
  if (refusals.length === 0) return ALLOW;
  // Report the most specific reason, with every role it applies to, so the admin fixes all at once.
  const order: DenialReason[] = [
    'actor_not_active',
    'role_requires_global_admin',
    'company_roles_only',
    'role_not_grantable',
  ];
  const first =
    order.find((reason) => refusals.some((decision) => !decision.allowed && decision.reason === reason)) ??
    'role_not_grantable';
  const rolesForReason = refusals.flatMap((decision) =>
    !decision.allowed && decision.reason === first ? (decision.roles ?? []) : [],
  );
  return deny(first, { roles: rolesForReason });
}

export function decide(actor: PolicyUser, action: PolicyAction, org: PolicyOrganization): Decision {
  if (actor.status !== 'active') return deny('actor_not_active');

  switch (action.type) {
    case 'list_users':
      return has(actor, 'users.view_all') ? ALLOW : deny('missing_permission', { permission: 'users.view_all' });

    case 'view_user_roles':
      if (action.target.id === actor.id) return ALLOW;
      // Owners and Managers manage the marketplace users, so they see their roles (choice).
      return has(actor, 'users.view_roles') || has(actor, 'users.view_all') || has(actor, 'marketplace.manage_users')
        ? ALLOW
        : deny('missing_permission', { permission: 'users.view_roles' });

    case 'open_add_user_form':
      if (!has(actor, 'users.create')) return deny('missing_permission', { permission: 'users.create' });
      return grantableRoles(actor, org).length > 0 ? ALLOW : deny('role_not_grantable');

    case 'open_role_editor':
      // A request that names its roles is judged on them ("make me a Global admin": only a Global
      // admin can); otherwise, on whether the actor may give any role at all.
      if (action.roles?.length) return checkRoleSet(actor, org, action.roles);
      return grantableRoles(actor, org).length > 0 ? ALLOW : deny('no_grantable_roles');

    case 'open_user_removal':
      return has(actor, 'users.remove') ? ALLOW : deny('missing_permission', { permission: 'users.remove' });

    case 'open_notification_email_of_others':
      return has(actor, 'users.update_notification_email_of_others')
        ? ALLOW
        : deny('missing_permission', { permission: 'users.update_notification_email_of_others' });

    case 'view_role_holders':
      if (ROLES_ANYONE_MAY_LOOK_UP.has(action.role)) return ALLOW;
      return has(actor, 'users.view_roles') || has(actor, 'users.view_all')
        ? ALLOW
        : deny('missing_permission', { permission: 'users.view_roles' });

    case 'add_user': {
      if (!has(actor, 'users.create')) return deny('missing_permission', { permission: 'users.create' });
      if (action.roles.length === 0) return deny('no_roles');
      return checkRoleSet(actor, org, action.roles);
    }

    case 'remove_user': {
      const { target } = action;
      if (!has(actor, 'users.remove')) return deny('missing_permission', { permission: 'users.remove' });
      if (target.status === 'removed') return deny('target_removed');
      if (target.id === actor.id) return deny('cannot_remove_self');
      if (isGlobalAdmin(target)) {
        // Only a Global admin can reset a Global admin's password; by the same logic only one can
        // remove another (choice).
        if (!isGlobalAdmin(actor)) return deny('only_global_admin_removes_global_admin');
        if (target.status === 'active' && activeGlobalAdmins(org).length <= 1) return deny('last_global_admin');
      }
      return ALLOW;
    }

    case 'change_roles': {
      const { target } = action;
      if (target.status === 'removed') return deny('target_removed');
      const next = new Set(action.roles);
      if (next.size === 0) return deny('no_roles');
      const current = new Set(target.roles);
      const changed = [
        ...new Set([...next].filter((r) => !current.has(r)).concat([...current].filter((r) => !next.has(r)))),
      ];
      if (changed.length === 0) return ALLOW;
      const roleSet = checkRoleSet(
        actor,
        org,
        changed.filter((roleId) => next.has(roleId)),
      );
      if (!roleSet.allowed) return roleSet;
      // Taking a role away needs the same authority as giving it; availability does not matter then.
      const removals = changed.filter((roleId) => !next.has(roleId));
      const refusedRemoval = removals
        .map((roleId) => roleAuthority(actor, roleId))
        .find((decision) => !decision.allowed);
      if (refusedRemoval) return refusedRemoval;
      if (
        current.has('global_admin') &&
        !next.has('global_admin') &&
        target.status === 'active' &&
        activeGlobalAdmins(org).length <= 1
      ) {
        return deny('last_global_admin');
      }
      return ALLOW;
    }

    case 'update_notification_email':
      if (action.target.status === 'removed') return deny('target_removed');
      if (action.target.id === actor.id) return ALLOW;
      return has(actor, 'users.update_notification_email_of_others')
        ? ALLOW
        : deny('missing_permission', { permission: 'users.update_notification_email_of_others' });

    case 'view_org_section':
      if (SECTIONS_OPEN_TO_ALL.has(action.section)) return ALLOW;
      return has(actor, 'org.view_profile') ? ALLOW : deny('missing_permission', { permission: 'org.view_profile' });

    case 'update_org_section': {
      const permission = UPDATE_PERMISSION_BY_SECTION[action.section];
      if (!permission) return deny('section_read_only');
      // The legal name of a CSP indirect reseller is the Global admin's alone (§2).
      if (action.section === 'legal' && org.cspIndirectReseller && !isGlobalAdmin(actor))
        return deny('role_requires_global_admin', { roles: ['global_admin'] });
      return has(actor, permission) ? ALLOW : deny('missing_permission', { permission });
    }

    case 'view_audit_log':
      return has(actor, 'org.view_audit_log')
        ? ALLOW
        : deny('missing_permission', { permission: 'org.view_audit_log' });

    case 'view_customers':
    case 'add_customer':
    case 'update_customer':
    case 'invite_customer':
    case 'end_customer_relationship':
    case 'manage_customer_users': {
      // Only CSP partners have customer accounts; nobody in another organization can be asked.
      if (!org.sellsToCustomers) return deny('not_a_csp_partner');
      const permission = CUSTOMER_PERMISSION[action.type];
      return has(actor, permission) ? ALLOW : deny('missing_permission', { permission });
    }

    // Who holds a privileged role, until when, and what waits for approval: for those who see
    // other users' roles (choice).
    case 'view_privileged_access':
      return has(actor, 'users.view_roles') || has(actor, 'users.view_all')
        ? ALLOW
        : deny('missing_permission', { permission: 'users.view_roles' });

    // The rules, the approvals and the reviews of privileged access are the Global admins' (choice):
    // only they can give the Global admin role at all.
    case 'change_privileged_access_rules':
    case 'review_access':
      return isGlobalAdmin(actor) ? ALLOW : deny('role_requires_global_admin', { roles: ['global_admin'] });

    case 'approve_access_request':
      if (!isGlobalAdmin(actor)) return deny('role_requires_global_admin', { roles: ['global_admin'] });
      if (action.requestedBy === actor.id || action.targetId === actor.id) return deny('cannot_approve_own_request');
      return ALLOW;

    // Tax exemptions are filed with Microsoft support by whoever handles the company's tax
    // information (Global admin, Billing admin, Admin agent): the same people record it here (choice).
    case 'record_tax_exemptions':
      return has(actor, 'billing.update_tax_id')
        ? ALLOW
        : deny('missing_permission', { permission: 'billing.update_tax_id' });
  }
}
