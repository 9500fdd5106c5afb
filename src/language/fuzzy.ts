/**
 * Tolerance for small typos ("adminstrator", "meagn", "cancle"): one edit (a letter missing,
 * extra, wrong, or two letters swapped) on words of four letters or more, and a missing letter in
 * a three-letter word ("rol"). Shorter words must be exact: "is" is not "it", and a two-letter
 * word has too many one-edit neighbours to guess from.
 *
 * Lookups use a symmetric-deletion index (each word filed under itself and its one-letter
 * deletions), so finding the neighbours of a word costs a handful of map reads, whatever the
 * size of the vocabulary or of the organization's user list.
 */
export const FUZZY_MIN_LENGTH = 4;

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

function deletions(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}

export interface FuzzyHit<V> {
  word: string;
  value: V;
  /** 0 for an exact match, 1 for a one-edit typo. */
  distance: number;
}

export class FuzzyIndex<V> {
  private readonly exact = new Map<string, V[]>();
  private readonly byDeletion = new Map<string, Set<string>>();

  add(word: string, value: V): void {
    const values = this.exact.get(word);
    if (values) {
      if (!values.includes(value)) values.push(value);
      return;
    }
    this.exact.set(word, [value]);
    if (word.length < FUZZY_MIN_LENGTH - 1) return;
    for (const key of [word, ...deletions(word)]) {
      let words = this.byDeletion.get(key);
      if (!words) this.byDeletion.set(key, (words = new Set()));
      words.add(word);
    }
  }

  has(word: string): boolean {
    return this.exact.has(word);
  }

  /** Exact matches if there are any; otherwise the words one edit away (long enough words only). */
  lookup(word: string): FuzzyHit<V>[] {
    const exact = this.exact.get(word);
    if (exact) return exact.map((value) => ({ word, value, distance: 0 }));
    if (word.length < FUZZY_MIN_LENGTH - 1) return [];
    const candidates = new Set<string>();
    if (word.length === FUZZY_MIN_LENGTH - 1) {
      // A three-letter word may be a four-letter one with a letter missing ("rol", "usr"), nothing else.
      for (const candidate of this.byDeletion.get(word) ?? [])
        if (candidate.length === FUZZY_MIN_LENGTH) candidates.add(candidate);
    } else {
      for (const key of [word, ...deletions(word)])
        for (const candidate of this.byDeletion.get(key) ?? []) candidates.add(candidate);
    }
    const hits: FuzzyHit<V>[] = [];
    for (const candidate of candidates) {
      if (candidate.length < FUZZY_MIN_LENGTH || editDistance(word, candidate, 1) > 1) continue;
      for (const value of this.exact.get(candidate) ?? []) hits.push({ word: candidate, value, distance: 1 });
    }
    return hits;
  }
}
