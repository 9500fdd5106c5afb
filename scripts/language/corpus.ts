import { readFileSync } from 'node:fs';
import { DATA_CHANGING_INTENTS } from '../../src/language/intents.js';

/**
 * The blind-written corpus (test/language/corpus/): one labelled message per line, with the
 * pattern it illustrates (`kind`). Read as is; nothing here changes a label.
 */
export interface CorpusLine {
  text: string;
  locale: 'en' | 'fr';
  intent: string;
  kind: string;
  people?: string[];
  roles?: string[];
  emails?: string[];
  displayName?: string;
  language?: 'en' | 'fr';
  /** Customers the message names, by id (cust-fabrikam…). */
  customers?: string[];
  /** A new customer company's name. */
  companyName?: string;
}

export function readCorpus(path: string): CorpusLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusLine);
}

/** Intents that open a form or a confirmation card to change data (src/language/intents.ts). */
export const CHANGE_INTENTS: ReadonlySet<string> = new Set<string>(DATA_CHANGING_INTENTS);
export const isChange = (intent: string): boolean => CHANGE_INTENTS.has(intent);

/** The sentence mood and the speech act a corpus line is trained as: the bot's own (src/language/mood.ts). */
export { moodOfKind as moodOf, speechActOf as actOf, type Mood } from '../../src/language/mood.js';
export const MOODS = ['request', 'question', 'past', 'deferral', 'out_of_scope', 'lookup'] as const;

/**
 * Deterministic stratified folds: lines sorted by intent (stable), then dealt round-robin, so
 * every fold has its share of each intent and the split is the same on every run.
 */
export function foldsOf<T extends { intent: string }>(lines: readonly T[], k: number): number[] {
  const order = lines.map((line, index) => ({ line, index }));
  order.sort((a, b) => (a.line.intent < b.line.intent ? -1 : a.line.intent > b.line.intent ? 1 : a.index - b.index));
  const fold = new Array<number>(lines.length).fill(0);
  order.forEach((entry, position) => (fold[entry.index] = position % k));
  return fold;
}
