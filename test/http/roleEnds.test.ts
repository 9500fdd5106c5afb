import assert from 'node:assert/strict';
import type { RoleEnded } from '../../src/accounts/expireRoles.js';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { forEachBackend } from '../helpers/backends.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ADELE, ALEX, NESTOR, TENANT } from '../helpers/people.js';
import { startTeamsService, type TeamsServiceStandIn } from '../helpers/teamsService.js';

/**
 * The end of a time-bound role (issue 21), told to the people concerned in their personal chats:
 * the bot writes through the Teams service, here a stand-in on loopback that records what it is
 * sent (the one part of Microsoft's cloud this needs). Someone who never talked to the bot, or who
 * removed it (Teams answers 404), cannot be reached, and that is said.
 */
forEachBackend(
  'HTTP: a time-bound role ends, and the people concerned are told in their personal chats',
  function (backend) {
    this.timeout(60_000);
    let teams: TeamsServiceStandIn;
    let bot: HttpBot;
    let time = new Date('2026-12-01T09:00:00.000Z');

    before(async () => {
      teams = await startTeamsService();
    });
    after(async () => teams.close());
    beforeEach(async () => {
      teams.received.length = 0;
      teams.gone.clear();
      time = new Date('2026-12-01T09:00:00.000Z');
      bot = await startHttpBot({}, { backend, roleEnds: { clock: () => time } });
    });
    afterEach(async () => bot?.stop());

    async function giveAdeleAdminAgentUntil(until: string) {
      const tenant = (await bot.store.current(TENANT))!;
      const adele = tenant.userById('u-adele')!;
      await tenant.change((current, { now }) =>
        changeRoles(current, 'u-alex', 'u-adele', [...adele.roles, 'admin_agent'], adele.revision, now, { until }),
      );
    }

    const said = () => teams.titles();

    it('Adele and Alex, who talked to the bot, are told in their own chats and languages; the role is gone', async () => {
      for (const [sender, conversation, locale] of [
        [ALEX, 'a:alex-personal', 'en-US'],
        [ADELE, 'a:adele-personal', 'fr-FR'],
      ] as const)
        await bot.post(
          messageActivity(sender, 'my role', { serviceUrl: teams.url, conversationId: conversation, locale }),
        );
      await giveAdeleAdminAgentUntil('2026-12-01T17:00:00.000Z');

      time = new Date('2026-12-01T17:00:01.000Z');
      const done = await bot.roleEnds!.runOnce(true);
      assert.deepEqual(
        done.flatMap((each) => each.result as RoleEnded[]).map(({ userId, roleId }) => [userId, roleId]),
        [['u-adele', 'admin_agent']],
      );
      // The alerts go out after the change: wait for both.
      await teams.waitFor(2);
      assert.deepEqual(teams.received.map((each) => each.conversation).sort(), ['a:adele-personal', 'a:alex-personal']);
      assert.ok(said().includes("Votre rôle Agent d'administration a pris fin"), said().join(' | '));
      assert.ok(said().includes('The Admin agent role you gave Adele Vance has ended'), said().join(' | '));
      assert.ok(!(await bot.store.current(TENANT))!.userById('u-adele')!.roles.includes('admin_agent'));
    });

    it('someone who removed the app (404) or never talked to the bot is not reached; the role still ends', async () => {
      await bot.post(messageActivity(ADELE, 'my role', { serviceUrl: teams.url, conversationId: 'a:adele-gone' }));
      teams.gone.add('a:adele-gone');
      await giveAdeleAdminAgentUntil('2026-12-01T10:00:00.000Z');
      time = new Date('2026-12-01T10:00:00.000Z');
      await bot.roleEnds!.runOnce(true);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(teams.received, []);
      assert.ok(!(await bot.store.current(TENANT))!.userById('u-adele')!.roles.includes('admin_agent'));
    });

    it('a privileged role given in the editor is announced to the other Global admins; the outcome says who was told and who could not be', async () => {
      // Nestor and Isaiah are Global admins too; Nestor has talked to the bot, Isaiah never has.
      const tenant = (await bot.store.current(TENANT))!;
      for (const id of ['u-nestor', 'u-isaiah']) {
        const user = tenant.userById(id)!;
        await tenant.change((current, { now }) =>
          // A second Global admin approved these (the approval itself: test/http/privilegedAccess.test.ts).
          changeRoles(current, 'u-alex', id, [...user.roles, 'global_admin'], user.revision, now, {
            approvedBy: { userId: 'u-johanna', displayName: 'Johanna Lorenz' },
          }),
        );
      }
      await bot.post(
        messageActivity(NESTOR, 'my role', { serviceUrl: teams.url, conversationId: 'a:nestor-personal' }),
      );
      teams.received.length = 0;

      const editor = await bot.post(messageActivity(ALEX, 'change roles of adele'));
      const flowId = actionData(firstCard(editor.body.activities.at(-1)), 'edit_roles.save').flowId;
      await bot.post(
        executeActivity(ALEX, 'edit_roles.save', {
          flowId,
          role_sales_agent: 'true',
          role_referrals_admin: 'true',
          role_admin_agent: 'true',
        }),
      );
      const done = await bot.post(executeActivity(ALEX, 'edit_roles.confirm', { flowId, duration: 'PT8H' }));
      const outcome = cardTexts(done.body.value);
      assert.ok(outcome.includes('Nestor Wilke'), outcome.join(' | '));
      assert.ok(outcome.includes('Isaiah Langer'), outcome.join(' | '));
      assert.deepEqual(
        teams.received.map((each) => each.conversation),
        ['a:nestor-personal'],
      );
      assert.equal(said()[0], 'A privileged role of Adele Vance changed');
    });
  },
);
