import type { ChangeOutcome } from '../store/accountStore.js';
import type { Contact, OrganizationFile } from '../store/schema.js';
import { actorRef, authorize } from './organizationView.js';
import {
  assertSectionUnchanged,
  homeCountry,
  ProfileInputError,
  withProfile,
  type FieldProblems,
} from './organizationProfile.js';
import { checkMailboxMicrosoftWritesTo, checkName, checkPhone } from './profileFields.js';

/**
 * The security contact of a CSP partner (shared/domain/partner-center.md §3, "Other admin tasks";
 * Global admin only): the person or team Microsoft alerts about security incidents. First, middle
 * (optional) and last name, an email Microsoft can write to (a distribution list is preferred, so
 * an alert never waits for one person), a phone staffed 24×7. Changing it does not start a new
 * verification of the account, unlike the legal profile and the primary contact.
 */
export interface SecurityContactInput {
  firstName: string;
  middleName: string;
  lastName: string;
  email: string;
  phone: string;
}

export function checkSecurityContact(
  input: SecurityContactInput,
  country: string | undefined,
): { problems: FieldProblems; value?: Contact } {
  const problems: FieldProblems = {};
  const firstName = checkName(input.firstName);
  const lastName = checkName(input.lastName);
  const middleText = input.middleName.trim();
  const middleName = middleText ? checkName(middleText) : undefined;
  const email = checkMailboxMicrosoftWritesTo(input.email);
  const phone = checkPhone(input.phone, country);
  if (!firstName.ok) problems.firstName = firstName.problem;
  if (middleName && !middleName.ok) problems.middleName = middleName.problem;
  if (!lastName.ok) problems.lastName = lastName.problem;
  if (!email.ok) problems.email = email.problem;
  if (!phone.ok) problems.phone = phone.problem;
  if (!firstName.ok || !lastName.ok || !email.ok || !phone.ok || (middleName && !middleName.ok)) return { problems };
  return {
    problems,
    value: {
      firstName: firstName.value,
      ...(middleName?.ok ? { middleName: middleName.value } : {}),
      lastName: lastName.value,
      email: email.value,
      phone: phone.value,
    },
  };
}

export function updateSecurityContact(
  current: OrganizationFile,
  actorId: string,
  input: SecurityContactInput,
  basis: string,
): ChangeOutcome<Contact> {
  const actor = authorize(current, actorId, () => ({ type: 'update_org_section', section: 'security_contact' }));
  const profile = current.organization.profile;
  assertSectionUnchanged(profile.securityContact, basis);
  const { problems, value } = checkSecurityContact(input, homeCountry(current));
  if (!value) throw new ProfileInputError(problems);
  return {
    // The verification status is left as it is: the security contact is not verified by Microsoft.
    next: withProfile(current, { ...profile, securityContact: value }),
    result: value,
    audit: [
      {
        actor: actorRef(actor),
        action: 'organization.security_contact_changed',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        before: { securityContact: profile.securityContact ?? null },
        after: { securityContact: value },
      },
    ],
  };
}
