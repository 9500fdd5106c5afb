import { FuzzyIndex } from './fuzzy.js';
import { CUES, FILLERS, LANGUAGE_NAMES, PROGRAM_NAMES } from './lexicon.js';
import { markersOf } from './moodMarkers.js';
import { findCustomerMentions, type CustomerName } from './customerMentions.js';
import { findPeopleMentions, type Person } from './peopleMentions.js';
import { findRoleMentions, ROLE_WORDS } from './roleMentions.js';
import { isEmail, tokenize, type Token } from './tokens.js';

/**
 * What a learned classifier sees of a message: features as strings, built on the product's own
 * tokenizer (src/language/tokens.ts: case, accents, plurals and "admin" spellings folded), so the
 * comparison with the rules is about the decision, not the word cutting.
 *
 * - words: canonical words; bigrams: pairs of neighbouring words, with a start mark;
 * - chars: character n-grams inside each word ("<supp", "rimai"), which carry typos, verb endings
 *   (French conditional and past) and words never seen whole;
 * - entities: people of the organization, roles and emails replaced by a placeholder (@person,
 *   @role, @email), so "remove Adele" and "remove Diego" are one example; a capitalized word the
 *   organization does not know, inside the sentence, adds @cap (a new person's name);
 * - typos: a word one edit from a word the recognizer knows is read as that word (as the rules do);
 * - question: a "?" in the text;
 * - cues: the recognizer's lexicon (src/language/lexicon.ts) read as classes of words, in both
 *   languages ("vire", "remove", "supprime" → k:remove), and pairs of neighbouring classes and
 *   entities in order ("who … removed … @person" → kk:who_remove, kk:remove_@person): domain
 *   knowledge the corpus is too small to teach;
 * - rules: an intent read by another reader, given as a function (r:assign_roles), a stacked hybrid;
 * - markers: the mood markers of moodMarkers.ts (m:deferral, m:past…).
 */
export interface FeatureOptions {
  words: boolean;
  bigrams: boolean;
  chars: readonly [number, number] | null;
  entities: boolean;
  typos: boolean;
  question: boolean;
  cues?: boolean;
  /** Another reader's intent for the text, as a feature (the comparison stacks today's rules this way). */
  rules?: (text: string) => string;
  markers?: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  words: true,
  bigrams: true,
  chars: [3, 5],
  entities: true,
  typos: true,
  question: true,
};

/** The recognizer's vocabulary, rebuilt from the same lexicon (recognizer.ts keeps its own private). */
const VOCABULARY = new FuzzyIndex<string>();
for (const phrase of [
  ...Object.values(CUES).flat(),
  ...FILLERS,
  ...Object.keys(LANGUAGE_NAMES),
  ...Object.keys(PROGRAM_NAMES),
])
  for (const token of tokenize(phrase)) VOCABULARY.add(token.canonical, token.canonical);
for (const word of ROLE_WORDS) VOCABULARY.add(word, word);
const isVocabulary = (word: string) => VOCABULARY.has(word);

/** Cue phrases by first word, longest first (as recognizer.ts builds them). */
const CUE_PHRASES = new Map<string, { words: string[]; cues: string[] }[]>();
for (const [cue, phrases] of Object.entries(CUES) as [string, readonly string[]][])
  for (const phrase of phrases) {
    const words = tokenize(phrase).map((token) => token.canonical);
    if (!words[0]) continue;
    const list = CUE_PHRASES.get(words[0]) ?? [];
    const existing = list.find((entry) => entry.words.join(' ') === words.join(' '));
    if (existing) existing.cues.push(cue);
    else list.push({ words, cues: [cue] });
    CUE_PHRASES.set(words[0], list);
  }
for (const list of CUE_PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);

/** The cue classes and entity placeholders of a message, in order. */
function cueSequence(words: readonly string[]): string[] {
  const sequence: string[] = [];
  for (let position = 0; position < words.length; position++) {
    const word = words[position]!;
    if (word.startsWith('@')) {
      if (word !== '@cap' && word !== '@num') sequence.push(word);
      continue;
    }
    const phrase = (CUE_PHRASES.get(word) ?? []).find((candidate) =>
      candidate.words.every((expected, offset) => words[position + offset] === expected),
    );
    if (!phrase) continue;
    sequence.push([...new Set(phrase.cues)].join('+'));
    position += phrase.words.length - 1;
  }
  return sequence;
}

export class Featurizer {
  constructor(
    readonly options: FeatureOptions,
    readonly users: readonly Person[],
    /** The partner's customers (CSP), read as @customer: customers are not people. */
    readonly customers: readonly CustomerName[] = [],
  ) {}

  /** The words of a message after typo correction and entity placeholders. */
  words(text: string): { words: string[]; raw: Token[] } {
    const tokens = tokenize(text);
    if (this.options.typos) {
      tokens.forEach((token, position) => {
        if (isEmail(token.normalized) || VOCABULARY.has(token.canonical) || /\d/.test(token.canonical)) return;
        if (position > 0 && /^\p{Lu}/u.test(token.raw)) return;
        const [hit] = VOCABULARY.lookup(token.canonical);
        if (hit && hit.distance > 0) tokens[position] = { ...token, canonical: hit.word };
      });
    }
    const words = tokens.map((token) => (/^\d+$/.test(token.canonical) ? '@num' : token.canonical));
    if (!this.options.entities) return { words, raw: tokens };
    const taken = new Set<number>();
    tokens.forEach((token, position) => {
      if (isEmail(token.normalized)) {
        words[position] = '@email';
        taken.add(position);
      }
    });
    // A customer's users sign in with its domains: such an email is a customer's, not a colleague's.
    for (const mention of findCustomerMentions(this.customers, tokens, new Set(), isVocabulary))
      if (mention.kind === 'email') words[mention.position] = '@customer_email';
    for (const mention of findRoleMentions(tokens, taken)) {
      for (let position = mention.start; position <= mention.end; position++) {
        words[position] = position === mention.start ? '@role' : '';
        taken.add(position);
      }
    }
    const notNames = new Set(taken);
    tokens.forEach((token, position) => {
      if (isVocabulary(token.canonical) && !isEmail(token.normalized)) notNames.add(position);
    });
    // A customer's name is looked for first: "Fabrikam" is never taken for a person's name.
    const named = new Set<number>();
    for (const mention of findCustomerMentions(this.customers, tokens, notNames, isVocabulary)) {
      if (mention.kind !== 'name') continue;
      // "Tailspin Toys" is one customer: one placeholder.
      words[mention.position] = named.has(mention.position - 1) ? '' : '@customer';
      named.add(mention.position);
      taken.add(mention.position);
      notNames.add(mention.position);
    }
    for (const mention of findPeopleMentions(this.users, tokens, notNames, isVocabulary)) {
      for (let position = mention.start; position <= mention.end; position++) {
        words[position] = position === mention.start ? '@person' : '';
        taken.add(position);
      }
    }
    tokens.forEach((token, position) => {
      if (taken.has(position) || position === 0 || isVocabulary(token.canonical)) return;
      if (/^\p{Lu}\p{Ll}/u.test(token.raw)) words.push('@cap');
    });
    return { words: words.filter(Boolean), raw: tokens };
  }

  features(text: string): string[] {
    return this.featuresOfWords(this.words(text).words, text);
  }

  /**
   * The features of a message whose words were already read (`words`): two models share one
   * reading. With `known`, a word the model never learned is read as @unk for the word features
   * (words and pairs): "add ravi sharma" is "add @unk @unk", like the new names it learned from
   * ("add zoé lambert"). Cues and markers read the words themselves.
   */
  featuresOfWords(words: readonly string[], text: string, known?: (word: string) => boolean): string[] {
    const features = new Set<string>();
    const { options } = this;
    const lexical = known ? words.map((word) => (word.startsWith('@') || known(word) ? word : '@unk')) : words;
    if (options.words) for (const word of lexical) features.add(`w:${word}`);
    if (options.bigrams) {
      const sequence = ['^', ...lexical.filter((word) => word !== '@cap')];
      for (let index = 1; index < sequence.length; index++) features.add(`b:${sequence[index - 1]}_${sequence[index]}`);
    }
    if (options.chars) {
      const [min, max] = options.chars;
      for (const word of words) {
        if (word.startsWith('@')) continue;
        const padded = `<${word}>`;
        for (let n = min; n <= max; n++)
          for (let start = 0; start + n <= padded.length; start++) features.add(`c:${padded.slice(start, start + n)}`);
      }
    }
    if (options.question && text.includes('?')) features.add('q:?');
    if (options.cues) {
      const sequence = cueSequence(words);
      for (const cue of sequence) for (const part of cue.split('+')) features.add(`k:${part}`);
      for (let index = 1; index < sequence.length; index++)
        features.add(`kk:${sequence[index - 1]}_${sequence[index]}`);
    }
    if (options.markers) for (const marker of markersOf(words)) features.add(`m:${marker}`);
    if (options.rules) features.add(`r:${options.rules(text)}`);
    return [...features];
  }
}
