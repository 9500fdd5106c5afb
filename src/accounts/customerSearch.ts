import type { Customer } from '../store/schema.js';
import { distance } from 'fastest-levenshtein';
import { LEGAL_FORMS } from '../domain/companyNames.js';

/**
 * Finding customers the way admins type them (shared/domain/partner-center.md §6: by company name,
 * domain or Microsoft ID): case, accents and punctuation do not matter, a small typo in a word of
 * the name is forgiven ("fabrikma"), legal suffixes are not needed ("Fabrikam" finds "Fabrikam,
 * Inc."), a domain or a Microsoft ID finds its customer exactly.
 *
 * Why not the user search of the recognizer: customers are not people, and a company name is
 * matched word by word against what the admin typed, not as a first and last name.
 */

export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9@.-]+/g, ' ')
    .trim();
}

/** The words that name the company: folded, legal forms left out. */
export function nameWords(companyName: string): string[] {
  return foldText(companyName)
    .replace(/[.-]/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !LEGAL_FORMS.has(word));
}

/**
 * Two words are the same word, a typo apart: one edit from 4 letters, two from 7 (Levenshtein
 * distance, so two swapped letters, "fabrikma", are two edits).
 */
function sameWord(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (typed.length < 4 || word.length < 4) return false;
  const allowed = Math.min(typed.length, word.length) >= 7 ? 2 : 1;
  return Math.abs(typed.length - word.length) <= allowed && distance(typed, word) <= allowed;
}

export interface CustomerMatch {
  customer: Customer;
  /** 1 for an exact domain or Microsoft ID; otherwise the share of the name's words found, less for typos. */
  score: number;
}

/**
 * The customers a query finds, best first. The query is what the admin typed as a search ("fabrikam",
 * "contoso.onmicrosoft.com", a GUID). An empty query finds every customer, by name.
 */
export function searchCustomers(customers: readonly Customer[], query: string): CustomerMatch[] {
  const folded = foldText(query);
  if (!folded) return sortByName(customers).map((customer) => ({ customer, score: 1 }));
  const exact = customers.filter(
    (customer) =>
      customer.microsoftId === folded ||
      customer.domains.includes(folded) ||
      customer.domains.some((domain) => domain.split('.')[0] === folded && folded.length >= 4),
  );
  if (exact.length > 0) return sortByName(exact).map((customer) => ({ customer, score: 1 }));
  const typed = folded
    .replace(/[.-]/g, ' ')
    .split(/\s+/)
    .filter((word) => word && !LEGAL_FORMS.has(word));
  if (typed.length === 0) return [];
  const matches: CustomerMatch[] = [];
  for (const customer of customers) {
    const words = nameWords(customer.companyName);
    const domainWords = customer.domains.map((domain) => domain.split('.')[0]!);
    let found = 0;
    let typos = 0;
    for (const word of typed) {
      const hit = [...words, ...domainWords].find((candidate) => sameWord(word, candidate));
      if (!hit) continue;
      found++;
      if (hit !== word) typos++;
    }
    // Every typed word must name this customer: "fabrikam paris" is not every Fabrikam.
    if (found < typed.length) continue;
    matches.push({ customer, score: Math.max(0.5, 1 - 0.1 * typos - 0.05 * Math.max(0, words.length - found)) });
  }
  return matches.sort((a, b) => b.score - a.score || a.customer.companyName.localeCompare(b.customer.companyName));
}

function sortByName(customers: readonly Customer[]): Customer[] {
  return [...customers].sort((a, b) => a.companyName.localeCompare(b.companyName));
}

/**
 * Customers a message names, for a request typed in one line ("show fabrikam's users", "end our
 * relationship with Tailspin"): each customer whose domain or Microsoft ID is in the message, or
 * whose name's first word is ("tailspin" names Tailspin Toys SARL), a typo forgiven on words of four
 * letters or more. Two customers whose names start alike are both named: the admin chooses.
 */
export function customersNamedIn(customers: readonly Customer[], text: string): Customer[] {
  const folded = foldText(text);
  const words = folded
    .replace(/['’]s\b/g, '')
    .replace(/[.-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const tokens = folded.split(/\s+/).map((token) => token.replace(/[.,;:!?]+$/, ''));
  return customers.filter((customer) => {
    if (customer.microsoftId && tokens.includes(customer.microsoftId)) return true;
    if (
      customer.domains.some((domain) => tokens.includes(domain) || tokens.some((token) => token.endsWith(`@${domain}`)))
    )
      return true;
    const [first] = nameWords(customer.companyName);
    const label = customer.domains[0]?.split('.')[0];
    return words.some(
      (typed) =>
        (first !== undefined && sameWord(typed, first)) ||
        (label !== undefined && typed.length >= 4 && sameWord(typed, label)),
    );
  });
}

/**
 * Customers that may be the same company as a new one: a very close name (every word a typo apart,
 * legal forms aside) in the same country. A taken domain is not a likely duplicate: it is refused.
 */
export function likelyDuplicates(customers: readonly Customer[], companyName: string, country: string): Customer[] {
  const wanted = nameWords(companyName);
  if (wanted.length === 0) return [];
  return customers.filter((customer) => {
    if (customer.address && customer.address.country !== country) return false;
    const words = nameWords(customer.companyName);
    return words.length === wanted.length && words.every((word, index) => sameWord(wanted[index]!, word));
  });
}

/** Words of a request that are not part of what is searched for ("find the customer fabrikam"). */
const REQUEST_WORDS = new Set(
  (
    'a an and any all are can could customer customers client clients company companies details detail domain ' +
    'find for get give have i id info is list look me microsoft my named of on our please pls search see show ' +
    'tell the their them there up us what which who whose with you account accounts called do does ' +
    'affiche afficher cherche chercher trouve trouver liste lister montre montrer donne voir les le la de des ' +
    'du nos notre mes mon un une pour avec domaine societe societes entreprise entreprises compte comptes ' +
    'stp svp merci est qui quel quels quelle quelles tous toutes tout moi je peux peut on nom appele ' +
    'fiche infos information informations identifiant'
  ).split(' '),
);

/** What a typed request searches for, once the words of asking are left out ("" when it names nothing). */
export function searchedFor(text: string): string {
  return foldText(text)
    .split(/\s+/)
    .map((word) => word.replace(/^[.,;:!?'’-]+|[.,;:!?'’-]+$/g, ''))
    .filter((word) => word && !REQUEST_WORDS.has(word) && !/^[.?!]+$/.test(word))
    .join(' ');
}
