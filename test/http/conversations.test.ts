import assert from 'node:assert/strict';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity, submitActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, TENANT } from '../helpers/people.js';
import { storedBytes, storedOrganization } from '../helpers/storedOrganization.js';

/**
 * The guided conversations over HTTP, as Teams talks to the bot: messages with expectReplies, and
 * Action.Execute invokes whose HTTP response body is the invoke answer (the card that replaces the
 * form). What was saved is read back from the file on disk.
 */
describe('HTTP: guided conversations through the real server', () => {
  let bot: HttpBot;
  beforeEach(async () => {
    bot = await startHttpBot();
  });
  afterEach(async () => bot.stop());

  const onDisk = () => storedOrganization(bot.dir, TENANT);

  async function openAddUserForm() {
    const response = await bot.post(messageActivity(ALEX, 'add a user'));
    assert.equal(response.status, 200);
    return actionData(firstCard(response.body.activities[0]), 'add_user.submit').flowId as string;
  }

  it('an Action.Execute invoke adds the user: HTTP 200 with the summary card as the invoke answer, and the user on disk', async () => {
    const flowId = await openAddUserForm();
    const response = await bot.post(
      executeActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: 'Jean Dupont',
        email: 'jean@contoso.com',
        role_billing_admin: 'true',
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(response.body.statusCode, 200);
    assert.equal(response.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(cardTexts(response.body.value)[0], 'Jean Dupont was added');
    const saved = (await onDisk()).users.find((user) => user.email === 'jean@contoso.com');
    assert.equal(saved?.status, 'invited');
  });

  it('the Action.Submit fallback over HTTP gets the summary as a reply message', async () => {
    const flowId = await openAddUserForm();
    const response = await bot.post(
      submitActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: 'Jean Dupont',
        email: 'jean@contoso.com',
        role_billing_admin: 'true',
      }),
    );
    assert.equal(cardTexts(firstCard(response.body.activities[0]))[0], 'Jean Dupont was added');
    assert.ok((await onDisk()).users.some((user) => user.email === 'jean@contoso.com'));
  });

  it('two identical invokes at the same moment add the user once', async () => {
    const flowId = await openAddUserForm();
    const invoke = () =>
      bot.post(
        executeActivity(ALEX, 'add_user.submit', {
          flowId,
          displayName: 'Jean Dupont',
          email: 'jean@contoso.com',
          role_billing_admin: 'true',
        }),
      );
    const [first, second] = await Promise.all([invoke(), invoke()]);
    assert.equal(cardTexts(first.body.value)[0], 'Jean Dupont was added');
    assert.equal(cardTexts(second.body.value)[0], 'Jean Dupont was added');
    const file = await onDisk();
    assert.equal(file.users.filter((user) => user.email === 'jean@contoso.com').length, 1);
    assert.equal(file.audit.filter((entry) => entry.action === 'user.added').length, 1);
  });

  it('an invoke from someone who may not add users changes nothing on disk', async () => {
    const before = await storedBytes(bot.dir, TENANT);
    const response = await bot.post(
      executeActivity(LYNNE, 'add_user.submit', {
        flowId: '6f1c3a52-8a3b-4d7e-9a57-1c2f3e4d5a6b',
        displayName: 'X',
        email: 'x@contoso.com',
        role_global_admin: 'true',
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(cardTexts(response.body.value)[0], 'This form is closed');
    assert.equal(await storedBytes(bot.dir, TENANT), before);
  });

  it('a role lookup over HTTP', async () => {
    const response = await bot.post(messageActivity(ALEX, 'who are the global admins'));
    assert.equal(cardTexts(firstCard(response.body.activities[0]))[0], 'Global admin: 1');
  });
});
