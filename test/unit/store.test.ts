import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { StoreValidationError, StoreWriteError } from '../../src/store/accountStore.js';
import { UnreadableFileError } from '../../src/store/durableJsonFile.js';
import { OrganizationFileStore } from '../../src/store/organizationFileStore.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import { ADMIN_ACTOR as ACTOR, addUser } from '../helpers/storeChanges.js';
import type { OrganizationFile, UserRecord } from '../../src/store/schema.js';
import { withTempDir } from '../helpers/tempDir.js';
import { storedOrganization } from '../helpers/storedOrganization.js';
import { journalFileOf } from '../../src/store/organizationJournal.js';
import { OTHER_TENANT } from '../helpers/people.js';

const NOW = '2026-11-20T10:00:00.000Z';

async function openWithDemo(dir: string) {
  const store = await FileAccountStore.open(dir);
  const tenant = await store.createOrganization(demoOrganization(NOW));
  return { store, tenant, file: path.join(dir, 'organizations', `${DEMO_TENANT_ID}.json`) };
}

/**
 * What only the lowdb files have: one file per organization, the disk refusing writes, files that
 * cannot be trusted, the journal. What both backends guarantee is in test/store/backends.test.ts.
 */
describe('account store (lowdb files)', () => {
  it('writes the organization to its own file and reads the same back after a restart', () =>
    withTempDir(async (dir) => {
      const { tenant } = await openWithDemo(dir);
      await addUser(tenant, 'u-new', 'new.person@contoso.com');
      const reopened = await (await FileAccountStore.open(dir)).current(DEMO_TENANT_ID);
      assert.ok(reopened);
      assert.deepEqual(reopened.read(), tenant.read());
      assert.equal(reopened.userByEmail('NEW.Person@Contoso.com')?.id, 'u-new');
      assert.deepEqual((await readdir(path.join(dir, 'organizations'))).sort(), [
        `${DEMO_TENANT_ID}.journal`,
        `${DEMO_TENANT_ID}.json`,
      ]);
    }));

  it('organizations are read when first needed and let go under a memory bound; a change through a copy let go is made once, by the next copy', () =>
    withTempDir(async (dir) => {
      // Nine users each: room for two organizations open at once.
      const store = await FileAccountStore.open(dir, { cachedUsers: 20 });
      const tenants = ['1', '2', '3'].map((digit) => `${digit.repeat(8)}-0000-4000-8000-000000000000`);
      const organizationOf = (tenantId: string) =>
        JSON.parse(JSON.stringify(demoOrganization(NOW)).replaceAll(DEMO_TENANT_ID, tenantId)) as OrganizationFile;
      const held = await store.createOrganization(organizationOf(tenants[0]!));
      for (const tenantId of tenants.slice(1)) await store.createOrganization(organizationOf(tenantId));
      assert.equal(store.cached, 2);
      assert.equal(store.organization(tenants[0]!), undefined, 'the least recently used was let go');
      // The organization is opened again (a new copy) while a turn still holds the copy let go:
      // that turn's change is made by the new copy (one writer per file), never beside it.
      const current = (await store.current(tenants[0]!))!;
      assert.notEqual(current, held);
      await addUser(held, 'u-late', 'late@contoso.com');
      assert.ok(current.userById('u-late'));
      await addUser(current, 'u-later', 'later@contoso.com');
      await store.flush();
      // Start-up reads nothing; each organization is read when first needed, as written.
      const restarted = await FileAccountStore.open(dir, { cachedUsers: 20 });
      assert.equal(restarted.cached, 0);
      assert.deepEqual(await restarted.tenantIds(), tenants);
      const reread = (await restarted.current(tenants[0]!))!.read();
      assert.deepEqual(
        reread.users.slice(-2).map((user) => user.id),
        ['u-late', 'u-later'],
      );
      assert.equal(reread.audit.filter((entry) => entry.target.id === 'u-late').length, 1);
      assert.equal(restarted.cached, 1);
    }));

  it('when the disk refuses a write: the change is rejected, undone in memory, reported by health, and later writes work again', () =>
    withTempDir(async (dir) => {
      const { store, tenant, file } = await openWithDemo(dir);
      const bytes = await readFile(file, 'utf8');
      // A directory where the journal should be makes the write fail, even for root.
      const blocker = journalFileOf(file);
      await mkdir(blocker);
      const results = await Promise.allSettled([
        addUser(tenant, 'u-a', 'a@contoso.com'),
        addUser(tenant, 'u-b', 'b@contoso.com'),
      ]);
      for (const result of results) {
        assert.equal(result.status, 'rejected');
        assert.ok(result.reason instanceof StoreWriteError);
      }
      assert.equal(tenant.userById('u-a'), undefined);
      assert.equal(await readFile(file, 'utf8'), bytes);
      assert.equal(store.health().ok, false);

      await rm(blocker, { recursive: true });
      await addUser(tenant, 'u-c', 'c@contoso.com');
      assert.equal(store.health().ok, true);
      const saved = await storedOrganization(dir, DEMO_TENANT_ID);
      assert.deepEqual(
        saved.users.filter((user) => ['u-a', 'u-b', 'u-c'].includes(user.id)).map((user) => user.id),
        ['u-c'],
      );
    }));

  describe('a file that cannot be trusted is refused when its organization is opened, named, reported and left untouched', () => {
    async function expectRefusal(dir: string, content: string, check: (error: Error) => boolean) {
      const folder = path.join(dir, 'organizations');
      await mkdir(folder, { recursive: true });
      const file = path.join(folder, `${DEMO_TENANT_ID}.json`);
      await writeFile(file, content);
      // Start-up reads no organization; the first turn for this one gets the error.
      const store = await FileAccountStore.open(dir);
      await assert.rejects(
        store.current(DEMO_TENANT_ID),
        (error: Error) => check(error) && error.message.includes(file),
      );
      const health = store.health();
      assert.ok(!health.ok && health.lastWriteError?.includes(file), JSON.stringify(health));
      assert.equal(await readFile(file, 'utf8'), content);
    }

    it('not JSON', () =>
      withTempDir((dir) =>
        expectRefusal(dir, '{"formatVersion": 1, "organization": {', (error) => error instanceof UnreadableFileError),
      ));

    it('a record that fails its schema is named', () =>
      withTempDir(async (dir) => {
        const document = demoOrganization(NOW);
        const broken = {
          ...document,
          users: document.users.map((user) => (user.id === 'u-megan' ? { ...user, email: 'megan at contoso' } : user)),
        };
        await expectRefusal(
          dir,
          JSON.stringify(broken),
          (error) =>
            error instanceof StoreValidationError &&
            /users\[1\] \(id u-megan\)/.test(error.message) &&
            /email/.test(error.message),
        );
      }));

    it('an unknown role', () =>
      withTempDir(async (dir) => {
        const document = demoOrganization(NOW);
        const broken = {
          ...document,
          users: document.users.map((user) => (user.id === 'u-adele' ? { ...user, roles: ['super_admin'] } : user)),
        };
        await expectRefusal(
          dir,
          JSON.stringify(broken),
          (error) => error instanceof StoreValidationError && /id u-adele/.test(error.message),
        );
      }));

    it('a field that is not in the schema (a hand-edit typo)', () =>
      withTempDir(async (dir) => {
        const document = demoOrganization(NOW);
        const broken = {
          ...document,
          users: document.users.map((user) => (user.id === 'u-alex' ? { ...user, rolse: ['global_admin'] } : user)),
        };
        await expectRefusal(
          dir,
          JSON.stringify(broken),
          (error) => error instanceof StoreValidationError && /rolse/.test(error.message),
        );
      }));

    it('two users with the same email', () =>
      withTempDir(async (dir) => {
        const document = demoOrganization(NOW);
        const broken = {
          ...document,
          users: document.users.map((user) => (user.id === 'u-lynne' ? { ...user, email: 'alexw@contoso.com' } : user)),
        };
        await expectRefusal(
          dir,
          JSON.stringify(broken),
          (error) => error instanceof StoreValidationError && /duplicate email/.test(error.message),
        );
      }));

    it('a format written by a newer version', () =>
      withTempDir((dir) =>
        expectRefusal(dir, JSON.stringify({ ...demoOrganization(NOW), formatVersion: 99 }), (error) =>
          /newer version/.test(error.message),
        ),
      ));

    it('a file named after another tenant', () =>
      withTempDir(async (dir) => {
        const folder = path.join(dir, 'organizations');
        await mkdir(folder, { recursive: true });
        const file = path.join(folder, `${OTHER_TENANT}.json`);
        await writeFile(file, JSON.stringify(demoOrganization(NOW)));
        const store = await FileAccountStore.open(dir);
        await assert.rejects(store.current(OTHER_TENANT), /does not match the file name/);
        // A .json file that is not named after a tenant would never be read: start-up says so.
        await writeFile(path.join(folder, 'backup.json'), '{}');
        await assert.rejects(FileAccountStore.open(dir), /is not an organization/);
      }));
  });

  describe('the journal: a change is one appended line, folded into the file now and then', () => {
    it('a change appends its own line (the users it touched, its audit), and leaves the organization file as it was', () =>
      withTempDir(async (dir) => {
        const { tenant, file } = await openWithDemo(dir);
        const fileBytes = await readFile(file, 'utf8');
        await addUser(tenant, 'u-new', 'new.person@contoso.com');
        await tenant.recordRefusal({
          actor: ACTOR,
          action: 'user.added',
          target: { type: 'organization', id: DEMO_TENANT_ID },
          reason: 'missing_permission',
        });
        assert.equal(await readFile(file, 'utf8'), fileBytes);
        const lines = (await readFile(journalFileOf(file), 'utf8')).split('\n');
        assert.equal(lines.pop(), '', 'every line is complete');
        const [added, refused] = lines.map((line) => JSON.parse(line));
        assert.deepEqual(
          added.users.map((user: UserRecord) => user.id),
          ['u-new'],
        );
        assert.equal(added.organization.revision, 1);
        assert.equal(refused.users, undefined, 'a refusal touches no user');
        assert.equal(refused.audit[0].outcome, 'refused');
        assert.deepEqual((await storedOrganization(dir, DEMO_TENANT_ID)).users.at(-1)?.id, 'u-new');
      }));

    it('a line torn by a crash is dropped at start-up, and the next change goes after the last complete line', () =>
      withTempDir(async (dir) => {
        const { tenant, file } = await openWithDemo(dir);
        await addUser(tenant, 'u-kept', 'kept@contoso.com');
        const journal = journalFileOf(file);
        await writeFile(journal, `${await readFile(journal, 'utf8')}{"users":[{"id":"u-torn","displ`);
        const reopened = (await (await FileAccountStore.open(dir)).current(DEMO_TENANT_ID))!;
        assert.ok(reopened.userById('u-kept'));
        assert.equal(reopened.userById('u-torn'), undefined);
        await addUser(reopened, 'u-after', 'after@contoso.com');
        const stored = await storedOrganization(dir, DEMO_TENANT_ID);
        assert.deepEqual(
          stored.users.slice(-2).map((user) => user.id),
          ['u-kept', 'u-after'],
        );
      }));

    it('a damaged complete line is refused when the organization is opened, naming the journal and the line; nothing is written', () =>
      withTempDir(async (dir) => {
        const { tenant, file } = await openWithDemo(dir);
        await addUser(tenant, 'u-one', 'one@contoso.com');
        const journal = journalFileOf(file);
        const damaged = `${await readFile(journal, 'utf8')}{"audit":[{"id":"x"}]}\n`;
        await writeFile(journal, damaged);
        await assert.rejects(
          (await FileAccountStore.open(dir)).current(DEMO_TENANT_ID),
          (error: Error) =>
            error instanceof StoreValidationError && error.message.includes(journal) && /line 2/.test(error.message),
        );
        assert.equal(await readFile(journal, 'utf8'), damaged);
      }));

    it('once the journal outgrows the file it is folded in and emptied; a crash before emptying replays nothing twice', () =>
      withTempDir(async (dir) => {
        const folder = path.join(dir, 'organizations');
        await mkdir(folder, { recursive: true });
        const file = path.join(folder, `${DEMO_TENANT_ID}.json`);
        const tenant = await OrganizationFileStore.open(file, demoOrganization(NOW), {
          create: true,
          compactAfterBytes: 4096,
        });
        const journal = journalFileOf(file);
        let beforeFolding = '';
        for (let index = 0; ; index += 1) {
          const lines = await readFile(journal, 'utf8').catch(() => '');
          await addUser(tenant, `u-${index}`, `user${index}@contoso.com`);
          if ((await readFile(journal, 'utf8')).length < lines.length) {
            beforeFolding = lines; // the journal just emptied: the change before this one folded it
            break;
          }
          assert.ok(index < 200, 'the journal was never folded');
        }
        const folded = JSON.parse(await readFile(file, 'utf8'));
        const stored = await storedOrganization(dir, DEMO_TENANT_ID);
        assert.ok(
          folded.users.length > 9 && folded.users.length < stored.users.length,
          'the file holds the folded changes, the journal the ones after',
        );
        // A crash after the file was written but before the journal was emptied: its lines are replayed over a file that holds them.
        await writeFile(journal, beforeFolding);
        const replayed = await storedOrganization(dir, DEMO_TENANT_ID);
        assert.equal(replayed.users.length, folded.users.length);
        assert.equal(
          new Set(replayed.audit.map((entry) => entry.id)).size,
          replayed.audit.length,
          'no audit entry twice',
        );
        assert.deepEqual(replayed.organization, folded.organization);
      }));
  });
});
