import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { DEFAULT_FEATURES, Featurizer, type FeatureOptions } from './features.js';
import { DATA_CHANGING_INTENTS } from './intents.js';
import { LogisticRegression, type Ranking } from './logisticRegression.js';
import type { Person } from './peopleMentions.js';

/**
 * A sentence's mood: whether the message asks for something now, or asks about it, imagines it,
 * reports the past, puts it off, or asks for something this bot does not do. "Remove Adele" is a
 * request; "what would happen if I removed Adele?", "who removed Diego?", "I was going to remove
 * Lynne but let's wait" and "remove Adele from the marketing distribution list" are not, though
 * they use the same words. The recognizer's rules read what a message is about; this reads how it
 * is said, so a change is only ever proposed for a request (recognizer.ts, the safety gate).
 *
 * A logistic regression over words, word pairs, character n-grams, entity placeholders, the
 * recognizer's cue words and mood markers (features.ts, moodMarkers.ts), trained on the corpus in
 * corpus/training.jsonl (written blind, see test/language/corpus/README.md) the first time a mood
 * is asked: about 0.2 s, seeded, so the same corpus always gives the same model. The choice and its
 * figures are in docs/language.md.
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

// From the repository root, so the built bot (dist/) reads the same corpus as the sources.
const CORPUS_FOLDER = path.join(REPO_ROOT, 'src', 'language', 'corpus');

/** The organization the corpus was written about (the demo organization), so its people become placeholders. */
function corpusPeople(): Person[] {
  return JSON.parse(readFileSync(path.join(CORPUS_FOLDER, 'people.json'), 'utf8')) as Person[];
}

interface CorpusLine {
  text: string;
  intent: string;
  kind: string;
}

/** The training lines (the blind corpus's training part). */
export function trainingCorpus(): CorpusLine[] {
  return readFileSync(path.join(CORPUS_FOLDER, 'training.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusLine);
}

let model: LogisticRegression | undefined;

/** The mood model, trained once per process. */
function moodModel(): LogisticRegression {
  model ??= new LogisticRegression(new Featurizer(MOOD_FEATURES, corpusPeople()), MOOD_TRAINING).train(
    trainingCorpus().map((line) => ({ text: line.text, label: speechActOf(line) })),
  );
  return model;
}

/** Trains the mood model now (start-up), so the first message does not wait for it; returns how long it took. */
export function prepareMoodModel(): number {
  const started = performance.now();
  moodModel();
  return performance.now() - started;
}

/** The moods of a message, most likely first; people are the organization's, as placeholders. */
export function readMood(text: string, users: readonly Person[]): Ranking {
  const features = new Featurizer(MOOD_FEATURES, users).features(text);
  return moodModel().rankFeatures(features);
}
