import { allCountries } from 'country-region-data';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import type { Address } from '../store/schema.js';
import { isCountryCode } from './countries.js';
import { checkName } from './profileFields.js';
import { foldForMatching } from './textFolding.js';

/**
 * A postal address as Partner Center asks for a customer's (shared/domain/partner-center.md §6:
 * "the exact legal name and full address"): street, city, postal code and country, and the state
 * or province where the country's addresses need one.
 *
 * - Postal codes are checked against the country's format (postcode-validator's patterns); a
 *   country without postal codes (Hong Kong, Ireland before Eircode…) needs none.
 * - States and provinces (country-region-data's lists) are required where addresses are not
 *   deliverable without one, and must then be one of the country's: typed as its name or its
 *   code, in any case, with or without accents ("qc", "Québec", "Quebec" are all QC).
 *   Which countries require one is our choice (docs/domain-decisions.md).
 */
export const STATE_REQUIRED_IN: ReadonlySet<string> = new Set([
  'US',
  'CA',
  'AU',
  'BR',
  'MX',
  'IN',
  'AR',
  'CN',
  'JP',
  'MY',
]);

export interface AddressInput {
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode: string;
  country: string;
}

export type AddressProblem =
  'required' | 'too_long' | 'invalid_characters' | 'invalid_for_country' | 'unknown_for_country';

export type AddressProblems = Partial<Record<keyof AddressInput, AddressProblem>>;

const REGIONS: ReadonlyMap<string, readonly (readonly [name: string, code: string])[]> = new Map(
  allCountries.map(([, code, regions]) => [code, regions.map(([name, short]) => [name, short ?? ''] as const)]),
);

/** The region as stored: its letter code where it has one (CA, QC, NSW), else its name. */
function storedRegion(name: string, code: string): string {
  return /^[A-Z]{1,3}$/.test(code) ? code : name;
}

/** One of the country's states or provinces, by name or code; undefined when none matches. */
export function findRegion(country: string, typed: string): string | undefined {
  const wanted = foldForMatching(typed);
  if (!wanted) return undefined;
  for (const [name, code] of REGIONS.get(country) ?? []) {
    if (foldForMatching(name) === wanted || (code && foldForMatching(code) === wanted)) return storedRegion(name, code);
  }
  return undefined;
}

/** The country's states or provinces for a choice list, when its addresses need one. */
export function regionChoices(country: string): { title: string; value: string }[] {
  if (!STATE_REQUIRED_IN.has(country)) return [];
  return (REGIONS.get(country) ?? []).map(([name, code]) => ({ title: name, value: storedRegion(name, code) }));
}

export function normalizePostalCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, ' ');
}

export function checkAddress(input: AddressInput): { problems: AddressProblems; value?: Address } {
  const problems: AddressProblems = {};
  const line1 = checkName(input.line1);
  const city = checkName(input.city);
  if (!line1.ok) problems.line1 = line1.problem as AddressProblem;
  if (!city.ok) problems.city = city.problem as AddressProblem;
  const line2Text = (input.line2 ?? '').trim();
  const line2 = line2Text ? checkName(line2Text) : undefined;
  if (line2 && !line2.ok) problems.line2 = line2.problem as AddressProblem;

  const country = input.country.trim().toUpperCase();
  if (!isCountryCode(country)) problems.country = 'required';

  const postalCode = normalizePostalCode(input.postalCode);
  if (postalCode.length > 20) problems.postalCode = 'too_long';
  else if (isCountryCode(country) && postcodeValidatorExistsForCountry(country)) {
    if (!postalCode) problems.postalCode = 'required';
    else if (!postcodeValidator(postalCode, country)) problems.postalCode = 'invalid_for_country';
  }

  const stateText = (input.state ?? '').trim();
  let state: string | undefined;
  if (stateText.length > 100) problems.state = 'too_long';
  else if (isCountryCode(country) && STATE_REQUIRED_IN.has(country)) {
    if (!stateText) problems.state = 'required';
    else {
      state = findRegion(country, stateText);
      if (!state) problems.state = 'unknown_for_country';
    }
  } else if (stateText) {
    const checked = checkName(stateText);
    if (checked.ok) state = checked.value;
    else problems.state = checked.problem as AddressProblem;
  }

  if (Object.keys(problems).length > 0 || !line1.ok || !city.ok) return { problems };
  return {
    problems,
    value: {
      line1: line1.value,
      ...(line2?.ok ? { line2: line2.value } : {}),
      city: city.value,
      ...(state ? { state } : {}),
      postalCode,
      country,
    },
  };
}
