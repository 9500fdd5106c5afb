import type { ChangeOutcome } from '../store/accountStore.js';
import { PARTNER_ID_PATTERN, type Location, type OrganizationFile } from '../store/schema.js';
import { actorRef, authorize } from './organizationView.js';
import { withProfile } from './organizationProfile.js';
import { isCountryCode } from './countries.js';
import { InvalidChangeError, StaleChangeError } from './changeRefused.js';

/**
 * "Associate your PartnerID (MPN ID) with your account": the organization's Entra tenant is linked
 * to one location's PartnerID (shared/domain/partner-center.md §5; seed 003). Partner Center's
 * rules, checked here and again inside the change:
 * - the PartnerID must be one of the organization's locations (the bot cannot ask Microsoft about
 *   others), and that location must be active;
 * - the location must be in the same country or region as the Entra tenant;
 * - tenant and location PartnerID are one-to-one: a location linked to another tenant is refused,
 *   and linking a new location moves the tenant's link from the old one.
 */
export type AssociationProblem =
  | 'invalid_partner_id'
  | 'unknown_partner_id'
  | 'inactive'
  | 'tenant_country_required'
  | 'country_mismatch'
  | 'linked_to_other_tenant'
  | 'already_associated';

export class PartnerIdAssociationError extends InvalidChangeError {
  constructor(
    readonly problem: AssociationProblem,
    readonly location?: Location,
    readonly tenantCountry?: string,
  ) {
    super(`PartnerID association refused: ${problem}`);
    this.name = 'PartnerIdAssociationError';
  }
}

export interface AssociationInput {
  /** A location chosen from the list… */
  locationId?: string;
  /** …or a PartnerID typed by the admin. */
  partnerId?: string;
  /** The Entra tenant's country, asked only when the profile does not know it yet (ISO 3166-1 alpha-2). */
  tenantCountry?: string;
}

/**
 * The location the admin saw associated when they confirmed ('' for none). If another admin has
 * moved the association since, the change is stale: the admin confirmed a move from somewhere else.
 */
export type LinkedWhenShown = string;

export interface Association {
  location: Location;
  /** The location the tenant was linked to before, if another. */
  previous?: Location;
}

export function primaryTenantOf(document: OrganizationFile) {
  return document.organization.profile.tenants.find((tenant) => tenant.tenantId === document.organization.tenantId);
}

/** The location the tenant is linked to now, if any. */
export function associatedLocation(document: OrganizationFile): Location | undefined {
  return document.organization.profile.locations.find(
    (location) => location.cspTenantId === document.organization.tenantId,
  );
}

/** Everything that would stop the association, without changing anything: the form shows it. */
export function checkAssociation(document: OrganizationFile, input: AssociationInput): Association {
  const tenantId = document.organization.tenantId;
  const { locations } = document.organization.profile;
  let location: Location | undefined;
  if (input.locationId) {
    location = locations.find((candidate) => candidate.id === input.locationId);
    if (!location) throw new PartnerIdAssociationError('unknown_partner_id');
  } else {
    const partnerId = (input.partnerId ?? '').replace(/\s+/g, '');
    if (!PARTNER_ID_PATTERN.test(partnerId)) throw new PartnerIdAssociationError('invalid_partner_id');
    location = locations.find((candidate) => candidate.partnerId === partnerId);
    if (!location) throw new PartnerIdAssociationError('unknown_partner_id');
  }
  if (location.status !== 'active') throw new PartnerIdAssociationError('inactive', location);
  const given = input.tenantCountry && isCountryCode(input.tenantCountry) ? input.tenantCountry : undefined;
  const tenantCountry = primaryTenantOf(document)?.country ?? given;
  if (!tenantCountry) throw new PartnerIdAssociationError('tenant_country_required', location);
  if (location.country !== tenantCountry)
    throw new PartnerIdAssociationError('country_mismatch', location, tenantCountry);
  if (location.cspTenantId === tenantId) throw new PartnerIdAssociationError('already_associated', location);
  if (location.cspTenantId) throw new PartnerIdAssociationError('linked_to_other_tenant', location);
  const previous = associatedLocation(document);
  return { location, ...(previous ? { previous } : {}) };
}

export function associatePartnerId(
  current: OrganizationFile,
  actorId: string,
  input: AssociationInput,
  linkedWhenShown?: LinkedWhenShown,
): ChangeOutcome<Association> {
  const actor = authorize(current, actorId, () => ({ type: 'update_org_section', section: 'locations' }));
  if (linkedWhenShown !== undefined && (associatedLocation(current)?.id ?? '') !== linkedWhenShown)
    throw new StaleChangeError('organization');
  const association = checkAssociation(current, input);
  const tenantId = current.organization.tenantId;
  const profile = current.organization.profile;
  const locations = profile.locations.map((location): Location => {
    if (location.id === association.location.id) return { ...location, cspTenantId: tenantId };
    if (location.cspTenantId === tenantId) {
      const { cspTenantId: _moved, ...unlinked } = location;
      return unlinked;
    }
    return location;
  });
  // The tenant's country, when the admin just told us, is kept on the tenant record.
  const known = primaryTenantOf(current);
  if (input.tenantCountry && !isCountryCode(input.tenantCountry))
    throw new PartnerIdAssociationError('tenant_country_required');
  const tenants = known
    ? profile.tenants.map((tenant) =>
        tenant === known && !tenant.country && input.tenantCountry
          ? { ...tenant, country: input.tenantCountry }
          : tenant,
      )
    : [
        ...profile.tenants,
        {
          tenantId,
          name: current.organization.displayName,
          primary: true,
          ...(input.tenantCountry ? { country: input.tenantCountry } : {}),
        },
      ];
  const linked = locations.find((location) => location.id === association.location.id)!;
  return {
    next: withProfile(current, { ...profile, locations, tenants }),
    result: { location: linked, ...(association.previous ? { previous: association.previous } : {}) },
    audit: [
      {
        actor: actorRef(actor),
        action: 'organization.partner_id_associated',
        target: { type: 'organization', id: tenantId },
        outcome: 'applied',
        before: { partnerId: association.previous?.partnerId ?? null },
        after: {
          partnerId: linked.partnerId,
          locationId: linked.id,
          tenantCountry: input.tenantCountry ?? known?.country ?? null,
        },
      },
    ],
  };
}
