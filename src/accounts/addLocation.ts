import { randomUUID } from 'node:crypto';
import type { ChangeOutcome } from '../store/accountStore.js';
import { PARTNER_ID_PATTERN, type Location, type OrganizationFile } from '../store/schema.js';
import { actorRef, authorize } from './organizationView.js';
import { ProfileInputError, withProfile, type FieldProblems } from './organizationProfile.js';
import { checkName } from './profileFields.js';
import { isCountryCode } from './countries.js';

/**
 * Records a business location of the partner profile with the PartnerID Partner Center gave it
 * (shared/domain/partner-center.md §5: Global or Account admin). Microsoft issues PartnerIDs: the
 * bot does not invent one, it records the one the admin reads in Partner Center, so that a newly
 * bootstrapped organization can associate it. A new location is recorded as active.
 */
export interface LocationInput {
  name: string;
  city: string;
  country: string;
  partnerId: string;
}

export function checkLocation(
  document: OrganizationFile,
  input: LocationInput,
): { problems: FieldProblems; value?: Omit<Location, 'id'> } {
  const problems: FieldProblems = {};
  const name = checkName(input.name);
  const city = checkName(input.city);
  const partnerId = input.partnerId.replace(/\s+/g, '');
  if (!name.ok) problems.name = name.problem;
  if (!city.ok) problems.city = city.problem;
  if (!isCountryCode(input.country)) problems.country = 'required';
  if (!partnerId) problems.partnerId = 'required';
  else if (!PARTNER_ID_PATTERN.test(partnerId)) problems.partnerId = 'invalid';
  else if (document.organization.profile.locations.some((location) => location.partnerId === partnerId))
    problems.partnerId = 'duplicate';
  if (!name.ok || !city.ok || Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    value: { name: name.value, city: city.value, country: input.country, partnerId, status: 'active' },
  };
}

export function addLocation(current: OrganizationFile, actorId: string, input: LocationInput): ChangeOutcome<Location> {
  const actor = authorize(current, actorId, () => ({ type: 'update_org_section', section: 'locations' }));
  const { problems, value } = checkLocation(current, input);
  if (!value) throw new ProfileInputError(problems);
  const location: Location = { id: `loc-${randomUUID()}`, ...value };
  const profile = current.organization.profile;
  return {
    next: withProfile(current, { ...profile, locations: [...profile.locations, location] }),
    result: location,
    audit: [
      {
        actor: actorRef(actor),
        action: 'organization.location_added',
        target: { type: 'organization', id: current.organization.tenantId },
        outcome: 'applied',
        after: location,
      },
    ],
  };
}
