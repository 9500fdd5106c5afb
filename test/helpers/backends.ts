import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AccountStore } from '../../src/store/accountStore.js';
import { MemoryActivityLedger, type ActivityLedger } from '../../src/store/activityLedger.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { FileStateStorage, type StateStorage } from '../../src/store/fileStateStorage.js';
import { openStores } from '../../src/store/openStores.js';
import { urlForNewSchema } from '../../src/store/postgres/database.js';
import { storedBytes } from './storedOrganization.js';
import { makeTempDir } from './tempDir.js';

/**
 * The two store backends, for suites that must hold on both: lowdb files (always) and a real
 * PostgreSQL server (TEST_DATABASE_URL, by default the role and database `.ci/run` creates on the
 * local server). Each PostgreSQL test place is a schema of its own in that database, dropped after.
 * Without a server, the PostgreSQL half skips with a message; under CI=true that is a failure.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://partner_admin:partner_admin@127.0.0.1:5432/partner_admin_test';

export type BackendName = 'lowdb' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['lowdb', 'postgres'];

let reachable: Promise<boolean> | undefined;

export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch (error) {
      if (process.env.CI === 'true')
        throw new Error(
          `PostgreSQL is not reachable at TEST_DATABASE_URL under CI=true (${(error as Error).message}): .ci/run must start it`,
        );
      process.stdout.write(
        `      (PostgreSQL tests skipped: no server at ${TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}; start one with pg_ctlcluster, see .ci/run)\n`,
      );
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** A place to keep data on one backend: a temporary directory, or a fresh PostgreSQL schema. */
export interface StorePlace {
  backend: BackendName;
  /** The lowdb data directory (also where the process writes its other files). */
  dataDir: string;
  /** For PostgreSQL: the connection URL, set to this place's schema. */
  databaseUrl?: string;
  /** Environment for a bot process or loadConfig: DATA_DIR, and DATABASE_URL for PostgreSQL. */
  env: Record<string, string>;
  /** Opens the account store and conversation state here (again: as after a restart). */
  open(): Promise<{
    store: AccountStore;
    storage: StateStorage & { health(): { ok: boolean } };
    ledger: ActivityLedger;
    close(): Promise<void>;
  }>;
  /** Everything stored for one organization, as text: equal before and after means nothing was written. */
  snapshot(tenantId: string): Promise<string>;
  /** Removes the place (the directory, the schema). */
  drop(): Promise<void>;
}

export async function makeStorePlace(backend: BackendName): Promise<StorePlace> {
  const dataDir = await makeTempDir();
  if (backend === 'lowdb') {
    return {
      backend,
      dataDir,
      env: { DATA_DIR: dataDir },
      async open() {
        const store = await FileAccountStore.open(dataDir);
        const storage = await FileStateStorage.open(dataDir);
        return { store, storage, ledger: new MemoryActivityLedger(), close: () => store.flush() };
      },
      snapshot: (tenantId) => storedBytes(dataDir, tenantId),
      drop: async () => {
        const { rm } = await import('node:fs/promises');
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await urlForNewSchema(TEST_DATABASE_URL, schema);
  return {
    backend,
    dataDir,
    databaseUrl,
    env: { DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    async open() {
      const stores = await openStores({ dataDir, databaseUrl });
      return { store: stores.store, storage: stores.storage, ledger: stores.ledger, close: () => stores.close() };
    },
    async snapshot(tenantId) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const organization = await client.query<{ version: string; document: unknown }>(
          'SELECT version, document FROM organizations WHERE tenant_id = $1',
          [tenantId],
        );
        const audit = await client.query<{ entry: unknown }>(
          'SELECT entry FROM audit_entries WHERE tenant_id = $1 ORDER BY seq',
          [tenantId],
        );
        const records = await client.query<{ part: string; record: unknown }>(
          'SELECT part, ordinal, record FROM organization_records WHERE tenant_id = $1 ORDER BY part, ordinal',
          [tenantId],
        );
        return JSON.stringify({ organization: organization.rows, records: records.rows, audit: audit.rows });
      } finally {
        await client.end();
      }
    },
    async drop() {
      const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await cleanup.connect();
      // The audit log refuses deletes, rows by rows; dropping its schema is the operator's way out.
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `describe` once per backend; the PostgreSQL one skips (or fails under CI) when no server answers.
 */
export function forEachBackend(title: string, suite: (this: Mocha.Suite, backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    describe(`${title} [${backend}]`, function () {
      if (backend === 'postgres')
        before(async function () {
          if (!(await postgresReachable())) this.skip();
        });
      suite.call(this, backend);
    });
  }
}

/** `describe` for what only PostgreSQL has; skips (or fails under CI) when no server answers. */
export function onPostgres(title: string, suite: (this: Mocha.Suite) => void): void {
  describe(title, function () {
    before(async function () {
      if (!(await postgresReachable())) this.skip();
    });
    suite.call(this);
  });
}
