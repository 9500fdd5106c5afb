import assert from 'node:assert/strict';
import { ROLE_IDS, type RoleId } from '../../src/domain/roles.js';
import {
  decide,
  grantableRoles,
  whoMay,
  type PolicyAction,
  type PolicyOrganization,
  type PolicyUser,
} from '../../src/domain/policy.js';

/**
 * Every role × every action. The expectations are written out by hand from
 * shared/domain/partner-center.md §2 and docs/domain-decisions.md, not computed from the
 * catalog, so a change to a rule shows up here as a failing row.
 */
const ALL = new Set<RoleId>(ROLE_IDS);
const only = (...roles: RoleId[]) => new Set<RoleId>(roles);

const target: PolicyUser = { id: 'target', roles: ['default_user'], status: 'active' };
const otherGlobalAdmin: PolicyUser = { id: 'ga-2', roles: ['global_admin'], status: 'active' };
const thirdGlobalAdmin: PolicyUser = { id: 'ga-3', roles: ['global_admin'], status: 'active' };

interface Row {
  name: string;
  action: (actor: PolicyUser) => PolicyAction;
  allowed: Set<RoleId>;
}

const ROWS: Row[] = [
  {
    name: 'list every user',
    action: () => ({ type: 'list_users' }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin'),
  },
  {
    name: "see someone else's roles",
    action: () => ({ type: 'view_user_roles', target }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin', 'mpn_partner_admin', 'owner', 'manager'),
  },
  { name: 'see own roles', action: (actor) => ({ type: 'view_user_roles', target: actor }), allowed: ALL },
  {
    name: 'open the add-user form',
    action: () => ({ type: 'open_add_user_form' }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'open the role editor',
    action: () => ({ type: 'open_role_editor' }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin', 'owner', 'manager'),
  },
  {
    name: 'open the role editor for a request naming Global admin ("make me a Global admin")',
    action: () => ({ type: 'open_role_editor', roles: ['global_admin'] }),
    allowed: only('global_admin'),
  },
  {
    name: 'open the role editor for a request naming Report viewer (a company role)',
    action: () => ({ type: 'open_role_editor', roles: ['report_viewer'] }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin'),
  },
  {
    name: 'open user removal',
    action: () => ({ type: 'open_user_removal' }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: "open someone else's notification email",
    action: () => ({ type: 'open_notification_email_of_others' }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'look up who the Global admins are',
    action: () => ({ type: 'view_role_holders', role: 'global_admin' }),
    allowed: ALL,
  },
  {
    name: 'look up who the Billing admins are',
    action: () => ({ type: 'view_role_holders', role: 'billing_admin' }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin', 'mpn_partner_admin'),
  },
  {
    name: 'add a Default user',
    action: () => ({ type: 'add_user', roles: ['default_user'] }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'add a Billing admin (Entra role)',
    action: () => ({ type: 'add_user', roles: ['billing_admin'] }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'add a Global admin',
    action: () => ({ type: 'add_user', roles: ['global_admin'] }),
    allowed: only('global_admin'),
  },
  {
    name: 'add a Compliance admin',
    action: () => ({ type: 'add_user', roles: ['compliance_admin'] }),
    allowed: only('global_admin'),
  },
  { name: 'add a user with no role', action: () => ({ type: 'add_user', roles: [] }), allowed: only() },
  {
    name: 'give Report viewer (company role)',
    action: () => ({ type: 'change_roles', target, roles: ['default_user', 'report_viewer'] }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin'),
  },
  {
    name: 'give Billing admin (Entra role)',
    action: () => ({ type: 'change_roles', target, roles: ['default_user', 'billing_admin'] }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'give Global admin',
    action: () => ({ type: 'change_roles', target, roles: ['default_user', 'global_admin'] }),
    allowed: only('global_admin'),
  },
  {
    name: 'give Compliance admin',
    action: () => ({ type: 'change_roles', target, roles: ['default_user', 'compliance_admin'] }),
    allowed: only('global_admin'),
  },
  {
    name: 'give Developer',
    action: () => ({ type: 'change_roles', target, roles: ['default_user', 'developer'] }),
    allowed: only('global_admin', 'user_management_admin', 'owner', 'manager'),
  },
  {
    name: 'give Owner',
    action: () => ({ type: 'change_roles', target, roles: ['default_user', 'owner'] }),
    allowed: only('global_admin', 'owner'),
  },
  { name: 'take away the last role', action: () => ({ type: 'change_roles', target, roles: [] }), allowed: only() },
  { name: 'change nothing', action: () => ({ type: 'change_roles', target, roles: ['default_user'] }), allowed: ALL },
  {
    name: 'remove a user',
    action: () => ({ type: 'remove_user', target }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'remove a Global admin (others remain)',
    action: () => ({ type: 'remove_user', target: otherGlobalAdmin }),
    allowed: only('global_admin'),
  },
  { name: 'remove oneself', action: (actor) => ({ type: 'remove_user', target: actor }), allowed: only() },
  {
    name: 'change own notification email',
    action: (actor) => ({ type: 'update_notification_email', target: actor }),
    allowed: ALL,
  },
  {
    name: "change someone else's notification email",
    action: () => ({ type: 'update_notification_email', target }),
    allowed: only('global_admin', 'user_management_admin'),
  },
  {
    name: 'read the legal profile',
    action: () => ({ type: 'view_org_section', section: 'legal' }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin', 'mpn_partner_admin', 'compliance_admin'),
  },
  { name: 'read program enrollments', action: () => ({ type: 'view_org_section', section: 'programs' }), allowed: ALL },
  {
    name: 'read the verification status',
    action: () => ({ type: 'view_org_section', section: 'verification' }),
    allowed: ALL,
  },
  {
    name: 'update the legal profile',
    action: () => ({ type: 'update_org_section', section: 'legal' }),
    allowed: only('global_admin', 'account_admin', 'compliance_admin'),
  },
  {
    name: 'update the primary contact',
    action: () => ({ type: 'update_org_section', section: 'primary_contact' }),
    allowed: only('global_admin', 'account_admin'),
  },
  {
    name: 'update the security contact',
    action: () => ({ type: 'update_org_section', section: 'security_contact' }),
    allowed: only('global_admin'),
  },
  {
    name: 'update the support profile',
    action: () => ({ type: 'update_org_section', section: 'support_profile' }),
    allowed: only('global_admin', 'account_admin'),
  },
  {
    name: 'manage locations',
    action: () => ({ type: 'update_org_section', section: 'locations' }),
    allowed: only('global_admin', 'account_admin'),
  },
  {
    name: 'update the CSP PartnerID',
    action: () => ({ type: 'update_org_section', section: 'identifiers' }),
    allowed: only('global_admin'),
  },
  {
    name: 'manage tenants',
    action: () => ({ type: 'update_org_section', section: 'tenants' }),
    allowed: only('global_admin'),
  },
  {
    name: 'change the verification status',
    action: () => ({ type: 'update_org_section', section: 'verification' }),
    allowed: only(),
  },
  {
    name: 'change program statuses',
    action: () => ({ type: 'update_org_section', section: 'programs' }),
    allowed: only(),
  },
  {
    name: 'read the audit log',
    action: () => ({ type: 'view_audit_log' }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin'),
  },
  {
    name: 'record tax exemptions',
    action: () => ({ type: 'record_tax_exemptions' }),
    allowed: only('global_admin', 'billing_admin', 'admin_agent'),
  },
  // Customer accounts (shared/domain/partner-center.md §6; choices in docs/domain-decisions.md)
  {
    name: 'find and see customers',
    action: () => ({ type: 'view_customers' }),
    allowed: only('global_admin', 'admin_agent', 'sales_agent', 'helpdesk_agent'),
  },
  {
    name: 'add a customer',
    action: () => ({ type: 'add_customer' }),
    allowed: only('global_admin', 'user_management_admin', 'admin_agent', 'sales_agent'),
  },
  {
    name: "update a customer's details",
    action: () => ({ type: 'update_customer' }),
    allowed: only('global_admin', 'sales_agent'),
  },
  {
    name: 'invite a customer to a reseller relationship, and record its acceptance',
    action: () => ({ type: 'invite_customer' }),
    allowed: only('global_admin', 'admin_agent', 'sales_agent'),
  },
  {
    name: 'end a customer relationship',
    action: () => ({ type: 'end_customer_relationship' }),
    allowed: only('global_admin', 'admin_agent'),
  },
  {
    name: "add, delete and restore a customer's users",
    action: () => ({ type: 'manage_customer_users' }),
    allowed: only('global_admin', 'admin_agent'),
  },
  // Privileged access (issue 21; choices in docs/domain-decisions.md)
  {
    name: 'see who holds a privileged role for a time, and what waits for approval',
    action: () => ({ type: 'view_privileged_access' }),
    allowed: only('global_admin', 'user_management_admin', 'account_admin', 'mpn_partner_admin'),
  },
  {
    name: 'change the privileged-access rules',
    action: () => ({ type: 'change_privileged_access_rules' }),
    allowed: only('global_admin'),
  },
  {
    name: 'review privileged access',
    action: () => ({ type: 'review_access' }),
    allowed: only('global_admin'),
  },
  {
    name: "approve another admin's request about someone else",
    action: () => ({ type: 'approve_access_request', requestedBy: 'u-requester', targetId: target.id }),
    allowed: only('global_admin'),
  },
];

function organizationWith(actor: PolicyUser): PolicyOrganization {
  return { users: [actor, target, otherGlobalAdmin, thirdGlobalAdmin], isCspProvider: true, sellsToCustomers: true };
}

describe('policy: every role × every action', () => {
  for (const row of ROWS) {
    describe(row.name, () => {
      for (const roleId of ROLE_IDS) {
        const expected = row.allowed.has(roleId);
        it(`${roleId} is ${expected ? 'allowed' : 'refused'}`, () => {
          const actor: PolicyUser = { id: 'actor', roles: [roleId], status: 'active' };
          const decision = decide(actor, row.action(actor), organizationWith(actor));
          assert.equal(decision.allowed, expected, JSON.stringify(decision));
        });
      }
    });
  }
});

describe('policy: the rules that protect the account', () => {
  const alone = (actor: PolicyUser, ...others: PolicyUser[]): PolicyOrganization => ({
    users: [actor, ...others],
    isCspProvider: true,
    sellsToCustomers: true,
  });

  it('the last active Global admin cannot lose the role, even by their own hand', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin', 'billing_admin'], status: 'active' };
    const decision = decide(ga, { type: 'change_roles', target: ga, roles: ['billing_admin'] }, alone(ga, target));
    assert.deepEqual(decision, { allowed: false, reason: 'last_global_admin' });
  });

  it('an invited Global admin does not count as a second one', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin', 'billing_admin'], status: 'active' };
    const invited: PolicyUser = { id: 'ga-invited', roles: ['global_admin'], status: 'invited' };
    const decision = decide(ga, { type: 'change_roles', target: ga, roles: ['billing_admin'] }, alone(ga, invited));
    assert.equal(decision.allowed, false);
  });

  it('a Global admin can step down when another active one remains', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin', 'billing_admin'], status: 'active' };
    const decision = decide(
      ga,
      { type: 'change_roles', target: ga, roles: ['billing_admin'] },
      alone(ga, otherGlobalAdmin),
    );
    assert.equal(decision.allowed, true);
  });

  it('the last active Global admin cannot be removed: only a Global admin removes one, and never themselves', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin'], status: 'active' };
    const other: PolicyUser = { id: 'ga-other', roles: ['global_admin'], status: 'active' };
    assert.equal(decide(ga, { type: 'remove_user', target: other }, alone(ga, other)).allowed, true);
    assert.deepEqual(decide(ga, { type: 'remove_user', target: ga }, alone(ga)), {
      allowed: false,
      reason: 'cannot_remove_self',
    });
  });

  it('an Account admin may not take away an Entra role either', () => {
    const accountAdmin: PolicyUser = { id: 'aa', roles: ['account_admin'], status: 'active' };
    const billing: PolicyUser = { id: 'b', roles: ['billing_admin', 'report_viewer'], status: 'active' };
    const decision = decide(
      accountAdmin,
      { type: 'change_roles', target: billing, roles: ['report_viewer'] },
      alone(accountAdmin, billing),
    );
    assert.deepEqual(decision, { allowed: false, reason: 'company_roles_only', roles: ['billing_admin'] });
  });

  it('an Account admin may change company roles of a Global admin without touching the Entra role', () => {
    const accountAdmin: PolicyUser = { id: 'aa', roles: ['account_admin'], status: 'active' };
    const decision = decide(
      accountAdmin,
      { type: 'change_roles', target: otherGlobalAdmin, roles: ['global_admin', 'report_viewer'] },
      alone(accountAdmin, otherGlobalAdmin),
    );
    assert.equal(decision.allowed, true);
  });

  it('a refusal names every role the actor may not give', () => {
    const uma: PolicyUser = { id: 'uma', roles: ['user_management_admin'], status: 'active' };
    const decision = decide(
      uma,
      { type: 'add_user', roles: ['global_admin', 'billing_admin', 'compliance_admin'] },
      alone(uma),
    );
    assert.deepEqual(decision, {
      allowed: false,
      reason: 'role_requires_global_admin',
      roles: ['global_admin', 'compliance_admin'],
    });
  });

  it('customer accounts exist only for CSP partners: outside CSP, nobody may see or add one, and no one is named to ask', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin'], status: 'active' };
    const notCsp = { users: [ga], isCspProvider: false, sellsToCustomers: false };
    for (const type of ['view_customers', 'add_customer', 'manage_customer_users'] as const)
      assert.deepEqual(decide(ga, { type }, notCsp), { allowed: false, reason: 'not_a_csp_partner' });
  });

  it('the Sales agent role exists only for tier 1 and tier 2 CSP providers', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin'], status: 'active' };
    const reseller = { users: [ga], isCspProvider: false, sellsToCustomers: true };
    assert.deepEqual(decide(ga, { type: 'add_user', roles: ['sales_agent'] }, reseller), {
      allowed: false,
      reason: 'role_not_available',
      roles: ['sales_agent'],
    });
    assert.ok(!grantableRoles(ga, reseller).includes('sales_agent'));
    assert.ok(grantableRoles(ga, { users: [ga], isCspProvider: true, sellsToCustomers: true }).includes('sales_agent'));
  });

  it('a removed or invited actor may do nothing, not even read their own roles', () => {
    for (const status of ['removed', 'invited'] as const) {
      const actor: PolicyUser = { id: 'x', roles: ['global_admin'], status };
      assert.deepEqual(decide(actor, { type: 'view_user_roles', target: actor }, alone(actor)), {
        allowed: false,
        reason: 'actor_not_active',
      });
    }
  });

  it('only a Global admin removes a Global admin', () => {
    const uma: PolicyUser = { id: 'uma', roles: ['user_management_admin'], status: 'active' };
    assert.deepEqual(
      decide(uma, { type: 'remove_user', target: otherGlobalAdmin }, alone(uma, otherGlobalAdmin, thirdGlobalAdmin)),
      {
        allowed: false,
        reason: 'only_global_admin_removes_global_admin',
      },
    );
  });

  it('nobody changes a removed user', () => {
    const ga: PolicyUser = { id: 'ga', roles: ['global_admin'], status: 'active' };
    const gone: PolicyUser = { id: 'gone', roles: ['default_user'], status: 'removed' };
    assert.equal(
      decide(ga, { type: 'change_roles', target: gone, roles: ['billing_admin'] }, alone(ga, gone)).allowed,
      false,
    );
    assert.equal(decide(ga, { type: 'remove_user', target: gone }, alone(ga, gone)).allowed, false);
  });

  it('forms offer exactly the roles the policy accepts', () => {
    for (const roleId of ROLE_IDS) {
      const actor: PolicyUser = { id: 'actor', roles: [roleId], status: 'active' };
      const org = organizationWith(actor);
      for (const offered of grantableRoles(actor, org)) {
        assert.equal(
          decide(actor, { type: 'change_roles', target, roles: ['default_user', offered] }, org).allowed,
          true,
          `${roleId} offered ${offered}`,
        );
      }
    }
  });

  it('grantable roles by actor', () => {
    const grantable = (roleId: RoleId) =>
      grantableRoles(
        { id: 'a', roles: [roleId], status: 'active' },
        { users: [], isCspProvider: true, sellsToCustomers: true },
      );
    assert.equal(grantable('global_admin').length, ROLE_IDS.length);
    assert.deepEqual(grantable('mpn_partner_admin'), []);
    assert.ok(!grantable('user_management_admin').includes('global_admin'));
    assert.ok(!grantable('user_management_admin').includes('compliance_admin'));
    assert.ok(
      grantable('account_admin').every(
        (roleId) =>
          ![
            'global_admin',
            'user_management_admin',
            'admin_agent',
            'sales_agent',
            'helpdesk_agent',
            'billing_admin',
            'compliance_admin',
            'owner',
          ].includes(roleId),
      ),
    );
    assert.ok(grantable('account_admin').includes('report_viewer'));
    assert.deepEqual(grantable('manager').sort(), [
      'business_contributor',
      'developer',
      'financial_contributor',
      'manager',
      'marketer',
    ]);
  });
});

describe('whom a refused admin can ask', () => {
  const lynne: PolicyUser = { id: 'lynne', roles: ['report_viewer'], status: 'active' };
  const ga: PolicyUser = { id: 'ga', roles: ['global_admin'], status: 'active' };
  const invitedGa: PolicyUser = { id: 'ga-invited', roles: ['global_admin'], status: 'invited' };
  const uma: PolicyUser = { id: 'uma', roles: ['user_management_admin'], status: 'active' };
  const accountAdmin: PolicyUser = { id: 'aa', roles: ['account_admin'], status: 'active' };
  const org = { users: [lynne, ga, invitedGa, uma, accountAdmin], isCspProvider: true, sellsToCustomers: true };
  const ids = (users: readonly PolicyUser[]) => users.map((user) => user.id).sort();

  it('are the active people the policy would let do it, never the one asking', () => {
    assert.deepEqual(ids(whoMay({ type: 'open_role_editor', roles: ['global_admin'] }, org, 'lynne')), ['ga']);
    assert.deepEqual(ids(whoMay({ type: 'open_role_editor', roles: ['report_viewer'] }, org, 'lynne')), [
      'aa',
      'ga',
      'uma',
    ]);
    assert.deepEqual(ids(whoMay({ type: 'open_add_user_form' }, org, 'lynne')), ['ga', 'uma']);
    assert.deepEqual(ids(whoMay({ type: 'open_add_user_form' }, org, 'ga')), ['uma']);
  });

  it('who may remove someone excludes that person (nobody removes themselves)', () => {
    assert.deepEqual(ids(whoMay({ type: 'remove_user', target: ga }, org, 'uma')), []);
    assert.deepEqual(ids(whoMay({ type: 'remove_user', target: lynne }, org, 'lynne')), ['ga', 'uma']);
  });
});

describe('a second Global admin approves (issue 21)', () => {
  const requester: PolicyUser = { id: 'ga-1', roles: ['global_admin'], status: 'active' };
  const other: PolicyUser = { id: 'ga-2', roles: ['global_admin'], status: 'active' };
  const megan: PolicyUser = { id: 'megan', roles: ['global_admin'], status: 'active' };
  const org = { users: [requester, other, megan], isCspProvider: true, sellsToCustomers: true };
  const approve = (actor: PolicyUser) =>
    decide(actor, { type: 'approve_access_request', requestedBy: 'ga-1', targetId: 'megan' }, org);

  it('nobody approves their own request, nor one about themselves; another Global admin does', () => {
    assert.deepEqual(approve(requester), { allowed: false, reason: 'cannot_approve_own_request' });
    assert.deepEqual(approve(megan), { allowed: false, reason: 'cannot_approve_own_request' });
    assert.deepEqual(approve(other), { allowed: true });
  });

  it('whom the requester is pointed to: the other Global admins', () => {
    const action = { type: 'approve_access_request', requestedBy: 'ga-1', targetId: 'megan' } as const;
    assert.deepEqual(
      whoMay(action, org, 'ga-1').map((user) => user.id),
      ['ga-2'],
    );
  });
});
