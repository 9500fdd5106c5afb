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

/**
 * The sentence mood: whether the message asks for something now, or asks about it, imagines it,
 * reports it, puts it off, or is about something else. Derived from the corpus `kind`.
 */
export type Mood = 'request' | 'question' | 'past' | 'deferral' | 'out_of_scope' | 'lookup';
export const MOODS: readonly Mood[] = ['request', 'question', 'past', 'deferral', 'out_of_scope', 'lookup'];

export function moodOf(kind: string): Mood {
  switch (kind) {
    case 'question':
    case 'hypothetical':
      return 'question';
    case 'past':
      return 'past';
    case 'deferral':
      return 'deferral';
    case 'out_of_scope':
    case 'chitchat':
      return 'out_of_scope';
    default:
      return 'request';
  }
}

/**
 * The speech act: the mood, with the ordinary requests split in two, a request to change data
 * (`request`) and one that changes nothing (`lookup`: what is my role, help, cancel...).
 */
export function actOf(line: { intent: string; kind: string }): Mood {
  const mood = moodOf(line.kind);
  return mood === 'request' && !isChange(line.intent) ? 'lookup' : mood;
}

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
