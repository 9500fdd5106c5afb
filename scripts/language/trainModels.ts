/**
 * `npm run build` runs this after compiling: it trains the recognizer's intent and mood models from
 * the corpus (src/language/corpus/) and writes them next to the compiled models module, where the
 * bot loads them at start-up (src/language/models.ts). Training is seeded: the same corpus always
 * writes the same file.
 */
import { readCorpus, saveLanguageModels, trainLanguageModels } from '../../src/language/models.js';

const started = performance.now();
const corpus = readCorpus();
const models = trainLanguageModels(corpus.lines, corpus.people, corpus.customers, corpus.digest);
const target = saveLanguageModels(models);
const features = models.intent.features.length + models.mood.features.length;
console.log(
  `language models: ${corpus.lines.length} lines, ${features} features, trained in ${Math.round(performance.now() - started)} ms → ${target}`,
);
