import path from 'node:path';
import type { AccountStore } from '../src/store/accountStore.js';
import { FileAccountStore } from '../src/store/fileAccountStore.js';
import { createPool } from '../src/store/postgres/database.js';
import { PgAccountStore } from '../src/store/postgres/pgAccountStore.js';

/**
 * Reads and validates every organization, the way the bot does when it first needs one:
 *
 *   npm run store:check -- <DATA_DIR>             the lowdb files (with their journals)
 *   DATABASE_URL=postgres://… npm run store:check  the database
 *
 * The bot opens organizations when first needed, so a damaged or hand-edited file is found by
 * the first turn of its organization; this finds them all at once (before a deploy, after a
 * restore). Nothing is written. Exits 1 if any organization cannot be read.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const dataDirArgument = process.argv[2];
  if (!databaseUrl && !dataDirArgument) {
    process.stderr.write(
      'Usage: npm run store:check -- <DATA_DIR>   or   DATABASE_URL=postgres://… npm run store:check\n',
    );
    process.exit(2);
  }
  const pool = databaseUrl ? createPool(databaseUrl) : undefined;
  try {
    const store: AccountStore & { tenantIds(): Promise<string[]> } = pool
      ? PgAccountStore.open(pool, { cachedUsers: 1 })
      : await FileAccountStore.open(path.resolve(dataDirArgument!), { cachedUsers: 1 });
    let failed = 0;
    const tenants = await store.tenantIds();
    for (const tenantId of tenants) {
      try {
        const organization = (await store.current(tenantId))!.read();
        process.stdout.write(
          `${tenantId}: ${organization.users.length} users, ${organization.audit.length} audit entries\n`,
        );
      } catch (error) {
        failed += 1;
        process.stdout.write(`${tenantId}: ${(error as Error).message}\n`);
      }
    }
    process.stdout.write(`${tenants.length - failed} of ${tenants.length} organization(s) readable\n`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    await pool?.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`store:check failed: ${(error as Error).message}\n`);
  process.exit(1);
});
