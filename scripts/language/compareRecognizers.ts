/**
 * `npx tsx scripts/language/compareRecognizers.ts`: the evidence for issue 16's choice of
 * technique. Every technique is read on the same blind corpus (test/language/corpus/):
 *
 *  (a) today's rules (`recognize` with the demo organization's users);
 *  (b) classifiers trained on training.jsonl: the older naive Bayes (scripts/language/naiveBayes.ts),
 *      a multinomial naive Bayes and a logistic regression over words, word pairs and character
 *      n-grams with entity placeholders (features.ts, classifiers.ts), and NLP.js;
 *  (c) hybrids: a learned intent plus a learned sentence mood, and the safety gate (hybrid.ts):
 *      a change is kept only when the mood is a request.
 *
 * Everything that is tuned (feature sets, regularization, smoothing, the gate) is chosen by
 * k-fold cross-validation on training.jsonl alone; held-out.jsonl is read once at the end, per
 * technique, with the chosen settings, and only aggregate figures are reported for it.
 * Prints tables; writes everything to bench-results/language-compare.json.
 *
 * Options: --folds N (5), --no-heldout (cross-validation only, for work on the techniques).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { readByRules } from '../../src/language/rules.js';
import type { Person } from '../../src/language/peopleMentions.js';
import { DEMO_USERS } from '../../src/store/demoOrganization.js';
import { HELD_OUT as OLDER_HELD_OUT } from '../../test/language/heldOutUtterances.js';
import { LABELLED as OLDER_LABELLED } from '../../test/language/labelledUtterances.js';
import { LogisticRegression, MultinomialNaiveBayes, type Example, type Ranking } from './classifiers.js';
import { actOf, foldsOf, isChange, moodOf, MOODS, readCorpus, type CorpusLine } from './corpus.js';
import { DEFAULT_FEATURES, Featurizer, type FeatureOptions } from '../../src/language/features.js';
import { decide, type GateOptions } from './hybrid.js';
import { isUnsafe, report, type Prediction, type Report } from './metrics.js';
import { NaiveBayes } from './naiveBayes.js';
import { markersOf } from '../../src/language/moodMarkers.js';
import { NlpjsClassifier } from './nlpjsClassifier.js';

const { values } = parseArgs({
  options: { folds: { type: 'string', default: '5' }, 'no-heldout': { type: 'boolean', default: false } },
});
const FOLDS = Number(values.folds);
const WITH_HELDOUT = !values['no-heldout'];
const training = readCorpus(new URL('../../src/language/corpus/training.jsonl', import.meta.url).pathname);
const heldout = WITH_HELDOUT
  ? readCorpus(new URL('../../test/language/corpus/heldout.jsonl', import.meta.url).pathname)
  : [];
const folds = foldsOf(training, FOLDS);
const users: readonly Person[] = DEMO_USERS;

/** A 10,000-user organization (as in scripts/benchLanguage.ts), for latency only. */
const bigOrganization: readonly Person[] = [
  ...DEMO_USERS,
  ...Array.from({ length: 10_000 - DEMO_USERS.length }, (_, index) => {
    const first = ['Jean', 'Marie', 'Luc', 'Sofia', 'Omar', 'Chen', 'Ana', 'Pierre'][index % 8]!;
    const last = `${['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Durand', 'Leroy', 'Moreau'][Math.floor(index / 8) % 8]}${Math.floor(index / 64) || ''}`;
    return {
      id: `u-${index}`,
      displayName: `${first} ${last}`,
      email: `${first}.${last}${index}@contoso.com`.toLowerCase(),
      status: 'active',
    };
  }),
];

const log = (message: string) => process.stderr.write(`${message}\n`);
const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'n/a');

// ---------------------------------------------------------------------------------------------
// Cross-validation helpers

const intentExamples = (lines: readonly CorpusLine[]): Example[] =>
  lines.map((line) => ({ text: line.text, label: line.intent }));

/**
 * The older labelled sets (test/language/labelledUtterances.ts and heldOutUtterances.ts, 495
 * utterances written for the rules), as extra training examples: never in a test fold.
 */
const OLDER: Example[] = [...OLDER_LABELLED, ...OLDER_HELD_OUT].map(([text, label]) => ({ text, label }));
type Data = 'corpus' | 'corpus+older';
const withData = (examples: Example[], data: Data) => (data === 'corpus' ? examples : [...examples, ...OLDER]);

/**
 * The mood model's examples: `all` lines with the mood of their kind; `changeAndNonRequest` only
 * the change requests and the lines that are not requests; `acts` all lines, with the lookups
 * apart from the change requests (corpus.ts actOf).
 */
type MoodSet = 'all' | 'changeAndNonRequest' | 'acts';
const moodLabel = (line: CorpusLine, set: MoodSet) => (set === 'acts' ? actOf(line) : moodOf(line.kind));
function moodExamples(lines: readonly CorpusLine[], set: MoodSet): Example[] {
  return lines
    .filter((line) => set !== 'changeAndNonRequest' || isChange(line.intent) || moodOf(line.kind) !== 'request')
    .map((line) => ({ text: line.text, label: moodLabel(line, set) }));
}

/** Out-of-fold rankings of every training line, for a model trained on the other folds. */
async function outOfFold(
  train: (lines: CorpusLine[]) => Promise<(line: CorpusLine) => Ranking | Promise<Ranking>>,
): Promise<Ranking[]> {
  const rankings = new Array<Ranking>(training.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = await train(training.filter((_, index) => folds[index] !== fold));
    for (let index = 0; index < training.length; index++)
      if (folds[index] === fold) rankings[index] = await model(training[index]!);
  }
  return rankings;
}

function predictionsOf(lines: readonly CorpusLine[], rankings: readonly Ranking[]): Prediction[] {
  return lines.map((line, index) => {
    const [first, second] = rankings[index]!;
    return {
      line,
      label: first!.label,
      score: first!.score,
      margin: first!.score - (second?.score ?? 0),
    };
  });
}

const objective = (predictions: readonly Prediction[]) => {
  // One message read as a change when it is not one weighs as much as ten other mistakes.
  const correct = predictions.filter((prediction) => prediction.label === prediction.line.intent).length;
  return (correct - 10 * predictions.filter(isUnsafe).length) / predictions.length;
};

// ---------------------------------------------------------------------------------------------
// Latency and training time

interface Speed {
  trainingMs: number;
  medianUs: number;
  p99Us: number;
  firstMessageMs: number;
  medianUs10k?: number;
  p99Us10k?: number;
  firstMessageMs10k?: number;
}

async function latency(predict: (line: CorpusLine) => unknown, passes = 3) {
  // A synchronous technique is timed without an await in the way; NLP.js answers with a promise.
  const run = (line: CorpusLine) => {
    const out = predict(line);
    return out instanceof Promise ? out : undefined;
  };
  const started = performance.now();
  await run(heldout[0]!);
  const firstMessageMs = performance.now() - started;
  for (const line of heldout) await run(line);
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++)
    for (const line of heldout) {
      const begin = performance.now();
      const pending = run(line);
      if (pending) await pending;
      samples.push((performance.now() - begin) * 1000);
    }
  samples.sort((a, b) => a - b);
  const at = (quantile: number) =>
    Math.round(samples[Math.min(samples.length - 1, Math.floor(quantile * samples.length))]! * 10) / 10;
  return { medianUs: at(0.5), p99Us: at(0.99), firstMessageMs: Math.round(firstMessageMs * 100) / 100 };
}

// ---------------------------------------------------------------------------------------------
// Techniques

interface Result {
  name: string;
  description: string;
  chosen: Record<string, unknown>;
  grid?: { settings: Record<string, unknown>; cvAccuracy: number; cvUnsafe: number }[];
  trainingCv: Report;
  heldout?: Report;
  speed?: Speed;
  deterministic?: boolean;
  extra?: Record<string, unknown>;
}
const results: Result[] = [];

const FEATURE_SETS: Record<string, FeatureOptions> = {
  'words+pairs': { ...DEFAULT_FEATURES, chars: null, entities: false, typos: false },
  'words+pairs+entities': { ...DEFAULT_FEATURES, chars: null },
  'words+pairs+chars3-5': { ...DEFAULT_FEATURES, entities: false },
  'words+pairs+chars3-5+entities': DEFAULT_FEATURES,
  'words+pairs+chars2-4+entities': { ...DEFAULT_FEATURES, chars: [2, 4] },
  'words+pairs+entities+cues': { ...DEFAULT_FEATURES, chars: null, cues: true },
  'words+pairs+chars3-5+entities+cues': { ...DEFAULT_FEATURES, cues: true },
  'words+pairs+chars3-5+entities+cues+rules': {
    ...DEFAULT_FEATURES,
    cues: true,
    rules: (text) => readByRules(text, users)?.intent ?? 'none',
  },
  'words+pairs+entities+cues+markers': { ...DEFAULT_FEATURES, chars: null, cues: true, markers: true },
  'words+pairs+chars3-5+entities+cues+markers': { ...DEFAULT_FEATURES, cues: true, markers: true },
};

// (a) Today's rules: nothing to train, so the training figure is a plain reading of the training set.
{
  log('rules…');
  const read = (line: CorpusLine) => {
    return [{ label: readByRules(line.text, users)?.intent ?? 'none', score: 1 }];
  };
  const result: Result = {
    name: 'rules (today)',
    description:
      "src/language/rules.ts readByRules() with the demo users: the rules' own intent, without the models or the gates",
    chosen: {},
    trainingCv: report(predictionsOf(training, training.map(read)), 40),
  };
  if (WITH_HELDOUT) {
    result.heldout = report(predictionsOf(heldout, heldout.map(read)));
    const demo = await latency((line) => readByRules(line.text, users));
    const big = await latency((line) => readByRules(line.text, bigOrganization));
    result.speed = {
      trainingMs: 0,
      ...demo,
      medianUs10k: big.medianUs,
      p99Us10k: big.p99Us,
      firstMessageMs10k: big.firstMessageMs,
    };
  }
  results.push(result);
}

// (b1) The older naive Bayes of scripts/language/naiveBayes.ts (words and word pairs, Laplace), as is.
{
  log('naive Bayes (older)…');
  const rankings = await outOfFold((lines) => {
    const model = new NaiveBayes().train(lines.map((line) => [line.text, line.intent] as const));
    return Promise.resolve((line: CorpusLine) => [{ label: model.classify(line.text), score: NaN }]);
  });
  const result: Result = {
    name: 'naive Bayes (scripts/language/naiveBayes.ts)',
    description: 'the older comparison classifier, as is: words and word pairs, Laplace smoothing; gives no score',
    chosen: {},
    trainingCv: report(predictionsOf(training, rankings), 40),
  };
  if (WITH_HELDOUT) {
    const started = performance.now();
    const model = new NaiveBayes().train(training.map((line) => [line.text, line.intent] as const));
    const trainingMs = performance.now() - started;
    result.heldout = report(
      predictionsOf(
        heldout,
        heldout.map((line) => [{ label: model.classify(line.text), score: NaN }]),
      ),
    );
    result.speed = { trainingMs: Math.round(trainingMs), ...(await latency((line) => model.classify(line.text))) };
  }
  results.push(result);
}

// (b2) Multinomial naive Bayes over our features: feature set and smoothing chosen by cross-validation.
{
  log('multinomial naive Bayes…');
  const grid: NonNullable<Result['grid']> = [];
  let best: { settings: { features: string; alpha: number }; rankings: Ranking[]; objective: number } | undefined;
  for (const features of Object.keys(FEATURE_SETS))
    for (const alpha of [0.02, 0.1, 0.3, 1]) {
      const featurizer = new Featurizer(FEATURE_SETS[features]!, users);
      const rankings = await outOfFold((lines) => {
        const model = new MultinomialNaiveBayes(featurizer, alpha).train(intentExamples(lines));
        return Promise.resolve((line: CorpusLine) => model.rank(line.text));
      });
      const predictions = predictionsOf(training, rankings);
      const summary = report(predictions);
      grid.push({ settings: { features, alpha }, cvAccuracy: summary.accuracy, cvUnsafe: summary.unsafe });
      if (!best || objective(predictions) > best.objective)
        best = { settings: { features, alpha }, rankings, objective: objective(predictions) };
    }
  const result: Result = {
    name: 'multinomial naive Bayes',
    description: 'our features (features.ts), Lidstone smoothing; score = posterior of the top intent',
    chosen: best!.settings,
    grid,
    trainingCv: report(predictionsOf(training, best!.rankings), 40),
  };
  if (WITH_HELDOUT) {
    const featurizer = new Featurizer(FEATURE_SETS[best!.settings.features]!, users);
    const started = performance.now();
    const model = new MultinomialNaiveBayes(featurizer, best!.settings.alpha).train(intentExamples(training));
    const trainingMs = performance.now() - started;
    result.heldout = report(
      predictionsOf(
        heldout,
        heldout.map((line) => model.rank(line.text)),
      ),
    );
    const big = new Featurizer(FEATURE_SETS[best!.settings.features]!, bigOrganization);
    const demo = await latency((line) => model.rank(line.text));
    const large = await latency((line) => model.rankFeatures(big.features(line.text)));
    result.speed = {
      trainingMs: Math.round(trainingMs),
      ...demo,
      medianUs10k: large.medianUs,
      p99Us10k: large.p99Us,
      firstMessageMs10k: large.firstMessageMs,
    };
  }
  results.push(result);
}

// (b3) Logistic regression over our features: feature set, data, L2 and epochs chosen by cross-validation.
const LOGISTIC = { learningRate: 0.5, seed: 16 };
interface LogisticSettings {
  features: string;
  data: Data;
  l2: number;
  epochs: number;
}
const logisticSettings = (features: string, data: Data, l2: number, epochs: number): LogisticSettings => ({
  features,
  data,
  l2,
  epochs,
});
const LOGISTIC_GRID: LogisticSettings[] = [
  ...Object.keys(FEATURE_SETS).flatMap((features) =>
    [1e-5, 1e-4, 1e-3].map((l2) => logisticSettings(features, 'corpus', l2, 30)),
  ),
  ...['words+pairs+entities+cues', 'words+pairs+chars3-5+entities+cues', 'words+pairs+entities+cues+markers'].flatMap(
    (features) =>
      [1e-5, 1e-4].flatMap((l2) => [
        logisticSettings(features, 'corpus+older', l2, 30),
        logisticSettings(features, 'corpus', l2, 60),
      ]),
  ),
];
const trainLogistic = (examples: Example[], settings: LogisticSettings, people: readonly Person[] = users) =>
  new LogisticRegression(new Featurizer(FEATURE_SETS[settings.features]!, people), {
    ...LOGISTIC,
    l2: settings.l2,
    epochs: settings.epochs,
  }).train(withData(examples, settings.data));
let intentOof: Ranking[] = [];
let intentSettings: LogisticSettings = LOGISTIC_GRID[0]!;
{
  log('logistic regression…');
  const grid: NonNullable<Result['grid']> = [];
  let best: { settings: LogisticSettings; rankings: Ranking[]; objective: number } | undefined;
  for (const settings of LOGISTIC_GRID) {
    const rankings = await outOfFold((lines) => {
      const model = trainLogistic(intentExamples(lines), settings);
      return Promise.resolve((line: CorpusLine) => model.rank(line.text));
    });
    const predictions = predictionsOf(training, rankings);
    const summary = report(predictions);
    grid.push({ settings: { ...settings }, cvAccuracy: summary.accuracy, cvUnsafe: summary.unsafe });
    log(`  ${JSON.stringify(settings)}: ${percent(summary.accuracy)}, unsafe ${summary.unsafe}`);
    if (!best || objective(predictions) > best.objective)
      best = { settings, rankings, objective: objective(predictions) };
  }
  intentOof = best!.rankings;
  intentSettings = best!.settings;
  const result: Result = {
    name: 'logistic regression',
    description: 'softmax over our features (features.ts), SGD with L2, seeded; score = probability of the top intent',
    chosen: { ...best!.settings, ...LOGISTIC },
    grid,
    trainingCv: report(predictionsOf(training, best!.rankings), 40),
  };
  results.push(result);
}

// (b4) NLP.js: its defaults (stemmer per language, neural network), trained per fold.
let nlpjsOof: Ranking[] = [];
{
  log('NLP.js…');
  nlpjsOof = await outOfFold(async (lines) => {
    const model = await new NlpjsClassifier().train(
      lines.map((line) => ({ text: line.text, locale: line.locale, label: line.intent })),
    );
    return (line: CorpusLine) => model.rank(line.text, line.locale);
  });
  results.push({
    name: 'NLP.js',
    description: '@nlpjs/nlp with @nlpjs/lang-en-min and @nlpjs/lang-fr, defaults (threshold 0.5 → none)',
    chosen: { threshold: 0.5 },
    trainingCv: report(predictionsOf(training, nlpjsOof), 40),
  });
}

// (c) The mood classifier (logistic regression on the sentence mood, labels from the corpus kind).
log('mood…');
const moodGrid: { settings: Record<string, unknown>; cvAccuracy: number; cvAccuracyOnChangeOrNonRequest: number }[] =
  [];
type MoodSettings = LogisticSettings & { set: MoodSet };
const moodOofBySettings = new Map<string, { settings: MoodSettings; rankings: Ranking[] }>();
for (const set of ['all', 'changeAndNonRequest', 'acts'] as const)
  for (const features of [
    'words+pairs+entities',
    'words+pairs+chars3-5+entities',
    'words+pairs+entities+cues',
    'words+pairs+chars3-5+entities+cues',
    'words+pairs+entities+cues+markers',
    'words+pairs+chars3-5+entities+cues+markers',
  ])
    for (const l2 of [1e-5, 1e-4]) {
      const settings: MoodSettings = { set, features, l2, data: 'corpus', epochs: 30 };
      const rankings = await outOfFold((lines) => {
        const model = trainLogistic(moodExamples(lines, set), settings);
        return Promise.resolve((line: CorpusLine) => model.rank(line.text));
      });
      const matters = training
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => isChange(line.intent) || moodOf(line.kind) !== 'request');
      const rightMood = (index: number) => rankings[index]![0]!.label === moodLabel(training[index]!, set);
      moodGrid.push({
        settings: { ...settings },
        cvAccuracy: training.filter((_, index) => rightMood(index)).length / training.length,
        cvAccuracyOnChangeOrNonRequest: matters.filter(({ index }) => rightMood(index)).length / matters.length,
      });
      moodOofBySettings.set(JSON.stringify(settings), { settings, rankings });
    }

const GATES: GateOptions[] = [];
for (const threshold of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
  for (const pastToHistory of [false, true])
    for (const moodNone of [false, true])
      for (const veto of [false, true]) GATES.push({ threshold, pastToHistory, moodNone, veto });

/** Mood markers of every line (moodMarkers.ts), for the rule veto. */
const markerFeaturizer = new Featurizer(DEFAULT_FEATURES, users);
const markersOfLine = (line: CorpusLine) => markersOf(markerFeaturizer.words(line.text).words);
const trainingMarkers = training.map(markersOfLine);

/** The mood model and gate that do best, by cross-validation, on top of given out-of-fold intents. */
function tuneHybrid(intents: readonly Ranking[]) {
  const grid: NonNullable<Result['grid']> = [];
  let best: { mood: MoodSettings; gate: GateOptions; predictions: Prediction[]; objective: number } | undefined;
  for (const { settings, rankings } of moodOofBySettings.values())
    for (const gate of GATES) {
      const predictions = training.map((line, index) => {
        const decision = decide(intents[index]!, rankings[index]!, gate, trainingMarkers[index]);
        return { line, label: decision.label, score: decision.score };
      });
      const correct = predictions.filter((prediction) => prediction.label === prediction.line.intent).length;
      grid.push({
        settings: { mood: settings, gate },
        cvAccuracy: Math.round((correct / predictions.length) * 10000) / 10000,
        cvUnsafe: predictions.filter(isUnsafe).length,
      });
      if (!best || objective(predictions) > best.objective)
        best = { mood: settings, gate, predictions, objective: objective(predictions) };
    }
  return { best: best!, grid };
}

const hybridLogistic = tuneHybrid(intentOof);
results.push({
  name: 'hybrid: logistic intent + mood + gate',
  description:
    'the logistic regression above for the intent, a logistic regression for the mood, the safety gate (hybrid.ts)',
  chosen: { intent: intentSettings, mood: hybridLogistic.best.mood, gate: hybridLogistic.best.gate },
  grid: hybridLogistic.grid,
  trainingCv: report(hybridLogistic.best.predictions, 40),
  extra: { moodGrid },
});
const hybridNlpjs = tuneHybrid(nlpjsOof);
results.push({
  name: 'hybrid: NLP.js intent + mood + gate',
  description: 'NLP.js for the intent, the logistic mood model, the safety gate (hybrid.ts)',
  chosen: { mood: hybridNlpjs.best.mood, gate: hybridNlpjs.best.gate },
  grid: hybridNlpjs.grid,
  trainingCv: report(hybridNlpjs.best.predictions, 40),
});

// ---------------------------------------------------------------------------------------------
// Held-out: each technique once, trained on the whole training set with the settings chosen above.

if (WITH_HELDOUT) {
  log('held-out…');
  const result = (name: string) => results.find((entry) => entry.name === name)!;
  // Logistic regression.
  let started = performance.now();
  const intentModel = trainLogistic(intentExamples(training), intentSettings);
  const intentMs = performance.now() - started;
  const again = trainLogistic(intentExamples(training), intentSettings);
  const logistic = result('logistic regression');
  logistic.deterministic = training.every(
    (line) => JSON.stringify(intentModel.rank(line.text)) === JSON.stringify(again.rank(line.text)),
  );
  logistic.heldout = report(
    predictionsOf(
      heldout,
      heldout.map((line) => intentModel.rank(line.text)),
    ),
  );
  const bigIntent = new Featurizer(FEATURE_SETS[intentSettings.features]!, bigOrganization);
  {
    const demo = await latency((line) => intentModel.rank(line.text));
    const large = await latency((line) => intentModel.rankFeatures(bigIntent.features(line.text)));
    logistic.speed = {
      trainingMs: Math.round(intentMs),
      ...demo,
      medianUs10k: large.medianUs,
      p99Us10k: large.p99Us,
      firstMessageMs10k: large.firstMessageMs,
    };
    logistic.extra = { weights: intentModel.size };
  }

  // NLP.js.
  started = performance.now();
  const nlpjs = await new NlpjsClassifier().train(
    training.map((line) => ({ text: line.text, locale: line.locale, label: line.intent })),
  );
  const nlpjsMs = performance.now() - started;
  const nlpjsAgain = await new NlpjsClassifier().train(
    training.map((line) => ({ text: line.text, locale: line.locale, label: line.intent })),
  );
  const nlpjsResult = result('NLP.js');
  let same = true;
  for (const line of training)
    if (
      JSON.stringify(await nlpjs.rank(line.text, line.locale)) !==
      JSON.stringify(await nlpjsAgain.rank(line.text, line.locale))
    )
      same = false;
  nlpjsResult.deterministic = same;
  const nlpjsHeldout: Ranking[] = [];
  for (const line of heldout) nlpjsHeldout.push(await nlpjs.rank(line.text, line.locale));
  nlpjsResult.heldout = report(predictionsOf(heldout, nlpjsHeldout));
  nlpjsResult.speed = {
    trainingMs: Math.round(nlpjsMs),
    ...(await latency((line) => nlpjs.rank(line.text, line.locale))),
  };

  // Hybrids.
  const trainMood = (settings: MoodSettings) => trainLogistic(moodExamples(training, settings.set), settings);
  for (const [name, tuned, intentMsFor, rankIntent] of [
    [
      'hybrid: logistic intent + mood + gate',
      hybridLogistic,
      intentMs,
      (line: CorpusLine) => intentModel.rank(line.text) as Ranking | Promise<Ranking>,
    ],
    [
      'hybrid: NLP.js intent + mood + gate',
      hybridNlpjs,
      nlpjsMs,
      (line: CorpusLine) => nlpjs.rank(line.text, line.locale),
    ],
  ] as const) {
    started = performance.now();
    const moodModel = trainMood(tuned.best.mood);
    const moodMs = performance.now() - started;
    const entry = result(name);
    const predict = async (line: CorpusLine) =>
      decide(await rankIntent(line), moodModel.rank(line.text), tuned.best.gate, markersOfLine(line));
    const predictions: Prediction[] = [];
    for (const line of heldout) {
      const decision = await predict(line);
      predictions.push({ line, label: decision.label, score: decision.score });
    }
    entry.heldout = report(predictions);
    const moodRight = heldout.filter(
      (line) => moodModel.rank(line.text)[0]!.label === moodLabel(line, tuned.best.mood.set),
    ).length;
    entry.extra = {
      ...entry.extra,
      heldoutMoodAccuracy: moodRight / heldout.length,
      moodTrainingMs: Math.round(moodMs),
    };
    entry.speed = { trainingMs: Math.round(intentMsFor + moodMs), ...(await latency(predict)) };
    if (name.startsWith('hybrid: logistic')) {
      entry.speed = {
        ...entry.speed,
        ...(await latency((line) =>
          decide(intentModel.rank(line.text), moodModel.rank(line.text), tuned.best.gate, markersOfLine(line)),
        )),
      };
      const bigMood = new Featurizer(FEATURE_SETS[tuned.best.mood.features]!, bigOrganization);
      const large = await latency((line) =>
        decide(
          intentModel.rankFeatures(bigIntent.features(line.text)),
          moodModel.rankFeatures(bigMood.features(line.text)),
          tuned.best.gate,
          markersOf(bigMood.words(line.text).words),
        ),
      );
      entry.speed = {
        ...entry.speed,
        medianUs10k: large.medianUs,
        p99Us10k: large.p99Us,
        firstMessageMs10k: large.firstMessageMs,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const lines: string[] = [];
lines.push(
  `Corpus: training ${training.length} lines (${FOLDS}-fold cross-validation), held-out ${heldout.length || 'not read'}.`,
  '',
  row([
    'technique',
    'train CV',
    'CV en',
    'CV fr',
    'CV unsafe',
    'held-out',
    'HO en',
    'HO fr',
    'HO unsafe',
    'train ms',
    'median µs',
    'p99 µs',
    'p99 µs 10k users',
  ]),
  row(Array.from({ length: 13 }, () => '---')),
);
for (const entry of results) {
  const cv = entry.trainingCv;
  const ho = entry.heldout;
  lines.push(
    row([
      entry.name,
      percent(cv.accuracy),
      percent(cv.byLanguage.en?.accuracy ?? NaN),
      percent(cv.byLanguage.fr?.accuracy ?? NaN),
      cv.unsafe,
      ho ? percent(ho.accuracy) : '-',
      ho ? percent(ho.byLanguage.en?.accuracy ?? NaN) : '-',
      ho ? percent(ho.byLanguage.fr?.accuracy ?? NaN) : '-',
      ho ? ho.unsafe : '-',
      entry.speed ? entry.speed.trainingMs : '-',
      entry.speed ? entry.speed.medianUs : '-',
      entry.speed ? entry.speed.p99Us : '-',
      entry.speed?.p99Us10k ?? '-',
    ]),
  );
}
lines.push('', '(rules: "train CV" is a plain reading of training.jsonl; nothing is trained.)', '');

const setName = WITH_HELDOUT ? 'held-out' : 'training CV';
const pick = (entry: Result) => (WITH_HELDOUT ? entry.heldout! : entry.trainingCv);
const short = (name: string) =>
  name
    .replace('hybrid: ', 'H: ')
    .replace(' + mood + gate', '+mood')
    .replace(' (scripts/language/naiveBayes.ts)', ' (old)');
const table = (title: string, keys: string[], get: (report: Report, key: string) => string) => {
  lines.push(`${title} (${setName})`, '', row(['', ...results.map((entry) => short(entry.name))]));
  lines.push(row(Array.from({ length: results.length + 1 }, () => '---')));
  for (const key of keys) lines.push(row([key, ...results.map((entry) => get(pick(entry), key))]));
  lines.push('');
};
const intents = [...new Set(training.map((line) => line.intent))].sort();
table('Recall by intent', intents, (summary, key) => {
  const bucket = summary.recallByIntent[key];
  return bucket ? `${percent(bucket.accuracy)} (${bucket.total})` : '-';
});
const kinds = [...new Set(training.map((line) => line.kind))].sort();
table('Accuracy by kind', kinds, (summary, key) => {
  const bucket = summary.byKind[key];
  return bucket ? `${percent(bucket.accuracy)} (${bucket.total})` : '-';
});
table('Unsafe (not a change, read as a change) by kind', kinds, (summary, key) =>
  String(summary.unsafeByKind[key] ?? 0),
);
table(
  'Accuracy by score band [from, to): lines, accuracy',
  ['0', '0.3', '0.5', '0.7', '0.8', '0.9', '0.95', '0.99'],
  (summary, key) => {
    const band = summary.byScoreBand.find((entry) => String(entry.from) === key);
    return band && band.total ? `${band.total}: ${percent(band.accuracy)}` : '-';
  },
);
table(
  'Accuracy by score decile (1 = lowest scores): min score, accuracy',
  ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  (summary, key) => {
    const decile = summary.byScoreDecile.find((entry) => String(entry.decile) === key);
    return decile ? `≥${decile.minScore.toFixed(2)}: ${percent(decile.accuracy)}` : '-';
  },
);
table(
  'Ask instead of acting below a score: share answered, accuracy of the answered, unsafe answered',
  ['0.3', '0.5', '0.6', '0.7', '0.8', '0.9'],
  (summary, key) => {
    const entry = summary.abstention.find((candidate) => String(candidate.threshold) === key);
    return entry ? `${percent(entry.answered)}, ${percent(entry.answeredAccuracy)}, ${entry.unsafeAnswered}` : '-';
  },
);
console.log(lines.join('\n'));

mkdirSync(new URL('../../bench-results/', import.meta.url), { recursive: true });
const output = new URL('../../bench-results/language-compare.json', import.meta.url);
writeFileSync(
  output,
  `${JSON.stringify(
    {
      generated: new Date().toISOString(),
      node: process.version,
      corpus: { training: training.length, heldout: heldout.length, folds: FOLDS },
      moods: MOODS,
      results,
    },
    null,
    2,
  )}\n`,
);
log(`written ${output.pathname}`);
