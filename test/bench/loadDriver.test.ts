import assert from 'node:assert/strict';
import { drive } from '../../scripts/bench/loadDriver.js';
import { summarize } from '../../scripts/bench/stats.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { storedOrganization } from '../helpers/storedOrganization.js';
import { ALEX, NESTOR, TENANT } from '../helpers/people.js';

/**
 * The benchmark's own parts: its numbers are only worth something if the load driver counts a
 * change as accepted exactly when the bot saved it, and its percentiles are right.
 */
describe('benchmark: load driver and statistics', () => {
  it('percentiles are nearest-rank over every latency', () => {
    const summary = summarize(Array.from({ length: 200 }, (_, index) => 200 - index));
    assert.deepEqual(summary, { count: 200, p50: 100, p95: 190, p99: 198, max: 200 });
    assert.ok(Number.isNaN(summarize([]).p99));
  });

  describe('against the real server', () => {
    let bot: HttpBot;
    beforeEach(async () => {
      bot = await startHttpBot();
    });
    afterEach(async () => bot.stop());

    it('every change it counts as accepted is on disk, with no unexpected answer', async () => {
      const before = await storedOrganization(bot.dir, TENANT);
      const result = await drive({
        url: bot.server.url,
        conversations: [ALEX, NESTOR].map((admin) => ({
          kind: 'write' as const,
          tenantId: TENANT,
          conversationId: `a:bench-${admin.userId}`,
          conversationType: 'personal' as const,
          speakers: [{ name: admin.name, aadObjectId: admin.aadObjectId }],
          roleTargets: [admin === ALEX ? 'u-lynne' : 'u-adele'],
          emailDomain: 'contoso.com',
        })),
        warmupMs: 0,
        durationMs: 60_000,
        maxTurns: 40,
        tag: 'test',
      });
      assert.equal(result.unexpected, 0, result.firstUnexpected);
      assert.ok(result.acceptedChanges >= 16, `accepted ${result.acceptedChanges}`);
      const after = await storedOrganization(bot.dir, TENANT);
      const added = after.users.filter((user) => user.email?.startsWith('bench.test.')).length;
      const roleChanges = after.audit.filter(
        (entry) => entry.action === 'user.roles_changed' && entry.outcome === 'applied',
      ).length;
      assert.equal(added + roleChanges, result.acceptedChanges, 'accepted changes == changes on disk');
      assert.equal(after.organization.revision - before.organization.revision, result.acceptedChanges);
      assert.deepEqual(Object.keys(result.labels).sort(), [
        'add user: open form',
        'add user: submit (write)',
        'change roles: open editor',
        'change roles: save (write)',
      ]);
    });

    it('read conversations in a group chat get an answer for every turn', async () => {
      const result = await drive({
        url: bot.server.url,
        conversations: [
          {
            kind: 'read',
            tenantId: TENANT,
            conversationId: '19:bench@thread.v2',
            conversationType: 'groupChat',
            speakers: [ALEX, NESTOR].map((admin) => ({ name: admin.name, aadObjectId: admin.aadObjectId })),
          },
        ],
        warmupMs: 0,
        durationMs: 60_000,
        maxTurns: 20,
        tag: 'test',
      });
      assert.equal(result.turns, 20);
      assert.equal(result.unexpected, 0, result.firstUnexpected);
    });
  });
});
