import type { VerificationStatus } from '../domain/programs.js';
import type { ChangeOutcome } from '../store/accountStore.js';
import type { Address, OrganizationFile } from '../store/schema.js';
import { actorRef, authorize, policyOrganization } from './organizationView.js';
import { assertSectionUnchanged, ProfileInputError, withProfile, type FieldProblems } from './organizationProfile.js';
import { checkAddress, type AddressInput } from './postalAddress.js';
import { checkName } from './profileFields.js';
import { verificationAfterContactChange } from './updatePrimaryContact.js';

/**
 * The legal business profile (shared/domain/partner-center.md §5, Legal info): the company's
 * legal name and address, with the country's address rules. A CSP partner's legal country cannot
 * be changed (its billing currency and tax follow it). Like the primary contact, a change can make
 * Microsoft verify the account again (a verified or rejected account goes back to pending), and it
 * may change the tax information Microsoft holds: the confirmation says both (seed 003).
 */
export interface LegalProfileInput extends AddressInput {
  legalName: string;
}

export function checkLegalProfile(
  current: OrganizationFile,
  input: LegalProfileInput,
): { problems: FieldProblems | Record<string, string>; value?: { legalName: string; address: Address } } {
  const problems: Record<string, string> = {};
  const name = checkName(input.legalName);
  if (!name.ok) problems.legalName = name.problem;
  const address = checkAddress(input);
  Object.assign(problems, address.problems);
  const profile = current.organization.profile;
  // Direct-bill partners and indirect providers cannot change their legal name once verified: a
  // support ticket does it (§4).
  if (
    name.ok &&
    name.value !== profile.legal.legalName &&
    policyOrganization(current).isCspProvider &&
    profile.verification.status === 'authorized'
  )
    problems.legalName = 'fixed_while_authorized';
  const before = profile.legal.address?.country;
  if (policyOrganization(current).sellsToCustomers && before && address.value && address.value.country !== before)
    problems.country = 'fixed_for_csp';
  if (!name.ok || !address.value || Object.keys(problems).length > 0) return { problems };
  return { problems, value: { legalName: name.value, address: address.value } };
}

/** The verification status after the legal profile changed: as after a primary contact change. */
export const verificationAfterLegalChange = verificationAfterContactChange;

export function updateLegalProfile(
  current: OrganizationFile,
  actorId: string,
  input: LegalProfileInput,
  basis: string,
  now: string,
): ChangeOutcome<{ legalName: string; address: Address; verification: VerificationStatus }> {
  const actor = authorize(current, actorId, () => ({ type: 'update_org_section', section: 'legal' }));
  const profile = current.organization.profile;
  assertSectionUnchanged(profile.legal, basis);
  const { problems, value } = checkLegalProfile(current, input);
  if (!value) throw new ProfileInputError(problems as FieldProblems);
  const status = verificationAfterLegalChange(profile.verification.status);
  const verification = status === profile.verification.status ? profile.verification : { status, updatedAt: now };
  return {
    next: withProfile(current, {
      ...profile,
      legal: { legalName: value.legalName, address: value.address },
      verification,
    }),
    result: { ...value, verification: status },
    audit: [
      {
        actor: actorRef(actor),
        action: 'organization.legal_profile_changed',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        before: { legal: profile.legal, verification: profile.verification.status },
        after: { legal: value, verification: status },
      },
    ],
  };
}
