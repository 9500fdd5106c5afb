import assert from 'node:assert/strict';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { expireRequests } from '../../src/accounts/accessRequests.js';
import type { RoleId } from '../../src/domain/roles.js';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, ISAIAH, MEGAN, NESTOR, TENANT } from '../helpers/people.js';
import { RecordingNotifier } from '../helpers/recordingNotifier.js';

/**
 * Privileged access (issue 21) as the admins live it: a second Global admin approves a new Global
 * admin from the card in their own chat; nobody approves their own request; a denial, a double
 * click, an expiry; the rule turned off only with an approval; a time-bound access extended and
 * ended early; an access review that removes a privileged user. What the store holds and what the
 * audit log says are checked with what the cards say.
 */
describe('conversation: privileged access', () => {
  let bot: Harness;
  let told: RecordingNotifier;
  beforeEach(async () => {
    told = new RecordingNotifier();
    bot = await createHarness({ notifier: told });
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const user = (id: string) => org().users.find((candidate) => candidate.id === id)!;
  const audit = (action: string) => org().audit.filter((entry) => entry.action === action);
  const texts = (card: unknown) => cardTexts(card).join(' | ');

  async function give(userId: string, roles: RoleId[], options: Parameters<typeof changeRoles>[6] = {}) {
    const target = user(userId);
    await bot.store
      .organization(TENANT)!
      .change((current, { now }) => changeRoles(current, 'u-alex', userId, roles, target.revision, now, options));
  }

  /** Nestor becomes the second Global admin (with one Global admin, no approval is needed). */
  const secondGlobalAdmin = () => give('u-nestor', ['user_management_admin', 'global_admin']);

  async function ask(text: string, reason = 'Quarter-end billing migration') {
    const [reply] = await bot.send(messageActivity(ALEX, text));
    const card = firstCard(reply as never);
    const flowId = actionData(card, 'edit_roles.confirm').flowId!;
    return invokeCard(await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId, reason })));
  }

  const requestId = (card: unknown) => actionData(card, 'access_request.approve').requestId!;

  it('a new Global admin waits for a second one: the request reaches him, his approval applies it', async () => {
    await secondGlobalAdmin();
    const [reply] = await bot.send(messageActivity(ALEX, 'make Megan a global admin until Friday 18:00'));
    const confirmation = firstCard(reply as never);
    assert.ok(texts(confirmation).includes('Ask for approval'), texts(confirmation));
    assert.ok(texts(confirmation).includes('Until'), texts(confirmation));
    const flowId = actionData(confirmation, 'edit_roles.confirm').flowId!;

    // Without a reason, the card asks for one; nothing is asked of anyone yet.
    const noReason = invokeCard(await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId, reason: ' ' })));
    assert.ok(texts(noReason).includes('Say in a few words why'), texts(noReason));
    assert.equal(told.sent.length, 0);

    const sent = invokeCard(
      await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId, reason: 'Quarter-end billing migration' })),
    );
    assert.equal(cardTexts(sent)[0], 'Request sent for approval');
    assert.ok(texts(sent).includes('Nestor Wilke'), texts(sent));
    assert.ok(!user('u-megan').roles.includes('global_admin'), 'nothing changes before approval');
    assert.equal(audit('access_request.created').length, 1);

    const [approval] = told.to('u-nestor');
    assert.ok(texts(approval).includes('Alex Wilber asks for your approval'), texts(approval));
    assert.ok(texts(approval).includes('Quarter-end billing migration'));
    const id = requestId(approval);

    const approved = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: id })));
    assert.equal(cardTexts(approved)[0], 'Approved: the change is made');
    const megan = user('u-megan');
    assert.ok(megan.roles.includes('global_admin'));
    assert.equal(megan.temporaryRoles?.[0]?.roleId, 'global_admin');
    assert.equal(new Date(megan.temporaryRoles[0].until).getUTCDay(), 5, 'ends on a Friday');
    const [change] = audit('user.roles_changed').slice(-1);
    assert.equal(change?.actor.userId, 'u-alex');
    assert.deepEqual((change?.after as { approvedBy: { userId: string } }).approvedBy.userId, 'u-nestor');
    assert.equal(audit('access_request.approved')[0]?.actor.userId, 'u-nestor');
    // The requester hears of it in his own chat.
    assert.ok(told.to('u-alex').some((card) => texts(card).includes('Nestor Wilke approved your request')));

    // A second click finds it decided: nothing is applied twice.
    const again = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: id })));
    assert.equal(cardTexts(again)[0], 'Already approved by Nestor Wilke');
    assert.equal(audit('access_request.approved').length, 1);
  });

  it('nobody approves their own request, nor one about themselves; someone without the role is refused; each refusal is audited', async () => {
    await secondGlobalAdmin();
    await ask('make Isaiah a global admin');
    const id = requestId(told.to('u-nestor')[0]);
    const own = invokeCard(await bot.send(executeActivity(ALEX, 'access_request.approve', { requestId: id })));
    assert.ok(texts(own).includes('Nobody approves a request they made'), texts(own));
    const theirs = invokeCard(await bot.send(executeActivity(ISAIAH, 'access_request.approve', { requestId: id })));
    assert.ok(texts(theirs).includes('Only a Global admin'), texts(theirs));
    assert.ok(!user('u-isaiah').roles.includes('global_admin'));
    const refused = org().audit.filter(
      (entry) => entry.outcome === 'refused' && entry.action === 'access_request.approved',
    );
    assert.deepEqual(
      refused.map((entry) => [entry.actor.userId, entry.reason]),
      [
        ['u-alex', 'cannot_approve_own_request'],
        ['u-isaiah', 'role_requires_global_admin'],
      ],
    );
  });

  it('a denial closes the request and changes nothing; the requester is told', async () => {
    await secondGlobalAdmin();
    await ask('make Megan a global admin');
    const id = requestId(told.to('u-nestor')[0]);
    const denied = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.deny', { requestId: id })));
    assert.equal(cardTexts(denied)[0], 'Denied: nothing changed');
    assert.ok(!user('u-megan').roles.includes('global_admin'));
    assert.ok(told.to('u-alex').some((card) => texts(card).includes('Nestor Wilke denied your request')));
    const late = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: id })));
    assert.equal(cardTexts(late)[0], 'Already denied by Nestor Wilke');
  });

  it('after 24 hours a request expires: an approval then changes nothing', async () => {
    await secondGlobalAdmin();
    await ask('make Megan a global admin');
    const id = requestId(told.to('u-nestor')[0]);
    const later = new Date(Date.now() + 24 * 3_600_000 + 1_000).toISOString();
    await bot.store.organization(TENANT)!.change((current) => expireRequests(current, later));
    const late = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: id })));
    assert.equal(cardTexts(late)[0], 'This request expired: nothing changed');
    assert.ok(!user('u-megan').roles.includes('global_admin'));
    assert.equal(audit('access_request.expired')[0]?.actor.userId, 'system');
  });

  it('the same change asked twice waits once; a forged or unknown request id changes nothing', async () => {
    await secondGlobalAdmin();
    await ask('make Megan a global admin');
    const twice = await ask('make Megan a global admin');
    assert.equal(cardTexts(twice)[0], 'The same change is already waiting for approval');
    assert.equal(org().accessRequests.length, 1);
    for (const requestId of ['req-nope', '../../etc/passwd']) {
      const card = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId })));
      assert.equal(cardTexts(card)[0], "I can't find this request in your organization");
    }
    const malformed = invokeCard(await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: 42 })));
    assert.ok(!texts(malformed).includes('Approved'), texts(malformed));
    assert.ok(!user('u-megan').roles.includes('global_admin'));
  });

  it('with one Global admin there is nobody to ask: the role is given at once, as before', async () => {
    const [reply] = await bot.send(messageActivity(ALEX, 'make Megan a global admin'));
    const card = firstCard(reply as never);
    assert.ok(!texts(card).includes('Ask for approval'), texts(card));
    const flowId = actionData(card, 'edit_roles.confirm').flowId!;
    await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId }));
    assert.ok(user('u-megan').roles.includes('global_admin'));
  });

  it('turning the approval off needs a second Global admin too; turning on the monthly review does not', async () => {
    await secondGlobalAdmin();
    const [page] = await bot.send(messageActivity(ALEX, 'privileged access'));
    const pageCard = firstCard(page as never);
    assert.equal(cardTexts(pageCard)[0], 'Privileged access');
    const form = invokeCard(await bot.send(executeActivity(ALEX, 'privileged_access.rules', {})));
    const flowId = actionData(form, 'privileged_access.save_rules').flowId!;
    const monthly = invokeCard(
      await bot.send(
        executeActivity(ALEX, 'privileged_access.save_rules', {
          flowId,
          secondApproval: 'true',
          monthlyReview: 'true',
        }),
      ),
    );
    assert.equal(cardTexts(monthly)[0], 'Privileged-access rules saved');
    assert.equal(org().organization.privilegedAccess?.monthlyReview, true);

    const again = invokeCard(await bot.send(executeActivity(ALEX, 'privileged_access.rules', {})));
    const second = actionData(again, 'privileged_access.save_rules').flowId!;
    const off = invokeCard(
      await bot.send(
        executeActivity(ALEX, 'privileged_access.save_rules', {
          flowId: second,
          secondApproval: 'false',
          monthlyReview: 'true',
          approvalReason: 'We are only two admins',
        }),
      ),
    );
    assert.equal(cardTexts(off)[0], 'Request sent for approval');
    assert.equal(org().organization.privilegedAccess?.secondApproval, true);
    await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: requestId(told.to('u-nestor')[0]) }));
    assert.equal(org().organization.privilegedAccess?.secondApproval, false);
    // Megan (Billing admin) may not change the rules.
    const refused = invokeCard(await bot.send(executeActivity(MEGAN, 'privileged_access.rules', {})));
    assert.ok(texts(refused).includes('Only a Global admin'), texts(refused));
  });

  it('"extend Megan\'s access by a day" moves the end; "end Megan\'s access now" takes the role away', async () => {
    const end = new Date(Date.now() + 3_600_000).toISOString();
    await give('u-megan', ['billing_admin', 'incentives_admin', 'admin_agent'], { until: end });
    const [reply] = await bot.send(messageActivity(ALEX, "extend Megan's access by a day"));
    const card = firstCard(reply as never);
    assert.ok(texts(card).includes('New end'), texts(card));
    const flowId = actionData(card, 'extend_access.confirm').flowId!;
    const done = invokeCard(await bot.send(executeActivity(ALEX, 'extend_access.confirm', { flowId })));
    assert.equal(cardTexts(done)[0], "Megan Bowen's access was extended");
    assert.equal(user('u-megan').temporaryRoles?.[0]?.until, new Date(Date.parse(end) + 86_400_000).toISOString());
    assert.equal(audit('user.access_extended').length, 1);

    const [ending] = await bot.send(messageActivity(ALEX, "end Megan's access now"));
    const endCard = firstCard(ending as never);
    const endFlow = actionData(endCard, 'end_access.confirm').flowId!;
    const ended = invokeCard(await bot.send(executeActivity(ALEX, 'end_access.confirm', { flowId: endFlow })));
    assert.equal(cardTexts(ended)[0], "Megan Bowen's time-bound access has ended");
    assert.deepEqual(user('u-megan').roles, ['billing_admin', 'incentives_admin']);
    assert.equal(user('u-megan').temporaryRoles, undefined);

    // Someone without a time-bound role: said plainly, nothing to confirm.
    const [none] = await bot.send(messageActivity(ALEX, "extend Isaiah's temporary access by 2 hours"));
    assert.ok(texts(firstCard(none as never)).includes('Isaiah Langer has no role given for a time'));
  });

  it('an access review lists who holds a privileged role; Remove takes it away, the last Global admin stays', async () => {
    await secondGlobalAdmin();
    const [reply] = await bot.send(messageActivity(ALEX, 'review access'));
    const card = firstCard(reply as never);
    assert.equal(cardTexts(card)[0], 'Access review: who keeps a privileged role?');
    // One Keep / Remove choice per person, labelled with their name and privileged roles.
    const listed = JSON.stringify(card);
    for (const label of [
      'Alex Wilber: Global admin',
      'Isaiah Langer: Admin agent',
      'Nestor Wilke: User management admin',
    ])
      assert.ok(listed.includes(label), label);
    assert.ok(!listed.includes('Megan Bowen'), 'Billing admin is not privileged');
    // The other Global admin got it in his own chat.
    assert.equal(told.to('u-nestor').length, 1);
    const reviewId = actionData(card, 'access_review.save').reviewId!;
    const saved = invokeCard(
      await bot.send(
        executeActivity(ALEX, 'access_review.save', {
          reviewId,
          'review.u-isaiah': 'remove',
          'review.u-nestor': 'keep',
          'review.u-megan': 'remove',
        }),
      ),
    );
    assert.equal(cardTexts(saved)[0], 'Review saved');
    assert.deepEqual(user('u-isaiah').roles, ['helpdesk_agent']);
    assert.ok(user('u-megan').roles.includes('billing_admin'), 'someone the review did not list is left alone');
    assert.equal(audit('access_review.answered')[0]?.actor.userId, 'u-alex');
    const twice = invokeCard(await bot.send(executeActivity(ALEX, 'access_review.save', { reviewId })));
    assert.equal(cardTexts(twice)[0], 'You have already answered this review');

    // Nestor removes both Global admins' roles: his own goes, Alex (then the last) stays.
    const nestor = invokeCard(
      await bot.send(
        executeActivity(NESTOR, 'access_review.save', {
          reviewId,
          'review.u-alex': 'remove',
          'review.u-nestor': 'remove',
        }),
      ),
    );
    assert.ok(texts(nestor).includes('Not removed'), texts(nestor));
    const globalAdmins = org().users.filter((each) => each.status === 'active' && each.roles.includes('global_admin'));
    assert.equal(globalAdmins.length, 1);
    // Megan is not a reviewer.
    const megan = invokeCard(await bot.send(executeActivity(MEGAN, 'access_review.save', { reviewId })));
    assert.equal(cardTexts(megan)[0], 'This review was not sent to you');
  });

  async function addUserWith(roles: Record<string, string>) {
    const [reply] = await bot.send(messageActivity(ALEX, 'add a user'));
    const flowId = actionData(firstCard(reply as never), 'add_user.submit').flowId!;
    const fields = { flowId, displayName: 'Camille Petit', email: 'camille.petit@contoso.com', ...roles };
    const confirmation = invokeCard(await bot.send(executeActivity(ALEX, 'add_user.submit', fields)));
    return { flowId, confirmation };
  }

  it('the add-user form gives a privileged role for a time, and asks a second Global admin for the Global admin role', async () => {
    const { flowId, confirmation } = await addUserWith({ role_admin_agent: 'true' });
    assert.ok(texts(confirmation).includes('For 1 week'), texts(confirmation));
    await bot.send(executeActivity(ALEX, 'add_user.confirm', { flowId, duration: 'P7D' }));
    const camille = org().users.find((each) => each.email === 'camille.petit@contoso.com')!;
    assert.deepEqual(
      camille.temporaryRoles?.map((each) => each.roleId),
      ['admin_agent'],
    );

    await secondGlobalAdmin();
    const asked = await bot.send(messageActivity(ALEX, 'add a user'));
    const form = actionData(firstCard(asked[0] as never), 'add_user.submit').flowId!;
    const ga = invokeCard(
      await bot.send(
        executeActivity(ALEX, 'add_user.submit', {
          flowId: form,
          displayName: 'Jean Dupont',
          email: 'jean.dupont@contoso.com',
          role_global_admin: 'true',
        }),
      ),
    );
    assert.ok(texts(ga).includes('Ask for approval'), texts(ga));
    const done = invokeCard(
      await bot.send(executeActivity(ALEX, 'add_user.confirm', { flowId: form, reason: 'New co-founder' })),
    );
    assert.ok(texts(done).includes('Waiting for approval'), texts(done));
    const jean = org().users.find((each) => each.email === 'jean.dupont@contoso.com')!;
    assert.deepEqual(jean.roles, ['default_user'], 'added without the Global admin role');
    await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: requestId(told.to('u-nestor')[0]) }));
    assert.ok(user(jean.id).roles.includes('global_admin'));
  });

  it('a decision is announced to the other Global admins, not to the one who decided, the requester or the person it was about', async () => {
    await secondGlobalAdmin();
    await give('u-isaiah', ['admin_agent', 'helpdesk_agent', 'global_admin'], {
      approvedBy: { userId: 'u-nestor', displayName: 'Nestor Wilke' },
    });
    await ask('make Megan a global admin');
    const id = requestId(told.to('u-nestor')[0]);
    told.clear();
    await bot.send(executeActivity(NESTOR, 'access_request.approve', { requestId: id }));
    assert.deepEqual(
      told.to('u-isaiah').map((card) => cardTexts(card)[0]),
      ['Nestor Wilke approved a request of Alex Wilber'],
    );
    assert.equal(told.to('u-nestor').length, 0);
    assert.equal(told.to('u-megan').length, 0);
    assert.deepEqual(
      told.to('u-alex').map((card) => cardTexts(card)[0]),
      ['Nestor Wilke approved your request: it is done'],
    );
  });

  it('the history says who reviewed access, and whose privileged roles the review took away', async () => {
    const [reply] = await bot.send(messageActivity(ALEX, 'review access'));
    const reviewId = actionData(firstCard(reply as never), 'access_review.save').reviewId!;
    await bot.send(executeActivity(ALEX, 'access_review.save', { reviewId, 'review.u-isaiah': 'remove' }));
    const [history] = await bot.send(messageActivity(ALEX, 'history'));
    const lines = texts(firstCard(history as never));
    assert.ok(lines.includes('reviewed access: took the privileged roles of Isaiah Langer away'), lines);
    assert.ok(lines.includes('started an access review'), lines);
  });
});
