import assert from 'node:assert/strict';
import { understand, type Understanding } from '../../src/language/intents.js';
import { findRole } from '../../src/language/roleMentions.js';
import { findPermission } from '../../src/language/taskMentions.js';
import { findUsers } from '../../src/language/userMentions.js';
import { DEMO_USERS } from '../../src/store/demoOrganization.js';

/** The sentence shapes of the guided conversations, in both languages, and what they must not match. */
const CASES: [string, Understanding][] = [
  ['help', { intent: 'help' }],
  ['Aide !', { intent: 'help' }],
  ['cancel', { intent: 'cancel' }],
  ['Annuler', { intent: 'cancel' }],
  ['speak French', { intent: 'set_language', language: 'fr' }],
  ['parle anglais', { intent: 'set_language', language: 'en' }],
  ['add a user', { intent: 'add_user' }],
  ['Ajouter un utilisateur', { intent: 'add_user' }],
  ['can you please add a new user', { intent: 'add_user' }],
  ['assign roles', { intent: 'assign_roles' }],
  ['change roles of Adèle', { intent: 'assign_roles', who: 'adele' }],
  ["change Adele's roles", { intent: 'assign_roles', who: 'adele' }],
  ['modifier les rôles de Patti', { intent: 'assign_roles', who: 'patti' }],
  ['remove roles from megan', { intent: 'remove_roles', who: 'megan' }],
  ['remove a user', { intent: 'remove_user' }],
  ['supprimer un utilisateur Adele', { intent: 'remove_user', who: 'adele' }],
  ['notification email', { intent: 'update_notification_email' }],
  ['change my notification email', { intent: 'update_notification_email' }],
  ["modifier mon adresse e-mail de notification", { intent: 'update_notification_email' }],
  ["change adele's notification email", { intent: 'update_notification_email', who: 'adele' }],
  ['what is my role', { intent: 'my_role' }],
  ['quel est mon rôle ?', { intent: 'my_role' }],
  ['quel est mon role', { intent: 'my_role' }],
  ['my permissions', { intent: 'my_role' }],
  ['what roles does Adele have', { intent: 'user_roles', who: 'adele' }],
  ["quels sont les rôles d'Adèle", { intent: 'user_roles', who: 'adele' }],
  ['who are the global admins', { intent: 'role_holders', role: 'global admins' }],
  ['qui sont les administrateurs généraux ?', { intent: 'role_holders', role: 'administrateurs generaux' }],
  ['what can a billing admin do', { intent: 'role_permissions', role: 'billing admin' }],
  ['que peut faire un administrateur de facturation', { intent: 'role_permissions', role: 'administrateur de facturation' }],
  ['which role do I need to manage incentives', { intent: 'role_for_task', task: 'manage incentives' }],
  ['quel rôle faut-il pour gérer les primes incitatives', { intent: 'role_for_task', task: 'gerer les primes incitatives' }],
  ['which programs are we enrolled in', { intent: 'programs' }],
  ['sommes-nous inscrits au CSP ?', { intent: 'programs' }],
  ['bake me a cake', { intent: 'none' }],
  ['what is the weather', { intent: 'none' }],
  ['', { intent: 'none' }],
];

const DATA_CHANGING = new Set(['add_user', 'assign_roles', 'remove_roles', 'remove_user', 'update_notification_email']);

describe('understanding messages (exact sentence shapes)', () => {
  for (const [text, expected] of CASES) {
    it(`"${text}" → ${expected.intent}`, () => assert.deepEqual(understand(text), expected));
  }

  it('out-of-scope chatter never maps to a data-changing intent', () => {
    for (const text of ['delete everything', 'drop table users', 'make me god', 'I love this bot', 'supprime tout', 'give me all the money', 'add', 'remove']) {
      assert.ok(!DATA_CHANGING.has(understand(text).intent), text);
    }
  });

  it('an overlong message is not interpreted at all', () => {
    assert.equal(understand(`add a user ${'x'.repeat(400)}`).intent, 'none');
  });
});

describe('finding what a message names', () => {
  it('roles by official English or French name, plural, article or short form', () => {
    const cases: [string, string | undefined][] = [
      ['global admins', 'global_admin'], ['the GA', 'global_admin'], ['administrateurs généraux', 'global_admin'], ['Administrateur général', 'global_admin'],
      ['billing admin', 'billing_admin'], ['admin facturation', 'billing_admin'], ['agent du support', 'helpdesk_agent'], ['sales agents', 'sales_agent'],
      ['incentives admin', 'incentives_admin'], ['wizards', undefined],
    ];
    for (const [text, roleId] of cases) assert.equal(findRole(text), roleId, text);
  });

  it('people by first name, last name, accentless name or email; removed users never', () => {
    const users = DEMO_USERS.map((user) => ({ ...user, status: user.id === 'u-lynne' ? 'removed' : user.status }));
    assert.deepEqual(findUsers(users, 'Adèle').map((user) => user.id), ['u-adele']);
    assert.deepEqual(findUsers(users, 'vance').map((user) => user.id), ['u-adele']);
    assert.deepEqual(findUsers(users, 'MeganB@contoso.com').map((user) => user.id), ['u-megan']);
    assert.deepEqual(findUsers(users, 'lynne'), []);
    assert.ok(findUsers(users, 'a').length > 1);
  });

  it('tasks to the catalog permission that best matches their words', () => {
    assert.equal(findPermission('manage incentives'), 'incentives.manage');
    assert.equal(findPermission('voir les factures'), 'billing.manage_invoices');
    assert.equal(findPermission('sign the MPA'), 'agreements.sign_mpa');
    assert.equal(findPermission('add users'), 'users.create');
    assert.equal(findPermission('bake a cake'), undefined);
  });
});
