import nlpPackage from '@nlpjs/nlp';
import english from '@nlpjs/lang-en-min';
import french from '@nlpjs/lang-fr';
import type { Ranking } from './classifiers.js';

/**
 * NLP.js (`@nlpjs/nlp` with `@nlpjs/lang-en-min` and `@nlpjs/lang-fr`): per language, stemmed
 * words into its neural network classifier, trained in process from the corpus, with no file, no
 * network and no model download. Below its threshold (0.5) it answers "None", read as `none`.
 */
export class NlpjsClassifier {
  private readonly nlp = new nlpPackage.Nlp({
    languages: ['en', 'fr'],
    autoSave: false,
    autoLoad: false,
    forceNER: false,
    calculateSentiment: false,
    nlu: { log: false },
  });

  constructor() {
    this.nlp.use(english.LangEn);
    this.nlp.use(french.LangFr);
  }

  async train(examples: readonly { text: string; locale: string; label: string }[]): Promise<this> {
    for (const example of examples) this.nlp.addDocument(example.locale, example.text, example.label);
    await this.nlp.train();
    return this;
  }

  async rank(text: string, locale: string): Promise<Ranking> {
    const result = await this.nlp.process(locale, text);
    const intent = result.intent === 'None' ? 'none' : result.intent;
    const others = (result.classifications ?? [])
      .filter((entry) => entry.intent !== result.intent)
      .map((entry) => ({ label: entry.intent === 'None' ? 'none' : entry.intent, score: entry.score }));
    return [{ label: intent, score: result.score }, ...others];
  }
}
