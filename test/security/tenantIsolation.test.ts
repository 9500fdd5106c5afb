import assert from 'node:assert/strict';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity, submitActivity, teamsActivity, type Sender } from '../helpers/activities.js';
import { lastCard } from '../helpers/cardDriver.js';
import { actionData } from '../helpers/cardText.js';
import { ALEX, MEGAN, OTHER_TENANT, TENANT } from '../helpers/people.js';
import { LABELLED } from '../language/labelledUtterances.js';
import { INTENTS } from '../../src/language/intents.js';
import { demoOrganization, DEMO_CUSTOMERS, DEMO_USERS } from '../../src/store/demoOrganization.js';
import { OrganizationFileSchema, type OrganizationFile } from '../../src/store/schema.js';
import { CONVERSATIONS } from '../../src/app.js';
import { ConversationCatalog } from '../../src/conversation/catalog.js';
import { forEachBackend } from '../helpers/backends.js';

/**
 * Two partner organizations in one store: Contoso (tenant A, the demo organization) and Fabrikam
 * (tenant B). Fabrikam's Global admin sends every intent and every card action, with card data
 * naming Contoso's users, ids, tenant and even a form Contoso's admin has open. Nothing of Contoso
 * may come back, and Contoso's file must not change by a byte.
 */
const FABRIKAM_ADMIN: Sender = { name: 'Bob Builder', aadObjectId: '3c2d1e0f-8a7b-4c6d-9e5f-1a2b3c4d5e60' };
const FABRIKAM_VIEWER: Sender = { name: 'Carol Chen', aadObjectId: '3c2d1e0f-8a7b-4c6d-9e5f-1a2b3c4d5e61' };
const B = { tenantId: OTHER_TENANT };

/** Fabrikam: the demo document with every Contoso word, address and id replaced, and two users of its own. */
function fabrikam(now: string): OrganizationFile {
  let text = JSON.stringify(demoOrganization(now))
    .replaceAll(TENANT, OTHER_TENANT)
    .replaceAll('contoso', 'fabrikam')
    .replaceAll('Contoso', 'Fabrikam');
  for (const user of DEMO_USERS) {
    const [first, last] = user.displayName.split(' ') as [string, string];
    text = text
      .replaceAll(user.displayName, 'Bob Builder')
      .replaceAll(`"${first}"`, '"Bob"')
      .replaceAll(`"${last}"`, '"Builder"');
  }
  const document = JSON.parse(text) as OrganizationFile;
  const template = document.users.find((user) => user.id === 'u-alex')!;
  const users = [
    {
      ...template,
      id: 'b-bob',
      displayName: FABRIKAM_ADMIN.name,
      email: 'bob@fabrikam.com',
      aadObjectId: FABRIKAM_ADMIN.aadObjectId,
    },
    {
      ...template,
      id: 'b-carol',
      displayName: FABRIKAM_VIEWER.name,
      email: 'carol@fabrikam.com',
      aadObjectId: FABRIKAM_VIEWER.aadObjectId,
      roles: ['report_viewer' as const],
    },
  ];
  const profile = {
    ...document.organization.profile,
    primaryContact: { firstName: 'Bob', lastName: 'Builder', email: 'bob@fabrikam.com', phone: '+33 1 70 36 42 00' },
  };
  // Fabrikam's own customer: Contoso's customers (their names, domains, Microsoft IDs) are Contoso's.
  const [templateCustomer] = document.customers;
  const customers = [
    {
      ...templateCustomer!,
      id: 'cust-proseware',
      companyName: 'Proseware, Inc.',
      microsoftId: '9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a',
      domains: ['proseware.onmicrosoft.com'],
      contact: { firstName: 'Pat', lastName: 'Lee', email: 'pat@proseware.com' },
      agreement: { acceptedBy: 'Pat Lee', email: 'pat@proseware.com', acceptedOn: '2025-01-02' },
      users: [],
    },
  ];
  return OrganizationFileSchema.parse({
    ...document,
    organization: { ...document.organization, profile },
    users,
    customers,
    audit: [],
  });
}

/** What must never appear in an answer to Fabrikam: Contoso's name, its people's names, emails and ids. */
const CONTOSO_SECRETS = [
  'Contoso',
  'contoso.com',
  TENANT,
  ...DEMO_USERS.flatMap((user) => [
    user.displayName,
    user.email,
    user.id,
    ...(user.aadObjectId ? [user.aadObjectId] : []),
    user.displayName.split(' ')[1]!,
  ]),
  // Contoso's customers ("Fabrikam, Inc." shares a word with the other tenant's own name: its
  // Microsoft ID and users stand for it).
  ...DEMO_CUSTOMERS.flatMap((customer) => [
    ...(customer.companyName.startsWith('Fabrikam') ? [] : [customer.companyName, ...customer.domains]),
    ...(customer.microsoftId ? [customer.microsoftId] : []),
    ...customer.users.map((user) => user.userName),
  ]),
];

const VERBS = new ConversationCatalog(CONVERSATIONS).verbs();

forEachBackend('security: one tenant never sees or changes another', function (backend) {
  this.timeout(60_000);
  let bot: HttpBot;
  let contosoFile: string;
  let alexFlowId: string;

  before(async () => {
    bot = await startHttpBot({}, { backend });
    await bot.store.createOrganization(fabrikam('2026-11-20T09:00:00.000Z'));
    // Contoso's admin has a form open: its flow id is the most tempting thing to forge.
    const opened = await bot.post(messageActivity(ALEX, 'change roles of Megan'));
    alexFlowId = actionData(lastCard(opened.body.activities), 'edit_roles.save').flowId as string;
    await bot.store.flush();
    contosoFile = await bot.stored(TENANT);
  });
  after(async () => bot?.stop());

  /**
   * What an answer says: its messages' text, cards and suggested actions, or an invoke's card. (A
   * reply's addressing echoes the sender's own account back to them, which is not a leak.)
   */
  function said(body: any): string {
    if (body?.activities)
      return JSON.stringify(
        body.activities.map((activity: any) => [
          activity.text,
          activity.attachments,
          activity.suggestedActions,
          activity.value,
        ]),
      );
    return JSON.stringify(body?.value ?? body ?? '');
  }

  /** `typed`: what the sender wrote may come back to them (a name they typed is theirs already). */
  function assertNothingOfContoso(label: string, body: unknown, typed = '') {
    const text = said(body);
    for (const secret of CONTOSO_SECRETS.filter((candidate) => !typed.includes(candidate)))
      assert.ok(!text.includes(secret), `${label}: the answer to Fabrikam contains "${secret}": ${text.slice(0, 400)}`);
  }

  afterEach(async () => {
    await bot.store.flush();
    assert.equal(await bot.stored(TENANT), contosoFile, "Contoso's files changed");
  });

  it("every intent, typed by Fabrikam's admin and viewer (English and French, naming Contoso's people), answers with nothing of Contoso", async () => {
    const utterances = LABELLED.map(([text]) => text);
    for (const intent of INTENTS)
      assert.ok(
        LABELLED.some(([, labelled]) => labelled === intent),
        `no utterance for ${intent}`,
      );
    for (const sender of [FABRIKAM_ADMIN, FABRIKAM_VIEWER]) {
      for (const text of utterances) {
        const response = await bot.post(
          messageActivity(sender, text, {
            ...B,
            locale: /[éèàç]|\b(le|la|les|des|qui|mon|mes)\b/i.test(text) ? 'fr-FR' : 'en-US',
          }),
        );
        assert.equal(response.status, 200);
        assertNothingOfContoso(`"${text}" from ${sender.name}`, response.body, text);
      }
    }
  });

  it("a Contoso customer's Microsoft ID, domain or name typed by Fabrikam's admin finds nothing; Fabrikam's own customer is found", async () => {
    for (const customer of DEMO_CUSTOMERS)
      for (const typed of [customer.microsoftId, customer.domains[0], customer.companyName].filter(Boolean)) {
        const response = await bot.post(messageActivity(FABRIKAM_ADMIN, `find customer ${typed}`, B));
        assertNothingOfContoso(`find customer ${typed}`, response.body, String(typed));
        assert.ok(
          !said(response.body).includes(customer.microsoftId ?? '§'),
          `${typed}: a Contoso Microsoft ID was shown`,
        );
      }
    const own = await bot.post(messageActivity(FABRIKAM_ADMIN, 'find customer proseware', B));
    assert.ok(said(own.body).includes('9e8d7c6b-5a49-4382-9716-0f1e2d3c4b5a'), said(own.body).slice(0, 300));
  });

  it('every task button (command), with Contoso user ids and roles, answers with nothing of Contoso', async () => {
    for (const command of INTENTS) {
      for (const userId of [undefined, MEGAN.userId, 'u-alex']) {
        const value = {
          command,
          ...(userId ? { userId } : {}),
          roleId: 'global_admin',
          ...(command.includes('customer') ? { customerId: 'cust-tailspin' } : {}),
        };
        const response = await bot.post(teamsActivity(FABRIKAM_ADMIN, { type: 'message', value }, B));
        assertNothingOfContoso(`command ${command} ${userId ?? ''}`, response.body);
      }
    }
  });

  it(`every card action (${VERBS.length} verbs), as Action.Execute and Action.Submit, with data naming Contoso's form, users and tenant, answers with nothing of Contoso`, async () => {
    const forged = {
      flowId: alexFlowId,
      userId: MEGAN.userId,
      targetId: MEGAN.userId,
      query: 'Megan',
      email: MEGAN.email,
      displayName: 'Megan Bowen',
      tenantId: TENANT,
      organization: TENANT,
      role_global_admin: 'true',
      state: 'filed',
      partnerId: '6104521',
      locationId: 'loc-paris',
      name: 'Contoso Lyon',
      city: 'Lyon',
      country: 'FR',
      customerId: 'cust-tailspin',
      page: '0',
      microsoftId: DEMO_CUSTOMERS[1]!.microsoftId,
      companyName: 'Tailspin Toys SARL',
      domain: 'tailspintoys.onmicrosoft.com',
    };
    for (const verb of VERBS) {
      const execute = await bot.post(executeActivity(FABRIKAM_ADMIN, verb, forged, B));
      assert.equal(execute.status, 200);
      assertNothingOfContoso(`execute ${verb}`, execute.body);
      const submit = await bot.post(submitActivity(FABRIKAM_ADMIN, verb, forged, B));
      assertNothingOfContoso(`submit ${verb}`, submit.body);
    }
  });

  it("Contoso's users writing from Fabrikam's tenant are strangers there, and see only Fabrikam's admins", async () => {
    const response = await bot.post(messageActivity(ALEX, 'who are the global admins', B));
    assert.match(response.body.activities[0].text, /Bob Builder/);
    assertNothingOfContoso('Alex from tenant B', response.body);
  });

  it('an activity whose two tenant fields disagree is refused, whichever is Contoso', async () => {
    for (const options of [
      { tenantId: OTHER_TENANT, channelDataTenantId: TENANT },
      { tenantId: TENANT, channelDataTenantId: OTHER_TENANT },
    ]) {
      const response = await bot.post(messageActivity(FABRIKAM_ADMIN, 'who are the global admins', options));
      assert.equal(response.status, 200);
      assertNothingOfContoso('mismatched tenants', response.body);
      assert.ok(!said(response.body).includes('Bob Builder'), 'nor anything of Fabrikam');
    }
  });

  it("Contoso's admin still finishes his form afterwards: nothing Fabrikam sent touched it", async () => {
    const response = await bot.post(
      executeActivity(ALEX, 'edit_roles.save', {
        flowId: alexFlowId,
        role_billing_admin: 'true',
        role_incentives_admin: 'true',
        role_referrals_user: 'true',
      }),
    );
    assert.match(JSON.stringify(response.body.value), /Megan Bowen/);
    contosoFile = await bot.stored(TENANT); // this change is Contoso's own
  });
});
