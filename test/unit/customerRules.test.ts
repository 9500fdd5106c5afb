import assert from 'node:assert/strict';
import { checkAddress, findRegion } from '../../src/accounts/postalAddress.js';
import { checkAgreement, checkInitialDomain } from '../../src/accounts/customerDetails.js';
import { customersNamedIn, likelyDuplicates, searchCustomers, searchedFor } from '../../src/accounts/customerSearch.js';
import { listedUsers, restorable } from '../../src/accounts/customerUsers.js';
import { addressLine } from '../../src/conversation/parts/customers.js';
import { DEMO_CUSTOMERS } from '../../src/store/demoOrganization.js';

/** The rules behind the customer forms and searches (src/accounts/customer*.ts, postalAddress.ts). */
describe('customer accounts: the rules', () => {
  const names = (found: readonly { companyName: string }[]) => found.map((customer) => customer.companyName);
  const search = (query: string) => names(searchCustomers(DEMO_CUSTOMERS, query).map((match) => match.customer));

  it('search: case, accents, legal forms and a typo do not matter; a domain or a Microsoft ID finds exactly', () => {
    assert.deepEqual(search('FABRIKAM'), ['Fabrikam, Inc.']);
    assert.deepEqual(search('fabrikma'), ['Fabrikam, Inc.']);
    assert.deepEqual(search('Tailspin Toys SARL'), ['Tailspin Toys SARL']);
    assert.deepEqual(search('tâilspin'), ['Tailspin Toys SARL']);
    assert.deepEqual(search('toys'), ['Tailspin Toys SARL', 'Wingtip Toys']);
    assert.deepEqual(search('northwindtraders.onmicrosoft.com'), ['Northwind Traders Ltd']);
    assert.deepEqual(search('3F8B2A61-9C4E-4D17-B5A0-6E2C81D94F30'), ['Fabrikam, Inc.']);
    assert.deepEqual(search('adatum'), []);
    assert.equal(search('').length, DEMO_CUSTOMERS.length);
  });

  it('what a typed request searches for, without the words of asking', () => {
    assert.equal(searchedFor('find the customer fabrikam please'), 'fabrikam');
    assert.equal(searchedFor('qui est le client avec le domaine fabrikam.com ?'), 'fabrikam.com');
    assert.equal(searchedFor('show our customers'), '');
  });

  it('customers named in a message: by the first word of the name, the domain, or a user email', () => {
    assert.deepEqual(names(customersNamedIn(DEMO_CUSTOMERS, "show tailspin's users")), ['Tailspin Toys SARL']);
    assert.deepEqual(names(customersNamedIn(DEMO_CUSTOMERS, 'delete rob.young@fabrikam.com')), ['Fabrikam, Inc.']);
    assert.deepEqual(names(customersNamedIn(DEMO_CUSTOMERS, 'end things with nortwind')), ['Northwind Traders Ltd']);
    assert.deepEqual(names(customersNamedIn(DEMO_CUSTOMERS, 'add a user')), []);
    // "toys" is not the first word of either name: it names neither.
    assert.deepEqual(names(customersNamedIn(DEMO_CUSTOMERS, 'the toys company')), []);
  });

  it('likely duplicates: same country, same words but for a typo; another country is another company', () => {
    assert.deepEqual(names(likelyDuplicates(DEMO_CUSTOMERS, 'Tailspin Toys SAS', 'FR')), ['Tailspin Toys SARL']);
    assert.deepEqual(names(likelyDuplicates(DEMO_CUSTOMERS, 'Fabrikum Inc', 'US')), ['Fabrikam, Inc.']);
    assert.deepEqual(likelyDuplicates(DEMO_CUSTOMERS, 'Fabrikam', 'FR'), []);
    assert.deepEqual(likelyDuplicates(DEMO_CUSTOMERS, 'Fabrikam Bikes', 'US'), []);
  });

  it("addresses: the country's postal code format, and a state or province where the country needs one", () => {
    const base = { line1: '1 Main Street', city: 'Seattle', postalCode: '98101', country: 'US' };
    assert.deepEqual(checkAddress({ ...base, state: 'Washington' }).value?.state, 'WA');
    assert.deepEqual(checkAddress({ ...base, state: '' }).problems, { state: 'required' });
    assert.deepEqual(checkAddress({ ...base, state: 'Bavaria' }).problems, { state: 'unknown_for_country' });
    assert.deepEqual(checkAddress({ ...base, state: 'WA', postalCode: '9810' }).problems, {
      postalCode: 'invalid_for_country',
    });
    assert.equal(findRegion('CA', 'quebec'), 'QC');
    assert.equal(findRegion('CA', 'Québec'), 'QC');
    const london = checkAddress({ line1: '221 Baker Street', city: 'London', postalCode: 'nw1 6xe', country: 'GB' });
    assert.deepEqual([london.problems, london.value?.postalCode], [{}, 'NW1 6XE']);
    // No postal codes in Hong Kong: none needed.
    assert.deepEqual(
      checkAddress({ line1: '1 Queen’s Road', city: 'Hong Kong', postalCode: '', country: 'HK' }).problems,
      {},
    );
    assert.deepEqual(checkAddress({ line1: 'x', city: 'y', postalCode: '75002', country: 'ZZ' }).problems, {
      country: 'required',
    });
  });

  it('an address is shown in the order its country writes it', () => {
    const line = (address: Parameters<typeof addressLine>[0]) => addressLine(address);
    assert.equal(
      line({ line1: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' }),
      '1 Microsoft Way, Redmond, WA 98052',
    );
    assert.equal(
      line({ line1: '221 Baker Street', city: 'London', postalCode: 'NW1 6XE', country: 'GB' }),
      '221 Baker Street, London, NW1 6XE',
    );
    assert.equal(
      line({ line1: '12 quai Saint-Antoine', city: 'Lyon', postalCode: '69002', country: 'FR' }),
      '12 quai Saint-Antoine, 69002 Lyon',
    );
  });

  it('initial domains and the agreement', () => {
    assert.deepEqual(checkInitialDomain('Adatum'), { ok: true, value: 'adatum.onmicrosoft.com' });
    assert.deepEqual(checkInitialDomain('adatum.onmicrosoft.com'), { ok: true, value: 'adatum.onmicrosoft.com' });
    assert.deepEqual(checkInitialDomain('ada-tum'), { ok: false, problem: 'invalid' });
    assert.deepEqual(checkInitialDomain('a'.repeat(28)), { ok: false, problem: 'too_long' });
    const today = '2026-11-30T10:00:00.000Z';
    assert.deepEqual(checkAgreement({ acceptedBy: '', email: '', acceptedOn: '' }, today), { problems: {} });
    assert.deepEqual(
      checkAgreement({ acceptedBy: 'Jo', email: 'jo@x.com', acceptedOn: '2026-02-30' }, today).problems,
      {
        agreementDate: 'invalid',
      },
    );
    assert.deepEqual(checkAgreement({ acceptedBy: 'Jo', email: '', acceptedOn: '2026-11-30' }, today).problems, {
      agreementEmail: 'required',
    });
  });

  it('a deleted customer user is listed and restorable for 30 days, then gone from the list', () => {
    const [fabrikam] = DEMO_CUSTOMERS;
    const deleted = { ...fabrikam!.users[0]!, status: 'deleted' as const, deletedAt: '2026-11-01T10:00:00.000Z' };
    const customer = { ...fabrikam!, users: [deleted, fabrikam!.users[1]!] };
    assert.ok(restorable(deleted, '2026-11-30T10:00:00.000Z'));
    assert.equal(listedUsers(customer, '2026-11-30T10:00:00.000Z').length, 2);
    assert.ok(!restorable(deleted, '2026-12-01T10:00:00.001Z'));
    assert.deepEqual(
      listedUsers(customer, '2026-12-02T00:00:00.000Z').map((user) => user.displayName),
      ['Ana Bowman'],
    );
  });
});
