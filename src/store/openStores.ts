import type { AccountStore } from './accountStore.js';
import { MemoryActivityLedger, type ActivityLedger } from './activityLedger.js';
import { FileAccountStore } from './fileAccountStore.js';
import { FileStateStorage, type StateStorage } from './fileStateStorage.js';
import { ChangeFeed } from './postgres/changeFeed.js';
import { createPool, migrate } from './postgres/database.js';
import { PgAccountStore } from './postgres/pgAccountStore.js';
import { PgActivityLedger } from './postgres/pgActivityLedger.js';
import { PgStateStorage } from './postgres/pgStateStorage.js';

/**
 * Where the bot keeps its data, chosen by configuration: lowdb files under DATA_DIR (one process,
 * nothing to install: the default), or PostgreSQL when DATABASE_URL is set (several instances
 * sharing one database; the schema is migrated at start-up).
 */
export interface Stores {
  backend: 'lowdb' | 'postgres';
  store: AccountStore;
  storage: StateStorage & { health(): { ok: boolean } };
  /** Activities already handled (by this instance, or by any instance on the database). */
  ledger: ActivityLedger;
  /** Migrations applied at this start (PostgreSQL). */
  migrated: number[];
  close(): Promise<void>;
}

export async function openStores(config: { dataDir: string; databaseUrl?: string }): Promise<Stores> {
  if (!config.databaseUrl) {
    const store = await FileAccountStore.open(config.dataDir);
    const storage = await FileStateStorage.open(config.dataDir);
    return {
      backend: 'lowdb',
      store,
      storage,
      ledger: new MemoryActivityLedger(),
      migrated: [],
      close: () => store.flush(),
    };
  }
  const feed = new ChangeFeed(config.databaseUrl);
  const pool = createPool(config.databaseUrl, feed.instance);
  try {
    const migrated = await migrate(pool);
    await feed.start();
    const store = PgAccountStore.open(pool, { feed });
    return {
      backend: 'postgres',
      store,
      storage: new PgStateStorage(pool, feed),
      ledger: new PgActivityLedger(pool),
      migrated,
      close: async () => {
        await store.flush();
        await feed.close();
        await pool.end();
      },
    };
  } catch (error) {
    await feed.close();
    await pool.end().catch(() => undefined);
    throw error;
  }
}
