import assert from 'node:assert/strict';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { updatePrivilegedAccessRules } from '../../src/accounts/privilegedAccessRules.js';
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

/**
 * What the bot does on its own, on a clock the test moves (issue 21): a request left 24 hours
 * expires and the requester is told; a reviewer who has not answered after 7 days is reminded,
 * once; with the monthly rule on, a review starts 30 days after the rule was turned on.
 */
forEachBackend('HTTP: requests expire, reviews are reminded and start every month, on time', function (backend) {
  this.timeout(60_000);
  let teams: TeamsServiceStandIn;
  let bot: HttpBot;
  let time = new Date();
  const DAY = 24 * 3_600_000;

  before(async () => {
    teams = await startTeamsService();
  });
  after(async () => teams.close());
  beforeEach(async () => {
    teams.received.length = 0;
    time = new Date();
    bot = await startHttpBot({}, { backend, roleEnds: { clock: () => time } });
    const tenant = (await bot.store.current(TENANT))!;
    const nestor = tenant.userById('u-nestor')!;
    await tenant.change((current, { now }) =>
      changeRoles(current, 'u-alex', 'u-nestor', [...nestor.roles, 'global_admin'], nestor.revision, now),
    );
    for (const sender of [ALEX, NESTOR]) await bot.post(messageActivity(sender, 'my role', chatOf(sender, teams)));
    teams.received.length = 0;
  });
  afterEach(async () => bot?.stop());

  const workDone = async () => (await bot.roleEnds!.runOnce(true)).map((done) => done.work);

  it('a request left unanswered for 24 hours expires; the requester is told, once', async () => {
    const opened = await bot.post(messageActivity(ALEX, 'make Megan a global admin', chatOf(ALEX, teams)));
    const { flowId } = actionData(firstCard(opened.body.activities.at(-1)), 'edit_roles.confirm');
    await bot.post(executeActivity(ALEX, 'edit_roles.confirm', { flowId, reason: 'Audit' }, chatOf(ALEX, teams)));
    teams.received.length = 0;
    time = new Date(Date.now() + DAY - 60_000);
    assert.deepEqual(await workDone(), []);
    time = new Date(Date.now() + DAY + 60_000);
    assert.deepEqual(await workDone(), ['request_expiries']);
    assert.deepEqual(await workDone(), []);
    await teams.waitFor(1);
    assert.deepEqual(teams.titles(), ['Your request expired after 24 hours without an answer: nothing changed']);
    const document = (await bot.store.current(TENANT))!.read();
    assert.equal(document.accessRequests[0]?.status, 'expired');
  });

  it('a reviewer silent for 7 days is reminded once; the monthly review starts 30 days after it was turned on', async () => {
    await bot.post(messageActivity(ALEX, 'review access', chatOf(ALEX, teams)));
    await teams.waitFor(1);
    assert.deepEqual(teams.titles(), ['Access review: who keeps a privileged role?'], 'Nestor gets the review');
    teams.received.length = 0;
    time = new Date(Date.now() + 7 * DAY + 60_000);
    assert.deepEqual(await workDone(), ['review_reminders']);
    assert.deepEqual(await workDone(), []);
    await teams.waitFor(2);
    // Alex, who started the review, has not answered either: both are reminded, once each.
    assert.deepEqual(teams.titles().sort(), [
      'Reminder: an access review is waiting for you',
      'Reminder: an access review is waiting for you',
    ]);

    const tenant = (await bot.store.current(TENANT))!;
    await tenant.change((current, { now }) =>
      updatePrivilegedAccessRules(current, 'u-alex', { secondApproval: true, monthlyReview: true }, now),
    );
    teams.received.length = 0;
    time = new Date(Date.now() + 29 * DAY);
    assert.ok(!(await workDone()).includes('monthly_reviews'));
    time = new Date(Date.now() + 30 * DAY + 60_000);
    assert.ok((await workDone()).includes('monthly_reviews'));
    assert.ok(!(await workDone()).includes('monthly_reviews'), 'started once');
    await teams.waitFor(2);
    const started = (await bot.store.current(TENANT))!.read().accessReviews.at(-1)!;
    assert.equal(started.startedBy.userId, 'system');
    assert.deepEqual(teams.received.map((each) => each.conversation).sort(), ['a:alex-personal', 'a:nestor-personal']);
  });
});

/** Each person writes from their own personal chat, as in Teams. */
function chatOf(sender: typeof ALEX, teams: TeamsServiceStandIn) {
  return { serviceUrl: teams.url, conversationId: `a:${sender.userId.slice(2)}-personal` };
}
