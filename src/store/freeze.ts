/**
 * Deep-freezes a value. Stored documents are immutable in memory: a change builds a new document
 * and the store swaps it in only once it is valid and written. Freezing turns any accidental
 * in-place mutation into an immediate TypeError instead of a silent, unsaved, half-applied change.
 * Already-frozen branches are skipped, so re-freezing a document after a change costs only the new
 * parts (plus one check per element of the lists it copied: arrays are walked by index, because
 * Object.keys would build a string for each of 10,000 users on every change).
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) deepFreeze(value[index]);
  } else {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
