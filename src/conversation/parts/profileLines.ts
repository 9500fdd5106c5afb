import type { OrganizationFile } from '../../store/schema.js';

/** Organization profile details on one line, as typed (escape them for a card). */
type Profile = OrganizationFile['organization']['profile'];

/** A contact: "Alex Wilber · alexw@contoso.com · +33 …". */
export function contactLine(
  person: { firstName: string; lastName: string; email: string; phone?: string } | undefined,
): string {
  if (!person) return '';
  return [`${person.firstName} ${person.lastName}`.trim(), person.email, person.phone].filter(Boolean).join(' · ');
}

/** The support profile: website · email · phone. */
export function supportLine(support: Profile['supportProfile']): string {
  return support ? [support.website, support.email, support.phone].filter(Boolean).join(' · ') : '';
}
