import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity, submitActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, MEGAN, NESTOR, OTHER_TENANT, PATTI, TENANT } from '../helpers/people.js';

/**
 * Keeping the organization profile right in chat: support details, primary contact, PartnerID
 * association and locations, tax exemptions, history. Each change is asserted on the store file
 * and the audit log, and each refusal changes nothing.
 */
describe('conversation: organization profile', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const profile = () => org().organization.profile;
  const lastAudit = () => org().audit.at(-1)!;

  async function open(sender: typeof ALEX, text: string, verb: string, locale = 'en-US') {
    const replies = await bot.send(messageActivity(sender, text, { locale }));
    const card = firstCard(replies.at(-1) as never);
    return { card, flowId: actionData(card, verb).flowId as string };
  }
  const click = async (sender: typeof ALEX, verb: string, data: Record<string, unknown>, locale = 'en-US') =>
    invokeCard(await bot.send(executeActivity(sender, verb, data, { locale })));

  it('the profile card names countries in the admin language, never by code', async () => {
    for (const [locale, country] of [
      ['en-US', 'France'],
      ['fr-FR', 'France'],
    ] as const) {
      const [reply] = await bot.send(messageActivity(ALEX, 'company profile', { locale }));
      const address = cardTexts(firstCard(reply as never)).find((text) => text.startsWith('18 rue de Londres'));
      assert.equal(address, `18 rue de Londres, 75009 Paris, ${country}`);
    }
  });

  describe('support details', () => {
    it('shows what is saved, refuses a bad website and phone by their field with the input kept, then saves normalized values (audited)', async () => {
      const { card, flowId } = await open(ALEX, 'update our support details', 'support_profile.save');
      assert.deepEqual(cardInputs(card), {
        website: 'https://support.contoso.com',
        email: 'support@contoso.com',
        phone: '+33 1 70 36 42 99',
      });
      const before = profile().supportProfile;
      const auditSize = org().audit.length;

      const refused = await click(ALEX, 'support_profile.save', {
        flowId,
        website: 'javascript:alert(1)',
        email: 'support@contoso.com',
        phone: '12',
      });
      const texts = cardTexts(refused);
      assert.ok(texts.includes('Only a web page address (https://…) can be given to customers.'), texts.join(' | '));
      assert.ok(texts.some((text) => text.startsWith("This isn't a valid phone number.")));
      assert.deepEqual(cardInputs(refused), {
        website: 'javascript:alert(1)',
        email: 'support@contoso.com',
        phone: '12',
      });
      assert.deepEqual(profile().supportProfile, before);
      assert.equal(org().audit.length, auditSize);

      const done = await click(ALEX, 'support_profile.save', {
        flowId,
        website: 'help.contoso.fr',
        email: ' Help@Contoso.com ',
        phone: '01 70 36 42 98',
      });
      assert.equal(cardTexts(done)[0], 'Support details saved');
      // A number without a country code is read in the organization's country (France).
      assert.deepEqual(profile().supportProfile, {
        website: 'https://help.contoso.fr/',
        email: 'help@contoso.com',
        phone: '+33 1 70 36 42 98',
      });
      assert.equal(lastAudit().action, 'organization.support_profile_changed');
      assert.equal(lastAudit().actor.userId, 'u-alex');
      assert.deepEqual(lastAudit().before, before);
    });

    it('a Report viewer is refused when asking, and a forged save changes nothing', async () => {
      const [reply] = await bot.send(messageActivity(LYNNE, 'change the support phone'));
      assert.match(reply?.text ?? '', /Your roles don't allow that/);
      const before = profile().supportProfile;
      const card = await click(LYNNE, 'support_profile.save', {
        flowId: '00000000-0000-4000-8000-000000000000',
        website: '',
        email: 'evil@example.com',
        phone: '+1 202 555 0100',
      });
      assert.equal(cardTexts(card)[0], 'This form is closed');
      assert.deepEqual(profile().supportProfile, before);
    });

    it('checks the permission again at save: an admin who lost the right meanwhile is refused, and the refusal is audited', async () => {
      const { flowId } = await open(PATTI, 'mettre à jour les détails du support', 'support_profile.save', 'fr-FR');
      // Alex takes Account admin away from Patti while her form is open.
      await bot.store.organization(TENANT)!.change((current) => ({
        next: {
          ...current,
          users: current.users.map((user) =>
            user.id === 'u-patti' ? { ...user, roles: ['mpn_partner_admin' as const] } : user,
          ),
        },
        result: undefined,
        audit: [
          {
            actor: { userId: 'u-alex', displayName: 'Alex Wilber' },
            action: 'user.roles_changed',
            target: { type: 'user', id: 'u-patti' },
            outcome: 'applied',
          },
        ],
      }));
      const before = profile().supportProfile;
      const card = await click(
        PATTI,
        'support_profile.save',
        { flowId, website: '', email: 'aide@contoso.com', phone: '+33 1 70 36 42 00' },
        'fr-FR',
      );
      assert.equal(cardTexts(card)[0], "Rien n'a été modifié");
      assert.deepEqual(profile().supportProfile, before);
      assert.deepEqual(
        [lastAudit().action, lastAudit().outcome, lastAudit().reason],
        ['organization.support_profile_changed', 'refused', 'missing_permission'],
      );
    });

    it('a form older than a change someone else saved does not overwrite it (stale card)', async () => {
      const alex = await open(ALEX, 'update the support details', 'support_profile.save');
      const patti = await open(PATTI, 'update the support details', 'support_profile.save');
      await click(PATTI, 'support_profile.save', {
        flowId: patti.flowId,
        website: '',
        email: 'patti.support@contoso.com',
        phone: '+33 1 70 36 42 01',
      });
      const card = await click(ALEX, 'support_profile.save', {
        flowId: alex.flowId,
        website: '',
        email: 'alex.support@contoso.com',
        phone: '+33 1 70 36 42 02',
      });
      assert.match(cardTexts(card).join(' '), /Someone changed this while you were editing it/);
      assert.equal(cardInputs(card).email, 'patti.support@contoso.com');
      assert.equal(profile().supportProfile?.email, 'patti.support@contoso.com');
    });

    it('a one-line request fills in the form, and nothing is saved until Save', async () => {
      const before = profile().supportProfile;
      const { card } = await open(
        ALEX,
        'change our support phone to +33 1 70 36 42 11 and the site to help.contoso.fr',
        'support_profile.save',
      );
      assert.deepEqual(cardInputs(card), {
        website: 'help.contoso.fr',
        email: 'support@contoso.com',
        phone: '+33 1 70 36 42 11',
      });
      assert.ok(cardTexts(card).some((text) => text.startsWith('I filled in what your message gave')));
      assert.deepEqual(profile().supportProfile, before);
    });

    it('the Action.Submit fallback saves through the same checks', async () => {
      const { flowId } = await open(ALEX, 'update the support details', 'support_profile.save');
      const replies = await bot.send(
        submitActivity(ALEX, 'support_profile.save', {
          flowId,
          website: '',
          email: 'ops@contoso.com',
          phone: '+1 415 555 2671',
        }),
      );
      assert.equal(cardTexts(firstCard(replies[0] as never))[0], 'Support details saved');
      assert.deepEqual(profile().supportProfile, { email: 'ops@contoso.com', phone: '+1 415 555 2671' });
    });
  });

  describe('primary contact', () => {
    it('a verified account: the admin is told it goes back to pending and confirms; nothing changes before Save', async () => {
      const { flowId } = await open(ALEX, 'change the primary contact', 'primary_contact.submit');
      const confirm = await click(ALEX, 'primary_contact.submit', {
        flowId,
        firstName: 'Megan',
        lastName: 'Bowen',
        email: 'meganb@contoso.com',
        phone: '+33 1 70 36 42 10',
      });
      const texts = cardTexts(confirm);
      assert.equal(texts[0], 'Change the primary contact?');
      assert.ok(
        texts.some((text) => text.includes('makes Microsoft verify it again') && text.includes('becomes In progress')),
        texts.join(' | '),
      );
      assert.equal(profile().primaryContact?.firstName, 'Alex');
      assert.equal(profile().verification.status, 'authorized');

      const done = await click(ALEX, 'primary_contact.confirm', { flowId });
      assert.equal(cardTexts(done)[0], 'Primary contact saved');
      assert.deepEqual(profile().primaryContact, {
        firstName: 'Megan',
        lastName: 'Bowen',
        email: 'meganb@contoso.com',
        phone: '+33 1 70 36 42 10',
      });
      assert.equal(profile().verification.status, 'pending');
      assert.equal(lastAudit().action, 'organization.primary_contact_changed');
      assert.deepEqual(lastAudit().after, { primaryContact: profile().primaryContact, verification: 'pending' });
      // A second click on Save changes nothing more.
      const auditSize = org().audit.length;
      assert.equal(cardTexts(await click(ALEX, 'primary_contact.confirm', { flowId }))[0], 'Primary contact saved');
      assert.equal(org().audit.length, auditSize);
    });

    it('in French, with bad input: each field says what is wrong, in French', async () => {
      const { flowId } = await open(PATTI, 'changer le contact principal', 'primary_contact.submit', 'fr-FR');
      const card = await click(
        PATTI,
        'primary_contact.submit',
        { flowId, firstName: '', lastName: 'Dupont\u202E', email: 'jean@', phone: 'abc' },
        'fr-FR',
      );
      const texts = cardTexts(card);
      for (const message of [
        'Saisissez un prénom.',
        'Ce nom contient des caractères de contrôle ou de direction. Saisissez-le de nouveau sans eux.',
        'Cela ne ressemble pas à une adresse e-mail (par exemple support@contoso.com).',
        "Ce numéro de téléphone n'est pas valide. Vérifiez les chiffres, par exemple +33 1 70 36 42 99.",
      ]) {
        assert.ok(texts.includes(message), `${message} in ${texts.join(' | ')}`);
      }
      assert.equal(profile().primaryContact?.firstName, 'Alex');
    });

    it('refuses an onmicrosoft.com address: Microsoft would never reach the contact about verification', async () => {
      const { flowId } = await open(ALEX, 'change the primary contact', 'primary_contact.submit');
      const card = await click(ALEX, 'primary_contact.submit', {
        flowId,
        firstName: 'Alex',
        lastName: 'Wilber',
        email: 'alex@contoso.onmicrosoft.com',
        phone: '+33 1 70 36 42 00',
      });
      assert.ok(
        cardTexts(card).some((text) => text.startsWith("Microsoft doesn't send email to onmicrosoft.com addresses.")),
        cardTexts(card).join(' | '),
      );
      assert.equal(profile().primaryContact?.email, 'alexw@contoso.com');
    });

    it('"set the primary contact to Megan" fills in her name and work email from her user record', async () => {
      const { card } = await open(ALEX, 'set the primary contact to Megan', 'primary_contact.submit');
      assert.deepEqual(cardInputs(card), {
        firstName: 'Megan',
        lastName: 'Bowen',
        email: 'meganb@contoso.com',
        phone: '+33 1 70 36 42 00',
      });
      assert.equal(profile().primaryContact?.firstName, 'Alex');
    });

    it('Megan (Billing admin) may not change it', async () => {
      const [reply] = await bot.send(messageActivity(MEGAN, 'update our main contact'));
      assert.match(reply?.text ?? '', /Your roles don't allow that/);
    });
  });

  describe('PartnerID and locations', () => {
    const typePartnerId = async (partnerId: string) => {
      const { flowId } = await open(ALEX, 'associate our PartnerID', 'partner_id.associate');
      return click(ALEX, 'partner_id.associate', { flowId, locationId: '', partnerId });
    };

    for (const [partnerId, message, reason] of [
      [
        '6104523',
        'Contoso Cloud Services – Montréal (PartnerID 6104523) is inactive: only an active location can be associated.',
        'inactive',
      ],
      ['9999999', 'No location of your profile has PartnerID 9999999.', 'unknown_partner_id'],
      ['12ab', '"12ab" isn\'t a PartnerID: a PartnerID is 5 to 10 digits.', 'invalid_partner_id'],
    ] as const) {
      it(`refuses PartnerID "${partnerId}" with the reason (${reason}), audited, nothing changed`, async () => {
        const before = profile().locations;
        const card = await typePartnerId(partnerId);
        assert.ok(
          cardTexts(card).some((text) => text.startsWith(message)),
          cardTexts(card).join(' | '),
        );
        assert.deepEqual(profile().locations, before);
        assert.deepEqual(
          [lastAudit().action, lastAudit().outcome, lastAudit().reason],
          ['organization.partner_id_associated', 'refused', reason],
        );
      });
    }

    it('refuses a location in another country than the tenant, with both countries named', async () => {
      const { flowId } = await open(ALEX, 'add a location', 'location.save');
      const added = await click(ALEX, 'location.save', {
        flowId,
        name: 'Contoso Toronto',
        city: 'Toronto',
        country: 'CA',
        partnerId: '6104530',
      });
      assert.match(cardTexts(added).join(' '), /Contoso Toronto \(PartnerID 6104530\) was added/);
      const toronto = profile().locations.find((location) => location.partnerId === '6104530')!;
      assert.deepEqual([toronto.status, toronto.country], ['active', 'CA']);
      assert.equal(lastAudit().action, 'organization.location_added');

      const card = await click(ALEX, 'partner_id.associate', {
        flowId: actionData(added, 'partner_id.associate').flowId,
        locationId: toronto.id,
        partnerId: '',
      });
      assert.ok(
        cardTexts(card).includes(
          'Contoso Toronto is in Canada, but your Entra tenant is in France. The location must be in the same country or region as the tenant.',
        ),
        cardTexts(card).join(' | '),
      );
      assert.equal(profile().locations.find((location) => location.id === toronto.id)?.cspTenantId, undefined);
      assert.equal(lastAudit().reason, 'country_mismatch');
    });

    it('moving the association to another location is confirmed first, from and to; then the tenant moves (one-to-one)', async () => {
      const confirmation = await typePartnerId('6104 522');
      const texts = cardTexts(confirmation);
      assert.equal(texts[0], 'Move your PartnerID association?');
      assert.ok(
        texts.includes('From') &&
          texts.some((text) => text.startsWith('Contoso Cloud Services – Paris (HQ) · PartnerID 6104521')),
        texts.join(' | '),
      );
      assert.ok(
        texts.includes('To') &&
          texts.some((text) => text.startsWith('Contoso Cloud Services – Lyon · PartnerID 6104522')),
      );
      const auditBefore = org().audit.length;
      assert.equal(profile().locations.find((location) => location.cspTenantId === TENANT)?.id, 'loc-paris');

      const card = await click(ALEX, 'partner_id.confirm_move', actionData(confirmation, 'partner_id.confirm_move'));
      assert.equal(cardTexts(card)[0], 'PartnerID 6104522 is now associated with your account');
      assert.ok(cardTexts(card).includes('It replaces Contoso Cloud Services – Paris (HQ) (PartnerID 6104521).'));
      const linked = profile()
        .locations.filter((location) => location.cspTenantId === TENANT)
        .map((location) => location.id);
      assert.deepEqual(linked, ['loc-lyon']);
      assert.equal(org().audit.length, auditBefore + 1);
      assert.deepEqual(
        [lastAudit().action, lastAudit().before, (lastAudit().after as { partnerId: string }).partnerId],
        ['organization.partner_id_associated', { partnerId: '6104521' }, '6104522'],
      );
    });

    it('Back from the move keeps what was typed; Cancel moves nothing', async () => {
      const confirmation = await typePartnerId('6104522');
      const back = await click(ALEX, 'partner_id.back', actionData(confirmation, 'partner_id.back'));
      assert.equal(cardInputs(back).partnerId, '6104522');
      const again = await click(ALEX, 'partner_id.associate', {
        ...actionData(back, 'partner_id.associate'),
        locationId: '',
        partnerId: '6104522',
      });
      await click(ALEX, 'flow.cancel', actionData(again, 'flow.cancel'));
      assert.equal(profile().locations.find((location) => location.cspTenantId === TENANT)?.id, 'loc-paris');
      // The confirmation of a cancelled flow moves nothing either.
      await click(ALEX, 'partner_id.confirm_move', actionData(again, 'partner_id.confirm_move'));
      assert.equal(profile().locations.find((location) => location.cspTenantId === TENANT)?.id, 'loc-paris');
    });

    it('a move confirmed after another admin moved the association is stale: nothing saved, the form shows what is true now', async () => {
      const confirmation = await typePartnerId('6104522');
      // Meanwhile, Patti (another Global admin) associates Lyon herself.
      const { flowId } = await open(PATTI, 'associate our PartnerID', 'partner_id.associate');
      const theirs = await click(PATTI, 'partner_id.associate', { flowId, locationId: '', partnerId: '6104522' });
      await click(PATTI, 'partner_id.confirm_move', actionData(theirs, 'partner_id.confirm_move'));
      const auditBefore = org().audit.length;
      const card = await click(ALEX, 'partner_id.confirm_move', actionData(confirmation, 'partner_id.confirm_move'));
      const texts = cardTexts(card);
      assert.ok(
        texts.some((text) => text.startsWith('Contoso Cloud Services – Lyon · PartnerID 6104522')),
        texts.join(' | '),
      );
      assert.ok(
        texts.some((text) => text.startsWith('Someone changed this while you were editing it')),
        texts.join(' | '),
      );
      assert.equal(org().audit.length, auditBefore);
    });

    it('a location form refuses a duplicate PartnerID and a missing country', async () => {
      const { flowId } = await open(ALEX, 'ajouter un emplacement', 'location.save', 'fr-FR');
      const card = await click(
        ALEX,
        'location.save',
        { flowId, name: 'Lyon bis', city: 'Lyon', country: 'XX', partnerId: '6104522' },
        'fr-FR',
      );
      const texts = cardTexts(card);
      assert.ok(texts.includes('Un emplacement de votre profil a déjà ce PartnerID.'));
      assert.ok(texts.includes('Choisissez un pays ou une région.'));
      assert.equal(profile().locations.length, 3);
    });
  });

  describe('tax exemptions', () => {
    it('explains how they are filed; a Billing admin records "not applicable" (audited) and the checklist shows it', async () => {
      const replies = await bot.send(messageActivity(MEGAN, 'do tax exemptions apply to us?'));
      const card = firstCard(replies.at(-1) as never);
      const texts = cardTexts(card);
      assert.ok(texts.some((text) => text.includes('one exemption for each CSP tenant, through a support request')));
      const { flowId } = actionData(card, 'tax_exemptions.record');
      const done = await click(MEGAN, 'tax_exemptions.record', { flowId, state: 'not_applicable' });
      assert.equal(cardTexts(done)[0], "Recorded: tax exemptions don't apply");
      assert.equal(org().organization.onboarding?.taxExemptions?.state, 'not_applicable');
      assert.equal(org().organization.onboarding?.taxExemptions?.recordedBy.userId, 'u-megan');
      assert.equal(lastAudit().action, 'organization.tax_exemptions_recorded');
    });

    it('opening a form after reading the explanation says nothing about an unfinished form: nothing was typed', async () => {
      await bot.send(messageActivity(MEGAN, 'tax exemptions'));
      const replies = await bot.send(messageActivity(MEGAN, 'change my notification email'));
      assert.ok(
        replies.every((reply) => !(reply.text ?? '').includes('unfinished form')),
        JSON.stringify(replies.map((reply) => reply.text)),
      );
      assert.ok(firstCard(replies.at(-1) as never), 'the form was sent');
      // A form, by contrast, is named when another task closes it.
      const [note] = await bot.send(messageActivity(MEGAN, 'tax exemptions'));
      assert.equal(
        note?.text,
        'I closed your unfinished form (changing a notification email); nothing from it was saved.',
      );
    });

    it('a Report viewer reads the explanation but gets no buttons, and a forged record is refused', async () => {
      const replies = await bot.send(messageActivity(LYNNE, 'tax exemptions'));
      const card = firstCard(replies.at(-1) as never);
      assert.throws(() => actionData(card, 'tax_exemptions.record'));
      assert.ok(cardTexts(card).some((text) => text.startsWith("Your roles don't allow that")));
      const forged = await click(LYNNE, 'tax_exemptions.record', {
        flowId: '00000000-0000-4000-8000-000000000000',
        state: 'filed',
      });
      assert.equal(cardTexts(forged)[0], 'This form is closed');
      assert.equal(org().organization.onboarding, undefined);
    });
  });

  describe('history', () => {
    it('"what changed for Adele?": the changes made to her, newest first, with who did them', async () => {
      await bot.send(messageActivity(ALEX, 'make adele a billing admin'));
      const confirm = firstCard((await bot.send(messageActivity(ALEX, 'make adele a billing admin'))).at(-1) as never);
      await click(ALEX, 'edit_roles.confirm', actionData(confirm, 'edit_roles.confirm'));
      const replies = await bot.send(messageActivity(ALEX, 'what changed for Adele?'));
      const texts = cardTexts(firstCard(replies.at(-1) as never));
      assert.equal(texts[0], 'What changed for Adele Vance');
      assert.ok(
        texts.some((text) => text.endsWith(' · Alex Wilber: gave Adele Vance: Billing admin')),
        texts.join(' | '),
      );
      assert.ok(!texts.some((text) => text.includes('Megan')), 'only entries about Adele');
    });

    it('the organization history in French, refusals marked; a Report viewer is refused', async () => {
      await bot.send(messageActivity(LYNNE, 'remove megan'));
      await bot.send(messageActivity(LYNNE, 'update the support details'));
      const { flowId } = await open(ALEX, 'associate our PartnerID', 'partner_id.associate');
      await click(ALEX, 'partner_id.associate', { flowId, locationId: '', partnerId: '6104523' });
      const replies = await bot.send(messageActivity(NESTOR, 'historique', { locale: 'fr-FR' }));
      const texts = cardTexts(firstCard(replies.at(-1) as never));
      assert.equal(texts[0], 'Modifications récentes dans votre organisation');
      assert.ok(
        texts.some((text) =>
          text.endsWith(' · Alex Wilber : refusé (emplacement inactif), non effectué : a associé le PartnerID 6104523'),
        ),
        texts.join(' | '),
      );
      assert.ok(
        texts.some((text) => text.endsWith(" · Mise en place : a créé l'organisation de démonstration")),
        texts.join(' | '),
      );
      const [refused] = await bot.send(messageActivity(LYNNE, 'history'));
      assert.match(refused?.text ?? '', /Your roles don't allow that/);
    });
  });

  it('history pages ten entries at a time with Older and Newer; a page is anchored, so new entries do not shift it', async () => {
    // 24 refused attempts by Lynne, plus the set-up entries.
    for (let attempt = 0; attempt < 24; attempt += 1) await bot.send(messageActivity(LYNNE, 'remove megan'));
    const total = org().audit.filter((entry) => entry.action !== 'user.language_changed').length;
    const first = firstCard((await bot.send(messageActivity(ALEX, 'history'))).at(-1) as never);
    assert.ok(
      cardTexts(first).includes(`Entries 1 to 10 of ${total}, newest first. Time zone: UTC.`),
      cardTexts(first).join(' | '),
    );
    assert.throws(() => actionData(first, 'history.page', 'Newer'));
    const olderData = actionData(first, 'history.page', 'Older');

    // Someone writes meanwhile: "Older" still shows the ten entries after the first page (numbered
    // from the newest, so they are now 12 to 21).
    await bot.send(messageActivity(LYNNE, 'remove megan'));
    const second = await click(ALEX, 'history.page', olderData);
    assert.ok(
      cardTexts(second).includes(`Entries 12 to 21 of ${total + 1}, newest first. Time zone: UTC.`),
      cardTexts(second).join(' | ') || 'no card',
    );
    const shownAt = (card: unknown) =>
      cardTexts(card).filter((text) => /\d{4}/.test(text) && !text.startsWith('Entries'));
    assert.equal(shownAt(second).length, 10);

    const newer = await click(ALEX, 'history.page', actionData(second, 'history.page', 'Newer'));
    assert.ok(
      cardTexts(newer).some((text) => text.startsWith('Entries 2 to 11 of')),
      cardTexts(newer).join(' | '),
    );
    const hasOlder = (card: unknown) => cardTexts(card).includes('Older');
    let page = second;
    for (let step = 0; step < 10 && hasOlder(page); step += 1)
      page = await click(ALEX, 'history.page', actionData(page, 'history.page', 'Older'));
    assert.ok(
      cardTexts(page).some((text) => text.endsWith(' · Set-up: created the demo organization')),
      cardTexts(page).join(' | '),
    );

    // Asked again at the click: a Report viewer's forged click is refused; an unknown user is not shown.
    const refused = await click(LYNNE, 'history.page', olderData);
    assert.ok(cardTexts(refused).some((text) => text.startsWith("Your roles don't allow that")));
    const unknown = await click(ALEX, 'history.page', { targetId: 'u-someone-else' });
    assert.equal(cardTexts(unknown)[0], "I couldn't read this card");
  });

  it('history of one person pages through their entries only', async () => {
    for (let attempt = 0; attempt < 12; attempt += 1) await bot.send(messageActivity(LYNNE, 'remove megan'));
    const first = firstCard((await bot.send(messageActivity(ALEX, 'what changed for Megan?'))).at(-1) as never);
    const older = await click(ALEX, 'history.page', actionData(first, 'history.page', 'Older'));
    assert.equal(cardTexts(older)[0], 'What changed for Megan Bowen');
    assert.ok(cardTexts(older).every((text) => !text.includes('Adele')));
  });

  it("history times are in the admin's own time zone, as Teams sends it; UTC when it sends none or nonsense", async () => {
    const at = org().audit.at(-1)!.at;
    const shown = async (localTimezone?: string) =>
      cardTexts(
        firstCard(
          (await bot.send(messageActivity(ALEX, 'history', localTimezone ? { localTimezone } : {})))[0] as never,
        ),
      );
    const format = (timeZone: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(at));
    const inTokyo = await shown('Asia/Tokyo');
    assert.ok(
      inTokyo.some((text) => text.startsWith(`**${format('Asia/Tokyo')}** · `)) &&
        inTokyo.includes('Newest first. Time zone: Asia/Tokyo.'),
      inTokyo.join(' | '),
    );
    for (const sent of [undefined, 'Mars/Olympus_Mons'])
      assert.ok((await shown(sent)).includes('Newest first. Time zone: UTC.'));
  });

  it("a user of another tenant cannot read or change this organization's profile", async () => {
    const before = JSON.stringify(org());
    for (const text of [
      'show our company profile',
      'update the support details',
      'associate our PartnerID',
      'history',
    ]) {
      const [reply] = await bot.send(messageActivity(ALEX, text, { tenantId: OTHER_TENANT }));
      assert.ok(!JSON.stringify(reply).includes('Contoso'), `${text}: ${JSON.stringify(reply)}`);
    }
    await bot.send(
      executeActivity(
        ALEX,
        'support_profile.save',
        { flowId: 'x', email: 'evil@example.com', phone: '+1 202 555 0100' },
        { tenantId: OTHER_TENANT },
      ),
    );
    assert.equal(JSON.stringify(org()), before);
  });
});
