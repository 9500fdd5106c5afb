import { tokenize } from '../../src/language/tokens.js';

/**
 * The alternative the recognizer was compared with (docs/language.md): a multinomial naive Bayes
 * intent classifier over folded words and word pairs, with Laplace smoothing, trained on labelled
 * utterances. It is the usual "small offline classifier" for chat intents; kept here, out of the
 * product, so the comparison can be re-run with `npm run evaluate:language`.
 */
function features(text: string): string[] {
  const words = tokenize(text).map((token) => token.canonical);
  return [...words, ...words.slice(1).map((word, index) => `${words[index]}_${word}`)];
}

export class NaiveBayes {
  private readonly wordCounts = new Map<string, Map<string, number>>();
  private readonly totals = new Map<string, number>();
  private readonly documents = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private trained = 0;

  train(examples: readonly (readonly [string, string, ...unknown[]])[]): this {
    for (const [text, intent] of examples) {
      this.trained += 1;
      this.documents.set(intent, (this.documents.get(intent) ?? 0) + 1);
      const counts = this.wordCounts.get(intent) ?? this.wordCounts.set(intent, new Map()).get(intent)!;
      for (const feature of features(text)) {
        this.vocabulary.add(feature);
        counts.set(feature, (counts.get(feature) ?? 0) + 1);
        this.totals.set(intent, (this.totals.get(intent) ?? 0) + 1);
      }
    }
    return this;
  }

  classify(text: string): string {
    const observed = features(text);
    let best = { intent: 'none', score: -Infinity };
    for (const [intent, documents] of this.documents) {
      const counts = this.wordCounts.get(intent)!;
      const total = this.totals.get(intent) ?? 0;
      let score = Math.log(documents / this.trained);
      for (const feature of observed)
        score += Math.log(((counts.get(feature) ?? 0) + 1) / (total + this.vocabulary.size));
      if (score > best.score) best = { intent, score };
    }
    return best.intent;
  }
}
