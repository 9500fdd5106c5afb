import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TenantStore } from '../../src/store/accountStore.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { openStores } from '../../src/store/openStores.js';
import { benchOrganization, dropSchema, seedDatabase, tenantIdOf } from './seedStore.js';
import { addUser } from '../../test/helpers/storeChanges.js';
import { summarize } from './stats.js';

/**
 * Acknowledged changes per second straight on the account store, without the bot around it: what
 * the storage itself takes (issue 18's write target is stated for PostgreSQL at 10,000 users).
 * `writers` callers each add a user and wait for the acknowledgement, then the next, for
 * `durationMs`; on PostgreSQL through `instances` instances at once (each its own pool and copy),
 * as a scaled-out App Service would.
 */
export interface StoreWriteResult {
  backend: 'lowdb' | 'postgres';
  users: number;
  writers: number;
  instances: number;
  changesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function drive(tenants: readonly TenantStore[], writers: number, durationMs: number, label: string) {
  const latencies: number[] = [];
  let next = 0;
  const warmUpUntil = performance.now() + Math.min(1000, durationMs / 4);
  const end = warmUpUntil + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const tenant = tenants[writer % tenants.length]!;
      while (performance.now() < end) {
        const started = performance.now();
        const id = `${label}-${writer}-${next++}`;
        await addUser(tenant, id, `${id}@bench.example.com`);
        if (started >= warmUpUntil) latencies.push(performance.now() - started);
      }
    }),
  );
  const summary = summarize(latencies);
  return { changesPerSecond: summary.count / (durationMs / 1000), p50Ms: summary.p50, p99Ms: summary.p99 };
}

export async function measureStoreWrites(options: {
  backend: 'lowdb' | 'postgres';
  users: number;
  writers: number;
  instances: number;
  durationMs: number;
  databaseUrl: string;
}): Promise<StoreWriteResult> {
  const { backend, users, writers, durationMs } = options;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-store-'));
  const schema = `bench_store_${process.pid}_${Date.now()}`;
  const opened: { close(): Promise<void> }[] = [];
  try {
    let databaseUrl: string | undefined;
    if (backend === 'postgres') databaseUrl = await seedDatabase(options.databaseUrl, schema, [users]);
    else {
      const store = await FileAccountStore.open(dataDir);
      await store.createOrganization(benchOrganization(0, users, new Date().toISOString()));
      await store.flush();
    }
    const instances = backend === 'postgres' ? options.instances : 1;
    const tenants: TenantStore[] = [];
    for (let instance = 0; instance < instances; instance++) {
      const stores = await openStores({ dataDir, databaseUrl });
      opened.push(stores);
      tenants.push((await stores.store.current(tenantIdOf(0)))!);
    }
    const measured = await drive(tenants, writers, durationMs, `w${backend}`);
    return { backend, users, writers, instances, ...measured };
  } finally {
    for (const stores of opened) await stores.close();
    await rm(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') await dropSchema(options.databaseUrl, schema);
  }
}
