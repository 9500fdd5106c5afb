import assert from 'node:assert/strict';
import pg from 'pg';
import {
  OrganizationExistsError,
  StoreWriteError,
  type AccountStore,
  type TenantStore,
} from '../../src/store/accountStore.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import { DuplicateIdentityError, InvalidChangeError } from '../../src/store/organizationFileStore.js';
import { createPool, migrate, MIGRATIONS } from '../../src/store/postgres/database.js';
import { PgAccountStore } from '../../src/store/postgres/pgAccountStore.js';
import type { OrganizationFile } from '../../src/store/schema.js';
import { ADMIN_ACTOR as ACTOR, addUser, newUser } from '../helpers/storeChanges.js';
import { forEachBackend, makeStorePlace, onPostgres, type StorePlace } from '../helpers/backends.js';
import { OTHER_TENANT } from '../helpers/people.js';

/**
 * What the account store and the conversation state guarantee on either backend (lowdb files,
 * PostgreSQL), as one suite run on both. What only one backend has is tested beside it: the files
 * and their journal in test/unit/store.test.ts, the database's own rules (several instances, the
 * append-only audit table, migrations under a lock) at the end of this file.
 */
const NOW = '2026-11-20T10:00:00.000Z';

forEachBackend('account store', (backend) => {
  let place: StorePlace;
  let opened: { store: AccountStore; close(): Promise<void> }[];
  let store: AccountStore;
  let tenant: TenantStore;

  /** Opens the store again on the same data, as a restart (or another instance) would. */
  async function reopen(): Promise<{ store: AccountStore; tenant: TenantStore }> {
    const again = await place.open();
    opened.push(again);
    return { store: again.store, tenant: (await again.store.current(DEMO_TENANT_ID))! };
  }

  beforeEach(async () => {
    place = await makeStorePlace(backend);
    opened = [];
    const first = await place.open();
    opened.push(first);
    store = first.store;
    tenant = await store.createOrganization(demoOrganization(NOW));
  });
  afterEach(async () => {
    for (const each of opened) await each.close();
    await place.drop();
  });

  it('reads back after a restart exactly what was written', async () => {
    await addUser(tenant, 'u-new', 'new.person@contoso.com');
    const { tenant: reopened } = await reopen();
    assert.deepEqual(reopened.read(), tenant.read());
    assert.equal(reopened.userByEmail('NEW.Person@Contoso.com')?.id, 'u-new');
  });

  it('a change is audited with an id and time, and moves the revision on', async () => {
    const before = tenant.read().organization.revision;
    await addUser(tenant, 'u-new', 'new.person@contoso.com');
    const { tenant: reopened } = await reopen();
    const entry = reopened.read().audit.at(-1);
    assert.deepEqual([entry?.action, entry?.target.id], ['user.added', 'u-new']);
    assert.ok(entry?.id && entry.at);
    assert.equal(reopened.read().organization.revision, before + 1);
  });

  it('a change that throws changes nothing, in memory or in the store', async () => {
    const snapshot = tenant.read();
    await assert.rejects(
      tenant.change(() => {
        throw new Error('refused by policy');
      }),
      /refused by policy/,
    );
    assert.equal(tenant.read(), snapshot);
    assert.deepEqual((await reopen()).tenant.read(), snapshot);
  });

  it('stored documents are frozen: mutating one in place fails instead of half-applying', async () => {
    await assert.rejects(
      tenant.change((current) => {
        current.users.push(newUser('sneaky', 'sneaky@contoso.com', NOW));
        return { next: current, result: undefined, audit: [] };
      }),
      TypeError,
    );
    assert.equal(tenant.userById('sneaky'), undefined);
  });

  it('refuses a record that breaks its schema, a duplicate email or id; every change must be audited', async () => {
    const snapshot = tenant.read();
    await assert.rejects(addUser(tenant, 'u-bad', 'not-an-email'), InvalidChangeError);
    await assert.rejects(addUser(tenant, 'u-dup', 'adelev@contoso.com'), DuplicateIdentityError);
    await assert.rejects(addUser(tenant, 'u-alex', 'someone.else@contoso.com'), DuplicateIdentityError);
    await assert.rejects(
      tenant.change((current) => ({ next: current, result: undefined, audit: [] })),
      /audited/,
    );
    assert.deepEqual((await reopen()).tenant.read(), snapshot);
  });

  it('records refusals in the audit log without changing data or revision', async () => {
    const revision = tenant.read().organization.revision;
    await tenant.recordRefusal({
      actor: ACTOR,
      action: 'user.add',
      target: { type: 'organization', id: DEMO_TENANT_ID },
      reason: 'missing_permission',
    });
    const { tenant: reopened } = await reopen();
    assert.equal(reopened.read().organization.revision, revision);
    assert.equal(reopened.read().audit.at(-1)?.outcome, 'refused');
  });

  it('concurrent changes to one organization: none lost, none doubled, one audit entry each', async () => {
    const before = tenant.read();
    const count = 100;
    await Promise.all(
      Array.from({ length: count }, (_, index) => addUser(tenant, `u-${index}`, `user${index}@contoso.com`)),
    );
    const after = (await reopen()).tenant.read();
    assert.equal(after.users.length, before.users.length + count);
    assert.equal(after.audit.filter((entry) => entry.action === 'user.added').length, count);
    assert.equal(after.organization.revision, before.organization.revision + count);
  });

  it('changes waiting together: each refusal answers its own change only, the others are applied in order', async () => {
    const before = tenant.read();
    // Sent at once, they wait behind each other and are written together (the lowdb journal
    // groups its flushes, PostgreSQL its transactions): a refused one must not take the others down.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, index) => {
        if (index % 5 === 4)
          return tenant.change(() => {
            throw new Error(`refused ${index}`);
          });
        // Two changes of the same batch claiming one email: the first wins.
        const email = index === 7 ? 'user6@contoso.com' : `user${index}@contoso.com`;
        return addUser(tenant, `u-${index}`, email);
      }),
    );
    const refused = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [index] : []));
    assert.deepEqual(refused, [4, 7, 9, 14, 19, 24, 29]);
    assert.ok((outcomes[7] as PromiseRejectedResult).reason instanceof DuplicateIdentityError);
    const after = (await reopen()).tenant.read();
    const added = after.users.slice(before.users.length).map((user) => user.id);
    assert.deepEqual(
      added,
      Array.from({ length: 30 }, (_, index) => index)
        .filter((index) => !refused.includes(index))
        .map((index) => `u-${index}`),
    );
    assert.equal(after.organization.revision, before.organization.revision + added.length);
    assert.deepEqual(after, tenant.read());
  });

  it('is scoped to one tenant: another or a malformed tenant id finds nothing; no second organization', async () => {
    assert.ok(await store.current(DEMO_TENANT_ID.toUpperCase()));
    assert.equal(await store.current(OTHER_TENANT), undefined);
    assert.equal(await store.current(`../organizations/${DEMO_TENANT_ID}`), undefined);
    assert.equal(await store.current("x' OR '1'='1"), undefined);
    await assert.rejects(store.createOrganization(demoOrganization(NOW)), OrganizationExistsError);
  });

  it('conversation state: read what was written; a write with a stale eTag fails, never overwrites', async () => {
    const again = await place.open();
    opened.push(again);
    const { storage } = again;
    await storage.write({ 'conv/a': { flows: { x: 1 } } });
    const first = (await storage.read(['conv/a', 'conv/none']))['conv/a'];
    assert.deepEqual(first.flows, { x: 1 });
    assert.ok(first.eTag);
    await storage.write({ 'conv/a': { ...first, flows: { x: 2 } } });
    await assert.rejects(storage.write({ 'conv/a': { ...first, flows: { x: 3 } } }), /eTag conflict/);
    assert.deepEqual((await storage.read(['conv/a']))['conv/a'].flows, { x: 2 });
    await storage.write({ 'conv/a': { flows: { x: 4 }, eTag: '*' } });
    assert.deepEqual((await storage.read(['conv/a']))['conv/a'].flows, { x: 4 });
    await storage.delete(['conv/a']);
    assert.deepEqual(await storage.read(['conv/a']), {});
  });
});

onPostgres('account store [postgres]: several instances on one database', () => {
  let place: StorePlace;
  let closers: (() => Promise<void>)[];
  beforeEach(async () => {
    place = await makeStorePlace('postgres');
    closers = [];
  });
  afterEach(async () => {
    for (const close of closers) await close();
    await place.drop();
  });

  async function instance() {
    const opened = await place.open();
    closers.push(() => opened.close());
    return opened;
  }

  it('two instances changing one organization at once: every change applied to the latest document, none lost', async () => {
    const a = await instance();
    const b = await instance();
    await a.store.createOrganization(demoOrganization(NOW));
    const tenantA = (await a.store.current(DEMO_TENANT_ID))!;
    const tenantB = (await b.store.current(DEMO_TENANT_ID))!;
    const seen: number[] = [];
    // Each change reads the revision it is applied to: under the row lock, never twice the same.
    const change = (tenant: TenantStore, index: number) =>
      tenant.change((current: OrganizationFile, { now }) => {
        seen.push(current.organization.revision);
        return {
          next: { ...current, users: [...current.users, newUser(`u-${index}`, `user${index}@contoso.com`, now)] },
          result: undefined,
          audit: [
            { actor: ACTOR, action: 'user.added', target: { type: 'user', id: `u-${index}` }, outcome: 'applied' },
          ],
        };
      });
    await Promise.all(Array.from({ length: 60 }, (_, index) => change(index % 2 ? tenantA : tenantB, index)));
    assert.equal(new Set(seen).size, 60, 'no two changes applied to the same revision');
    const fresh = (await (await instance()).store.current(DEMO_TENANT_ID))!.read();
    assert.equal(fresh.users.filter((user) => user.id.startsWith('u-') && /^u-\d+$/.test(user.id)).length, 60);
    assert.equal(fresh.audit.filter((entry) => entry.action === 'user.added').length, 60);
    // Each instance sees the other's changes at its next turn.
    assert.deepEqual((await a.store.current(DEMO_TENANT_ID))!.read(), fresh);
    assert.deepEqual((await b.store.current(DEMO_TENANT_ID))!.read(), fresh);
  });

  it('with the change feed, a copy is read again only when another instance wrote to it, and every turn while the feed is down', async () => {
    const a = await instance();
    const b = await instance();
    await a.store.createOrganization(demoOrganization(NOW));
    const tenantA = (await a.store.current(DEMO_TENANT_ID))!;
    await b.store.current(DEMO_TENANT_ID);
    // A's creation is announced to B too, maybe after B read it: once that notice has come and B
    // has checked once, nothing more is news.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await b.store.current(DEMO_TENANT_ID);
    // Counts B's queries to the database from here.
    const counter = countQueries((b.store as unknown as { pool: pg.Pool }).pool);
    for (let turn = 0; turn < 5; turn++) await b.store.current(DEMO_TENANT_ID);
    assert.equal(counter.queries, 0, 'nothing written: no turn asks the database');
    // B's own change is not news to B.
    await addUser((await b.store.current(DEMO_TENANT_ID))!, 'u-by-b', 'by.b@contoso.com');
    counter.queries = 0;
    await b.store.current(DEMO_TENANT_ID);
    assert.equal(counter.queries, 0);
    // A's change reaches B through the feed, within moments.
    await addUser(tenantA, 'u-by-a', 'by.a@contoso.com');
    const seenByB = async () => {
      for (let attempt = 0; attempt < 200; attempt++) {
        if ((await b.store.current(DEMO_TENANT_ID))!.userById('u-by-a')) return true;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return false;
    };
    assert.ok(await seenByB());
    // The feed's connection is cut: B checks the database at every turn until it listens again.
    const admin = new pg.Client({ connectionString: place.databaseUrl });
    await admin.connect();
    try {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
        [(b.store as unknown as { feed: { instance: string } }).feed.instance],
      );
    } finally {
      await admin.end();
    }
    const feed = (b.store as unknown as { feed: { listening: boolean } }).feed;
    for (let attempt = 0; attempt < 100 && feed.listening; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(feed.listening, false);
    counter.queries = 0;
    await b.store.current(DEMO_TENANT_ID);
    await b.store.current(DEMO_TENANT_ID);
    assert.equal(counter.queries, 2, 'while the feed is down, each turn checks the version');
    for (let attempt = 0; attempt < 300 && !feed.listening; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(feed.listening, true, 'the feed listens again');
    counter.queries = 0;
    await b.store.current(DEMO_TENANT_ID);
    await b.store.current(DEMO_TENANT_ID);
    assert.equal(counter.queries, 1, 'listening again: checked once (a write may have been missed), then trusted');
  });

  it('conversation state with the change feed: kept between turns, read again when another instance wrote it, never overwritten', async () => {
    const a = await instance();
    const b = await instance();
    await a.storage.write({ 'conv/x': { flows: { step: 1 } } });
    // A's notification reaches B first (one arriving during a read voids what that read keeps).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const counter = countQueries((b.storage as unknown as { pool: pg.Pool }).pool);
    const first = (await b.storage.read(['conv/x', 'user/none']))['conv/x'];
    assert.deepEqual(first.flows, { step: 1 });
    assert.equal(counter.queries, 1);
    // Kept: the next turns read it from memory, each a copy of its own.
    const again = (await b.storage.read(['conv/x', 'user/none']))['conv/x'];
    again.flows.step = 99;
    assert.deepEqual((await b.storage.read(['conv/x']))['conv/x'].flows, { step: 1 });
    assert.equal(counter.queries, 1);
    // B writes: kept with its new eTag, no read needed after.
    await b.storage.write({ 'conv/x': { ...first, flows: { step: 2 } } });
    counter.queries = 0;
    const mine = (await b.storage.read(['conv/x']))['conv/x'];
    assert.deepEqual(mine.flows, { step: 2 });
    assert.equal(counter.queries, 0);
    // A writes on top of B's (once B's notification has reached A, as it has by A's next turn):
    // B learns it from the feed and reads it again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const seenByA = (await a.storage.read(['conv/x']))['conv/x'];
    await a.storage.write({ 'conv/x': { ...seenByA, flows: { step: 3 } } });
    let fresh: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 200; attempt++) {
      fresh = (await b.storage.read(['conv/x']))['conv/x'];
      if ((fresh?.flows as { step?: number } | undefined)?.step === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(fresh?.flows, { step: 3 });
    // A write with the eTag B read before A's write is refused: nothing is overwritten.
    await assert.rejects(b.storage.write({ 'conv/x': { ...mine, flows: { step: 4 } } }), /eTag conflict/);
    assert.deepEqual((await a.storage.read(['conv/x']))['conv/x'].flows, { step: 3 });
  });

  it('the activity ledger: of every claim of one activity id, from any instance and all at once, exactly one wins', async () => {
    const a = await instance();
    const b = await instance();
    const claims = Array.from({ length: 60 }, (_, index) => {
      const ledger = index % 2 ? a.ledger : b.ledger;
      // Ten activities, each claimed six times, three through each instance.
      return ledger.claim('conv-1', `activity-${index % 10}`).then((first) => ({ id: index % 10, first }));
    });
    const outcomes = await Promise.all(claims);
    for (let id = 0; id < 10; id++)
      assert.equal(outcomes.filter((outcome) => outcome.id === id && outcome.first).length, 1, `activity-${id}`);
    assert.equal(await a.ledger.claim('conv-2', 'activity-0'), true, 'another conversation, another id');
    assert.equal(await b.ledger.claim('conv-1', 'activity-0'), false);
    // Ids no one should send (a lone surrogate, a NUL), claimed together with ordinary ones: each
    // is answered, and none fails the others.
    const odd = await Promise.all([
      a.ledger.claim('conv-3', '\ud800'),
      a.ledger.claim('conv-3', 'nul\0id'),
      a.ledger.claim('conv-3', 'plain'),
    ]);
    assert.deepEqual(odd, [true, true, true]);
    assert.equal(await a.ledger.claim('conv-3', '\ud800'), false);
  });

  it('a copy behind another instance reads only what was written since, and ends up equal to a fresh read', async () => {
    const a = await instance();
    const b = await instance();
    await a.store.createOrganization(demoOrganization(NOW));
    const tenantA = (await a.store.current(DEMO_TENANT_ID))!;
    const tenantB = (await b.store.current(DEMO_TENANT_ID))!;
    // A replaces a user in place, adds one and records a refusal; B, behind, then changes something.
    await tenantA.change((current, { now }) => ({
      next: {
        ...current,
        users: current.users.map((user) =>
          user.id === 'u-lynne'
            ? { ...user, roles: ['billing_admin' as const], revision: user.revision + 1, updatedAt: now }
            : user,
        ),
      },
      result: undefined,
      audit: [
        { actor: ACTOR, action: 'user.roles_changed', target: { type: 'user', id: 'u-lynne' }, outcome: 'applied' },
      ],
    }));
    await addUser(tenantA, 'u-from-a', 'from.a@contoso.com');
    await tenantA.recordRefusal({
      actor: ACTOR,
      action: 'user.add',
      target: { type: 'organization', id: DEMO_TENANT_ID },
      reason: 'missing_permission',
    });
    await addUser(tenantB, 'u-from-b', 'from.b@contoso.com');
    const fresh = (await (await instance()).store.current(DEMO_TENANT_ID))!.read();
    assert.deepEqual(tenantB.read(), fresh);
    assert.deepEqual(tenantB.userById('u-lynne')?.roles, ['billing_admin']);
    assert.equal(tenantB.userByEmail('from.a@contoso.com')?.id, 'u-from-a');
    // B's directory knows A's user: the same email again is refused.
    await assert.rejects(addUser(tenantB, 'u-again', 'from.a@contoso.com'), DuplicateIdentityError);
  });

  it('a duplicate email written by another instance is refused (checked against the latest document)', async () => {
    const a = await instance();
    const b = await instance();
    await a.store.createOrganization(demoOrganization(NOW));
    const tenantB = (await b.store.current(DEMO_TENANT_ID))!;
    await addUser((await a.store.current(DEMO_TENANT_ID))!, 'u-first', 'same@contoso.com');
    // B's copy is older than A's write: the change is applied to the latest document all the same.
    await assert.rejects(addUser(tenantB, 'u-second', 'same@contoso.com'), DuplicateIdentityError);
  });

  it('copies are let go under a memory bound, least recently used first, and opened again when needed', async () => {
    const pool = createPool(place.databaseUrl!);
    closers.push(() => pool.end());
    await migrate(pool);
    // Nine users each: room for two organizations' copies.
    const store = PgAccountStore.open(pool, { cachedUsers: 20 });
    const tenants = ['1', '2', '3'].map((digit) => `${digit.repeat(8)}-0000-4000-8000-000000000000`);
    for (const tenantId of tenants)
      await store.createOrganization(
        JSON.parse(JSON.stringify(demoOrganization(NOW)).replaceAll(DEMO_TENANT_ID, tenantId)) as OrganizationFile,
      );
    assert.equal(store.cached, 2);
    assert.equal(store.organization(tenants[0]!), undefined, 'the least recently used was let go');
    const reopened = await store.current(tenants[0]!);
    assert.equal(reopened?.read().users.length, 9);
    assert.equal(store.cached, 2);
  });

  it('when the database refuses a write: the change is rejected as not saved, nothing changes, health says so, later writes work', async () => {
    const a = await instance();
    const tenant = await a.store.createOrganization(demoOrganization(NOW));
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    try {
      await client.query(`CREATE FUNCTION refuse_all() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'disk full'; END $$`);
      await client.query(
        'CREATE TRIGGER refuse BEFORE INSERT ON organization_records FOR EACH ROW EXECUTE FUNCTION refuse_all()',
      );
      const before = tenant.read();
      const lost = await Promise.allSettled([
        addUser(tenant, 'u-lost', 'lost@contoso.com'),
        addUser(tenant, 'u-lost-2', 'lost2@contoso.com'),
        addUser(tenant, 'u-lost-3', 'lost3@contoso.com'),
      ]);
      for (const outcome of lost) assert.ok(outcome.status === 'rejected' && outcome.reason instanceof StoreWriteError);
      assert.equal(tenant.read(), before);
      assert.equal(tenant.userByEmail('lost@contoso.com'), undefined);
      assert.equal(a.store.health().ok, false);
      await client.query('DROP TRIGGER refuse ON organization_records');
      // Nothing of the refused batch is remembered: its email is free again.
      await addUser(tenant, 'u-kept', 'lost@contoso.com');
      assert.equal(a.store.health().ok, true);
      const fresh = (await (await instance()).store.current(DEMO_TENANT_ID))!.read();
      assert.deepEqual(
        fresh.users.filter((user) => ['u-lost', 'u-kept'].includes(user.id)).map((user) => user.id),
        ['u-kept'],
      );
    } finally {
      await client.end();
    }
  });

  it('the audit log is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const a = await instance();
    await a.store.createOrganization(demoOrganization(NOW));
    const client = new pg.Client({ connectionString: place.databaseUrl });
    await client.connect();
    try {
      await assert.rejects(client.query(`UPDATE audit_entries SET entry = '{}'`), /append-only/);
      await assert.rejects(client.query('DELETE FROM audit_entries'), /append-only/);
      await assert.rejects(client.query('TRUNCATE audit_entries'), /append-only/);
    } finally {
      await client.end();
    }
  });

  it('two instances starting together migrate once; a third finds nothing to do', async () => {
    const pools = [createPool(place.databaseUrl!), createPool(place.databaseUrl!), createPool(place.databaseUrl!)];
    try {
      const [first, second] = await Promise.all([migrate(pools[0]!), migrate(pools[1]!)]);
      assert.deepEqual(
        [...first, ...second].sort((a, b) => a - b),
        MIGRATIONS.map((migration) => migration.version),
      );
      assert.deepEqual(await migrate(pools[2]!), []);
    } finally {
      for (const pool of pools) await pool.end();
    }
  });
});

/** Counts the queries a pool is asked from now on (`counter.queries`, which a test may reset). */
function countQueries(pool: pg.Pool): { queries: number } {
  const counter = { queries: 0 };
  const query = pool.query.bind(pool);
  (pool as unknown as { query: unknown }).query = (...args: Parameters<typeof pool.query>) => {
    counter.queries += 1;
    return query(...args);
  };
  return counter;
}
