import type { VerificationStatus } from '../domain/programs.js';
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
 * The primary contact of the partner account: the person Microsoft writes to about verification
 * (shared/domain/partner-center.md §5). Changing it may make Microsoft verify the account again:
 * an account that was verified (or rejected) goes back to "pending" until Microsoft decides
 * (docs/domain-decisions.md). An account not yet verified, or already pending, keeps its status.
 */
export interface ContactInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

export function checkContact(
  input: ContactInput,
  country: string | undefined,
): { problems: FieldProblems; value?: Contact } {
  const problems: FieldProblems = {};
  const firstName = checkName(input.firstName);
  const lastName = checkName(input.lastName);
  // Microsoft writes to this address about verification (seed 002: a monitored mailbox).
  const email = checkMailboxMicrosoftWritesTo(input.email);
  const phone = checkPhone(input.phone, country);
  if (!firstName.ok) problems.firstName = firstName.problem;
  if (!lastName.ok) problems.lastName = lastName.problem;
  if (!email.ok) problems.email = email.problem;
  if (!phone.ok) problems.phone = phone.problem;
  if (!firstName.ok || !lastName.ok || !email.ok || !phone.ok) return { problems };
  return {
    problems,
    value: { firstName: firstName.value, lastName: lastName.value, email: email.value, phone: phone.value },
  };
}

/** The verification status after the primary contact changed. */
export function verificationAfterContactChange(status: VerificationStatus): VerificationStatus {
  return status === 'authorized' || status === 'rejected' ? 'pending' : status;
}

export function updatePrimaryContact(
  current: OrganizationFile,
  actorId: string,
  input: ContactInput,
  basis: string,
  now: string,
): ChangeOutcome<{ contact: Contact; verification: VerificationStatus }> {
  const actor = authorize(current, actorId, () => ({ type: 'update_org_section', section: 'primary_contact' }));
  const profile = current.organization.profile;
  assertSectionUnchanged(profile.primaryContact, basis);
  const { problems, value } = checkContact(input, homeCountry(current));
  if (!value) throw new ProfileInputError(problems);
  const status = verificationAfterContactChange(profile.verification.status);
  const verification = status === profile.verification.status ? profile.verification : { status, updatedAt: now };
  return {
    next: withProfile(current, { ...profile, primaryContact: value, verification }),
    result: { contact: value, verification: status },
    audit: [
      {
        actor: actorRef(actor),
        action: 'organization.primary_contact_changed',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        before: { primaryContact: profile.primaryContact ?? null, verification: profile.verification.status },
        after: { primaryContact: value, verification: status },
      },
    ],
  };
}
