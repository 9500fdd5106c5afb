/**
 * Text as people type it, folded for matching against names we know (a region, a column header, a
 * role): without accents, case or punctuation. "Île-de-France", "ILE DE FRANCE" and "ile de france"
 * fold the same.
 */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
