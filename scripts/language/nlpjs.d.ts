/** The few parts of NLP.js (CommonJS, untyped) that scripts/language/nlpjsClassifier.ts uses. */
declare module '@nlpjs/nlp' {
  interface NlpResult {
    intent: string;
    score: number;
    classifications?: { intent: string; score: number }[];
  }
  interface NlpConstructor {
    new (settings: Record<string, unknown>): Nlp;
  }
  interface Nlp {
    use(plugin: unknown): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
  const nlpPackage: { Nlp: NlpConstructor };
  export default nlpPackage;
}
declare module '@nlpjs/lang-en-min' {
  const english: { LangEn: unknown };
  export default english;
}
declare module '@nlpjs/lang-fr' {
  const french: { LangFr: unknown };
  export default french;
}
