import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RoleId } from '../../src/domain/roles.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import { STORE_FORMAT_VERSION, type OrganizationFile, type UserRecord } from '../../src/store/schema.js';

/**
 * Data directories for the benchmark: organization files as the bot would hold them, written
 * straight to disk (the bot validates every one of them at start-up, as it would real data).
 *
 * In every organization the first users are the ones the load generator speaks as: a few Global
 * admins, then User management admins (they may add users and change non-privileged roles). The
 * rest hold a spread of everyday roles, like a large partner's directory.
 */
export const GLOBAL_ADMINS_PER_ORGANIZATION = 4;
/** User management admins per organization (capped by its size): the read and write actors. */
export const ACTORS_PER_ORGANIZATION = 128;

const FIRST_NAMES = [
  'Adele',
  'Alex',
  'Bianca',
  'Camille',
  'Chloé',
  'Diego',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Inès',
  'Isaiah',
  'Jonas',
  'Karim',
  'Léa',
  'Lynne',
  'Malik',
  'Megan',
  'Nadia',
  'Nestor',
  'Olivia',
  'Pablo',
  'Patti',
  'Quentin',
  'Rosa',
  'Samir',
  'Sofia',
  'Tariq',
  'Ulla',
  'Victor',
  'Wen',
  'Yasmine',
  'Zoé',
];
const LAST_NAMES = [
  'Bowen',
  'Dubois',
  'Fernandez',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Langer',
  'Lefebvre',
  'Martin',
  'Nguyen',
  'Okafor',
  'Petit',
  'Robbins',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Vance',
  'Wilber',
  'Wilke',
  'Yilmaz',
];
const EVERYDAY_ROLES: readonly (readonly RoleId[])[] = [
  ['report_viewer'],
  ['sales_agent'],
  ['helpdesk_agent'],
  ['referrals_user'],
  ['incentives_user'],
  ['sales_agent', 'referrals_admin'],
  ['executive_report_viewer'],
  ['developer'],
  ['marketer'],
  ['admin_agent'],
  ['billing_admin'],
];

const SYSTEM = { userId: 'system', displayName: 'Partner Admin bot' };

/** Tenant ids: the demo tenant first (the largest organization), then generated ones. */
export function tenantIdOf(organizationIndex: number): string {
  return organizationIndex === 0
    ? DEMO_TENANT_ID
    : `00000000-0000-4000-8000-${organizationIndex.toString(16).padStart(12, '0')}`;
}

export function objectIdOf(organizationIndex: number, userIndex: number): string {
  return `${organizationIndex.toString(16).padStart(8, '0')}-0000-4000-9000-${userIndex.toString(16).padStart(12, '0')}`;
}

export function userIdOf(userIndex: number): string {
  return `u-${userIndex}`;
}

export function displayNameOf(userIndex: number): string {
  const first = FIRST_NAMES[userIndex % FIRST_NAMES.length] as string;
  const last = LAST_NAMES[Math.floor(userIndex / FIRST_NAMES.length) % LAST_NAMES.length] as string;
  return `${first} ${last} ${userIndex}`;
}

export function emailDomainOf(organizationIndex: number): string {
  return organizationIndex === 0 ? 'contoso.com' : `partner${organizationIndex}.example.com`;
}

function rolesOf(userIndex: number): RoleId[] {
  if (userIndex < GLOBAL_ADMINS_PER_ORGANIZATION) return ['global_admin'];
  if (userIndex < GLOBAL_ADMINS_PER_ORGANIZATION + ACTORS_PER_ORGANIZATION) return ['user_management_admin'];
  return [...(EVERYDAY_ROLES[userIndex % EVERYDAY_ROLES.length] as readonly RoleId[])];
}

function generatedUser(organizationIndex: number, userIndex: number, now: string): UserRecord {
  const name = displayNameOf(userIndex);
  const local = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9 ]/g, '')
    .replace(/ /g, '.');
  return {
    id: userIdOf(userIndex),
    displayName: name,
    email: `${local}@${emailDomainOf(organizationIndex)}`,
    aadObjectId: objectIdOf(organizationIndex, userIndex),
    roles: rolesOf(userIndex),
    status: 'active',
    revision: 0,
    createdAt: now,
    createdBy: SYSTEM,
    updatedAt: now,
    updatedBy: SYSTEM,
  };
}

/** One organization of `size` users: the demo organization's profile, programs and audit, with generated people. */
export function benchOrganization(organizationIndex: number, size: number, now: string): OrganizationFile {
  const demo = demoOrganization(now);
  const tenantId = tenantIdOf(organizationIndex);
  return {
    formatVersion: STORE_FORMAT_VERSION,
    organization: {
      ...demo.organization,
      tenantId,
      displayName: organizationIndex === 0 ? demo.organization.displayName : `Partner ${organizationIndex}`,
      profile: {
        ...demo.organization.profile,
        locations: demo.organization.profile.locations.map((location) => ({
          ...location,
          cspTenantId: location.cspTenantId ? tenantId : undefined,
        })),
        tenants: [
          {
            tenantId,
            name: `Partner ${organizationIndex}`,
            defaultDomain: emailDomainOf(organizationIndex),
            primary: true,
            country: 'FR',
          },
        ],
      },
    },
    users: Array.from({ length: size }, (_, userIndex) => generatedUser(organizationIndex, userIndex, now)),
    customers: [],
    accessRequests: [],
    accessReviews: [],
    audit: demo.audit.map((entry) => ({ ...entry, target: { type: 'organization', id: tenantId } })),
  };
}

/** Writes one file per organization under `dataDir/organizations`, as FileAccountStore keeps them. */
export async function seedStore(dataDir: string, sizes: readonly number[]): Promise<void> {
  const folder = path.join(dataDir, 'organizations');
  await mkdir(folder, { recursive: true });
  const now = new Date().toISOString();
  for (const [organizationIndex, size] of sizes.entries()) {
    const document = benchOrganization(organizationIndex, size, now);
    await writeFile(path.join(folder, `${document.organization.tenantId}.json`), JSON.stringify(document));
  }
}

/** `total` users over `count` organizations, the first holding `largest`, the others sharing the rest evenly. */
export function spread(total: number, count: number, largest: number): number[] {
  const others = count - 1;
  const base = Math.floor((total - largest) / others);
  const remainder = (total - largest) % others;
  return [largest, ...Array.from({ length: others }, (_, index) => base + (index < remainder ? 1 : 0))];
}

/**
 * The same organizations in a PostgreSQL schema of their own (created here), through the store
 * itself; answers the connection URL set to that schema.
 */
export async function seedDatabase(databaseUrl: string, schema: string, sizes: readonly number[]): Promise<string> {
  const { createPool, migrate, urlForNewSchema } = await import('../../src/store/postgres/database.js');
  const { PgAccountStore } = await import('../../src/store/postgres/pgAccountStore.js');
  const url = await urlForNewSchema(databaseUrl, schema);
  const pool = createPool(url);
  try {
    await migrate(pool);
    const store = PgAccountStore.open(pool);
    const now = new Date().toISOString();
    for (const [organizationIndex, size] of sizes.entries())
      await store.createOrganization(benchOrganization(organizationIndex, size, now));
  } finally {
    await pool.end();
  }
  return url;
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
