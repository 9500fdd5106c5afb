import assert from 'node:assert/strict';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, TENANT } from '../helpers/people.js';
import { forEachBackend } from '../helpers/backends.js';

/**
 * The account settings over HTTP on both backends: the security contact saved through an
 * Action.Execute invoke, one's own notification preferences, and a how-to answer in a group chat.
 */
forEachBackend('HTTP: account settings and how-to answers through the real server', function (backend) {
  this.timeout(60_000);
  let bot: HttpBot;
  beforeEach(async () => {
    bot = await startHttpBot({}, { backend });
  });
  afterEach(async () => bot?.stop());

  const stored = async () => (await bot.store.current(TENANT))!.read();

  it('the security contact and notification preferences are saved through invokes', async () => {
    const form = await bot.post(messageActivity(ALEX, 'change our security contact'));
    const flowId = actionData(firstCard(form.body.activities.at(-1)), 'security_contact.save').flowId;
    const saved = await bot.post(
      executeActivity(ALEX, 'security_contact.save', {
        flowId,
        firstName: 'Security',
        middleName: '',
        lastName: 'Team',
        email: 'security@contoso.com',
        phone: '+33 1 70 36 42 50',
      }),
    );
    assert.equal(saved.status, 200);
    assert.equal(cardTexts(saved.body.value)[0], 'Security contact saved');
    assert.equal((await stored()).organization.profile.securityContact?.email, 'security@contoso.com');

    const preferences = await bot.post(messageActivity(LYNNE, 'my notification preferences'));
    const prefFlow = actionData(firstCard(preferences.body.activities.at(-1)), 'notification_preferences.save').flowId;
    await bot.post(
      executeActivity(LYNNE, 'notification_preferences.save', {
        flowId: prefFlow,
        jobTitle: 'Analyst',
        emailLanguage: 'en-US',
        promotional: 'false',
        transactional: 'false',
      }),
    );
    const lynne = (await stored()).users.find((user) => user.id === 'u-lynne');
    assert.deepEqual(lynne?.notificationPreferences, {
      jobTitle: 'Analyst',
      emailLanguage: 'en-US',
      promotional: false,
      transactional: false,
    });
  });

  it('a how-to question is answered in a group chat too, with its source', async () => {
    const response = await bot.post(
      messageActivity(LYNNE, 'how do I open a support ticket?', { conversationType: 'groupChat' }),
    );
    const card = firstCard(response.body.activities.at(-1));
    assert.ok(
      JSON.stringify(card).includes('https://learn.microsoft.com/en-us/partner-center/'),
      JSON.stringify(card).slice(0, 300),
    );
  });
});
