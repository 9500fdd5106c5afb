import type { OrganizationFile } from '../../store/schema.js';

/** Organization profile details on one line, as typed (escape them for a card). */
type Profile = OrganizationFile['organization']['profile'];

/** A contact: "Alex Wilber · alexw@contoso.com · +33 …". */
export function contactLine(
  person: { firstName: string; middleName?: string; lastName: string; email: string; phone?: string } | undefined,
): string {
  if (!person) return '';
  const name = [person.firstName, person.middleName, person.lastName].filter(Boolean).join(' ');
  return [name, person.email, person.phone].filter(Boolean).join(' · ');
}

/** The support profile: website · email · phone. */
export function supportLine(support: Profile['supportProfile']): string {
  return support ? [support.website, support.email, support.phone].filter(Boolean).join(' · ') : '';
}
