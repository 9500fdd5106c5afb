import { getCountries } from 'libphonenumber-js';

/**
 * Countries and regions, as ISO 3166-1 alpha-2 codes (the codes Partner Center stores). The list
 * comes from libphonenumber's metadata (every region with a phone plan, which is every region a
 * partner can be registered in); names come from the runtime's CLDR data in the admin's language,
 * so no country name is written in our code or locale files.
 */
const CODES: readonly string[] = [...getCountries()].sort();
const CODE_SET = new Set(CODES);

export function isCountryCode(value: string): boolean {
  return CODE_SET.has(value);
}

export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country, sorted by its name in the admin's language, for a choice list. */
export function countryChoices(language: string): { title: string; value: string }[] {
  const collator = new Intl.Collator(language);
  return CODES.map((code) => ({ title: countryName(code, language), value: code })).sort((a, b) =>
    collator.compare(a.title, b.title),
  );
}
