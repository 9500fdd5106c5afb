import assert from 'node:assert/strict';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { ChangeRefusedError } from '../../src/accounts/changeRefused.js';
import { startRoleExpiries } from '../../src/accounts/roleExpiryRunner.js';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import { withTempDir } from '../helpers/tempDir.js';

/**
 * Time-bound roles (issue 21): given until an end, taken away by the bot itself at that end (on a
 * clock the test moves), audited as automatic and naming who granted them; after a restart past
 * the end, at start-up; and never leaving the organization without an active Global admin.
 */
describe('time-bound roles: given until an end, taken away at it', () => {
  const T0 = '2026-12-01T09:00:00.000Z';
  const END = '2026-12-01T17:00:00.000Z';

  async function openWithDemo(dir: string) {
    const store = await FileAccountStore.open(dir);
    if (!(await store.current(DEMO_TENANT_ID))) await store.createOrganization(demoOrganization(T0));
    return store;
  }

  async function grant(
    store: FileAccountStore,
    targetId: string,
    roleId: 'global_admin' | 'admin_agent',
    actorId = 'u-alex',
  ) {
    const tenant = (await store.current(DEMO_TENANT_ID))!;
    const target = tenant.userById(targetId)!;
    return tenant.change((current, { now }) =>
      changeRoles(current, actorId, targetId, [...target.roles, roleId], target.revision, now, { until: END }),
    );
  }

  it('the role is given with its end, kept before it, taken away at it (audited, naming who granted it)', () =>
    withTempDir(async (dir) => {
      const store = await openWithDemo(dir);
      await grant(store, 'u-megan', 'global_admin');
      const tenant = () => store.organization(DEMO_TENANT_ID)!;
      assert.deepEqual(
        tenant()
          .userById('u-megan')
          ?.temporaryRoles?.map(({ roleId, until }) => [roleId, until]),
        [['global_admin', END]],
      );
      let time = new Date('2026-12-01T16:59:00.000Z');
      const runner = startRoleExpiries(store, { clock: () => time, intervalMs: 3_600_000 });
      try {
        assert.deepEqual(await runner.runOnce(true), []);
        assert.ok(tenant().userById('u-megan')?.roles.includes('global_admin'));
        time = new Date('2026-12-01T17:00:00.000Z');
        const ended = await runner.runOnce(true);
        assert.deepEqual(
          ended.map(({ userId, roleId, kept, grantedBy }) => [userId, roleId, kept, grantedBy.userId]),
          [['u-megan', 'global_admin', false, 'u-alex']],
        );
        const megan = tenant().userById('u-megan')!;
        assert.deepEqual([megan.roles, megan.temporaryRoles], [['billing_admin', 'incentives_admin'], undefined]);
        const entry = tenant().read().audit.at(-1)!;
        assert.deepEqual([entry.action, entry.actor.userId], ['user.role_expired', 'system']);
        assert.equal((entry.after as { grantedBy: { displayName: string } }).grantedBy.displayName, 'Alex Wilber');
        // A second pass finds nothing more to do.
        assert.deepEqual(await runner.runOnce(true), []);
      } finally {
        runner.stop();
      }
    }));

  it('an end passed while the bot was down is applied at start-up', () =>
    withTempDir(async (dir) => {
      const first = await openWithDemo(dir);
      await grant(first, 'u-isaiah', 'global_admin');
      await first.flush();
      const restarted = await FileAccountStore.open(dir);
      const runner = startRoleExpiries(restarted, { clock: () => new Date('2026-12-02T08:00:00.000Z') });
      try {
        await runner.runOnce(true);
        const isaiah = (await restarted.current(DEMO_TENANT_ID))!.userById('u-isaiah')!;
        assert.ok(!isaiah.roles.includes('global_admin'));
      } finally {
        runner.stop();
      }
    }));

  it('never leaves the organization without an active Global admin: refused when given, kept at the end', () =>
    withTempDir(async (dir) => {
      const store = await openWithDemo(dir);
      const tenant = () => store.organization(DEMO_TENANT_ID)!;
      // Megan is Global admin until 17:00; then Alex gives up his own role (allowed: Megan is one).
      await grant(store, 'u-megan', 'global_admin');
      const alex = tenant().userById('u-alex')!;
      await tenant().change((current, { now }) =>
        changeRoles(current, 'u-alex', 'u-alex', ['billing_admin'], alex.revision, now),
      );
      // Megan, a Global admin until 17:00, giving Isaiah the role for a time too would leave no
      // Global admin with a lasting role: refused, for that reason.
      await assert.rejects(
        grant(store, 'u-isaiah', 'global_admin', 'u-megan'),
        (error) => error instanceof ChangeRefusedError && error.decision.reason === 'last_global_admin',
      );
      const runner = startRoleExpiries(store, { clock: () => new Date('2026-12-01T18:00:00.000Z') });
      try {
        const [ended] = await runner.runOnce(true);
        assert.deepEqual([ended?.userId, ended?.kept], ['u-megan', true]);
        const megan = tenant().userById('u-megan')!;
        assert.ok(megan.roles.includes('global_admin'), 'the last Global admin keeps the role');
        assert.equal(megan.temporaryRoles, undefined);
        assert.equal(tenant().read().audit.at(-1)?.action, 'user.role_expiry_kept');
      } finally {
        runner.stop();
      }
    }));
});
