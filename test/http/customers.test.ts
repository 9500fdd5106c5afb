import assert from 'node:assert/strict';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, TENANT } from '../helpers/people.js';
import { storedOrganization } from '../helpers/storedOrganization.js';
import { forEachBackend } from '../helpers/backends.js';

/**
 * Customer accounts over HTTP, as Teams talks to the bot, on both store backends: a customer found
 * by a typo, a customer user added through Action.Execute and stored, two identical invokes adding
 * the user once.
 */
forEachBackend('HTTP: customer accounts through the real server', function (backend) {
  this.timeout(60_000);
  let bot: HttpBot;
  beforeEach(async () => {
    bot = await startHttpBot({}, { backend });
  });
  afterEach(async () => bot?.stop());

  it("finds a customer by a typo'd name, then adds a user to it once, though the invoke arrives twice", async () => {
    const found = await bot.post(messageActivity(ALEX, 'find the customer tailspn'));
    assert.equal(found.status, 200);
    assert.equal(cardTexts(firstCard(found.body.activities[0]))[0], 'Tailspin Toys SARL');

    const users = await bot.post(messageActivity(ALEX, 'utilisateurs de tailspin', { locale: 'fr-FR' }));
    const flowId = actionData(firstCard(users.body.activities.at(-1)), 'customer_users.add').flowId as string;
    await bot.post(executeActivity(ALEX, 'customer_users.add', { flowId }, { locale: 'fr-FR' }));
    const save = executeActivity(
      ALEX,
      'customer_users.save',
      { flowId, displayName: 'Marc Petit', userName: 'marc.petit@tailspintoys.onmicrosoft.com' },
      { locale: 'fr-FR' },
    );
    const [first, second] = await Promise.all([bot.post(save), bot.post(save)]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.ok(
      [first, second].some(
        (response) =>
          cardTexts(response.body.value)[0] ===
          'Utilisateur ajouté : Marc Petit (marc.petit@tailspintoys.onmicrosoft.com).',
      ),
    );
    await bot.store.flush();
    const stored =
      backend === 'lowdb' ? await storedOrganization(bot.dir, TENANT) : (await bot.store.current(TENANT))!.read();
    const tailspin = stored.customers.find((customer) => customer.id === 'cust-tailspin');
    assert.equal(tailspin?.users.filter((user) => user.displayName === 'Marc Petit').length, 1);
  });
});
