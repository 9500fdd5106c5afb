import assert from 'node:assert/strict';
import { PERMISSIONS } from '../../src/domain/permissions.js';
import { allRoles, getRole, ROLE_IDS, rolesGranting, permissionsOf } from '../../src/domain/roles.js';
import { allPrograms, PROGRAM_STATUSES, VERIFICATION_STATUSES, rolesThatCanAct } from '../../src/domain/programs.js';
import { LANGUAGES, loadLocale, translator } from '../../src/i18n/index.js';

/** Leaf texts by their full key (permission ids contain dots themselves, so no splitting back). */
function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key));
}
const keys = (value: unknown) => leaves(value).map(([key]) => key);

describe('role, permission and program catalogs', () => {
  it('has the 24 Partner Center roles, each in one family, with permissions that exist', () => {
    assert.equal(allRoles().length, 24);
    assert.equal(new Set(ROLE_IDS).size, ROLE_IDS.length);
    for (const role of allRoles()) {
      assert.ok(role.permissions.length > 0, role.id);
      for (const permission of role.permissions)
        assert.ok((PERMISSIONS as readonly string[]).includes(permission), `${role.id}: ${permission}`);
    }
  });

  it('marks the roles Partner Center reserves to Global admins', () => {
    assert.deepEqual(
      allRoles()
        .filter((role) => role.globalAdminOnly)
        .map((role) => role.id),
      ['global_admin', 'compliance_admin'],
    );
    assert.deepEqual(
      allRoles()
        .filter((role) => role.privileged)
        .map((role) => role.id)
        .sort(),
      ['admin_agent', 'compliance_admin', 'global_admin', 'user_management_admin'],
    );
  });

  it('puts Global admin, User management admin and the four CSP roles in the Entra family', () => {
    assert.deepEqual(
      allRoles()
        .filter((role) => role.family === 'entra')
        .map((role) => role.id),
      ['global_admin', 'user_management_admin', 'admin_agent', 'sales_agent', 'helpdesk_agent', 'billing_admin'],
    );
  });

  it('MPN partner admin sees roles but cannot assign them', () => {
    const permissions = permissionsOf(['mpn_partner_admin']);
    assert.ok(permissions.has('users.view_roles'));
    assert.ok(!permissions.has('users.assign_roles') && !permissions.has('users.assign_company_roles'));
  });

  it('answers "which role do I need" with the least privileged role first', () => {
    assert.equal(rolesGranting('incentives.manage')[0]?.id, 'incentives_admin');
    assert.equal(rolesGranting('billing.manage_invoices')[0]?.id, 'billing_admin');
    assert.equal(rolesGranting('agreements.sign_mpa')[0]?.id, 'global_admin');
    assert.equal(rolesGranting('compliance.verification')[0]?.id, 'compliance_admin');
  });

  it('every permission is granted by some role', () => {
    for (const permission of PERMISSIONS) assert.ok(rolesGranting(permission).length > 0, permission);
  });

  it('a qualified CSP enrollment waits on a Global admin; an active one on nobody', () => {
    assert.deepEqual(rolesThatCanAct('csp_direct_bill', 'qualified'), ['global_admin']);
    assert.deepEqual(rolesThatCanAct('maicpp', 'active'), []);
    assert.deepEqual(rolesThatCanAct('windows_xbox', 'pending'), ['owner', 'manager']);
    assert.throws(() => getRole('nope' as never));
  });
});

describe('locale files', () => {
  const locales = Object.fromEntries(LANGUAGES.map((language) => [language, loadLocale(language)]));

  it('English and French have exactly the same keys', () => {
    assert.deepEqual(keys(locales.fr).sort(), keys(locales.en).sort());
  });

  it('no text is empty, and placeholders match between languages', () => {
    const french = new Map(leaves(locales.fr));
    const placeholders = (text: string) =>
      [...text.matchAll(/{{(\w+)}}/g)]
        .map((match) => match[1])
        .sort()
        .join(',');
    for (const [key, english] of leaves(locales.en)) {
      const frenchText = french.get(key) ?? '';
      assert.ok(english.trim().length > 0 && frenchText.trim().length > 0, `empty text for ${key}`);
      assert.equal(placeholders(frenchText), placeholders(english), `placeholders differ for ${key}`);
      assert.equal(translator('en').t(key, {}).length > 0, true, key);
    }
  });

  it('names and describes every role, permission, family, workspace, program and status in both languages', () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const role of allRoles()) {
        t.t(`role.${role.id}.name`);
        t.t(`role.${role.id}.summary`);
        t.t(`family.${role.family}`);
        t.t(`workspace.${role.workspace}`);
      }
      for (const permission of PERMISSIONS) t.t(`permission.${permission}`);
      for (const program of allPrograms()) t.t(`program.${program.id}.name`);
      for (const status of PROGRAM_STATUSES) t.t(`programStatus.${status}.meaning`);
      for (const status of VERIFICATION_STATUSES) t.t(`verification.${status}.meaning`);
    }
  });

  it('uses the official French role names of the Partner Center documentation', () => {
    const fr = translator('fr');
    assert.equal(fr.t('role.global_admin.name'), 'Administrateur général');
    assert.equal(fr.t('role.admin_agent.name'), "Agent d'administration");
    assert.equal(fr.t('role.sales_agent.name'), 'Agent commercial');
    assert.equal(fr.t('role.helpdesk_agent.name'), 'Agent du support technique');
    assert.equal(fr.t('role.billing_admin.name'), 'Administrateur de facturation');
    assert.equal(fr.t('role.mpn_partner_admin.name'), 'Administrateur partenaire MPN');
  });

  it('a missing key is an error, never a silent fallback', () => {
    assert.throws(() => translator('fr').t('no.such.key'), /Missing fr text/);
  });

  it('joins lists the way each language does', () => {
    assert.equal(translator('en').list(['A', 'B', 'C']), 'A, B and C');
    assert.equal(translator('fr').list(['A', 'B']), 'A et B');
    assert.equal(translator('fr').list(['A']), 'A');
  });
});

describe('privileged roles', () => {
  it('are exactly the four the confirmation is for, and each says in both languages what it allows', () => {
    const privileged = allRoles()
      .filter((role) => role.privileged)
      .map((role) => role.id);
    assert.deepEqual(privileged.sort(), ['admin_agent', 'compliance_admin', 'global_admin', 'user_management_admin']);
    for (const language of ['en', 'fr'] as const) {
      for (const roleId of privileged) assert.ok(translator(language).t(`privileged.${roleId}`).length > 20);
    }
  });
});
