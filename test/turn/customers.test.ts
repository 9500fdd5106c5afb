import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity, teamsActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ADELE, ALEX, ISAIAH, LYNNE, NESTOR, TENANT } from '../helpers/people.js';

/**
 * Customer accounts (issue 19): find, add (two forms, the country's address rules, a likely
 * duplicate shown before saving, the customer agreement), customer users (add, delete, restore),
 * invite and accept, update, end. Each change is asserted on the store and the audit log; each
 * refusal changes nothing and is audited.
 */
describe('conversation: customer accounts', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const customer = (id: string) => org().customers.find((each) => each.id === id)!;
  const byName = (name: string) => org().customers.find((each) => each.companyName === name);
  /** A button that starts a task, as the customer's card and the help card send it. */
  const command = (sender: typeof ALEX, command: string, args: Record<string, string> = {}, locale = 'en-US') =>
    bot.send(teamsActivity(sender, { type: 'message', value: { command, ...args } }, { locale }));
  const click = async (sender: typeof ALEX, verb: string, data: Record<string, unknown>, locale = 'en-US') =>
    invokeCard(await bot.send(executeActivity(sender, verb, data, { locale })));
  const lastCard = (replies: unknown[]) => firstCard(replies.at(-1) as never);

  const COMPANY = {
    companyName: 'Adatum Corporation',
    domainPrefix: 'adatum',
    line1: '1 Main Street',
    line2: '',
    city: 'Seattle',
    state: 'wa',
    postalCode: '98101',
    country: 'US',
  };
  const CONTACT = {
    contactFirstName: 'Jordan',
    contactLastName: 'Lee',
    contactEmail: 'jordan.lee@adatum.com',
    contactPhone: '',
    agreementBy: 'Jordan Lee',
    agreementEmail: 'jordan.lee@adatum.com',
    agreementDate: '2026-11-02',
  };

  describe('finding customers', () => {
    it('lists the customers, finds one by a typo in its name, by domain and by Microsoft ID', async () => {
      const list = lastCard(await bot.send(messageActivity(ALEX, 'show our customers')));
      assert.equal(cardTexts(list)[0], '5 customers');
      const typo = cardTexts(lastCard(await bot.send(messageActivity(ALEX, 'find the customer fabrikma'))));
      assert.equal(typo[0], 'Fabrikam, Inc.');
      assert.ok(typo.includes('Active since Mar 14, 2024, ready to order'), typo.join(' | '));
      const byDomain = cardTexts(
        lastCard(
          await bot.send(messageActivity(ALEX, 'who is the customer with domain northwindtraders.onmicrosoft.com')),
        ),
      );
      assert.equal(byDomain[0], 'Northwind Traders Ltd');
      assert.ok(byDomain.some((text) => text.includes("can't order yet")));
      const byId = cardTexts(lastCard(await command(ALEX, 'find_customers', { customerId: 'cust-tailspin' }, 'fr-FR')));
      assert.equal(byId[0], 'Tailspin Toys SARL');
      assert.ok(byId.includes('ID Microsoft'));
    });

    it('a Helpdesk agent finds customers but is not offered (nor allowed) to add one; a Report viewer sees none', async () => {
      await bot.store.organization(TENANT)!.change((current, { now }) => ({
        next: {
          ...current,
          users: current.users.map((user) =>
            user.id === 'u-isaiah' ? { ...user, roles: ['helpdesk_agent' as const], updatedAt: now } : user,
          ),
        },
        result: undefined,
        audit: [
          {
            actor: { userId: 'system', displayName: 'test' },
            action: 'test.setup',
            target: { type: 'organization', id: TENANT },
            outcome: 'applied',
          },
        ],
      }));
      const card = lastCard(await bot.send(messageActivity(ISAIAH, 'find fabrikam')));
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Fabrikam, Inc.');
      for (const refused of ['Users', 'Update details', 'End relationship'])
        assert.ok(!texts.includes(refused), refused);
      const audit = org().audit.length;
      const add = await command(ISAIAH, 'add_customer');
      assert.match(String(add.at(-1)?.text), /can't|Ask Alex Wilber/);
      assert.equal(org().audit.at(-1)?.outcome, 'refused');
      assert.equal(org().audit.length, audit + 1);
      assert.equal(org().customers.length, 5);

      const lynne = await bot.send(messageActivity(LYNNE, 'show our customers'));
      assert.equal(lynne.length, 1);
      assert.match(String(lynne[0]?.text), /Find and see customers/);
    });
  });

  describe('adding a customer', () => {
    it('refuses a bad postal code and a missing state by their fields, names a likely duplicate, then saves with the agreement (audited)', async () => {
      const opened = lastCard(await command(ALEX, 'add_customer'));
      const flowId = actionData(opened, 'add_customer.next').flowId;
      assert.ok(cardTexts(opened).includes('Add a customer'));

      const refused = await click(ALEX, 'add_customer.next', {
        flowId,
        ...COMPANY,
        state: '',
        postalCode: '9810',
      });
      const texts = cardTexts(refused);
      assert.ok(texts.includes("This isn't a postal code of the country chosen."), texts.join(' | '));
      assert.ok(texts.includes("This country's addresses need a state or province."));
      assert.equal(cardInputs(refused).postalCode, '9810');

      const taken = cardTexts(await click(ALEX, 'add_customer.next', { flowId, ...COMPANY, domainPrefix: 'Fabrikam' }));
      assert.ok(taken.includes('One of your customers already has this domain.'));

      const step2 = await click(ALEX, 'add_customer.next', {
        flowId,
        ...COMPANY,
        companyName: 'Fabrikum Inc',
        domainPrefix: 'fabrikum',
        line1: '2 Main Street',
      });
      assert.ok(
        cardTexts(step2).some((text) => text.startsWith('Perhaps already among your customers: Fabrikam, Inc.')),
        cardTexts(step2).join(' | '),
      );
      const back = await click(ALEX, 'add_customer.back', { flowId });
      assert.equal(cardInputs(back).companyName, 'Fabrikum Inc');

      await click(ALEX, 'add_customer.next', { flowId, ...COMPANY });
      const future = cardTexts(
        await click(ALEX, 'add_customer.save', { flowId, ...CONTACT, agreementDate: '2999-01-01' }),
      );
      assert.ok(future.includes("The day of acceptance can't be in the future."));
      assert.equal(byName('Adatum Corporation'), undefined);

      const done = await click(ALEX, 'add_customer.save', { flowId, ...CONTACT });
      assert.equal(cardTexts(done)[0], 'Adatum Corporation was added');
      const saved = byName('Adatum Corporation')!;
      assert.deepEqual(saved.domains, ['adatum.onmicrosoft.com']);
      assert.deepEqual(saved.address, {
        line1: '1 Main Street',
        city: 'Seattle',
        state: 'WA',
        postalCode: '98101',
        country: 'US',
      });
      assert.equal(saved.agreement?.acceptedOn, '2026-11-02');
      assert.equal(org().audit.at(-1)?.action, 'customer.added');

      // A second click on the form: the same outcome, nothing added twice.
      const again = await click(ALEX, 'add_customer.save', { flowId, ...CONTACT });
      assert.equal(cardTexts(again)[0], 'Adatum Corporation was added');
      assert.equal(org().customers.filter((each) => each.companyName === 'Adatum Corporation').length, 1);
    });

    it('without the agreement the customer is recorded as not ready to order, and the card says why (in French)', async () => {
      const opened = lastCard(await command(ALEX, 'add_customer', {}, 'fr-FR'));
      const flowId = actionData(opened, 'add_customer.next').flowId;
      await click(
        ALEX,
        'add_customer.next',
        { flowId, ...COMPANY, country: 'FR', state: '', postalCode: '75002', city: 'Paris' },
        'fr-FR',
      );
      const done = cardTexts(
        await click(
          ALEX,
          'add_customer.save',
          { flowId, ...CONTACT, agreementBy: '', agreementEmail: '', agreementDate: '' },
          'fr-FR',
        ),
      );
      assert.equal(done[0], 'Client ajouté : Adatum Corporation');
      assert.ok(
        done.some((text) => text.startsWith('Le client ne peut pas encore commander')),
        done.join(' | '),
      );
      assert.equal(byName('Adatum Corporation')?.agreement, undefined);
    });

    it('a User management admin may add a customer; a form is refused in a group chat', async () => {
      const group = await bot.send(
        teamsActivity(
          NESTOR,
          { type: 'message', value: { command: 'add_customer' } },
          { conversationType: 'groupChat' },
        ),
      );
      assert.ok(cardTexts(lastCard(group)).some((text) => /personal chat/i.test(text)));
      const opened = lastCard(await command(NESTOR, 'add_customer'));
      assert.ok(actionData(opened, 'add_customer.next').flowId);
    });
  });

  describe("a customer's users", () => {
    it('adds a user in one of its domains, deletes and restores them; another domain is refused (audited)', async () => {
      const list = lastCard(await command(ALEX, 'customer_users', { customerId: 'cust-fabrikam' }));
      assert.equal(cardTexts(list)[0], 'Users of Fabrikam, Inc.');
      const flowId = actionData(list, 'customer_users.add').flowId;
      await click(ALEX, 'customer_users.add', { flowId });
      const wrong = cardTexts(
        await click(ALEX, 'customer_users.save', { flowId, displayName: 'Tom Baker', userName: 'tom@contoso.com' }),
      );
      assert.ok(wrong.includes("The user name must end with one of the customer's domains."));
      const added = await click(ALEX, 'customer_users.save', {
        flowId,
        displayName: 'Tom Baker',
        userName: 'Tom.Baker@Fabrikam.com',
      });
      assert.equal(cardTexts(added)[0], 'Tom Baker (tom.baker@fabrikam.com) was added.');
      const tom = customer('cust-fabrikam').users.find((user) => user.displayName === 'Tom Baker')!;
      assert.equal(org().audit.at(-1)?.action, 'customer.user_added');

      const confirm = await click(ALEX, 'customer_users.delete', { flowId, userId: tom.id });
      assert.equal(cardTexts(confirm)[0], 'Delete Tom Baker from Fabrikam, Inc.?');
      assert.equal(customer('cust-fabrikam').users.find((user) => user.id === tom.id)?.status, 'active');
      const deleted = await click(ALEX, 'customer_users.confirm_delete', { flowId, userId: tom.id });
      assert.match(cardTexts(deleted)[0]!, /^Tom Baker was deleted\. You can restore them until/);
      assert.equal(customer('cust-fabrikam').users.find((user) => user.id === tom.id)?.status, 'deleted');
      // A second click on Delete: nothing more happens, and the list says so.
      const twice = await click(ALEX, 'customer_users.confirm_delete', { flowId, userId: tom.id });
      assert.equal(cardTexts(twice)[0], 'That user was already deleted.');

      const restored = await click(ALEX, 'customer_users.restore', { flowId, userId: tom.id });
      assert.equal(cardTexts(restored)[0], 'Tom Baker was restored.');
      assert.equal(customer('cust-fabrikam').users.find((user) => user.id === tom.id)?.status, 'active');
      assert.deepEqual(
        org()
          .audit.slice(-3)
          .map((entry) => entry.action),
        ['customer.user_added', 'customer.user_deleted', 'customer.user_restored'],
      );
    });

    it("a user of another customer cannot be named by forged card data; a Sales agent may not manage customers' users", async () => {
      const list = lastCard(await command(ALEX, 'customer_users', { customerId: 'cust-fabrikam' }));
      const flowId = actionData(list, 'customer_users.add').flowId;
      const forged = cardTexts(
        await click(ALEX, 'customer_users.confirm_delete', { flowId, userId: 'cu-tail-camille' }),
      );
      assert.equal(forged[0], "That user isn't in this customer's list any more.");
      assert.equal(customer('cust-tailspin').users[0]?.status, 'active');

      const refused = await command(ADELE, 'customer_users', { customerId: 'cust-fabrikam' });
      assert.match(String(refused.at(-1)?.text), /Add, delete and restore customer users/);
      assert.equal(org().audit.at(-1)?.reason, 'missing_permission');
    });
  });

  describe('the relationship', () => {
    it('invites an existing customer with the text to send, then records that it accepted', async () => {
      const form = lastCard(await command(ALEX, 'invite_customer'));
      const flowId = actionData(form, 'customer_relationship.invite').flowId;
      const taken = cardTexts(
        await click(ALEX, 'customer_relationship.invite', {
          flowId,
          companyName: 'Fabrikam again',
          domain: 'fabrikam.com',
          invitationLanguage: 'en',
        }),
      );
      assert.ok(taken.includes('One of your customers already has this domain.'));
      const invited = cardTexts(
        await click(ALEX, 'customer_relationship.invite', {
          flowId,
          companyName: 'Trey Research',
          domain: 'treyresearch.net',
          invitationLanguage: 'fr',
        }),
      );
      assert.equal(invited[0], 'Trey Research is invited');
      // The invitation is in the customer's language, with the partner's name and the link.
      const letter = invited.find((text) => text.startsWith('Bonjour Trey Research'))!;
      assert.match(letter, /Contoso Cloud Services \(ID Espace partenaires 6104521\)/);
      assert.match(letter, /https:\/\/admin\.microsoft\.com\/Adminportal\/Home\?invType=ResellerRelationship/);
      const trey = byName('Trey Research')!;
      assert.equal(trey.relationship.status, 'invited');

      const accept = lastCard(await command(ALEX, 'invite_customer', { customerId: trey.id }));
      const acceptFlow = actionData(accept, 'customer_relationship.accept').flowId;
      const bad = cardTexts(
        await click(ALEX, 'customer_relationship.accept', { flowId: acceptFlow, microsoftId: 'abc' }),
      );
      assert.ok(bad.some((text) => text.startsWith('A Microsoft ID looks like')));
      const done = cardTexts(
        await click(ALEX, 'customer_relationship.accept', {
          flowId: acceptFlow,
          microsoftId: '6C1E2F30-1111-4222-8333-944455556666',
        }),
      );
      assert.equal(done[0], 'Trey Research is now your customer');
      assert.equal(byName('Trey Research')?.microsoftId, '6c1e2f30-1111-4222-8333-944455556666');
      assert.equal(org().audit.at(-1)?.action, 'customer.relationship_accepted');
    });

    it('ends a relationship after a confirmation naming the customer; the customer stays, marked ended', async () => {
      const confirm = lastCard(await command(ALEX, 'end_customer_relationship', { customerId: 'cust-northwind' }));
      assert.equal(cardTexts(confirm)[0], 'End the relationship with Northwind Traders Ltd?');
      assert.equal(customer('cust-northwind').relationship.status, 'active');
      const done = await click(ALEX, 'customer_relationship.end', {
        flowId: actionData(confirm, 'customer_relationship.end').flowId,
      });
      assert.equal(cardTexts(done)[0], 'The relationship with Northwind Traders Ltd has ended');
      assert.equal(customer('cust-northwind').relationship.status, 'ended');
      assert.equal(org().customers.length, 5);
    });
  });

  describe('updating details', () => {
    it('a Sales agent updates the address with the country rules; an Admin agent may not', async () => {
      const form = lastCard(await command(ADELE, 'update_customer', { customerId: 'cust-tailspin' }));
      assert.equal(cardInputs(form).city, 'Lyon');
      const flowId = actionData(form, 'update_customer.save').flowId;
      const inputs = { ...cardInputs(form), flowId };
      const bad = cardTexts(await click(ADELE, 'update_customer.save', { ...inputs, postalCode: '6900' }));
      assert.ok(bad.includes("This isn't a postal code of the country chosen."));
      const done = cardTexts(
        await click(ADELE, 'update_customer.save', { ...inputs, line1: '1 place Bellecour', postalCode: '69002' }),
      );
      assert.equal(done[0], 'Tailspin Toys SARL: company and address saved');
      assert.equal(customer('cust-tailspin').address?.line1, '1 place Bellecour');

      const refused = await command(ISAIAH, 'update_customer', { customerId: 'cust-tailspin' });
      assert.match(String(refused.at(-1)?.text), /Update customers' account details/);
    });
  });

  it('the history names the customer, and only for those who may see customers', async () => {
    const confirm = lastCard(await command(ALEX, 'end_customer_relationship', { customerId: 'cust-wingtip' }));
    await click(ALEX, 'customer_relationship.end', { flowId: actionData(confirm, 'customer_relationship.end').flowId });
    const history = cardTexts(lastCard(await bot.send(messageActivity(ALEX, 'history'))));
    assert.ok(
      history.some((text) => text.includes('ended the relationship with Wingtip Toys')),
      history.join(' | '),
    );
    const nestor = cardTexts(lastCard(await bot.send(messageActivity(NESTOR, 'history'))));
    assert.ok(!nestor.some((text) => text.includes('Wingtip')), nestor.join(' | '));
  });
});
