/**
 * Text as the recognizer compares it: lower case, accents and apostrophes removed, punctuation
 * turned into single spaces. "Quel est mon rôle ?" and "quel est mon role" become the same string.
 */
export function normalize(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .trim();
  if (folded === '?') return folded;
  return folded
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .replace(/(^|\s)\.+|\.+(\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a normalized text, with a plural "s" dropped so "admins" meets "admin". */
export function words(text: string): string[] {
  return normalize(text)
    .split(' ')
    .filter(Boolean)
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.includes('@') ? word.slice(0, -1) : word));
}
