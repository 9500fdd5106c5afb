import { z } from 'zod';
import { loadLocale, LANGUAGES } from '../i18n/index.js';

/**
 * A small, exact command matcher for the foundation: a message is compared, without case,
 * accents or punctuation, with the task names of the locale files (help.capability.*.utterance)
 * and a few common variants.
 * (The natural-language recognizer of issue #4 replaces it.)
 */
export const COMMANDS = ['help', 'my_role', 'programs'] as const;
export type Command = (typeof COMMANDS)[number];

const VARIANTS: Record<Command, string[]> = {
  help: ['help', 'aide', '?', 'menu', 'what can you do', 'que sais tu faire', 'hi', 'hello', 'bonjour', 'salut'],
  my_role: ['my role', 'my roles', 'what is my role', 'whats my role', 'my permissions', 'mon role', 'mes roles', 'quel est mon role', 'mes permissions', 'mes autorisations'],
  programs: ['programs', 'my programs', 'our programs', 'programmes', 'nos programmes', 'program enrollment', 'inscriptions aux programmes'],
};

export function normalize(text: string): string {
  const folded = text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[’']/g, '').trim();
  if (folded === '?') return folded;
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const LOOKUP = buildLookup();

function buildLookup(): Map<string, Command> {
  const lookup = new Map<string, Command>();
  for (const command of COMMANDS) {
    const phrases = [...VARIANTS[command]];
    for (const language of LANGUAGES) {
      const capability = (loadLocale(language).help as { capability: Record<string, { utterance: string }> }).capability[command];
      if (capability) phrases.push(capability.utterance);
    }
    for (const phrase of phrases) lookup.set(normalize(phrase), command);
  }
  return lookup;
}

export function matchCommand(text: string | undefined): Command | undefined {
  if (!text) return undefined;
  return LOOKUP.get(normalize(text));
}

/** A card button's submit data: `{ command }`, validated; anything else is not a command. */
const CommandSubmit = z.object({ command: z.enum(COMMANDS) });

export function commandFromSubmit(value: unknown): Command | undefined {
  const parsed = CommandSubmit.safeParse(value);
  return parsed.success ? parsed.data.command : undefined;
}
