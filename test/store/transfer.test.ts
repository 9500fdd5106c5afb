import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../src/paths.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import type { UserRecord } from '../../src/store/schema.js';
import { makeStorePlace, onPostgres } from '../helpers/backends.js';
import { storedOrganization } from '../helpers/storedOrganization.js';
import { makeTempDir } from '../helpers/tempDir.js';
import { ADMIN_ACTOR as ACTOR, newUser } from '../helpers/storeChanges.js';

/**
 * `npm run store:import` / `store:export` (scripts/storeTransfer.ts, run as its own process):
 * an organization moved from lowdb files to PostgreSQL and back is the same document, byte for
 * byte, journal and all.
 */
const run = promisify(execFile);
const TSX = pathToFileURL(
  path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;

function transfer(command: 'import' | 'export', dataDir: string, databaseUrl: string) {
  return run(process.execPath, ['--import', TSX, path.join(REPO_ROOT, 'scripts/storeTransfer.ts'), command, dataDir], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
  });
}

onPostgres('store:import and store:export', function () {
  this.timeout(60_000);

  it('lowdb → PostgreSQL → lowdb gives back the same document byte for byte; a second import leaves it as it is', async () => {
    const source = await makeTempDir();
    const files = await FileAccountStore.open(source);
    const tenant = await files.createOrganization(demoOrganization('2026-11-20T09:00:00.000Z'));
    // A change still in the journal, and a refusal: both must travel.
    await tenant.change((current, { now }) => {
      const user: UserRecord = {
        ...newUser('u-camille', 'camille@contoso.com', now),
        displayName: 'Camille Pétit-Jean « CPJ »',
        roles: ['referrals_user'],
      };
      return {
        next: { ...current, users: [...current.users, user] },
        result: undefined,
        audit: [{ actor: ACTOR, action: 'user.added', target: { type: 'user', id: 'u-camille' }, outcome: 'applied' }],
      };
    });
    await tenant.recordRefusal({
      actor: ACTOR,
      action: 'user.removed',
      target: { type: 'user', id: 'u-alex' },
      reason: 'cannot_remove_self',
    });
    await files.flush();
    const original = JSON.stringify(await storedOrganization(source, DEMO_TENANT_ID));

    const place = await makeStorePlace('postgres');
    const target = await makeTempDir();
    try {
      const imported = await transfer('import', source, place.databaseUrl!);
      assert.match(imported.stdout, /1 organization\(s\) imported/);
      const again = await transfer('import', source, place.databaseUrl!);
      assert.match(again.stdout, /already there, left as it is/);
      const exported = await transfer('export', target, place.databaseUrl!);
      assert.match(exported.stdout, /1 organization\(s\) exported/);
      assert.equal(JSON.stringify(await storedOrganization(target, DEMO_TENANT_ID)), original);
    } finally {
      await place.drop();
      for (const dir of [source, target]) await rm(dir, { recursive: true, force: true });
    }
  });

  it('without DATABASE_URL or a data directory it says how to call it, and changes nothing', async () => {
    await assert.rejects(
      run(process.execPath, ['--import', TSX, path.join(REPO_ROOT, 'scripts/storeTransfer.ts'), 'import'], {
        env: { PATH: process.env.PATH },
      }),
      (error: { code?: number; stderr?: string }) => error.code === 2 && /Usage:/.test(error.stderr ?? ''),
    );
  });
});

describe('store:check', function () {
  this.timeout(60_000);

  it('reads every organization and names the one that cannot be read, writing nothing', async () => {
    const dataDir = await makeTempDir();
    try {
      const files = await FileAccountStore.open(dataDir);
      await files.createOrganization(demoOrganization('2026-11-20T09:00:00.000Z'));
      const other = '22222222-0000-4000-8000-000000000000';
      const damaged = path.join(dataDir, 'organizations', `${other}.json`);
      await writeFile(damaged, '{"formatVersion": 1, "organization": {');
      const outcome = await run(
        process.execPath,
        ['--import', TSX, path.join(REPO_ROOT, 'scripts/storeCheck.ts'), dataDir],
        {
          env: { PATH: process.env.PATH },
        },
      ).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      assert.equal(outcome.code, 1);
      assert.match(outcome.stdout, new RegExp(`${DEMO_TENANT_ID}: 9 users`));
      assert.match(outcome.stdout, new RegExp(`${other}: .*${other}\\.json`));
      assert.match(outcome.stdout, /1 of 2 organization\(s\) readable/);
      assert.equal(await readFile(damaged, 'utf8'), '{"formatVersion": 1, "organization": {');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
