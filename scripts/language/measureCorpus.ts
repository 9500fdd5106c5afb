/**
 * `npm run measure:language`: the recognizer on the blind corpus, as docs/language.md reports it.
 *
 * - training, cross-validated: the models trained on four fifths of the blind training lines (and
 *   the lines written for the rules), read on the fifth left out, five times;
 * - training, as shipped: the shipped models read their own training lines (the 97% bar);
 * - held-out, fresh and fresh-2: the shipped models on lines never trained on.
 *
 * For each: accuracy per language and per intent, the non-requests read as a change ("unsafe"), how
 * often the bot asked instead of guessing, and accuracy by score band.
 */

import path from 'node:path';
import { DATA_CHANGING_INTENTS, INTENTS } from '../../src/language/intents.js';
import { loadLanguageModels, readCorpus, trainLanguageModels, type LanguageModels } from '../../src/language/models.js';
import { recognize, type Recognition } from '../../src/language/recognizer.js';
import { REPO_ROOT } from '../../src/paths.js';
import { DEMO_CUSTOMERS, DEMO_USERS } from '../../src/store/demoOrganization.js';
import { foldsOf, readCorpus as readLines, type CorpusLine } from './corpus.js';

const NOT_REQUESTS = new Set(['question', 'hypothetical', 'past', 'deferral', 'out_of_scope', 'chitchat']);
const isChange = (intent: string) => DATA_CHANGING_INTENTS.has(intent as never);
const corpus = readCorpus();
const training = readLines(path.join(REPO_ROOT, 'src/language/corpus/training.jsonl'));
const writtenForRules = corpus.lines.filter((line) => !line.kind);

interface Reading {
  line: CorpusLine;
  recognition: Recognition;
}
const readAll = (lines: readonly CorpusLine[], models: LanguageModels): Reading[] =>
  lines.map((line) => ({
    line,
    recognition: recognize(line.text, { users: DEMO_USERS, customers: DEMO_CUSTOMERS, models }),
  }));

const percent = (right: number, total: number) => (total ? `${((100 * right) / total).toFixed(1)}%` : '—');

function summary(name: string, readings: readonly Reading[]) {
  const right = (list: readonly Reading[]) =>
    list.filter(({ line, recognition }) => recognition.intent === line.intent);
  const locale = (code: string) => readings.filter(({ line }) => line.locale === code);
  const unsafe = readings.filter(
    ({ line, recognition }) => NOT_REQUESTS.has(line.kind) && isChange(recognition.intent) && !isChange(line.intent),
  );
  const asked = readings.filter(({ recognition }) => recognition.unsure);
  const askedWell = asked.filter(({ line, recognition }) => recognition.suggestions?.includes(line.intent as never));
  return {
    row: `| ${name} | ${readings.length} | ${percent(right(readings).length, readings.length)} | ${percent(right(locale('en')).length, locale('en').length)} / ${percent(right(locale('fr')).length, locale('fr').length)} | ${unsafe.length} | ${asked.length} (${askedWell.length} with the right reading among the buttons) |`,
    unsafe: unsafe.map(
      ({ line, recognition }) => `${name}: "${line.text}" (${line.kind}, ${line.intent}) → ${recognition.intent}`,
    ),
  };
}

function bands(readings: readonly Reading[]): string[] {
  const limits = [0.9, 0.7, 0.5, 0] as const;
  const rows = ['| score | lines | right |', '|---|---:|---:|'];
  let upper = Infinity;
  for (const limit of limits) {
    const inBand = readings.filter(
      ({ recognition }) => recognition.intent !== 'none' && recognition.score >= limit && recognition.score < upper,
    );
    const right = inBand.filter(({ line, recognition }) => recognition.intent === line.intent).length;
    rows.push(
      `| ${limit}${upper === Infinity ? '–1' : `–${upper}`} | ${inBand.length} | ${percent(right, inBand.length)} |`,
    );
    upper = limit;
  }
  const none = readings.filter(({ recognition }) => recognition.intent === 'none');
  rows.push(
    `| "none" (nothing done) | ${none.length} | ${percent(none.filter(({ line }) => line.intent === 'none').length, none.length)} |`,
  );
  return rows;
}

function byIntent(sets: Record<string, readonly Reading[]>): string[] {
  const names = Object.keys(sets);
  const rows = [`| intent | ${names.join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`];
  for (const intent of [...INTENTS, 'none']) {
    const cells = names.map((name) => {
      const lines = sets[name]!.filter(({ line }) => line.intent === intent);
      const right = lines.filter(({ recognition }) => recognition.intent === intent).length;
      return `${percent(right, lines.length)} (${lines.length})`;
    });
    rows.push(`| \`${intent}\` | ${cells.join(' | ')} |`);
  }
  return rows;
}

// Training, cross-validated.
const FOLDS = 5;
const folds = foldsOf(training, FOLDS);
const crossValidated: Reading[] = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const kept = training.filter((_, index) => folds[index] !== fold);
  const models = loadLanguageModels(
    trainLanguageModels([...kept, ...writtenForRules], corpus.people, corpus.customers),
  );
  crossValidated.push(
    ...readAll(
      training.filter((_, index) => folds[index] === fold),
      models,
    ),
  );
}
const shipped = loadLanguageModels(trainLanguageModels(corpus.lines, corpus.people, corpus.customers));
const sets: Record<string, Reading[]> = {
  'training, cross-validated': crossValidated,
  'training, as shipped': readAll(training, shipped),
};
for (const file of [
  'heldout',
  'fresh',
  'fresh-2',
  'fresh-3',
  'fresh-4',
  'fresh-5',
  'fresh-6',
  'fresh-7',
  'fresh-8',
  'fresh-9',
  'fresh-10',
  'fresh-11',
  'fresh-12',
  'fresh-13',
  'fresh-14',
])
  sets[file] = readAll(readLines(path.join(REPO_ROOT, `test/language/corpus/${file}.jsonl`)), shipped);

const out = [
  '| lines | count | right | en / fr | non-requests read as a change | asked |',
  '|---|---:|---:|---|---:|---|',
];
const unsafe: string[] = [];
for (const [name, readings] of Object.entries(sets)) {
  const result = summary(name, readings);
  out.push(result.row);
  unsafe.push(...result.unsafe);
}
out.push('', ...unsafe.map((line) => `- ${line}`), '', '### By intent', '', ...byIntent(sets));
out.push(
  '',
  '### By score (held-out and the fresh batches together)',
  '',
  ...bands([
    ...sets.heldout!,
    ...sets.fresh!,
    ...sets['fresh-2']!,
    ...sets['fresh-3']!,
    ...sets['fresh-4']!,
    ...sets['fresh-5']!,
    ...sets['fresh-6']!,
    ...sets['fresh-7']!,
    ...sets['fresh-8']!,
    ...sets['fresh-9']!,
  ]),
);
out.push('', '### By score (training, cross-validated)', '', ...bands(crossValidated));
console.log(out.join('\n'));
