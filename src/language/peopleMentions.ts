import { FuzzyIndex } from './fuzzy.js';
import { canonical, tokenize, type Token } from './tokens.js';

/**
 * The organization's users a message names: by first name, last name, both, or email, whatever
 * the case and accents, with one typo allowed in a name of four letters or more ("Adel", "Isiah").
 * Removed users are never named. The index is built once per version of the user list (the store
 * hands out a new, frozen list on every change), so a message costs a few map reads even in an
 * organization of ten thousand users.
 */
export interface Person {
  id: string;
  displayName: string;
  email?: string;
  status: string;
}

export interface PersonMention {
  /** The users the words could be: one when the mention is clear, several when they share a name. */
  candidates: string[];
  start: number;
  end: number;
  /** The words as typed ("Adèle", "megan.bowen"). */
  text: string;
  /** Whether a typo was forgiven. */
  fuzzy: boolean;
}

interface PeopleIndex {
  words: FuzzyIndex<string>;
  byEmail: Map<string, string>;
  names: Map<string, string>;
}

const INDEXES = new WeakMap<readonly Person[], PeopleIndex>();

function indexOf(users: readonly Person[]): PeopleIndex {
  let index = INDEXES.get(users);
  if (index) return index;
  index = { words: new FuzzyIndex<string>(), byEmail: new Map(), names: new Map() };
  for (const user of users) {
    if (user.status === 'removed') continue;
    index.names.set(user.id, user.displayName);
    for (const token of tokenize(user.displayName))
      if (token.canonical.length >= 2) index.words.add(token.canonical, user.id);
    if (user.email) {
      const email = user.email.toLowerCase();
      index.byEmail.set(email, user.id);
      const local = email.split('@')[0] ?? '';
      for (const token of tokenize(local)) if (token.canonical.length >= 3) index.words.add(token.canonical, user.id);
    }
  }
  INDEXES.set(users, index);
  return index;
}

/**
 * Finds people in `tokens`, skipping positions in `taken` (words already read as something else).
 * `isVocabulary` tells which words the recognizer knows: those are never taken for a name by typo.
 */
export function findPeopleMentions(
  users: readonly Person[],
  tokens: readonly Token[],
  taken: ReadonlySet<number>,
  isVocabulary: (word: string) => boolean,
): PersonMention[] {
  if (users.length === 0) return [];
  const index = indexOf(users);
  const mentions: PersonMention[] = [];
  let current: (PersonMention & { scores: Map<string, number> }) | undefined;
  const flush = () => {
    if (!current) return;
    const best = Math.max(...current.scores.values());
    mentions.push({
      candidates: [...current.scores].filter(([, score]) => score === best).map(([id]) => id),
      start: current.start,
      end: current.end,
      text: current.text,
      fuzzy: current.fuzzy,
    });
    current = undefined;
  };
  tokens.forEach((token, position) => {
    if (taken.has(position)) return flush();
    const emailUser = index.byEmail.get(token.normalized);
    if (emailUser) {
      flush();
      mentions.push({ candidates: [emailUser], start: position, end: position, text: token.raw, fuzzy: false });
      return;
    }
    const known = isVocabulary(token.canonical);
    const hits = index.words.lookup(token.canonical).filter((hit) => hit.distance === 0 || !known);
    if (hits.length === 0) return flush();
    const ids = new Set(hits.map((hit) => hit.value));
    const fuzzy = hits.every((hit) => hit.distance > 0);
    // Words next to each other belong to one mention when they can be the same person ("Lynne Robbins").
    if (current && [...current.scores.keys()].some((id) => ids.has(id))) {
      for (const id of ids) current.scores.set(id, (current.scores.get(id) ?? 0) + 1);
      current.end = position;
      current.text = `${current.text} ${token.raw}`;
      current.fuzzy ||= fuzzy;
      return;
    }
    flush();
    current = {
      candidates: [],
      start: position,
      end: position,
      text: token.raw,
      fuzzy,
      scores: new Map([...ids].map((id) => [id, 1])),
    };
  });
  flush();
  return mentions;
}

/** Every word of the users' names, so that the typo corrector does not "correct" a name. */
export function isNameWord(users: readonly Person[], word: string): boolean {
  return users.length > 0 && indexOf(users).words.has(canonical(word));
}

/** A found user's display name, without scanning the list. */
export function nameOf(users: readonly Person[], id: string): string | undefined {
  return indexOf(users).names.get(id);
}
