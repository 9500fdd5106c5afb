import assert from 'node:assert/strict';
import { findRoleMentions } from '../../src/language/roleMentions.js';
import { tokenize } from '../../src/language/tokens.js';
import { findPermission } from '../../src/language/taskMentions.js';
import { findUsers } from '../../src/language/userMentions.js';
import { DEMO_USERS } from '../../src/store/demoOrganization.js';

describe('finding what a message names', () => {
  it('roles by official English or French name, plural, article or short form', () => {
    const cases: [string, string | undefined][] = [
      ['global admins', 'global_admin'],
      ['the GA', 'global_admin'],
      ['administrateurs généraux', 'global_admin'],
      ['Administrateur général', 'global_admin'],
      ['billing admin', 'billing_admin'],
      ['admin facturation', 'billing_admin'],
      ['agent du support', 'helpdesk_agent'],
      ['sales agents', 'sales_agent'],
      ['incentives admin', 'incentives_admin'],
      ['wizards', undefined],
    ];
    for (const [text, roleId] of cases) assert.equal(findRoleMentions(tokenize(text))[0]?.roleId, roleId, text);
  });

  it('people by first name, last name, accentless name or email; removed users never', () => {
    const users = DEMO_USERS.map((user) => ({ ...user, status: user.id === 'u-lynne' ? 'removed' : user.status }));
    assert.deepEqual(
      findUsers(users, 'Adèle').map((user) => user.id),
      ['u-adele'],
    );
    assert.deepEqual(
      findUsers(users, 'vance').map((user) => user.id),
      ['u-adele'],
    );
    assert.deepEqual(
      findUsers(users, 'MeganB@contoso.com').map((user) => user.id),
      ['u-megan'],
    );
    assert.deepEqual(findUsers(users, 'lynne'), []);
    assert.ok(findUsers(users, 'a').length > 1);
  });

  it('tasks to the catalog permission that best matches their words', () => {
    assert.equal(findPermission('manage incentives'), 'incentives.manage');
    assert.equal(findPermission('voir les factures'), 'billing.manage_invoices');
    // A word as the description has it wins over one sharing its stem ("facturation": the billing address).
    assert.equal(findPermission('factures'), 'billing.manage_invoices');
    assert.equal(findPermission('adresse de facturation'), 'org.update_billing_address');
    assert.equal(findPermission('sign the MPA'), 'agreements.sign_mpa');
    assert.equal(findPermission('add users'), 'users.create');
    assert.equal(findPermission('bake a cake'), undefined);
  });
});
