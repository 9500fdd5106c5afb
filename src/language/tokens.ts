import { normalize } from './normalize.js';

/**
 * A message cut into words, each kept three ways: as typed (for a new user's name, "Jean
 * Dupont"), normalized (no case, accents or punctuation: for emails and people), and canonical
 * (singular, masculine, one spelling of "admin": for roles and the recognizer's cue words).
 */
export interface Token {
  raw: string;
  normalized: string;
  canonical: string;
}

/** One spelling for the words admins use for the same thing in both languages. */
const SAME_WORD: Record<string, string> = {
  administrator: 'admin',
  administrateur: 'admin',
  administratrice: 'admin',
  administration: 'admin',
  admn: 'admin',
  adm: 'admin',
  agente: 'agent',
  generale: 'general',
  globale: 'global',
  commerciale: 'commercial',
  utilisatrice: 'utilisateur',
  // French as texted: "ki a viré Diego", "c koi", "kel rôle".
  ki: 'qui',
  koi: 'quoi',
  kel: 'quel',
  kelle: 'quel',
};

/** Singular and masculine: "admins" → "admin", "généraux" → "general", "administratrices" → "admin". */
export function canonical(word: string): string {
  let folded = word;
  if (folded.length > 3 && !folded.includes('@') && !folded.includes('.')) {
    if (folded.endsWith('aux')) folded = `${folded.slice(0, -3)}al`;
    else if (folded.endsWith('s') && !folded.endsWith('ss')) folded = folded.slice(0, -1);
  }
  // Own keys only: "constructor" typed in a message must stay a word, not become Object's constructor.
  return Object.hasOwn(SAME_WORD, folded) ? SAME_WORD[folded]! : folded;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function isEmail(word: string): boolean {
  return EMAIL.test(word);
}

/**
 * Words of a message. Teams may wrap links and mentions in HTML; tags are dropped. An email stays
 * one word; other words are split on dots too ("megan.bowen" is two words).
 */
export function tokenize(text: string): Token[] {
  const plain = text.replace(/<[^>]{0,500}>/g, ' ');
  const tokens: Token[] = [];
  for (const chunk of plain.split(/[\s,;:!?()[\]{}"«»“”<>|/\\]+/u)) {
    if (!chunk) continue;
    const trimmed = chunk.replace(/^[.'’-]+|[.'’-]+$/g, '');
    const lower = trimmed.toLowerCase();
    if (isEmail(lower)) {
      tokens.push({ raw: trimmed, normalized: lower, canonical: lower });
      continue;
    }
    for (const part of trimmed.split(/[.'’]+/u)) {
      const normalizedPart = normalize(part);
      if (!normalizedPart) continue;
      // A part may still hold several words once punctuation is gone ("e-mail" → "e mail").
      const pieces = normalizedPart.split(' ');
      const rawPieces = pieces.length === 1 ? [part] : part.split(/[^\p{L}\p{N}@]+/u).filter(Boolean);
      pieces.forEach((piece, index) =>
        tokens.push({ raw: rawPieces[index] ?? piece, normalized: piece, canonical: canonical(piece) }),
      );
    }
  }
  return tokens;
}
