import { DEMO_TENANT_ID, DEMO_USERS } from '../../src/store/demoOrganization.js';

/** The demo organization's people, as the tests talk about them. */
function person(id: string) {
  const user = DEMO_USERS.find((candidate) => candidate.id === id);
  if (!user) throw new Error(`no demo user ${id}`);
  return { userId: user.id, name: user.displayName, aadObjectId: user.aadObjectId, email: user.email };
}

export const ALEX = person('u-alex'); // Global admin
export const MEGAN = person('u-megan'); // Billing admin + Incentives admin
export const PATTI = person('u-patti'); // Account admin, prefers French
export const LYNNE = person('u-lynne'); // Report viewer
export const DIEGO = person('u-diego'); // invited, not linked yet
export const ADELE = person('u-adele'); // Sales agent + Referrals admin
export const NESTOR = person('u-nestor'); // User management admin
export const ISAIAH = person('u-isaiah'); // Admin agent + Helpdesk agent
export const JOHANNA = person('u-johanna'); // Owner + Developer (marketplace)
export const TENANT = DEMO_TENANT_ID;
export const OTHER_TENANT = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
