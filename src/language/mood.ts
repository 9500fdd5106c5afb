import { DEFAULT_FEATURES, type FeatureOptions } from './features.js';
import { DATA_CHANGING_INTENTS } from './intents.js';

/**
 * A sentence's mood: whether the message asks for something now, or asks about it, imagines it,
 * reports the past, puts it off, or asks for something this bot does not do. "Remove Adele" is a
 * request; "what would happen if I removed Adele?", "who removed Diego?", "I was going to remove
 * Lynne but let's wait" and "remove Adele from the marketing distribution list" are not, though
 * they use the same words. The recognizer's rules read what a message is about; this reads how it
 * is said, so a change is only ever proposed for a request (recognizer.ts, the safety gate).
 *
 * Read by a logistic regression over words, word pairs, character n-grams, entity placeholders,
 * the lexicon's cue words and mood markers (features.ts, moodMarkers.ts), trained with the intent
 * model from the blind corpus (models.ts). The choice and its figures are in docs/language.md.
 */
export type Mood = 'request' | 'question' | 'past' | 'deferral' | 'out_of_scope' | 'lookup';

/** How the corpus tags a line (its `kind`) says its mood. */
export function moodOfKind(kind: string): Mood {
  switch (kind) {
    case 'question':
    case 'hypothetical':
      return 'question';
    case 'past':
      return 'past';
    case 'deferral':
      return 'deferral';
    case 'out_of_scope':
    case 'chitchat':
      return 'out_of_scope';
    default:
      return 'request';
  }
}

/** The mood a line is trained as: ordinary requests split into changes ("request") and lookups. */
export function speechActOf(line: { intent: string; kind: string }): Mood {
  const mood = moodOfKind(line.kind);
  return mood === 'request' && !DATA_CHANGING_INTENTS.has(line.intent as never) ? 'lookup' : mood;
}

export const MOOD_FEATURES: FeatureOptions = { ...DEFAULT_FEATURES, cues: true, markers: true };
export const MOOD_TRAINING = { epochs: 30, l2: 1e-5, learningRate: 0.5, seed: 16 } as const;
