/**
 * What an admin's message can ask for. The recognizer (recognizer.ts) maps a message to one of
 * these, or to "none" when it is out of scope; the bot routes each to its conversation.
 */
export const INTENTS = [
  'help',
  'cancel',
  'set_language',
  'add_user',
  'assign_roles',
  'remove_roles',
  'remove_user',
  'update_notification_email',
  'my_role',
  'user_roles',
  'role_holders',
  'role_permissions',
  'role_for_task',
  'who_can_grant',
  'programs',
  'org_profile',
  'onboarding',
  'update_support_profile',
  'update_primary_contact',
  'associate_partner_id',
  'add_location',
  'tax_exemptions',
  'history',
  'find_customers',
  'add_customer',
  'invite_customer',
  'update_customer',
  'end_customer_relationship',
  'customer_users',
  'update_security_contact',
  'update_legal_profile',
  'notification_preferences',
  'how_to',
  'privileged_access',
  'review_access',
  'extend_access',
  'end_access',
  'export_history',
  'export_customers',
  'add_users_from_file',
] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * Intents that lead to a change of data. None of them ever changes anything by itself: each opens
 * a form or a confirmation card first. Out-of-scope messages must never be read as one of these.
 */
export const DATA_CHANGING_INTENTS: ReadonlySet<Intent | 'none'> = new Set<Intent>([
  'add_user',
  'assign_roles',
  'remove_roles',
  'remove_user',
  'update_notification_email',
  'update_support_profile',
  'update_primary_contact',
  'associate_partner_id',
  'add_location',
  'add_customer',
  'invite_customer',
  'update_customer',
  'end_customer_relationship',
  'update_security_contact',
  'update_legal_profile',
  'notification_preferences',
  'review_access',
  'extend_access',
  'end_access',
  'add_users_from_file',
]);
