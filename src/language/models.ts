import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES_DIR, REPO_ROOT } from '../paths.js';
import type { CustomerName } from './customerMentions.js';
import { DEFAULT_FEATURES, Featurizer, type FeatureOptions } from './features.js';
import { LogisticRegression, type Ranking, type SavedModel } from './logisticRegression.js';
import { MOOD_FEATURES, MOOD_TRAINING, speechActOf } from './mood.js';
import type { Person } from './peopleMentions.js';
import { readByRules } from './rules.js';

/**
 * The learned half of the recognizer: two logistic regressions trained from the blind corpus
 * (corpus/training.jsonl, see test/language/corpus/README.md).
 *
 * - The intent model reads what a message asks for. Its features are the message's words and word
 *   pairs with people, roles and emails as placeholders, the lexicon's cue classes, the mood
 *   markers, and the rules' own intent (rules.ts): the rules are one piece of evidence, and the
 *   model learned from the corpus when to trust them.
 * - The mood model reads how it is said: a request, a question, a report of the past, a deferral,
 *   something for another system (mood.ts).
 *
 * `npm run build` trains both and writes them next to the compiled code (models.json), so the bot
 * loads them at start-up instead of training. Run from the sources (tests, `npm run understand`),
 * or with the corpus or this code changed since, they are trained in the process the same way and
 * saved for the next one: training is seeded, so the same corpus gives the same weights.
 * The choice of features and settings, and the figures, are in docs/language.md.
 */
export const INTENT_FEATURES: FeatureOptions = { ...DEFAULT_FEATURES, chars: null, cues: true, markers: true };
export const INTENT_TRAINING = { epochs: 60, l2: 1e-6, learningRate: 0.5, seed: 16 } as const;

export interface CorpusLine {
  text: string;
  intent: string;
  /** The pattern a blind line illustrates (its mood); absent for the lines written for the rules. */
  kind?: string;
}

export interface SavedLanguageModels {
  /** A digest of the corpus the models learned from, to tell a stale file from a current one. */
  corpus: string;
  intent: SavedModel;
  mood: SavedModel;
}

/** One message as the models read it: its words are read once, for both. */
export interface MessageReading {
  /** The intents, most likely first; `rulesIntent` is what the rules read (rules.ts). */
  intents(rulesIntent: string): Ranking;
  /** The moods, most likely first. */
  moods(): Ranking;
}

export interface LanguageModels {
  /** Reads a message; people and customers are the organization's, as placeholders. */
  read(text: string, users: readonly Person[], customers?: readonly CustomerName[]): MessageReading;
}

// From the repository root, so the built bot (dist/) reads the same corpus as the sources.
const CORPUS_FOLDER = path.join(REPO_ROOT, 'src', 'language', 'corpus');
const BUILT_MODELS = fileURLToPath(new URL('./models.json', import.meta.url));

// Both models read the same words (placeholders for people, roles and emails; typos corrected) and
// differ only in the features built on them.
const intentFeaturizer = new Featurizer(INTENT_FEATURES, []);
const moodFeaturizer = new Featurizer(MOOD_FEATURES, []);
const wordsOf = (text: string, users: readonly Person[], customers: readonly CustomerName[] = []) =>
  new Featurizer(INTENT_FEATURES, users, customers).words(text).words;
const intentFeatures = (
  words: readonly string[],
  text: string,
  rulesIntent: string,
  known: (word: string) => boolean,
) => [...intentFeaturizer.featuresOfWords(words, text, known), `r:${rulesIntent}`];

/**
 * Words seen once in the corpus are learned as unknown words (@unk), so the model learns what an
 * unknown word means where it stands ("add @unk @unk": a new person's name); a word the saved
 * model has no weight for is read the same way.
 */
const KNOWN_FROM = 2;

const linesOf = (jsonl: string) =>
  jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusLine);

/**
 * The corpus files as they are now: the blind training lines (training.jsonl), the lines written
 * for the rules (labelled.jsonl, no mood: the intent model learns from them, the mood model does
 * not), and the organization they name (people.json). The digest also covers the code that turns
 * text into features (this folder) and the role names (locales/): a model saved before any of them
 * changed is not used.
 */
export function readCorpus(): {
  lines: CorpusLine[];
  people: Person[];
  customers: CustomerName[];
  digest: string;
} {
  const files = ['training.jsonl', 'labelled.jsonl', 'people.json', 'customers.json'].map((name) =>
    readFileSync(path.join(CORPUS_FOLDER, name), 'utf8'),
  );
  const [training, labelled, people, customers] = files as [string, string, string, string];
  const digest = createHash('sha256');
  const code = path.dirname(BUILT_MODELS);
  const sources = [
    ...readdirSync(code)
      .filter((name) => /\.(ts|js)$/.test(name))
      .map((name) => path.join(code, name)),
    // The locale files themselves (role names), not the folders beside them (the how-to collection).
    ...readdirSync(LOCALES_DIR)
      .filter((name) => name.endsWith('.json'))
      .map((name) => path.join(LOCALES_DIR, name)),
  ].sort();
  for (const text of [...files, ...sources.map((file) => readFileSync(file, 'utf8'))]) digest.update(text).update('\0');
  return {
    lines: [...linesOf(training), ...linesOf(labelled)],
    people: JSON.parse(people) as Person[],
    customers: JSON.parse(customers) as CustomerName[],
    digest: digest.digest('hex'),
  };
}

/** Trains both models on labelled lines; people and customers are the organization the lines were written about. */
export function trainLanguageModels(
  lines: readonly CorpusLine[],
  people: readonly Person[],
  customers: readonly CustomerName[],
  digest = '',
): SavedLanguageModels {
  const intent = new LogisticRegression(new Featurizer(INTENT_FEATURES, people, customers), INTENT_TRAINING);
  const words = lines.map((line) => wordsOf(line.text, people, customers));
  const seen = new Map<string, number>();
  for (const word of words.flat()) seen.set(word, (seen.get(word) ?? 0) + 1);
  const known = (word: string) => (seen.get(word) ?? 0) >= KNOWN_FROM;
  intent.trainFeatures(
    lines.map((line, index) => ({
      features: intentFeatures(words[index]!, line.text, readByRules(line.text, people)?.intent ?? 'none', known),
      label: line.intent,
    })),
  );
  const mood = new LogisticRegression(new Featurizer(MOOD_FEATURES, people, customers), MOOD_TRAINING).train(
    lines.flatMap((line) => (line.kind ? [{ text: line.text, label: speechActOf({ ...line, kind: line.kind }) }] : [])),
  );
  return { corpus: digest, intent: intent.save(), mood: mood.save() };
}

/** Models ready to read messages, from their saved form. */
export function loadLanguageModels(saved: SavedLanguageModels): LanguageModels {
  const intent = LogisticRegression.load(intentFeaturizer, INTENT_TRAINING, saved.intent);
  const mood = LogisticRegression.load(moodFeaturizer, MOOD_TRAINING, saved.mood);
  const learned = new Set(saved.intent.features.filter((feature) => feature.startsWith('w:')).map((f) => f.slice(2)));
  const known = (word: string) => learned.has(word);
  return {
    read(text, users, customers = []) {
      let words: string[] | undefined;
      const read = () => (words ??= wordsOf(text, users, customers));
      return {
        intents: (rulesIntent) => intent.rankFeatures(intentFeatures(read(), text, rulesIntent, known)),
        moods: () => mood.rankFeatures(moodFeaturizer.featuresOfWords(read(), text)),
      };
    },
  };
}

let shipped: LanguageModels | undefined;

/**
 * The models the bot reads with: those `npm run build` wrote, or, when there are none for this
 * corpus and code, trained now and saved in their place for the next process (tests start many);
 * a folder that cannot be written to only means training again next time.
 */
export function languageModels(): LanguageModels {
  if (shipped) return shipped;
  const corpus = readCorpus();
  let saved: SavedLanguageModels | undefined;
  if (existsSync(BUILT_MODELS)) {
    const built = JSON.parse(readFileSync(BUILT_MODELS, 'utf8')) as SavedLanguageModels;
    if (built.corpus === corpus.digest) saved = built;
  }
  if (!saved) {
    saved = trainLanguageModels(corpus.lines, corpus.people, corpus.customers, corpus.digest);
    saveLanguageModels(saved);
  }
  shipped = loadLanguageModels(saved);
  return shipped;
}

/** Writes models where `languageModels` looks for them, whole or not at all. */
export function saveLanguageModels(saved: SavedLanguageModels): string {
  const partial = `${BUILT_MODELS}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, JSON.stringify(saved));
    renameSync(partial, BUILT_MODELS);
  } catch {
    // Read-only install: the models are trained again by the next process, the same way.
  }
  return BUILT_MODELS;
}

/** Loads (or trains) the models now, at start-up, so the first message does not wait; returns how long it took. */
export function prepareLanguageModels(): number {
  const started = performance.now();
  languageModels();
  return performance.now() - started;
}
