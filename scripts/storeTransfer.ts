import path from 'node:path';
import { FileAccountStore } from '../src/store/fileAccountStore.js';
import { createPool, migrate } from '../src/store/postgres/database.js';
import { PgAccountStore } from '../src/store/postgres/pgAccountStore.js';

/**
 * Moves organizations between the two backends, whole (users, profile, programs, audit log):
 *
 *   DATABASE_URL=postgres://… npm run store:import -- <DATA_DIR>   lowdb files → PostgreSQL
 *   DATABASE_URL=postgres://… npm run store:export -- <DATA_DIR>   PostgreSQL → lowdb files
 *
 * Every document is validated on the way in and out (the same schema as at start-up), an
 * organization that already exists at the destination is left as it is and reported, and the
 * journal of a lowdb store is folded in. A round trip gives back the same document, byte for byte.
 */
async function main(): Promise<void> {
  const [command, dataDirArgument] = process.argv.slice(2);
  const databaseUrl = process.env.DATABASE_URL;
  if ((command !== 'import' && command !== 'export') || !dataDirArgument || !databaseUrl) {
    process.stderr.write(
      'Usage: DATABASE_URL=postgres://… npm run store:import -- <DATA_DIR>\n' +
        '       DATABASE_URL=postgres://… npm run store:export -- <DATA_DIR>\n',
    );
    process.exit(2);
  }
  const dataDir = path.resolve(dataDirArgument);
  const pool = createPool(databaseUrl);
  try {
    await migrate(pool);
    const database = PgAccountStore.open(pool);
    const files = await FileAccountStore.open(dataDir);
    const [from, to] = command === 'import' ? [files, database] : [database, files];
    let moved = 0;
    for (const tenantId of await from.tenantIds()) {
      const document = (await from.current(tenantId))!.read();
      if (await to.current(tenantId)) {
        process.stdout.write(`${tenantId}: already there, left as it is\n`);
        continue;
      }
      await to.createOrganization(document);
      moved += 1;
      process.stdout.write(
        `${tenantId}: ${document.users.length} users, ${document.audit.length} audit entries ${command === 'import' ? 'imported' : 'exported'}\n`,
      );
    }
    await files.flush();
    process.stdout.write(`${moved} organization(s) ${command === 'import' ? 'imported' : 'exported'}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`store:${process.argv[2] ?? ''} failed: ${(error as Error).message}\n`);
  process.exit(1);
});
