import { isChange, type CorpusLine } from './corpus.js';

export interface Prediction {
  line: CorpusLine;
  label: string;
  /** The technique's own confidence, in [0, 1]; NaN when it has none. */
  score: number;
  /** A close second reading, for "ask instead of guessing": top score minus the second. */
  margin?: number;
}

export interface Bucket {
  total: number;
  correct: number;
  accuracy: number;
}

const bucket = (total: number, correct: number): Bucket => ({
  total,
  correct,
  accuracy: total ? Math.round((correct / total) * 10000) / 10000 : NaN,
});

function groupBy(predictions: readonly Prediction[], key: (prediction: Prediction) => string) {
  const groups = new Map<string, Prediction[]>();
  for (const prediction of predictions) {
    const name = key(prediction);
    groups.set(name, [...(groups.get(name) ?? []), prediction]);
  }
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, group]) => [name, summary(group)]),
  );
}

const right = (prediction: Prediction) => prediction.label === prediction.line.intent;
const summary = (group: readonly Prediction[]) => bucket(group.length, group.filter(right).length);

/** A label that is not a change, read as a change: the message would open a change form or card. */
export const isUnsafe = (prediction: Prediction) => !isChange(prediction.line.intent) && isChange(prediction.label);

export const SCORE_BANDS = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99] as const;

export interface Report {
  total: number;
  accuracy: number;
  byLanguage: Record<string, Bucket>;
  recallByIntent: Record<string, Bucket>;
  precisionByIntent: Record<string, Bucket>;
  byKind: Record<string, Bucket>;
  unsafe: number;
  unsafeByKind: Record<string, number>;
  unsafeExamples: { text: string; expected: string; got: string }[];
  /** Changes read where a change of another kind, or a lookup, was meant (a wrong card, not a harm avoided). */
  wrongChange: number;
  byScoreBand: { from: number; to: number; total: number; accuracy: number; unsafe: number }[];
  byScoreDecile: { decile: number; minScore: number; maxScore: number; total: number; accuracy: number }[];
  /** If every message scored below t were asked about (both readings as buttons) instead of acted on. */
  abstention: { threshold: number; answered: number; answeredAccuracy: number; unsafeAnswered: number }[];
  confusions: { expected: string; got: string; count: number }[];
}

export function report(predictions: readonly Prediction[], examples = 0): Report {
  const total = predictions.length;
  const unsafe = predictions.filter(isUnsafe);
  const unsafeByKind: Record<string, number> = {};
  for (const prediction of unsafe) unsafeByKind[prediction.line.kind] = (unsafeByKind[prediction.line.kind] ?? 0) + 1;
  const byIntentPredicted = new Map<string, Prediction[]>();
  for (const prediction of predictions)
    byIntentPredicted.set(prediction.label, [...(byIntentPredicted.get(prediction.label) ?? []), prediction]);
  const precisionByIntent = Object.fromEntries(
    [...byIntentPredicted].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, group]) => [label, summary(group)]),
  );
  const scored = predictions.filter((prediction) => Number.isFinite(prediction.score));
  const bands = SCORE_BANDS.map((from, index) => {
    const to = SCORE_BANDS[index + 1] ?? 1.0000001;
    const inBand = scored.filter((prediction) => prediction.score >= from && prediction.score < to);
    return {
      from,
      to: Math.min(to, 1),
      total: inBand.length,
      accuracy: summary(inBand).accuracy,
      unsafe: inBand.filter(isUnsafe).length,
    };
  });
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  const deciles = Array.from({ length: scored.length ? 10 : 0 }, (_, decile) => {
    const slice = sorted.slice(
      Math.floor((decile * sorted.length) / 10),
      Math.floor(((decile + 1) * sorted.length) / 10),
    );
    return {
      decile: decile + 1,
      minScore: round(slice[0]?.score ?? NaN),
      maxScore: round(slice[slice.length - 1]?.score ?? NaN),
      total: slice.length,
      accuracy: summary(slice).accuracy,
    };
  });
  const abstention = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9].map((threshold) => {
    const answered = scored.filter((prediction) => prediction.score >= threshold);
    return {
      threshold,
      answered: round(answered.length / Math.max(1, total)),
      answeredAccuracy: summary(answered).accuracy,
      unsafeAnswered: answered.filter(isUnsafe).length,
    };
  });
  const confusionCounts = new Map<string, number>();
  for (const prediction of predictions)
    if (!right(prediction)) {
      const key = `${prediction.line.intent}\t${prediction.label}`;
      confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
    }
  const confusions = [...confusionCounts]
    .map(([key, count]) => {
      const [expected, got] = key.split('\t') as [string, string];
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count || (a.expected + a.got < b.expected + b.got ? -1 : 1))
    .slice(0, 15);
  return {
    total,
    accuracy: summary(predictions).accuracy,
    byLanguage: groupBy(predictions, (prediction) => prediction.line.locale),
    recallByIntent: groupBy(predictions, (prediction) => prediction.line.intent),
    precisionByIntent,
    byKind: groupBy(predictions, (prediction) => prediction.line.kind),
    unsafe: unsafe.length,
    unsafeByKind,
    unsafeExamples: unsafe
      .slice(0, examples)
      .map((prediction) => ({ text: prediction.line.text, expected: prediction.line.intent, got: prediction.label })),
    wrongChange: predictions.filter(
      (prediction) => isChange(prediction.line.intent) && isChange(prediction.label) && !right(prediction),
    ).length,
    byScoreBand: bands,
    byScoreDecile: deciles,
    abstention,
    confusions,
  };
}

const round = (value: number) => Math.round(value * 10000) / 10000;
