/**
 * `npm run evaluate:language`: how well the recognizer reads the labelled set (test/language/),
 * as Markdown tables for docs/language.md: intent and entity accuracy, per-intent precision and
 * recall, the held-out set's accuracy, and the comparison with a naive Bayes classifier
 * (5-fold cross-validation on the labelled set, and trained on all of it for the held-out set).
 */
import { DATA_CHANGING_INTENTS } from '../src/language/intents.js';
import { evaluate } from '../test/language/evaluate.js';
import { HELD_OUT } from '../test/language/heldOutUtterances.js';
import { LABELLED, type Labelled } from '../test/language/labelledUtterances.js';
import { NaiveBayes } from './language/naiveBayes.js';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function naiveBayesScores(train: readonly Labelled[], test: readonly Labelled[]) {
  const model = new NaiveBayes().train(train);
  let correct = 0;
  let outOfScopeActed = 0;
  for (const [text, intent] of test) {
    const got = model.classify(text);
    if (got === intent) correct += 1;
    if (intent === 'none' && DATA_CHANGING_INTENTS.has(got as never)) outOfScopeActed += 1;
  }
  return { correct, outOfScopeActed };
}

function crossValidated(set: readonly Labelled[], folds = 5) {
  // A fixed interleaving, so the figure is the same on every run.
  let correct = 0;
  let outOfScopeActed = 0;
  for (let fold = 0; fold < folds; fold++) {
    const scores = naiveBayesScores(
      set.filter((_, index) => index % folds !== fold),
      set.filter((_, index) => index % folds === fold),
    );
    correct += scores.correct;
    outOfScopeActed += scores.outOfScopeActed;
  }
  return { accuracy: correct / set.length, outOfScopeActed };
}

const labelled = evaluate(LABELLED);
const heldOut = evaluate(HELD_OUT);
const bayesCv = crossValidated(LABELLED);
const bayesHeldOut = naiveBayesScores(LABELLED, HELD_OUT);

const lines = [
  `| set | utterances | intent accuracy | entity accuracy | out-of-scope read as a change |`,
  `|---|---|---|---|---|`,
  `| labelled (test/language/labelledUtterances.ts) | ${labelled.total} | ${percent(labelled.intentCorrect / labelled.total)} | ${percent(labelled.entitiesCorrect / labelled.withEntities)} (${labelled.withEntities} with entities) | ${labelled.outOfScopeActed.length} |`,
  `| held out (test/language/heldOutUtterances.ts) | ${heldOut.total} | ${percent(heldOut.intentCorrect / heldOut.total)} | ${percent(heldOut.entitiesCorrect / heldOut.withEntities)} (${heldOut.withEntities} with entities) | ${heldOut.outOfScopeActed.length} |`,
  '',
  `Naive Bayes on the same data: ${percent(bayesCv.accuracy)} (5-fold cross-validation on the labelled set, ${bayesCv.outOfScopeActed} out-of-scope read as a change), ${percent(bayesHeldOut.correct / HELD_OUT.length)} on the held-out set when trained on all the labelled set (${bayesHeldOut.outOfScopeActed} out-of-scope read as a change).`,
  '',
  `| intent | labelled utterances | precision | recall | held-out precision | held-out recall |`,
  `|---|---|---|---|---|---|`,
  ...labelled.perIntent.map((row) => {
    const held = heldOut.perIntent.find((candidate) => candidate.intent === row.intent)!;
    return `| \`${row.intent}\` | ${row.support} | ${percent(row.precision)} | ${percent(row.recall)} | ${percent(held.precision)} | ${percent(held.recall)} |`;
  }),
  '',
  'Held-out misses:',
  ...heldOut.misses.map((miss) => `- "${miss.text}": expected \`${miss.expected}\`, read \`${miss.got.intent}\``),
];
console.log(lines.join('\n'));
