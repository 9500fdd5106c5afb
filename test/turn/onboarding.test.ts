import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity, teamsActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, TENANT } from '../helpers/people.js';
import type { MemberLookup } from '../../src/teams/access.js';

/**
 * A newly bootstrapped organization (production mode, one bootstrap admin known by email, no demo
 * data) taken from an empty profile to a complete onboarding checklist entirely in chat, in English
 * and in French; the invited second Global admin is linked and welcomed on their first message.
 * Only the Teams roster (Microsoft's cloud) is replaced, by a table of who is who.
 */
const FABRIKAM = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const FIONA = {
  name: 'Fiona Fabrikam',
  aadObjectId: 'f1000000-0000-4000-8000-000000000001',
  email: 'fiona@fabrikam.com',
};
const GABRIEL = {
  name: 'Gabriel Fabrikam',
  aadObjectId: 'f1000000-0000-4000-8000-000000000002',
  email: 'gabriel@fabrikam.com',
};
const STRANGER = {
  name: 'Sam Stranger',
  aadObjectId: 'f1000000-0000-4000-8000-000000000009',
  email: 'sam@fabrikam.com',
};
const PEOPLE = [FIONA, GABRIEL, STRANGER];

const roster: MemberLookup = async (context: TurnContext) => {
  const person = PEOPLE.find((candidate) => candidate.aadObjectId === context.activity.from.aadObjectId);
  return person ? { email: person.email, userPrincipalName: person.email, name: person.name } : undefined;
};

const ENV = {
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppPassword: 'test-only',
  ALLOWED_TENANTS: FABRIKAM,
  BOOTSTRAP_ADMINS: `${FABRIKAM}:${FIONA.email}`,
};

interface Phrasebook {
  locale: string;
  checklistTitle: (done: number) => string;
  completeTitle: string;
  support: string;
  tax: string;
  contact: string;
  partnerId: string;
  addUser: string;
  getStarted: string;
  help: string;
  welcome: string;
  needsCountryCode: string;
}

const PHRASES: Record<'en' | 'fr', Phrasebook> = {
  en: {
    locale: 'en-US',
    checklistTitle: (done) => `Set up your partner account: ${done} of 6 done`,
    completeTitle: 'Your partner account is set up',
    support: 'update our support details',
    tax: 'tax exemptions',
    contact: 'set the primary contact',
    partnerId: 'associate our PartnerID',
    addUser: 'add a user',
    getStarted: 'get started',
    help: 'help',
    welcome: 'Welcome to',
    needsCountryCode: "Start with the country code (for example +33 or +1): I don't know your company's country yet.",
  },
  fr: {
    locale: 'fr-FR',
    checklistTitle: (done) => `Configurer votre compte partenaire : ${done} étapes sur 6`,
    completeTitle: 'Votre compte partenaire est configuré',
    support: 'mettre à jour les détails du support',
    tax: 'exonérations fiscales',
    contact: 'changer le contact principal',
    partnerId: 'associer notre ID MPN',
    addUser: 'ajouter un utilisateur',
    getStarted: 'premiers pas',
    help: 'aide',
    welcome: 'Bienvenue dans',
    needsCountryCode:
      "Commencez par l'indicatif du pays (par exemple +33 ou +1) : je ne connais pas encore le pays de votre entreprise.",
  },
};

for (const language of ['en', 'fr'] as const) {
  const say = PHRASES[language];

  describe(`onboarding from an empty organization to a complete checklist (${language})`, () => {
    let bot: Harness;
    before(async () => {
      bot = await createHarness({ env: ENV, memberLookup: roster });
    });
    after(async () => bot.cleanup());

    const org = () => bot.store.organization(FABRIKAM)!.read();
    const opts = { tenantId: FABRIKAM, locale: say.locale };
    const send = (person: typeof FIONA, text: string) => bot.send(messageActivity(person, text, opts));
    const click = async (person: typeof FIONA, verb: string, data: Record<string, unknown>) =>
      invokeCard(await bot.send(executeActivity(person, verb, data, opts)));
    const lastCard = (replies: unknown[]) => firstCard(replies.at(-1) as never);
    const stepStates = (card: unknown) => {
      const texts = cardTexts(card);
      return texts.filter((text, index) => /^\d\. /.test(texts[index + 1] ?? '') && text.length < 20);
    };

    it('starts with only the bootstrap admin, invited, and an empty profile', () => {
      assert.equal(bot.store.organization(TENANT), undefined, 'no demo data in production');
      assert.deepEqual(
        org().users.map((user) => [user.email, user.status]),
        [[FIONA.email, 'invited']],
      );
      assert.deepEqual(org().organization.profile.locations, []);
    });

    it('the bootstrap admin opens a chat: linked by the roster email, greeted with her roles, and shown the checklist with every step to do', async () => {
      const replies = await bot.send(
        teamsActivity(FIONA, { type: 'conversationUpdate', membersAdded: [{ id: '28:partner-admin-bot' }] }, opts),
      );
      assert.ok(cardTexts(firstCard(replies[0] as never))[0]!.startsWith(say.welcome));
      const checklist = lastCard(replies);
      assert.equal(cardTexts(checklist)[0], say.checklistTitle(0));
      assert.equal(stepStates(checklist).length, 6);
      const fiona = org().users[0]!;
      assert.deepEqual([fiona.status, fiona.aadObjectId, fiona.displayName], ['active', FIONA.aadObjectId, FIONA.name]);
    });

    it('step 1, support details: a phone without country code is refused (country unknown yet), then saved', async () => {
      const flowId = actionData(lastCard(await send(FIONA, say.support)), 'support_profile.save').flowId;
      const refused = await click(FIONA, 'support_profile.save', {
        flowId,
        website: 'fabrikam.com/support',
        email: 'support@fabrikam.com',
        phone: '01 70 36 42 99',
      });
      assert.ok(cardTexts(refused).includes(say.needsCountryCode), cardTexts(refused).join(' | '));
      await click(FIONA, 'support_profile.save', {
        flowId,
        website: 'fabrikam.com/support',
        email: 'support@fabrikam.com',
        phone: '+33 1 70 36 42 99',
      });
      assert.deepEqual(org().organization.profile.supportProfile, {
        website: 'https://fabrikam.com/support',
        email: 'support@fabrikam.com',
        phone: '+33 1 70 36 42 99',
      });
    });

    it('step 2, tax exemptions: not enrolled in CSP, recorded as not applicable', async () => {
      const card = lastCard(await send(FIONA, say.tax));
      await click(FIONA, 'tax_exemptions.record', {
        ...actionData(card, 'tax_exemptions.record'),
        state: 'not_applicable',
      });
      assert.equal(org().organization.onboarding?.taxExemptions?.state, 'not_applicable');
    });

    it('step 3, primary contact: an unverified account keeps its status, saved without a confirmation', async () => {
      const flowId = actionData(lastCard(await send(FIONA, say.contact)), 'primary_contact.submit').flowId;
      await click(FIONA, 'primary_contact.submit', {
        flowId,
        firstName: 'Fiona',
        lastName: 'Fabrikam',
        email: FIONA.email,
        phone: '+33 1 70 36 42 98',
      });
      assert.equal(org().organization.profile.primaryContact?.email, FIONA.email);
      assert.equal(org().organization.profile.verification.status, 'none');
    });

    it('step 4, PartnerID: no location yet, so one is added, then associated after giving the tenant country', async () => {
      const card = lastCard(await send(FIONA, say.partnerId));
      const form = await click(FIONA, 'partner_id.add_location', actionData(card, 'partner_id.add_location'));
      const association = await click(FIONA, 'location.save', {
        ...actionData(form, 'location.save'),
        name: 'Fabrikam Paris',
        city: 'Paris',
        country: 'FR',
        partnerId: '7204511',
      });
      const location = org().organization.profile.locations[0]!;
      await click(FIONA, 'partner_id.associate', {
        ...actionData(association, 'partner_id.associate'),
        locationId: location.id,
        partnerId: '',
        tenantCountry: 'FR',
      });
      assert.equal(org().organization.profile.locations[0]?.cspTenantId, FABRIKAM);
      assert.equal(org().organization.profile.tenants.find((tenant) => tenant.primary)?.country, 'FR');
    });

    it('steps 5 and 6: a Billing admin and a second Global admin are added; the checklist waits for the invited admin', async () => {
      for (const [name, email, role] of [
        ['Hugo Fabrikam', 'hugo@fabrikam.com', 'billing_admin'],
        [GABRIEL.name, GABRIEL.email, 'global_admin'],
      ] as const) {
        const flowId = actionData(lastCard(await send(FIONA, say.addUser)), 'add_user.submit').flowId;
        const answer = await click(FIONA, 'add_user.submit', {
          flowId,
          displayName: name,
          email,
          [`role_${role}`]: 'true',
        });
        if (role === 'global_admin') await click(FIONA, 'add_user.confirm', actionData(answer, 'add_user.confirm'));
      }
      assert.deepEqual(
        org().users.map((user) => [user.email, user.status]),
        [
          [FIONA.email, 'active'],
          ['hugo@fabrikam.com', 'invited'],
          [GABRIEL.email, 'invited'],
        ],
      );
      const checklist = lastCard(await send(FIONA, say.getStarted));
      assert.equal(cardTexts(checklist)[0], say.checklistTitle(5));
      assert.equal(org().organization.onboarding?.completedAt, undefined);
    });

    it("the invited Global admin's first message links and welcomes him with his roles; the checklist is then complete, once", async () => {
      const replies = await send(GABRIEL, say.help);
      const greeting = cardTexts(firstCard(replies[0] as never));
      assert.ok(greeting[0]!.startsWith(say.welcome) && greeting[0]!.includes(GABRIEL.name), greeting.join(' | '));
      assert.ok(greeting.some((text) => /Global admin|Administrateur général/.test(text)));
      const gabriel = org().users.find((user) => user.email === GABRIEL.email)!;
      assert.deepEqual([gabriel.status, gabriel.aadObjectId], ['active', GABRIEL.aadObjectId]);
      assert.ok(org().organization.onboarding?.completedAt, 'completion recorded');
      assert.equal(org().audit.filter((entry) => entry.action === 'organization.onboarding_completed').length, 1);
    });

    it('a finished checklist is no longer pushed, but stays reachable', async () => {
      const help = await send(FIONA, say.help);
      assert.equal(help.length, 1, 'only the help card');
      const checklist = lastCard(await send(FIONA, say.getStarted));
      assert.equal(cardTexts(checklist)[0], say.completeTitle);
    });

    it('someone of the tenant who is not a user is told who the admins are, and sees nothing else', async () => {
      const before = JSON.stringify(org());
      const [reply, ...others] = await send(STRANGER, say.support);
      assert.deepEqual(others, []);
      assert.ok(reply?.text?.includes(FIONA.name) && reply.text.includes(GABRIEL.name), reply?.text);
      assert.ok(!JSON.stringify(reply).includes('support@fabrikam.com'));
      assert.equal(JSON.stringify(org()), before);
    });
  });
}

/** The Action.Submit buttons of a card: title and data. */
function buttonsOf(card: unknown): [string, unknown][] {
  const found: [string, unknown][] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit') found.push([record.title as string, record.data]);
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

describe('onboarding checklist in the demo organization', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  it('each step has a button to the conversation that does it, only for admins who may do it', async () => {
    const card = firstCard((await bot.send(messageActivity(ALEX, 'get started'))).at(-1) as never);
    assert.deepEqual(buttonsOf(card), [
      ['Review support details', { command: 'update_support_profile', via: 'checklist' }],
      ['Tax exemptions', { command: 'tax_exemptions', via: 'checklist' }],
      ['Review the primary contact', { command: 'update_primary_contact', via: 'checklist' }],
      ['Review the PartnerID', { command: 'associate_partner_id', via: 'checklist' }],
      ['Add another user', { command: 'add_user', via: 'checklist' }],
      ['Make someone Global admin', { command: 'assign_roles', roleId: 'global_admin', via: 'checklist' }],
    ]);
    const megan = firstCard(
      (
        await bot.send(
          messageActivity({ name: 'Megan Bowen', aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f02' }, 'get started'),
        )
      ).at(-1) as never,
    );
    assert.deepEqual(
      buttonsOf(megan),
      [['Tax exemptions', { command: 'tax_exemptions', via: 'checklist' }]],
      'a Billing admin records tax exemptions, nothing else',
    );
  });

  it('"mise en route" brings the checklist, to a Report viewer too', async () => {
    for (const who of [ALEX, LYNNE]) {
      const card = firstCard(
        (await bot.send(messageActivity(who, 'mise en route', { locale: 'fr-FR' }))).at(-1) as never,
      );
      assert.match(cardTexts(card)[0] ?? '', /^Configurer votre compte partenaire/);
    }
  });

  it('"Back to the checklist" follows a step started from the checklist, not the same task asked in chat', async () => {
    const saveSupport = async (form: unknown) =>
      invokeCard(
        await bot.send(
          executeActivity(ALEX, 'support_profile.save', {
            ...actionData(form, 'support_profile.save'),
            email: 'support@contoso.com',
            phone: '+33 1 70 36 42 99',
            website: 'https://support.contoso.com',
          }),
        ),
      );
    const typed = firstCard((await bot.send(messageActivity(ALEX, 'update our support details'))).at(-1) as never);
    assert.deepEqual(buttonsOf(await saveSupport(typed)), []);

    const checklist = firstCard((await bot.send(messageActivity(ALEX, 'get started'))).at(-1) as never);
    const [, data] = buttonsOf(checklist).find(([title]) => title === 'Review support details')!;
    const fromChecklist = firstCard(
      (await bot.send(teamsActivity(ALEX, { type: 'message', value: data }))).at(-1) as never,
    );
    assert.deepEqual(buttonsOf(await saveSupport(fromChecklist)), [
      ['Back to the checklist', { command: 'onboarding' }],
    ]);
  });

  it('"at least two Global admins" is done as soon as a second Global admin is active', async () => {
    const states = async () =>
      cardTexts(firstCard((await bot.send(messageActivity(ALEX, 'get started'))).at(-1) as never));
    assert.ok((await states()).some((text) => text.startsWith('Active Global admins: 1')));
    const confirm = firstCard((await bot.send(messageActivity(ALEX, 'make Nestor a global admin'))).at(-1) as never);
    await bot.send(executeActivity(ALEX, 'edit_roles.confirm', actionData(confirm, 'edit_roles.confirm')));
    const texts = await states();
    assert.ok(
      texts.some((text) => text.startsWith('Active Global admins: 2')),
      texts.join(' | '),
    );
    assert.equal(texts[0], 'Set up your partner account: 5 of 6 done');
  });
});

describe('onboarding checklist: what each person may see', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const shown = async (sender: typeof ALEX) =>
    cardTexts(firstCard((await bot.send(messageActivity(sender, 'get started')))[0] as never)).join(' | ');

  it('shows the support details, primary contact and PartnerID only to who may see them on the profile card', async () => {
    const forAlex = await shown(ALEX);
    const forLynne = await shown(LYNNE);
    for (const detail of ['support@contoso.com', 'alexw@contoso.com', 'PartnerID 6104521']) {
      assert.ok(forAlex.includes(detail), `${detail}: ${forAlex}`);
      assert.ok(!forLynne.includes(detail), `${detail}: ${forLynne}`);
    }
    // Her progress is the organization's: the same steps, done or not.
    assert.ok(forLynne.startsWith('Set up your partner account: 4 of 6 done'), forLynne);
  });
});
