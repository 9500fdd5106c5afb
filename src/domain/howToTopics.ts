import type { PermissionId } from './permissions.js';

/**
 * The tasks the how-to collection answers (locales/howto/<language>.json holds their words and
 * sources): for each, what it takes in Partner Center (the permission; the roles that hold it come
 * from roles.ts), and, for what the bot does itself, the intent of the conversation that does it
 * here. A task with no permission is everyone's own (their own password, their own Learn profile).
 */
export interface HowToTopic {
  id: string;
  permission?: PermissionId;
  /** The conversation that does it in this chat, offered as a button beside the steps. */
  doneHere?:
    | 'add_user'
    | 'assign_roles'
    | 'remove_user'
    | 'update_notification_email'
    | 'update_support_profile'
    | 'update_primary_contact'
    | 'update_security_contact'
    | 'update_legal_profile'
    | 'associate_partner_id'
    | 'add_customer';
}

export const HOW_TO_TOPICS: readonly HowToTopic[] = [
  { id: 'reset_user_password', permission: 'users.reset_password' },
  { id: 'reset_own_password', permission: 'self.reset_password' },
  { id: 'enroll_cpv', permission: 'cpv.manage_profile' },
  { id: 'link_learn_account' },
  { id: 'business_profile', permission: 'referrals.business_profile' },
  { id: 'catalog_pricing', permission: 'pricing.view' },
  { id: 'manage_locations', permission: 'org.manage_locations' },
  { id: 'support_ticket', permission: 'support.open_tickets' },
  { id: 'customer_user_password', permission: 'customers.manage_users' },
  { id: 'add_user', permission: 'users.create', doneHere: 'add_user' },
  { id: 'change_roles', permission: 'users.assign_roles', doneHere: 'assign_roles' },
  { id: 'remove_user', permission: 'users.remove', doneHere: 'remove_user' },
  { id: 'notification_email', doneHere: 'update_notification_email' },
  { id: 'support_details', permission: 'org.update_support_profile', doneHere: 'update_support_profile' },
  { id: 'primary_contact', permission: 'org.update_primary_contact', doneHere: 'update_primary_contact' },
  { id: 'security_contact', permission: 'org.update_security_contact', doneHere: 'update_security_contact' },
  { id: 'legal_profile', permission: 'org.update_legal_profile', doneHere: 'update_legal_profile' },
  { id: 'partner_id', permission: 'org.manage_locations', doneHere: 'associate_partner_id' },
  { id: 'add_customer', permission: 'customers.add', doneHere: 'add_customer' },
];

export function howToTopic(id: string): HowToTopic | undefined {
  return HOW_TO_TOPICS.find((topic) => topic.id === id);
}
