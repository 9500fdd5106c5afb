import type { Featurizer } from './features.js';

/**
 * A multinomial logistic regression, trained offline from labelled text: what the recognizer uses to
 * read a sentence's mood (mood.ts), and what `npm run compare:language` measures for intents.
 */

/** Labels with probabilities (or scores in [0, 1]), best first. */
export type Ranking = { label: string; score: number }[];

export interface Example {
  text: string;
  label: string;
}

/** A deterministic pseudo-random sequence (mulberry32), for the order of training examples. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function softmax(values: Float64Array): Float64Array {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  let sum = 0;
  const out = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) sum += out[index] = Math.exp(values[index]! - max);
  for (let index = 0; index < values.length; index++) out[index]! /= sum;
  return out;
}

export function ranking(labels: readonly string[], probabilities: Float64Array): Ranking {
  return labels.map((label, index) => ({ label, score: probabilities[index]! })).sort((a, b) => b.score - a.score);
}

/** Feature strings to column numbers, fixed at training time; unseen features are dropped. */
export class Vocabulary {
  readonly index = new Map<string, number>();
  add(features: readonly string[]): number[] {
    return features.map((feature) => {
      let column = this.index.get(feature);
      if (column === undefined) this.index.set(feature, (column = this.index.size));
      return column;
    });
  }
  lookup(features: readonly string[]): number[] {
    const columns: number[] = [];
    for (const feature of features) {
      const column = this.index.get(feature);
      if (column !== undefined) columns.push(column);
    }
    return columns;
  }
}

/**
 * A trained model as data: its labels, biases, features and one weight per feature and label (row
 * by row), as integers in ten-thousandths: a compact file that parses fast and reads the same
 * model. Every feature is kept, even with all weights rounded to zero: a message's known features
 * scale its score, so dropping one would change the reading.
 */
export interface SavedModel {
  labels: string[];
  bias: number[];
  features: string[];
  weights: number[];
}

const SCALE = 1e4;
const toSaved = (value: number) => Math.round(value * SCALE);

/** Saved integers back to weights. (A plain loop: `Float64Array.from` with a mapping function took ten times longer.) */
function fromSaved(values: readonly number[]) {
  const weights = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) weights[index] = values[index]! / SCALE;
  return weights;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/**
 * Multinomial logistic regression (softmax) over binary features scaled to unit length, trained
 * by stochastic gradient descent with L2 weight decay, examples shuffled by a seeded sequence:
 * the same corpus gives the same weights, bit for bit.
 */
export class LogisticRegression {
  labels: string[] = [];
  private readonly vocabulary = new Vocabulary();
  private weights = new Float64Array(0);
  private bias = new Float64Array(0);

  constructor(
    readonly featurizer: Featurizer,
    readonly options: LogisticOptions,
  ) {}

  get size(): number {
    return this.weights.length + this.bias.length;
  }

  train(examples: readonly Example[]): this {
    return this.trainFeatures(
      examples.map((example) => ({ features: this.featurizer.features(example.text), label: example.label })),
    );
  }

  /** Trains on examples already turned into features (a caller that adds its own, such as the rules' intent). */
  trainFeatures(examples: readonly { features: readonly string[]; label: string }[]): this {
    this.labels = [...new Set(examples.map((example) => example.label))].sort();
    const labelIndex = new Map(this.labels.map((label, index) => [label, index]));
    const rows = examples.map((example) => ({
      columns: this.vocabulary.add(example.features),
      label: labelIndex.get(example.label)!,
    }));
    const classes = this.labels.length;
    const weights = new Float64Array(this.vocabulary.index.size * classes);
    const bias = new Float64Array(classes);
    const next = random(this.options.seed);
    const order = rows.map((_, index) => index);
    let scale = 1;
    let step = 0;
    const total = this.options.epochs * rows.length;
    const logits = new Float64Array(classes);
    for (let epoch = 0; epoch < this.options.epochs; epoch++) {
      for (let index = order.length - 1; index > 0; index--) {
        const swap = Math.floor(next() * (index + 1));
        [order[index], order[swap]] = [order[swap]!, order[index]!];
      }
      for (const rowIndex of order) {
        const row = rows[rowIndex]!;
        const rate = this.options.learningRate * (1 - step / total) + 1e-4;
        step += 1;
        const value = 1 / Math.sqrt(Math.max(1, row.columns.length));
        for (let c = 0; c < classes; c++) {
          let sum = 0;
          for (const column of row.columns) sum += weights[column * classes + c]!;
          logits[c] = sum * value * scale + bias[c]!;
        }
        const probabilities = softmax(logits);
        scale *= 1 - rate * this.options.l2;
        for (let c = 0; c < classes; c++) {
          const gradient = probabilities[c]! - (c === row.label ? 1 : 0);
          if (gradient === 0) continue;
          bias[c]! -= rate * gradient;
          const delta = (rate * gradient * value) / scale;
          for (const column of row.columns) weights[column * classes + c]! -= delta;
        }
        if (scale < 1e-6) {
          for (let index = 0; index < weights.length; index++) weights[index]! *= scale;
          scale = 1;
        }
      }
    }
    for (let index = 0; index < weights.length; index++) weights[index]! *= scale;
    this.weights = weights;
    this.bias = bias;
    return this;
  }

  save(): SavedModel {
    return {
      labels: [...this.labels],
      bias: Array.from(this.bias, toSaved),
      features: [...this.vocabulary.index.keys()],
      weights: Array.from(this.weights, toSaved),
    };
  }

  /** A model trained earlier (`save`), ready to rank. */
  static load(featurizer: Featurizer, options: LogisticOptions, saved: SavedModel): LogisticRegression {
    const model = new LogisticRegression(featurizer, options);
    model.labels = [...saved.labels];
    model.bias = fromSaved(saved.bias);
    model.vocabulary.add(saved.features);
    model.weights = fromSaved(saved.weights);
    return model;
  }

  rank(text: string): Ranking {
    return this.rankFeatures(this.featurizer.features(text));
  }

  rankFeatures(features: readonly string[]): Ranking {
    const columns = this.vocabulary.lookup(features);
    const classes = this.labels.length;
    const value = 1 / Math.sqrt(Math.max(1, columns.length));
    const logits = new Float64Array(classes);
    for (let c = 0; c < classes; c++) {
      let sum = 0;
      for (const column of columns) sum += this.weights[column * classes + c]!;
      logits[c] = sum * value + this.bias[c]!;
    }
    return ranking(this.labels, softmax(logits));
  }
}
