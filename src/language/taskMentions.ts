import { PERMISSIONS, type PermissionId } from '../domain/permissions.js';
import { LANGUAGES, loadLocale } from '../i18n/index.js';
import { words } from './normalize.js';

/**
 * Finds the catalog permission an admin means by a task ("manage incentives", "gérer les
 * factures"): the task's words are compared with each permission's description in both
 * languages, on word stems, and the permission sharing the most words wins. No match, no answer:
 * the bot says it does not know that task rather than naming a role at random.
 */
// No stopword list: the one this file had never worked (a misplaced `.split` made it a set of single characters,
// which lint caught), and the ranking below was tuned without it; dropping "les" makes "voir les factures" tie
// with the billing address. Which words to ignore belongs to the language work (issue 16), measured on its corpus.
function stems(text: string): string[] {
  return words(text)
    .filter((word) => word.length > 1)
    .map((word) => word.slice(0, 6));
}

const INDEX: { permission: PermissionId; stems: Set<string>; words: Set<string> }[] = PERMISSIONS.map((permission) => {
  const all = new Set<string>();
  const whole = new Set<string>();
  for (const language of LANGUAGES) {
    const label = (loadLocale(language).permission as Record<string, string>)[permission];
    if (!label) continue;
    for (const stem of stems(label)) all.add(stem);
    for (const word of words(label)) whole.add(word);
  }
  return { permission, stems: all, words: whole };
});

/**
 * A word typed as the description has it counts a little more than one sharing only its stem:
 * "factures" is the invoices ("les factures"), not the billing address ("de facturation"), though
 * both begin "factur".
 */
const EXACT_WORD_BONUS = 0.25;

/** Words found in many descriptions ("see", "manage") say less about the task than rare ones ("invoices"). */
const WEIGHT = new Map<string, number>();
for (const entry of INDEX) for (const stem of entry.stems) WEIGHT.set(stem, (WEIGHT.get(stem) ?? 0) + 1);
for (const [stem, count] of WEIGHT) WEIGHT.set(stem, Math.log((INDEX.length + 1) / count));

export function findPermission(task: string | undefined): PermissionId | undefined {
  if (!task) return undefined;
  const wanted = [...new Set(stems(task))];
  const typed = new Set(words(task));
  if (wanted.length === 0) return undefined;
  let best: { permission: PermissionId; score: number; shared: number; size: number } | undefined;
  for (const entry of INDEX) {
    const shared = wanted.filter((stem) => entry.stems.has(stem));
    if (shared.length === 0) continue;
    const exact = [...typed].filter((word) => entry.words.has(word)).length;
    const score = shared.reduce((sum, stem) => sum + (WEIGHT.get(stem) ?? 0), 0) + EXACT_WORD_BONUS * exact;
    // The most telling shared words win; on a tie, the shorter description is the more specific permission.
    if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && entry.stems.size < best.size)) {
      best = { permission: entry.permission, score, shared: shared.length, size: entry.stems.size };
    }
  }
  // A single shared word out of several typed is too weak to name a role on.
  if (!best || (wanted.length >= 3 && best.shared < 2)) return undefined;
  return best.permission;
}
