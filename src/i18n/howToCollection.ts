import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { LOCALES_DIR } from '../paths.js';
import type { Language } from './index.js';

/**
 * The how-to collection: short answers, in English and French, for Partner Center tasks
 * (locales/howto/<language>.json, written by us from Microsoft's documentation, each citing its
 * page), searched offline with MiniSearch: no service, nothing downloaded. Words are folded (case,
 * accents), a small typo is forgiven, and the words of asking ("how do I", "comment faire pour")
 * are left out, so a question is matched on what it is about.
 */
const AnswerSchema = z
  .object({
    title: z.string().min(1).max(80),
    question: z.string().min(1).max(200),
    summary: z.string().min(1).max(400),
    steps: z.array(z.string().min(1).max(300)).min(1).max(8),
    note: z.string().max(400),
    keywords: z.string().max(1000),
    source: z.string().url().startsWith('https://learn.microsoft.com/'),
  })
  .strict();
export type HowToAnswer = z.infer<typeof AnswerSchema> & { id: string };

const CollectionSchema = z.record(z.string().regex(/^[a-z_]+$/), AnswerSchema);

/** Words that ask rather than say what about; left out of the search. */
const ASKING = new Set(
  (
    'how do does did can could i we you to the a an of for in on my our your what where which is are steps step ' +
    'way please pls show me tell explain walk through get it this that there be with from and or become ' +
    'comment faire pour je on tu vous le la les un une des de du d l mon ma mes notre nos votre vos est ce que ' +
    'qu quoi ou etapes etape faut il peux puis peut dans sur svp stp merci moyen marche procedure devenir'
  ).split(' '),
);

export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function terms(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .map(foldWord)
    .filter((word) => word.length > 1 && !ASKING.has(word));
}

interface Collection {
  answers: Map<string, HowToAnswer>;
  index: MiniSearch<HowToAnswer & { text: string }>;
}

const collections = new Map<Language, Collection>();

function collectionOf(language: Language): Collection {
  const known = collections.get(language);
  if (known) return known;
  const raw = JSON.parse(readFileSync(path.join(LOCALES_DIR, 'howto', `${language}.json`), 'utf8')) as unknown;
  const parsed = CollectionSchema.parse(raw);
  const answers = new Map(Object.entries(parsed).map(([id, answer]) => [id, { id, ...answer }]));
  const index = new MiniSearch<HowToAnswer & { text: string }>({
    fields: ['title', 'question', 'keywords', 'text'],
    storeFields: ['id'],
    // The same folding for the collection and the question.
    tokenize: (text) => text.split(/[^\p{L}\p{N}]+/u),
    processTerm: (term) => {
      const folded = foldWord(term);
      return folded.length > 1 && !ASKING.has(folded) ? folded : null;
    },
    searchOptions: { boost: { title: 3, question: 2, keywords: 2 }, fuzzy: 0.2, prefix: true },
  });
  index.addAll(
    [...answers.values()].map((answer) => ({ ...answer, text: `${answer.summary} ${answer.steps.join(' ')}` })),
  );
  const collection = { answers, index };
  collections.set(language, collection);
  return collection;
}

export function howToAnswer(language: Language, id: string): HowToAnswer | undefined {
  return collectionOf(language).answers.get(id);
}

export function howToIds(language: Language): string[] {
  return [...collectionOf(language).answers.keys()];
}

export interface HowToSearch {
  /** The answer, when one clearly covers the question: most of its words found in it. */
  answer?: HowToAnswer;
  /** The closest answers otherwise (at most three), best first. */
  closest: HowToAnswer[];
}

export function searchHowTo(language: Language, question: string): HowToSearch {
  const { answers, index } = collectionOf(language);
  const wanted = [...new Set(terms(question))];
  if (wanted.length === 0) return { closest: [] };
  const results = index.search(wanted.join(' '), { combineWith: 'OR' });
  const found = results.map((result) => answers.get(String(result.id))).filter((answer) => answer !== undefined);
  const [best] = results;
  // Covered: every word of a short question, and three in five of a longer one, are in the answer
  // (a typo forgiven): "how to bake a cake" shares a word with nothing it should answer.
  const needed = wanted.length <= 2 ? wanted.length : Math.ceil(wanted.length * 0.6);
  if (best && best.queryTerms.length >= needed) return { answer: found[0], closest: found.slice(1, 4) };
  return { closest: found.slice(0, 3) };
}
