import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';

/**
 * The recognizer's labelled set: what admins actually type, in English and French, with typos,
 * missing accents, mixed languages, polite and terse forms, and out-of-scope chatter. People are
 * the demo organization's users (src/store/demoOrganization.ts). `entities` lists what must be
 * found (a subset check); utterances without it are checked on their intent only.
 *
 * Written for the rules before they were tuned (issue 3), and kept apart from the recognizer's
 * own vocabulary: adding an utterance here must never mean adding its exact wording to the code.
 * Since the learned intent (issue 16) the lines live in src/language/corpus/labelled.jsonl: the
 * intent model learns from them with the blind corpus (they carry the terse commands blind writers
 * rarely write, "menu", "delete"), and this file reads them for the entity checks.
 */
export interface Expected {
  people?: string[];
  roles?: string[];
  emails?: string[];
  programs?: string[];
  language?: 'en' | 'fr';
}

export type Labelled = [text: string, intent: string, entities?: Expected];

export const LABELLED: Labelled[] = readFileSync(
  path.join(REPO_ROOT, 'src', 'language', 'corpus', 'labelled.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => {
    const { text, intent, ...entities } = JSON.parse(line) as { text: string; intent: string } & Expected;
    return Object.keys(entities).length > 0 ? [text, intent, entities] : [text, intent];
  });
