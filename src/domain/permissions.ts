/**
 * What a Partner Center role lets its holder do, as ids the code can check. The wording shown to
 * admins for each id lives in the locale files under `permission.<id>`.
 *
 * Source: shared/domain/partner-center.md §1 (role table) and §5 (who edits the organization profile).
 */
export const PERMISSIONS = [
  // Users and roles (Account settings → User management)
  'users.view_all',
  'users.view_roles',
  'users.create',
  'users.remove',
  'users.assign_roles',
  'users.assign_company_roles',
  'users.reset_password',
  'users.update_notification_email_of_others',
  // Own account
  'self.view_profile',
  'self.reset_password',
  // Organization profile
  'org.view_profile',
  'org.update_legal_profile',
  'org.update_primary_contact',
  'org.update_security_contact',
  'org.update_support_profile',
  'org.manage_locations',
  'org.update_csp_partner_id',
  'org.manage_tenants',
  'org.update_billing_address',
  'org.account_merge',
  'org.view_audit_log',
  // Agreements, billing, pricing
  'agreements.view',
  'agreements.sign_mpa',
  'billing.manage_invoices',
  'billing.update_tax_id',
  'pricing.view',
  // Customers (CSP)
  'customers.manage_aobo',
  'customers.view',
  'customers.add',
  'customers.edit_details',
  'customers.request_relationship',
  'customers.end_relationship',
  'customers.manage_users',
  'customers.support_on_behalf',
  'customers.leads',
  'customers.cancel_azure_subscriptions',
  'resellers.manage',
  // Support
  'support.open_tickets',
  'support.view_tickets',
  // AI Cloud Partner Program
  'maicpp.membership',
  'maicpp.benefits',
  'maicpp.view_profiles',
  // Referrals and co-sell
  'referrals.manage_all',
  'referrals.manage_own',
  'referrals.business_profile',
  'referrals.cosell_solutions',
  // Incentives
  'incentives.manage',
  'incentives.claims',
  'incentives.bank_and_tax',
  // Insights
  'insights.all_datasets',
  'insights.standard_datasets',
  // Compliance
  'compliance.verification',
  // Developer / commercial marketplace
  'marketplace.ownership',
  'marketplace.manage_users',
  'marketplace.manage_tenants',
  'marketplace.submit_apps',
  'marketplace.pricing',
  'marketplace.payout',
  'marketplace.reviews',
  'marketplace.insights',
  // CPV
  'cpv.manage_profile',
] as const;

export type PermissionId = (typeof PERMISSIONS)[number];

export function isPermissionId(value: string): value is PermissionId {
  return (PERMISSIONS as readonly string[]).includes(value);
}
