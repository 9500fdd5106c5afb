import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { messageActivity, teamsActivity } from '../helpers/activities.js';
import { cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, MEGAN, TENANT } from '../helpers/people.js';

const GROUP = { conversationType: 'groupChat' as const, conversationId: '19:admins@thread.v2' };

describe('conversation: role lookups', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const ask = async (sender: typeof ALEX, text: string, options = {}) =>
    (await bot.send(messageActivity(sender, text, options)))[0];
  const texts = (reply: unknown) => cardTexts(firstCard(reply as never));

  it('"what roles does Adele have" shows her roles and what they allow, with a button to change them', async () => {
    const reply = await ask(ALEX, 'what roles does Adele have');
    const shown = texts(reply);
    assert.equal(shown[0], 'Roles of Adele Vance');
    assert.ok(shown.includes('Sales agent') && shown.includes('Referrals admin'));
    assert.ok(shown.includes('Change roles'));
    assert.equal(texts(await ask(ALEX, 'what can adele do'))[0], 'Roles of Adele Vance');
    assert.equal(texts(await ask(ALEX, "quels sont les rôles d'Adèle", { locale: 'fr-FR' }))[0], "Rôles d'Adele Vance");
  });

  it("a Report viewer may not see someone else's roles", async () => {
    const reply = await ask(LYNNE, 'what roles does Adele have');
    assert.match(reply?.text ?? '', /Your roles don't allow that/);
    assert.equal(reply?.attachments, undefined);
  });

  it('"who are the global admins" is open to everyone and warns when there are fewer than two', async () => {
    const shown = texts(await ask(LYNNE, 'who are the global admins'));
    assert.equal(shown[0], 'Global admin: 1');
    assert.ok(shown.includes('- Alex Wilber (alexw@contoso.com)'));
    assert.ok(shown.some((text) => text.startsWith('Microsoft recommends at least two active Global admins')));
    assert.equal(
      texts(await ask(LYNNE, 'qui sont les administrateurs généraux ?', { locale: 'fr-FR' }))[0],
      'Administrateur général : 1',
    );
  });

  it('holders of other roles need the right to see roles', async () => {
    assert.match((await ask(LYNNE, 'who are the billing admins'))?.text ?? '', /Your roles don't allow that/);
    assert.ok(texts(await ask(ALEX, 'who are the billing admins')).some((text) => text.includes('Megan Bowen')));
  });

  it('"what can a billing admin do" lists the permissions of the role, in both languages', async () => {
    const shown = texts(await ask(LYNNE, 'what can a billing admin do'));
    assert.equal(shown[0], 'What a Billing admin can do');
    assert.ok(shown.some((text) => text.includes('- Manage billing, invoices and reconciliation files')));
    const french = texts(await ask(LYNNE, 'que peut faire un administrateur de facturation', { locale: 'fr-FR' }));
    assert.equal(french[0], 'Ce que permet le rôle Administrateur de facturation');
  });

  it('"which role do I need to manage incentives" gives the least-privileged role, and whether I have it', async () => {
    const forLynne = texts(await ask(LYNNE, 'which role do I need to manage incentives'));
    assert.ok(
      forLynne.includes('To "Start and manage incentives", the role with the fewest other rights is Incentives admin.'),
      forLynne.join(' | '),
    );
    // Whom to ask, by name: the people whose roles let them give it.
    assert.ok(forLynne.includes("You don't have it yet: ask Alex Wilber, Patti Fernandez or Nestor Wilke."));
    const forMegan = texts(
      await ask(MEGAN, 'quel rôle faut-il pour gérer les primes incitatives', { locale: 'fr-FR' }),
    );
    assert.ok(
      forMegan.some((text) => text.startsWith('Vous pouvez déjà le faire')),
      forMegan.join(' | '),
    );
  });

  it('unknown roles and tasks get a helpful answer, not a guess', async () => {
    // "wizards" is no role: the question is not understood, and the closest tasks are offered.
    const wizards = await ask(ALEX, 'who are the wizards');
    assert.equal(cardTexts(wizards?.attachments?.[0]?.content as never)[0], 'Did you mean…');
    assert.match((await ask(ALEX, 'which role do I need to bake a cake'))?.text ?? '', /I couldn't tell which task/);
  });

  it('lookups are answered in a group chat too', async () => {
    assert.equal(texts(await ask(ALEX, 'who are the global admins', GROUP))[0], 'Global admin: 1');
  });

  it('"speak French" is remembered with the user, whatever the Teams locale, and audited', async () => {
    assert.equal((await ask(ALEX, 'speak French'))?.text, "D'accord, je vous réponds en français désormais.");
    assert.equal(texts(await ask(ALEX, 'help', { locale: 'en-US' }))[0], 'Ce que je sais faire');
    const restarted = await bot.restart();
    bot = restarted;
    assert.equal(texts(await ask(ALEX, 'my role', { locale: 'en-US' }))[0], 'Vos rôles chez Contoso Cloud Services');
    assert.equal(bot.store.organization(TENANT)!.read().audit.at(-1)?.action, 'user.language_changed');
    assert.equal((await ask(ALEX, 'parle anglais'))?.text, "OK, I'll answer you in English from now on.");
    // A personal preference: in the audit log, not in the organization's history.
    const history = texts(await ask(ALEX, 'history'));
    assert.ok(!history.some((text) => /English|French|anglais|français/.test(text)), history.join(' | '));
  });

  it('"who can give me the billing admin role" names the active people whose roles let them, in both languages', async () => {
    const button = (sender: typeof ALEX, value: object, locale?: string) =>
      bot.send(teamsActivity(sender, { type: 'message', value, ...(locale ? { locale } : {}) }));
    const [reply] = await button(LYNNE, { command: 'who_can_grant', roleId: 'billing_admin' });
    const shown = texts(reply);
    assert.equal(shown[0], 'Who can give Billing admin');
    // Alex (Global admin) and Nestor (User management admin) may; Patti (Account admin) gives company roles only.
    assert.ok(shown.some((text) => text.includes('- Alex Wilber (Global admin)')));
    assert.ok(shown.some((text) => text.includes('- Nestor Wilke (User management admin)')));
    assert.ok(!shown.some((text) => text.includes('Patti') || text.includes('Lynne')));
    assert.ok(!shown.some((text) => text.startsWith('You can give it yourself')));
    // A Global-admin-only role: only Global admins, and the card says so.
    const global = texts((await button(LYNNE, { command: 'who_can_grant', roleId: 'global_admin' }))[0]);
    assert.ok(global.includes('Only a Global admin can give this role.'));
    assert.ok(!global.some((text) => text.includes('Nestor')));
    // Without a role: whoever may open the role editor. In French.
    const french = texts((await button(LYNNE, { command: 'who_can_grant' }, 'fr-FR'))[0]);
    assert.equal(french[0], 'Qui peut modifier les rôles');
    assert.ok(french.some((text) => text.includes('Alex Wilber')));
    // Each person with the roles that let them give it, and no other: Johanna is listed as Owner, and
    // her Developer role, which a Report viewer may not see, is not shown.
    const developer = texts((await button(LYNNE, { command: 'who_can_grant', roleId: 'developer' }))[0]);
    assert.ok(
      developer.some((text) => text.includes('- Johanna Lorenz (Owner)')),
      developer.join(' | '),
    );
    assert.ok(!developer.some((text) => text.includes('Developer)') || text.includes(', Developer')));
    // Typed, in both languages: a question about giving a role is never the change itself.
    assert.equal(texts(await ask(LYNNE, 'who can give me the billing admin role?'))[0], 'Who can give Billing admin');
    const typedFrench = await ask(LYNNE, 'qui peut me donner le rôle administrateur de facturation ?', {
      locale: 'fr-FR',
    });
    assert.equal(texts(typedFrench)[0], 'Qui peut donner le rôle Administrateur de facturation');
    // The asker who can give it is told so.
    const own = texts((await button(ALEX, { command: 'who_can_grant', roleId: 'billing_admin' }))[0]);
    assert.ok(own.some((text) => text.startsWith('You can give it yourself')));
  });

  it('which role for a task: an admin without it who may give it gets the button to give it to himself', async () => {
    const question = 'which role do I need to manage incentives';
    const [forAlex] = await bot.send(messageActivity(ALEX, question));
    const card = firstCard(forAlex as never) as { actions?: { title: string; data?: Record<string, string> }[] };
    assert.ok(texts(forAlex).includes("You don't have it yet, and your roles let you give it to yourself."));
    const give = card.actions?.find((action) => action.title === 'Give me Incentives admin');
    assert.deepEqual(give?.data, { command: 'assign_roles', userId: 'u-alex', roleId: 'incentives_admin' });
    // The button proposes the change; nothing is given before Confirm.
    const [proposal] = await bot.send(teamsActivity(ALEX, { type: 'message', value: give?.data }));
    assert.equal(texts(proposal)[0], 'Change the roles of Alex Wilber?');
    assert.ok(
      !bot.store
        .organization(TENANT)!
        .read()
        .users.find((user) => user.id === 'u-alex')!
        .roles.includes('incentives_admin'),
    );
  });
});
