import assert from 'node:assert/strict';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { forEachBackend } from '../helpers/backends.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, MEGAN, NESTOR, TENANT } from '../helpers/people.js';
import { startTeamsService, type TeamsServiceStandIn } from '../helpers/teamsService.js';

/**
 * A second Global admin's approval over real HTTP (issue 21), on both backends: Alex asks, the
 * approval card goes to Nestor's personal chat through the Teams service (a stand-in on loopback),
 * Nestor clicks Approve on that very card, and the change is made; Alex hears of it in his chat.
 * Megan, the person it is for, cannot approve it.
 */
forEachBackend('HTTP: a new Global admin approved by a second one from his own chat', function (backend) {
  this.timeout(60_000);
  let teams: TeamsServiceStandIn;
  let bot: HttpBot;

  before(async () => {
    teams = await startTeamsService();
  });
  after(async () => teams.close());
  beforeEach(async () => {
    teams.received.length = 0;
    bot = await startHttpBot({}, { backend });
    // Nestor becomes the second Global admin (with one Global admin, nobody is asked).
    const tenant = (await bot.store.current(TENANT))!;
    const nestor = tenant.userById('u-nestor')!;
    await tenant.change((current, { now }) =>
      changeRoles(current, 'u-alex', 'u-nestor', [...nestor.roles, 'global_admin'], nestor.revision, now),
    );
    // Each has talked to the bot once in their personal chat: Teams lets the bot write to them.
    for (const [sender, conversationId] of [
      [ALEX, 'a:alex-personal'],
      [NESTOR, 'a:nestor-personal'],
      [MEGAN, 'a:megan-personal'],
    ] as const)
      await bot.post(messageActivity(sender, 'my role', { serviceUrl: teams.url, conversationId }));
  });
  afterEach(async () => bot?.stop());

  /** Each person writes from their own personal chat, as in Teams (the chat the bot keeps for them). */
  const chat = (sender: typeof ALEX) => ({
    serviceUrl: teams.url,
    conversationId: `a:${sender.userId.slice(2)}-personal`,
  });

  it('the request reaches Nestor, his click approves it, Alex is told; Megan cannot approve her own', async () => {
    const opened = await bot.post(messageActivity(ALEX, 'make Megan a global admin for 8 hours', chat(ALEX)));
    const confirmation = firstCard(opened.body.activities.at(-1));
    const { flowId } = actionData(confirmation, 'edit_roles.confirm');
    const sent = await bot.post(
      executeActivity(ALEX, 'edit_roles.confirm', { flowId, reason: 'Quarter-end billing migration' }, chat(ALEX)),
    );
    assert.equal(cardTexts(sent.body.value)[0], 'Request sent for approval');
    await teams.waitFor(1);
    const [approval] = teams.cardsIn('a:nestor-personal');
    assert.equal(cardTexts(approval)[0], 'Alex Wilber asks for your approval', JSON.stringify(approval));

    // Megan, whom it is for, tries the same button: refused, audited, nothing changes.
    const requestId = actionData(approval, 'access_request.approve').requestId!;
    const megan = await bot.post(executeActivity(MEGAN, 'access_request.approve', { requestId }, chat(MEGAN)));
    assert.ok(!cardTexts(megan.body.value).includes('Approved: the change is made'));
    assert.ok(!(await bot.store.current(TENANT))!.userById('u-megan')!.roles.includes('global_admin'));

    const approved = await bot.post(executeActivity(NESTOR, 'access_request.approve', { requestId }, chat(NESTOR)));
    assert.equal(cardTexts(approved.body.value)[0], 'Approved: the change is made');
    const document = (await bot.store.current(TENANT))!.read();
    const megansRecord = document.users.find((user) => user.id === 'u-megan')!;
    assert.ok(megansRecord.roles.includes('global_admin'));
    assert.ok(megansRecord.temporaryRoles?.some((each) => each.roleId === 'global_admin'));
    await teams.waitFor(2);
    assert.ok(
      teams
        .cardsIn('a:alex-personal')
        .some((card) => cardTexts(card)[0] === 'Nestor Wilke approved your request: it is done'),
      teams.titles().join(' | '),
    );
    assert.deepEqual(
      document.audit
        .filter((entry) => entry.action.startsWith('access_request.'))
        .map((entry) => [entry.action, entry.actor.userId, entry.outcome]),
      [
        ['access_request.created', 'u-alex', 'applied'],
        ['access_request.approved', 'u-megan', 'refused'],
        ['access_request.approved', 'u-nestor', 'applied'],
      ],
    );
  });
});
