import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity, teamsActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, PATTI, TENANT } from '../helpers/people.js';

/**
 * The rest of the account settings (issue 20): the security contact (Global admin only, no new
 * verification), the legal business profile (the country's address rules, a confirmation that
 * says verification and tax may follow), each user's own notification preferences, and how-to
 * answers with their steps, the role they need and their source.
 */
describe('conversation: account settings and how-to answers', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const command = (sender: typeof ALEX, command: string, args: Record<string, string> = {}, locale = 'en-US') =>
    bot.send(teamsActivity(sender, { type: 'message', value: { command, ...args } }, { locale }));
  const click = async (sender: typeof ALEX, verb: string, data: Record<string, unknown>, locale = 'en-US') =>
    invokeCard(await bot.send(executeActivity(sender, verb, data, { locale })));
  const lastCard = (replies: unknown[]) => firstCard(replies.at(-1) as never);

  describe('security contact', () => {
    it('a Global admin saves it, with a 24x7 phone checked; the verification status does not move', async () => {
      const form = lastCard(await command(ALEX, 'update_security_contact'));
      const flowId = actionData(form, 'security_contact.save').flowId;
      const typed = {
        flowId,
        firstName: 'Sec',
        middleName: '',
        lastName: 'Ops',
        email: 'soc@contoso.com',
        phone: '12',
      };
      const bad = cardTexts(await click(ALEX, 'security_contact.save', typed));
      assert.ok(
        bad.some((text) => text.startsWith("This isn't a valid phone number")),
        bad.join(' | '),
      );
      const done = cardTexts(await click(ALEX, 'security_contact.save', { ...typed, phone: '+33 1 70 36 42 50' }));
      assert.equal(done[0], 'Security contact saved');
      assert.equal(org().organization.profile.securityContact?.email, 'soc@contoso.com');
      assert.equal(org().organization.profile.verification.status, 'authorized');
      assert.equal(org().audit.at(-1)?.action, 'organization.security_contact_changed');
    });

    it('anyone else is refused, told who can, and the attempt is audited', async () => {
      const replies = await command(PATTI, 'update_security_contact', {}, 'fr-FR');
      assert.match(String(replies.at(-1)?.text), /Alex Wilber/);
      assert.equal(org().audit.at(-1)?.outcome, 'refused');
    });
  });

  describe('legal business profile', () => {
    it('a verified direct-bill partner keeps its legal name; the address is saved after a confirmation naming verification and tax', async () => {
      const form = lastCard(await command(ALEX, 'update_legal_profile'));
      const inputs = { ...cardInputs(form), flowId: actionData(form, 'legal_profile.submit').flowId };
      const renamed = cardTexts(
        await click(ALEX, 'legal_profile.submit', { ...inputs, legalName: 'Contoso Group SAS' }),
      );
      assert.ok(
        renamed.some((text) => text.includes("can't change its legal name here")),
        renamed.join(' | '),
      );
      const badPostal = cardTexts(await click(ALEX, 'legal_profile.submit', { ...inputs, postalCode: '750' }));
      assert.ok(badPostal.includes("This isn't a postal code of the country chosen."));
      const otherCountry = cardTexts(
        await click(ALEX, 'legal_profile.submit', { ...inputs, country: 'BE', postalCode: '1000' }),
      );
      assert.ok(otherCountry.includes("A CSP partner's legal country can't be changed."));

      const confirm = cardTexts(
        await click(ALEX, 'legal_profile.submit', { ...inputs, line1: '20 rue de Londres', postalCode: '75009' }),
      );
      assert.equal(confirm[0], 'Save the new legal profile?');
      assert.ok(confirm.some((text) => text.startsWith('Microsoft will verify your account again')));
      assert.ok(confirm.some((text) => text.startsWith('Your tax information may change too')));
      assert.equal(org().organization.profile.legal.address?.line1, '18 rue de Londres');

      const done = cardTexts(await click(ALEX, 'legal_profile.confirm', { flowId: inputs.flowId }));
      assert.equal(done[0], 'Legal business profile saved');
      assert.equal(org().organization.profile.legal.address?.line1, '20 rue de Londres');
      assert.equal(org().organization.profile.verification.status, 'pending');
    });

    it('a Report viewer is refused, told who can', async () => {
      const replies = await command(LYNNE, 'update_legal_profile');
      assert.match(String(replies.at(-1)?.text), /Ask Alex Wilber/);
    });
  });

  describe('my notification preferences', () => {
    it('anyone saves their own: job title, email language, categories; mandatory ones are said to be always on', async () => {
      const form = lastCard(await command(LYNNE, 'notification_preferences', {}, 'fr-FR'));
      const texts = cardTexts(form);
      assert.ok(
        texts.some((text) => text.startsWith('Les e-mails obligatoires')),
        texts.join(' | '),
      );
      const flowId = actionData(form, 'notification_preferences.save').flowId;
      const done = cardTexts(
        await click(
          LYNNE,
          'notification_preferences.save',
          { flowId, jobTitle: 'Analyste', emailLanguage: 'fr-FR', promotional: 'false', transactional: 'true' },
          'fr-FR',
        ),
      );
      assert.equal(done[0], 'Préférences de notification enregistrées');
      const lynne = org().users.find((user) => user.id === 'u-lynne');
      assert.deepEqual(lynne?.notificationPreferences, {
        jobTitle: 'Analyste',
        emailLanguage: 'fr-FR',
        promotional: false,
        transactional: true,
      });
      // A language not offered is refused by its field.
      const again = lastCard(await command(LYNNE, 'notification_preferences'));
      const refused = cardTexts(
        await click(LYNNE, 'notification_preferences.save', {
          flowId: actionData(again, 'notification_preferences.save').flowId,
          jobTitle: '',
          emailLanguage: 'xx-YY',
        }),
      );
      assert.ok(refused.includes('Choose a language from the list.'));
    });
  });

  describe('how-to answers', () => {
    it('answers a question the bot cannot do itself with the steps, the role needed, whether the admin has it, and the source', async () => {
      const card = lastCard(await bot.send(messageActivity(LYNNE, "how do I reset another user's password?")));
      const texts = cardTexts(card);
      assert.ok(/password/i.test(texts[0]!), texts.join(' | '));
      assert.ok(
        texts.some((text) => /^1\. /.test(text)),
        'numbered steps',
      );
      assert.ok(
        texts.some((text) => text.includes("which you don't have: ask Alex Wilber")),
        texts.join(' | '),
      );
      assert.ok(JSON.stringify(card).includes('https://learn.microsoft.com/'));
    });

    it('for what the bot does itself, the steps and the button that does it here (French)', async () => {
      const card = lastCard(
        await bot.send(messageActivity(ALEX, 'comment faire pour ajouter un utilisateur ?', { locale: 'fr-FR' })),
      );
      const texts = cardTexts(card);
      assert.ok(texts.includes('Le faire ici'), texts.join(' | '));
      assert.ok(texts.some((text) => text.includes("vous l'avez")));
    });

    it('a question outside the collection is answered honestly, with the closest answers and what the bot does', async () => {
      const card = lastCard(await command(ALEX, 'how_to', {}));
      assert.equal(cardTexts(card)[0], "I don't have steps for that");
      const topic = lastCard(await command(ALEX, 'how_to', { topic: 'support_ticket' }));
      assert.ok(JSON.stringify(topic).includes('https://learn.microsoft.com/'));
    });
  });
});
