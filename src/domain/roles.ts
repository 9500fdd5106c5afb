import type { PermissionId } from './permissions.js';

/**
 * The Partner Center role catalog (shared/domain/partner-center.md §1). Names and descriptions in
 * English and French live in the locale files under `role.<id>.name` / `role.<id>.summary`; this
 * file holds what the code reasons about: family, workspace and permissions.
 *
 * Choices where the reference is silent or unconfirmed (see docs/domain-decisions.md):
 * - "Default user" is put in the company family: it is not an Entra role, and an Account admin may
 *   give it when taking company roles away from someone.
 * - The French names marked unconfirmed in the reference use the wording of the French Partner
 *   Center UI where we found one, and a literal, natural French term otherwise.
 */
export type RoleFamily = 'entra' | 'company' | 'developer';

export type Workspace =
  | 'all'
  | 'account_settings'
  | 'csp'
  | 'maicpp'
  | 'referrals'
  | 'incentives'
  | 'insights'
  | 'compliance'
  | 'marketplace';

export const ROLE_IDS = [
  'global_admin',
  'user_management_admin',
  'admin_agent',
  'sales_agent',
  'helpdesk_agent',
  'billing_admin',
  'account_admin',
  'mpn_partner_admin',
  'business_profile_admin',
  'referrals_admin',
  'referrals_user',
  'cosell_solution_admin',
  'incentives_admin',
  'incentives_user',
  'executive_report_viewer',
  'report_viewer',
  'compliance_admin',
  'default_user',
  'owner',
  'manager',
  'developer',
  'business_contributor',
  'financial_contributor',
  'marketer',
] as const;

export type RoleId = (typeof ROLE_IDS)[number];

export interface RoleDefinition {
  id: RoleId;
  family: RoleFamily;
  workspace: Workspace;
  /**
   * Privileged roles give control over the partner tenant or its customers. Granting one asks the
   * admin for an explicit confirmation, and the audit log flags it.
   */
  privileged: boolean;
  /** Only a Global admin may grant or remove this role. */
  globalAdminOnly: boolean;
  /** Only shown to organizations that are tier 1 or tier 2 indirect CSP providers. */
  cspProvidersOnly?: boolean;
  permissions: readonly PermissionId[];
}

const EVERY_ADMIN_SUPPORT: PermissionId[] = [
  'support.open_tickets',
  'support.view_tickets',
  'self.view_profile',
  'self.reset_password',
];

const CATALOG: readonly RoleDefinition[] = [
  {
    id: 'global_admin',
    family: 'entra',
    workspace: 'all',
    privileged: true,
    globalAdminOnly: true,
    permissions: [
      'users.view_all',
      'users.view_roles',
      'users.create',
      'users.remove',
      'users.assign_roles',
      'users.assign_company_roles',
      'users.reset_password',
      'users.update_notification_email_of_others',
      'org.view_profile',
      'org.update_legal_profile',
      'org.update_primary_contact',
      'org.update_security_contact',
      'org.update_support_profile',
      'org.manage_locations',
      'org.update_csp_partner_id',
      'org.manage_tenants',
      'org.update_billing_address',
      'org.view_audit_log',
      'agreements.view',
      'agreements.sign_mpa',
      'billing.manage_invoices',
      'billing.update_tax_id',
      'pricing.view',
      'customers.view',
      'customers.add',
      'customers.edit_details',
      'customers.request_relationship',
      'customers.end_relationship',
      'customers.manage_users',
      'customers.cancel_azure_subscriptions',
      'maicpp.view_profiles',
      'cpv.manage_profile',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'user_management_admin',
    family: 'entra',
    workspace: 'account_settings',
    privileged: true,
    globalAdminOnly: false,
    permissions: [
      'users.view_all',
      'users.view_roles',
      'users.create',
      'users.remove',
      'users.assign_roles',
      'users.assign_company_roles',
      'users.update_notification_email_of_others',
      'customers.add',
      'org.view_profile',
      'org.view_audit_log',
      'maicpp.view_profiles',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'admin_agent',
    family: 'entra',
    workspace: 'csp',
    privileged: true,
    globalAdminOnly: false,
    permissions: [
      'customers.manage_aobo',
      'customers.view',
      'customers.add',
      'customers.request_relationship',
      'customers.end_relationship',
      'customers.manage_users',
      'customers.support_on_behalf',
      'pricing.view',
      'billing.manage_invoices',
      'billing.update_tax_id',
      'resellers.manage',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'sales_agent',
    family: 'entra',
    workspace: 'csp',
    privileged: false,
    globalAdminOnly: false,
    cspProvidersOnly: true,
    permissions: [
      'customers.view',
      'customers.add',
      'customers.edit_details',
      'customers.request_relationship',
      'customers.leads',
      'resellers.manage',
      'agreements.view',
      'pricing.view',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'helpdesk_agent',
    family: 'entra',
    workspace: 'csp',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['customers.view', 'customers.support_on_behalf', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'billing_admin',
    family: 'entra',
    workspace: 'csp',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['billing.manage_invoices', 'billing.update_tax_id', 'pricing.view', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'account_admin',
    family: 'company',
    workspace: 'maicpp',
    privileged: false,
    globalAdminOnly: false,
    permissions: [
      'users.view_all',
      'users.view_roles',
      'users.assign_company_roles',
      'org.view_profile',
      'org.update_legal_profile',
      'org.update_primary_contact',
      'org.update_support_profile',
      'org.manage_locations',
      'org.account_merge',
      'org.view_audit_log',
      'maicpp.view_profiles',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'mpn_partner_admin',
    family: 'company',
    workspace: 'maicpp',
    privileged: false,
    globalAdminOnly: false,
    permissions: [
      'users.view_roles',
      'maicpp.membership',
      'maicpp.benefits',
      'maicpp.view_profiles',
      'org.view_profile',
      'insights.all_datasets',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'business_profile_admin',
    family: 'company',
    workspace: 'referrals',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['referrals.business_profile', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'referrals_admin',
    family: 'company',
    workspace: 'referrals',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['referrals.manage_all', 'referrals.business_profile', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'referrals_user',
    family: 'company',
    workspace: 'referrals',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['referrals.manage_own', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'cosell_solution_admin',
    family: 'company',
    workspace: 'referrals',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['referrals.cosell_solutions', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'incentives_admin',
    family: 'company',
    workspace: 'incentives',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['incentives.manage', 'incentives.claims', 'incentives.bank_and_tax', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'incentives_user',
    family: 'company',
    workspace: 'incentives',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['incentives.claims', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'executive_report_viewer',
    family: 'company',
    workspace: 'insights',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['insights.all_datasets', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'report_viewer',
    family: 'company',
    workspace: 'insights',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['insights.standard_datasets', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'compliance_admin',
    family: 'company',
    workspace: 'compliance',
    privileged: true,
    globalAdminOnly: true,
    permissions: ['compliance.verification', 'org.view_profile', 'org.update_legal_profile', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'default_user',
    family: 'company',
    workspace: 'all',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['self.view_profile', 'self.reset_password'],
  },
  {
    id: 'owner',
    family: 'developer',
    workspace: 'marketplace',
    privileged: false,
    globalAdminOnly: false,
    permissions: [
      'marketplace.ownership',
      'marketplace.manage_users',
      'marketplace.manage_tenants',
      'marketplace.submit_apps',
      'marketplace.pricing',
      'marketplace.payout',
      'marketplace.insights',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'manager',
    family: 'developer',
    workspace: 'marketplace',
    privileged: false,
    globalAdminOnly: false,
    permissions: [
      'marketplace.manage_users',
      'marketplace.manage_tenants',
      'marketplace.submit_apps',
      'marketplace.insights',
      ...EVERY_ADMIN_SUPPORT,
    ],
  },
  {
    id: 'developer',
    family: 'developer',
    workspace: 'marketplace',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['marketplace.submit_apps', 'marketplace.insights', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'business_contributor',
    family: 'developer',
    workspace: 'marketplace',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['marketplace.pricing', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'financial_contributor',
    family: 'developer',
    workspace: 'marketplace',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['marketplace.payout', ...EVERY_ADMIN_SUPPORT],
  },
  {
    id: 'marketer',
    family: 'developer',
    workspace: 'marketplace',
    privileged: false,
    globalAdminOnly: false,
    permissions: ['marketplace.reviews', ...EVERY_ADMIN_SUPPORT],
  },
];

const BY_ID = new Map<RoleId, RoleDefinition>(CATALOG.map((role) => [role.id, role]));

export const ROLE_FAMILIES: readonly RoleFamily[] = ['entra', 'company', 'developer'];

export function allRoles(): readonly RoleDefinition[] {
  return CATALOG;
}

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && BY_ID.has(value as RoleId);
}

export function getRole(id: RoleId): RoleDefinition {
  const role = BY_ID.get(id);
  if (!role) throw new Error(`Unknown role id: ${id}`);
  return role;
}

/** The union of the permissions given by a set of roles. */
export function permissionsOf(roles: Iterable<RoleId>): Set<PermissionId> {
  const result = new Set<PermissionId>();
  for (const roleId of roles) for (const permission of getRole(roleId).permissions) result.add(permission);
  return result;
}

/**
 * The roles that grant a permission, fewest extra permissions first: the least-privilege answer
 * to "which role do I need to do X?".
 */
export function rolesGranting(permission: PermissionId): RoleDefinition[] {
  return CATALOG.filter((role) => role.permissions.includes(permission)).sort(
    (a, b) => a.permissions.length - b.permissions.length || Number(a.privileged) - Number(b.privileged),
  );
}
