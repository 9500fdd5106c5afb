import type { Featurizer } from '../../src/language/features.js';
import { ranking, softmax, Vocabulary, type Example, type Ranking } from '../../src/language/logisticRegression.js';

export {
  LogisticRegression,
  random,
  type Example,
  type LogisticOptions,
  type Ranking,
} from '../../src/language/logisticRegression.js';

/**
 * Multinomial naive Bayes over the same features (each counted once per message), Laplace/Lidstone
 * smoothing `alpha`; the score is the posterior, normalized over the labels.
 */
export class MultinomialNaiveBayes {
  labels: string[] = [];
  private readonly vocabulary = new Vocabulary();
  private logPrior = new Float64Array(0);
  private logLikelihood = new Float64Array(0);
  private logUnseen = new Float64Array(0);

  constructor(
    readonly featurizer: Featurizer,
    readonly alpha: number,
  ) {}

  train(examples: readonly Example[]): this {
    this.labels = [...new Set(examples.map((example) => example.label))].sort();
    const labelIndex = new Map(this.labels.map((label, index) => [label, index]));
    const rows = examples.map((example) => ({
      columns: this.vocabulary.add(this.featurizer.features(example.text)),
      label: labelIndex.get(example.label)!,
    }));
    const classes = this.labels.length;
    const size = this.vocabulary.index.size;
    const counts = new Float64Array(size * classes);
    const totals = new Float64Array(classes);
    const documents = new Float64Array(classes);
    for (const row of rows) {
      documents[row.label]! += 1;
      for (const column of row.columns) {
        counts[column * classes + row.label]! += 1;
        totals[row.label]! += 1;
      }
    }
    this.logPrior = documents.map((count) => Math.log(count / rows.length));
    this.logLikelihood = new Float64Array(size * classes);
    this.logUnseen = new Float64Array(classes);
    for (let c = 0; c < classes; c++) {
      const denominator = totals[c]! + this.alpha * size;
      this.logUnseen[c] = Math.log(this.alpha / denominator);
      for (let column = 0; column < size; column++)
        this.logLikelihood[column * classes + c] = Math.log((counts[column * classes + c]! + this.alpha) / denominator);
    }
    return this;
  }

  rank(text: string): Ranking {
    return this.rankFeatures(this.featurizer.features(text));
  }

  rankFeatures(features: readonly string[]): Ranking {
    const columns = this.vocabulary.lookup(features);
    const classes = this.labels.length;
    const scores = new Float64Array(classes);
    for (let c = 0; c < classes; c++) {
      let score = this.logPrior[c]!;
      for (const column of columns) score += this.logLikelihood[column * classes + c]!;
      scores[c] = score;
    }
    return ranking(this.labels, softmax(scores));
  }
}
