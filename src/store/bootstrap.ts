import { OrganizationExistsError, type AccountStore } from './accountStore.js';
import { DEMO_TENANT_ID, demoOrganization } from './demoOrganization.js';
import { STORE_FORMAT_VERSION, type OrganizationFile, type UserRecord } from './schema.js';

const SYSTEM = { userId: 'system', displayName: 'Partner Admin bot' };

/**
 * What start-up tells the store about whom to seed: the parts of the configuration it needs, as
 * plain data (the store knows nothing of where configuration comes from). AppConfig satisfies it.
 */
export interface SeedPlan {
  mode: 'local' | 'production';
  allowedTenants: readonly string[];
  bootstrapAdmins: readonly { tenantId: string; identifier: string; kind: 'objectId' | 'email' }[];
}

/** Where start-up notes go (pino's logger satisfies it). */
interface SeedLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Makes sure there is someone to talk to on first start.
 * - Local mode: the demo organization is seeded once (never over an existing file).
 * - Production: an allowed tenant with bootstrap admins and no organization yet gets one, whose
 *   only users are those admins, invited as Global admins; they are linked when they first talk
 *   to the bot. Afterwards the organization's own Global admins manage users: configuration never
 *   re-grants Global admin to someone they removed.
 */
export async function prepareStore(
  store: AccountStore,
  config: SeedPlan,
  logger: SeedLog,
  now = new Date().toISOString(),
): Promise<void> {
  if (config.mode === 'local') {
    if (!(await store.current(DEMO_TENANT_ID))) {
      if (await createUnlessThere(store, demoOrganization(now)))
        logger.info({ tenantId: DEMO_TENANT_ID }, 'seeded the demo organization for local mode');
    }
    return;
  }
  // Which organizations exist, without reading any: start-up does not grow with their number.
  const existing = new Set(await store.tenantIds());
  for (const tenantId of config.allowedTenants) {
    if (existing.has(tenantId.toLowerCase())) continue;
    const admins = config.bootstrapAdmins.filter((admin) => admin.tenantId === tenantId);
    if (admins.length === 0) {
      logger.warn(
        { tenantId },
        'allowed tenant has no organization and no BOOTSTRAP_ADMINS entry: nobody from it can use the bot yet',
      );
      continue;
    }
    if (!(await createUnlessThere(store, bootstrapOrganization(tenantId, admins, now)))) continue;
    logger.info({ tenantId, admins: admins.length }, 'created an organization for bootstrap admins');
  }
}

/** Two instances starting together on one database both try: the second finds it there. */
async function createUnlessThere(store: AccountStore, document: OrganizationFile): Promise<boolean> {
  try {
    await store.createOrganization(document);
    return true;
  } catch (error) {
    if (error instanceof OrganizationExistsError) return false;
    throw error;
  }
}

function bootstrapOrganization(
  tenantId: string,
  admins: { identifier: string; kind: 'objectId' | 'email' }[],
  now: string,
): OrganizationFile {
  const users: UserRecord[] = admins.map((admin, index) => ({
    id: `bootstrap-${index + 1}`,
    // A placeholder (their email or object id), replaced by the name Teams reports when they first talk to the bot.
    displayName: admin.identifier,
    ...(admin.kind === 'email' ? { email: admin.identifier } : { aadObjectId: admin.identifier }),
    roles: ['global_admin'],
    status: 'invited',
    revision: 0,
    createdAt: now,
    createdBy: SYSTEM,
    updatedAt: now,
    updatedBy: SYSTEM,
  }));
  return {
    formatVersion: STORE_FORMAT_VERSION,
    organization: {
      tenantId,
      displayName: tenantId,
      revision: 0,
      createdAt: now,
      updatedAt: now,
      profile: {
        legal: { legalName: '' },
        verification: { status: 'none', updatedAt: now },
        locations: [],
        // The organization's own Entra tenant; its domain and country are not known yet.
        tenants: [{ tenantId, name: tenantId, primary: true }],
        identifiers: {},
      },
      programs: [],
    },
    users,
    customers: [],
    accessRequests: [],
    accessReviews: [],
    audit: [
      {
        id: 'bootstrap',
        at: now,
        actor: SYSTEM,
        action: 'organization.bootstrapped',
        target: { type: 'organization', id: tenantId },
        outcome: 'applied',
        after: { admins: users.map((user) => user.id) },
      },
    ],
  };
}
