import { STORE_FORMAT_VERSION } from './schema.js';

/**
 * Brings a stored document written by an older release to the current format, before it is
 * validated. Each step takes format N to N+1 and only adds what the newer format requires, so a
 * document is never changed in what it already said. The stored copy is rewritten in the new
 * format by the next change (the journal and the database rows carry it like any other part).
 *
 * A document of a newer format than this release reads is left as it is: the stores refuse it.
 */
type Step = (document: Record<string, unknown>) => Record<string, unknown>;

const STEPS: Record<number, Step> = {
  // 1 → 2: customer accounts joined the document; an organization had none before.
  1: (document) => ({ ...document, customers: document.customers ?? [], formatVersion: 2 }),
  // 2 → 3: privileged-access requests and access reviews joined it; there were none before.
  2: (document) => ({
    ...document,
    accessRequests: document.accessRequests ?? [],
    accessReviews: document.accessReviews ?? [],
    formatVersion: 3,
  }),
};

export function migrateToCurrentFormat(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  let document = raw as Record<string, unknown>;
  for (;;) {
    const version = document.formatVersion;
    if (typeof version !== 'number' || version >= STORE_FORMAT_VERSION) return document;
    const step = STEPS[version];
    if (!step) return document;
    document = step(document);
  }
}
