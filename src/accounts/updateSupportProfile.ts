import type { ChangeOutcome } from '../store/accountStore.js';
import type { OrganizationFile, OrganizationProfile } from '../store/schema.js';
import { actorRef, authorize } from './organizationView.js';
import {
  assertSectionUnchanged,
  homeCountry,
  ProfileInputError,
  withProfile,
  type FieldProblems,
} from './organizationProfile.js';
import { checkEmail, checkPhone, checkWebsite } from './profileFields.js';

/**
 * The customer support profile (Reseller tab): the website, email and phone Microsoft gives a
 * customer who calls it for help. Email and phone are required; the website is optional (not
 * every partner runs a support site; docs/domain-decisions.md).
 */
export type SupportProfile = NonNullable<OrganizationProfile['supportProfile']>;

export interface SupportProfileInput {
  website: string;
  email: string;
  phone: string;
}

export function checkSupportProfile(
  input: SupportProfileInput,
  country: string | undefined,
): { problems: FieldProblems; value?: SupportProfile } {
  const problems: FieldProblems = {};
  const website = input.website.trim() ? checkWebsite(input.website) : undefined;
  const email = checkEmail(input.email);
  const phone = checkPhone(input.phone, country);
  if (website && !website.ok) problems.website = website.problem;
  if (!email.ok) problems.email = email.problem;
  if (!phone.ok) problems.phone = phone.problem;
  if (Object.keys(problems).length > 0 || !email.ok || !phone.ok) return { problems };
  return {
    problems,
    value: { ...(website?.ok ? { website: website.value } : {}), email: email.value, phone: phone.value },
  };
}

export function updateSupportProfile(
  current: OrganizationFile,
  actorId: string,
  input: SupportProfileInput,
  basis: string,
): ChangeOutcome<SupportProfile> {
  const actor = authorize(current, actorId, () => ({ type: 'update_org_section', section: 'support_profile' }));
  const before = current.organization.profile.supportProfile;
  assertSectionUnchanged(before, basis);
  const { problems, value } = checkSupportProfile(input, homeCountry(current));
  if (!value) throw new ProfileInputError(problems);
  return {
    next: withProfile(current, { ...current.organization.profile, supportProfile: value }),
    result: value,
    audit: [
      {
        actor: actorRef(actor),
        action: 'organization.support_profile_changed',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        before: before ?? null,
        after: value,
      },
    ],
  };
}
