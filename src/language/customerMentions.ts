import { LEGAL_FORMS } from '../domain/companyNames.js';
import { FuzzyIndex } from './fuzzy.js';
import { tokenize, type Token } from './tokens.js';

/**
 * The partner's customers a message names, for the models: "add a user to fabrikam", "Tailspin's
 * address", "marc@tailspintoys.onmicrosoft.com". A customer's name words (legal forms left out),
 * the first label of each of its domains, and emails in its domains are read as a customer
 * (@customer, @customer_email), so the models learn "add a user to @customer" apart from "add
 * @person" without having seen that company. One typo is forgiven in a word of five letters or
 * more. The index is built once per version of the customer list.
 */
export interface CustomerName {
  id: string;
  companyName: string;
  domains: readonly string[];
}

interface CustomerIndex {
  words: FuzzyIndex<string>;
  domains: Set<string>;
}

const INDEXES = new WeakMap<readonly CustomerName[], CustomerIndex>();

function indexOf(customers: readonly CustomerName[]): CustomerIndex {
  let index = INDEXES.get(customers);
  if (index) return index;
  index = { words: new FuzzyIndex<string>(), domains: new Set() };
  for (const customer of customers) {
    for (const token of tokenize(customer.companyName))
      if (token.canonical.length >= 3 && !LEGAL_FORMS.has(token.normalized))
        index.words.add(token.canonical, customer.id);
    for (const domain of customer.domains) {
      index.domains.add(domain);
      const label = domain.split('.')[0];
      if (label && label.length >= 3) index.words.add(label, customer.id);
    }
  }
  INDEXES.set(customers, index);
  return index;
}

/** Positions of `tokens` that name a customer (`name`) or are an email in a customer's domain (`email`). */
export function findCustomerMentions(
  customers: readonly CustomerName[],
  tokens: readonly Token[],
  taken: ReadonlySet<number>,
  isVocabulary: (word: string) => boolean,
): { position: number; kind: 'name' | 'email' }[] {
  if (customers.length === 0) return [];
  const index = indexOf(customers);
  const found: { position: number; kind: 'name' | 'email' }[] = [];
  tokens.forEach((token, position) => {
    const at = token.normalized.indexOf('@');
    if (at > 0) {
      if (index.domains.has(token.normalized.slice(at + 1))) found.push({ position, kind: 'email' });
      return;
    }
    if (taken.has(position) || isVocabulary(token.canonical)) return;
    const hits = index.words.lookup(token.canonical);
    if (hits.some((hit) => hit.distance === 0 || token.canonical.length >= 5)) found.push({ position, kind: 'name' });
  });
  return found;
}
