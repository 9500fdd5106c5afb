import type { Ranking } from './classifiers.js';
import { isChange, type Mood } from './corpus.js';
import type { Marker } from '../../src/language/moodMarkers.js';

/**
 * The hybrid's decision: a learned intent and a learned sentence mood, and the safety gate on
 * top. A change intent is kept only when the mood is a request (its probability at least
 * `threshold`); otherwise the message becomes the matching lookup: a report of the past is the
 * history, a deferral or an out-of-scope message is none, a question, a hypothetical or a lookup
 * is the best-ranked intent that changes nothing (what the role allows, my role, the person's
 * roles...).
 */
export interface GateOptions {
  /** The probability of "request" a change needs to be kept. */
  threshold: number;
  /** A message read as a report of the past is the history, whatever the intent classifier says. */
  pastToHistory: boolean;
  /** A message read as a deferral or out of scope is none, whatever the intent classifier says. */
  moodNone: boolean;
  /** Rules on top: a change is never kept when a deferral or out-of-scope marker is present (moodMarkers.ts). */
  veto: boolean;
}

export interface Decision {
  label: string;
  score: number;
  /** Whether the gate turned a change into something else. */
  gated: boolean;
  mood: Mood;
}

const LOOKUP_EXCLUDED = new Set(['none', 'help', 'cancel', 'set_language']);

export function decide(
  intents: Ranking,
  moods: Ranking,
  options: GateOptions,
  markers: ReadonlySet<Marker> = new Set(),
): Decision {
  const top = intents[0]!;
  const request = moods.find((entry) => entry.label === 'request')?.score ?? 0;
  const otherMood = moods.find((entry) => entry.label !== 'request')!;
  const mood = moods[0]!.label as Mood;
  if (options.pastToHistory && mood === 'past') return { label: 'history', score: moods[0]!.score, gated: false, mood };
  if (options.moodNone && (mood === 'deferral' || mood === 'out_of_scope') && !isChange(top.label))
    return { label: 'none', score: moods[0]!.score, gated: false, mood };
  if (!isChange(top.label)) return { label: top.label, score: top.score, gated: false, mood };
  if (options.veto && (markers.has('deferral') || markers.has('elsewhere')))
    return {
      label: 'none',
      score: 1 - request,
      gated: true,
      mood: markers.has('deferral') ? 'deferral' : 'out_of_scope',
    };
  if (request >= options.threshold)
    return { label: top.label, score: Math.min(top.score, request), gated: false, mood: 'request' };
  const notRequest = otherMood.label as Mood;
  if (notRequest === 'past') return { label: 'history', score: otherMood.score, gated: true, mood: notRequest };
  if (notRequest === 'question' || notRequest === 'lookup') {
    const lookup = intents.find((entry) => !isChange(entry.label) && !LOOKUP_EXCLUDED.has(entry.label));
    return { label: lookup?.label ?? 'none', score: otherMood.score, gated: true, mood: notRequest };
  }
  return { label: 'none', score: otherMood.score, gated: true, mood: notRequest };
}
