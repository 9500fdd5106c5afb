import assert from 'node:assert/strict';
import { checkPhone, checkWebsite } from '../../src/accounts/profileFields.js';
import { findPhone, findWebsite } from '../../src/language/contactDetails.js';
import { verificationAfterContactChange } from '../../src/accounts/updatePrimaryContact.js';
import {
  associatePartnerId,
  checkAssociation,
  PartnerIdAssociationError,
} from '../../src/accounts/associatePartnerId.js';
import { onboardingStatus } from '../../src/accounts/onboardingChecklist.js';
import { demoOrganization, DEMO_TENANT_ID } from '../../src/store/demoOrganization.js';
import type { OrganizationFile } from '../../src/store/schema.js';

describe('organization profile fields', () => {
  it('a support website: https only, a real host, no credentials; a bare host is read as https', () => {
    assert.deepEqual(checkWebsite('support.contoso.com'), { ok: true, value: 'https://support.contoso.com/' });
    assert.deepEqual(checkWebsite('https://contoso.fr/aide'), { ok: true, value: 'https://contoso.fr/aide' });
    for (const [input, problem] of [
      ['http://contoso.fr/aide', 'not_https'],
      ['javascript:alert(1)', 'not_https'],
      ['ftp://contoso.com', 'not_https'],
      ['https://user:pw@contoso.com', 'invalid'],
      ['https://localhost', 'invalid'],
      ['not a site', 'invalid'],
      [`https://contoso.com/${'a'.repeat(300)}`, 'too_long'],
    ] as const) {
      assert.deepEqual(checkWebsite(input), { ok: false, problem }, input);
    }
  });

  it('a phone: checked by libphonenumber, stored in international format, read in the home country without +', () => {
    assert.deepEqual(checkPhone('01 70 36 42 99', 'FR'), { ok: true, value: '+33 1 70 36 42 99' });
    assert.deepEqual(checkPhone('+1 (415) 555-2671'), { ok: true, value: '+1 415 555 2671' });
    assert.deepEqual(checkPhone('01 70 36 42 99'), { ok: false, problem: 'needs_country_code' });
    assert.deepEqual(checkPhone('+33 12'), { ok: false, problem: 'invalid' });
    assert.deepEqual(checkPhone('+33 1 70 36 42 99 <b>'), { ok: false, problem: 'invalid' });
    assert.deepEqual(checkPhone('   '), { ok: false, problem: 'required' });
  });

  it('changing the primary contact sends a verified or rejected account back to pending, and leaves the others', () => {
    assert.deepEqual(
      ['none', 'pending', 'authorized', 'rejected'].map((status) => verificationAfterContactChange(status as never)),
      ['none', 'pending', 'pending', 'pending'],
    );
  });
});

describe('PartnerID association rules', () => {
  const demo = () => demoOrganization('2026-11-20T09:00:00.000Z');
  const problemOf = (document: OrganizationFile, input: Parameters<typeof checkAssociation>[1]) => {
    try {
      checkAssociation(document, input);
      return 'accepted';
    } catch (error) {
      return (error as PartnerIdAssociationError).problem;
    }
  };

  it('refuses unknown, inactive, other-country, other-tenant and already-associated locations; accepts an active one of the tenant country', () => {
    const document = demo();
    const withOtherTenant: OrganizationFile = {
      ...document,
      organization: {
        ...document.organization,
        profile: {
          ...document.organization.profile,
          locations: document.organization.profile.locations.map((location) =>
            location.id === 'loc-lyon'
              ? { ...location, cspTenantId: '11111111-2222-4333-8444-555555555555' }
              : location,
          ),
        },
      },
    };
    assert.equal(problemOf(document, { partnerId: '123' }), 'invalid_partner_id');
    assert.equal(problemOf(document, { partnerId: '9999999' }), 'unknown_partner_id');
    assert.equal(problemOf(document, { locationId: 'loc-nowhere' }), 'unknown_partner_id');
    assert.equal(problemOf(document, { partnerId: '6104523' }), 'inactive');
    assert.equal(problemOf(document, { partnerId: '6104521' }), 'already_associated');
    assert.equal(problemOf(withOtherTenant, { partnerId: '6104522' }), 'linked_to_other_tenant');
    assert.equal(problemOf(document, { locationId: 'loc-lyon' }), 'accepted');
  });

  it('asks for the tenant country when unknown, refuses a forged one, and keeps a valid one on the tenant record', () => {
    const document = demo();
    const profile = document.organization.profile;
    const unknownCountry: OrganizationFile = {
      ...document,
      organization: {
        ...document.organization,
        profile: { ...profile, tenants: profile.tenants.map(({ country: _country, ...tenant }) => tenant) },
      },
    };
    assert.equal(problemOf(unknownCountry, { locationId: 'loc-lyon' }), 'tenant_country_required');
    assert.equal(problemOf(unknownCountry, { locationId: 'loc-lyon', tenantCountry: 'fr' }), 'tenant_country_required');
    assert.equal(problemOf(unknownCountry, { locationId: 'loc-lyon', tenantCountry: 'CA' }), 'country_mismatch');
    const outcome = associatePartnerId(unknownCountry, 'u-alex', { locationId: 'loc-lyon', tenantCountry: 'FR' });
    assert.equal(outcome.next.organization.profile.tenants[0]?.country, 'FR');
    assert.deepEqual(
      outcome.next.organization.profile.locations
        .filter((location) => location.cspTenantId === DEMO_TENANT_ID)
        .map((location) => location.id),
      ['loc-lyon'],
    );
  });
});

describe('onboarding checklist states', () => {
  it('the demo organization: tax and two Global admins to do, the rest done', () => {
    const status = onboardingStatus(demoOrganization('2026-11-20T09:00:00.000Z'));
    assert.deepEqual(
      status.steps.map((step) => `${step.step}:${step.state}`),
      ['support:done', 'tax:todo', 'contacts:done', 'partnerId:done', 'team:done', 'globalAdmins:todo'],
    );
    assert.equal(status.complete, false);
  });

  it('an inactive associated location does not count; tax recorded as not applicable does', () => {
    const document = demoOrganization('2026-11-20T09:00:00.000Z');
    const profile = document.organization.profile;
    const changed: OrganizationFile = {
      ...document,
      organization: {
        ...document.organization,
        onboarding: {
          taxExemptions: {
            state: 'not_applicable',
            recordedAt: '2026-11-20T09:00:00.000Z',
            recordedBy: { userId: 'u-megan', displayName: 'Megan Bowen' },
          },
        },
        profile: {
          ...profile,
          locations: profile.locations.map((location) =>
            location.id === 'loc-paris' ? { ...location, status: 'inactive' as const } : location,
          ),
        },
      },
    };
    const states = Object.fromEntries(onboardingStatus(changed).steps.map((step) => [step.step, step.state]));
    assert.equal(states.partnerId, 'todo');
    assert.equal(states.tax, 'not_applicable');
  });
});

describe('phone numbers and websites written in a request', () => {
  it("finds them, without the sentence's punctuation, and not inside emails", () => {
    assert.equal(findPhone('change our support phone to +33 1 70 36 42 11 please'), '+33 1 70 36 42 11');
    assert.equal(findPhone('téléphone du support : 01.70.36.42.12.'), '01.70.36.42.12');
    assert.equal(findPhone('update the support email to help2024@contoso.com'), undefined);
    assert.equal(findPhone('update the support details'), undefined);
    assert.equal(findWebsite('set the support site to help.contoso.com, thanks'), 'help.contoso.com');
    assert.equal(findWebsite('site web du support : https://contoso.fr/aide.'), 'https://contoso.fr/aide');
    assert.equal(findWebsite('support email aide@contoso.com'), undefined);
    assert.equal(findWebsite('change the support phone'), undefined);
  });
});
