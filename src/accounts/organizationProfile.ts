import type { OrganizationFile, OrganizationProfile } from '../store/schema.js';
import { StaleChangeError, InvalidChangeError } from './changeRefused.js';
import type { FieldProblem } from './profileFields.js';

/**
 * Helpers shared by the changes to the organization profile (support details, primary contact,
 * locations, tax exemptions): how a section is compared with what a card showed, and the error a
 * change throws when what was typed is not acceptable.
 */

/** What a card showed of a section, kept in its flow: a change made since then makes the card stale. */
export function sectionBasis(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function assertSectionUnchanged(value: unknown, basis: string): void {
  if (sectionBasis(value) !== basis) throw new StaleChangeError('organization');
}

/** Field → what is wrong with it, for the form to show under each field. */
export type FieldProblems = Record<string, FieldProblem>;

export class ProfileInputError extends InvalidChangeError {
  constructor(readonly problems: FieldProblems) {
    super(
      `Profile input refused: ${Object.entries(problems)
        .map(([field, problem]) => `${field}=${problem}`)
        .join(', ')}`,
    );
    this.name = 'ProfileInputError';
  }
}

/** The organization's own country, to read phone numbers typed without a country code. */
export function homeCountry(document: OrganizationFile): string | undefined {
  const profile = document.organization.profile;
  return profile.legal.address?.country ?? profile.tenants.find((tenant) => tenant.primary)?.country;
}

export function withProfile(current: OrganizationFile, profile: OrganizationProfile): OrganizationFile {
  return { ...current, organization: { ...current.organization, profile } };
}
