import { DATA_CHANGING_INTENTS, type Intent } from './intents.js';
import { languageModels, type LanguageModels, type MessageReading } from './models.js';
import type { Mood } from './mood.js';
import type { CustomerName } from './customerMentions.js';
import { markersOf, namesOtherSystem, type Marker } from './moodMarkers.js';
import type { Person } from './peopleMentions.js';
import { readByRules, type Entities, type RulesReading } from './rules.js';
import { CUES } from './lexicon.js';
import { canonical, tokenize } from './tokens.js';

export type { Entities, HistorySubject } from './rules.js';
export { HISTORY_SUBJECTS } from './rules.js';

/**
 * The recognizer: what an admin's message asks for (the intent) and what it names (entities),
 * offline, in well under a millisecond, the same way every time.
 *
 * A hybrid (the techniques compared, and the figures, are in docs/language.md):
 *  1. The rules (rules.ts) take out what the message names (people, roles, emails, programs, a
 *     language, a task, a phone) and read an intent of their own from its words.
 *  2. The intent model (models.ts) reads the intent, with the rules' reading as one of its features.
 *  3. The safety gates: a change is proposed only for a request, read by the mood model ("what
 *     would happen if I removed Adele?" is a question, "who removed Diego?" a report, "let's wait"
 *     a deferral), never in the negative, never for another system's things; and when two readings
 *     are close, or a change is not clearly meant, the bot asks rather than guesses.
 */

export interface Recognition {
  intent: Intent | 'none';
  entities: Entities;
  /**
   * How sure the reading is: the intent model's probability, lowered by 10% for each typo forgiven;
   * for a lookup the gate chose, the mood model's; 0 for "none". docs/language.md gives the accuracy
   * by band.
   */
  score: number;
  /** For "none": the intents the message came closest to, to offer as "did you mean". */
  suggestions?: Intent[];
  /**
   * How the message was said, when that changed the reading or the answer: a change asked about,
   * reported or put off rather than requested (read as a lookup, the history or nothing), or a
   * request for something this bot does not do.
   */
  mood?: Mood;
  /**
   * Two readings were close, or a change was not clearly meant: the bot asks which (the
   * suggestions, best first) and does nothing until one is picked.
   */
  unsure?: boolean;
}

/**
 * Changes to what the organization profile card shows: asked about ("who is our primary contact
 * now?"), the profile answers. The notification email has no card of its own: its form opens on
 * the current address, so asked about, the form answers (nothing is saved before Save).
 */
const SHOWN_BY_PROFILE: ReadonlySet<Intent | 'none'> = new Set<Intent>([
  'update_support_profile',
  'update_primary_contact',
  'associate_partner_id',
]);

/**
 * Changes to a customer account: asked about ("what happens if we end Litware?", "has Wingtip
 * accepted?"), the customer's card answers (what is there now, and what the admin may do).
 */
const SHOWN_BY_CUSTOMER_CARD: ReadonlySet<Intent | 'none'> = new Set<Intent>([
  'add_customer',
  'invite_customer',
  'update_customer',
  'end_customer_relationship',
]);

/** Below this probability that a message is a request, a change it names is not proposed (docs/language.md). */
const REQUEST_THRESHOLD = 0.5;
/**
 * The same, when the words leave room for doubt: a word of time to come or not done yet
 * ("tomorrow", "pas encore"), or a message said as a question.
 */
const SURE_REQUEST_THRESHOLD = 0.8;

/**
 * "change roles", "supprimer Diego", "assign roles to megan": a few words, no question mark, no
 * word that asks, imagines, reports or puts off. The corpus the mood is learned from is written in
 * sentences, so it is unsure of these; they are commands.
 */
const QUESTION_WORDS = new Set(
  [
    'who',
    'whom',
    'where',
    'what',
    'which',
    'when',
    'why',
    'how',
    'whose',
    'qui',
    'quoi',
    'quel',
    'quelle',
    'quand',
    'pourquoi',
    'comment',
    'combien',
  ].map(canonical),
);

/** Words that make a question a polite request ("can you…?", "pourrais-tu…?", "please"). */
const ASKS_POLITELY = [
  'can you',
  'could you',
  'would you',
  'will you',
  'can u',
  'pls',
  'please',
  'plz',
  'peux tu',
  'pouvez vous',
  'pourrais tu',
  'pourriez vous',
  'tu peux',
  'vous pouvez',
  'stp',
  'svp',
  'merci de',
  'est ce que tu peux',
  'est ce que vous pouvez',
].map((phrase) => phrase.split(' ').map(canonical));

/** A message that opens with a question word, or ends with "?" without asking politely for something. */
function saidAsQuestion(text: string, words: readonly string[]): boolean {
  if (words[0] && QUESTION_WORDS.has(words[0])) return true;
  if (!text.trim().endsWith('?')) return false;
  return !ASKS_POLITELY.some((phrase) =>
    words.some((_, start) => phrase.every((word, offset) => words[start + offset] === word)),
  );
}

function isTerseCommand(text: string, words: readonly string[], markers: ReadonlySet<Marker>): boolean {
  if (words.length > 4 || text.includes('?') || words.some((word) => QUESTION_WORDS.has(word))) return false;
  return !markers.has('hypothetical') && !markers.has('past') && !markers.has('permission');
}

/** A change is proposed outright only above this probability; below, the bot asks (docs/language.md, score bands). */
const CHANGE_CONFIDENCE = 0.5;
/**
 * A message this short that names a colleague with no word of change in it ("Nestor users", "lynne
 * executive reports") is not clearly a request to change their account, however the intent model
 * ranks it: the corpus holds few such fragments, and the model's confidence on them means little.
 * ("notification email" names nobody: its form, which shows the current address first, answers it.)
 */
const TERSE_WORDS = 3;

/** Whether a change the intent model reads is meant clearly enough to be proposed without asking. */
function clearlyMeant(probability: number, rules: RulesReading, entities: Entities): boolean {
  if (probability < CHANGE_CONFIDENCE) return false;
  return rules.saysChange || rules.typed.length > TERSE_WORDS || !entities.people?.length;
}

/** Two readings closer than this are both offered, rather than one guessed. */
const CLOSE_READINGS = 0.1;

/**
 * The safety gate: a change is proposed only for a request. The same words asked about ("what
 * would happen if I removed Adele?") become the matching lookup, reported ("who removed Diego?")
 * the history, put off or meant for another system ("remove Adele from the distribution list")
 * nothing, with the reason. Undefined when the change stands.
 */
function gateChange(
  intent: Intent,
  entities: Entities,
  text: string,
  rules: RulesReading,
  message: MessageReading,
  intents: Ranking,
): Recognition | undefined {
  // Words that put a change off ("later", "pour l'instant") or place it in another system
  // ("distribution list", "canal Teams", "licence") stop it whatever the model says.
  // Read on the words as typed and as corrected: "wait" is a deferral, though one letter from "fait".
  const markers = new Set([...markersOf(rules.typed), ...markersOf(rules.corrected)]);
  if (markers.has('deferral')) return { intent: 'none', entities, score: 0, mood: 'deferral' };
  if (namesOtherSystem(rules.typed) || namesOtherSystem(rules.corrected))
    return { intent: 'none', entities, score: 0, mood: 'out_of_scope' };
  const moods = message.moods();
  const request = moods.find((entry) => entry.label === 'request')?.score ?? 0;
  // "tomorrow", "pour l'instant": put off, unless the sentence clearly asks for the change now.
  if (markers.has('time') && request < SURE_REQUEST_THRESHOLD)
    return { intent: 'none', entities, score: 0, mood: 'deferral' };
  // "Am I allowed to link the PartnerID?" asks about the admin's rights, however much it reads like a request.
  const asksPermission = markers.has('permission') && text.includes('?');
  // Said as a question ("who do I contact to become…", "je dois être admin pour… ?"), not as a
  // polite request ("can you add…?", "peux-tu…?"): a change only if the mood model is sure.
  const asked = saidAsQuestion(text, rules.typed);
  // "when was Isaiah given admin agent", "who removed Diego?": asked about the past, the history.
  if (asked && markers.has('past')) return { intent: 'history', entities, score: rounded(1 - request), mood: 'past' };
  const threshold = asked ? SURE_REQUEST_THRESHOLD : REQUEST_THRESHOLD;
  if ((request >= threshold && !asksPermission) || isTerseCommand(text, rules.corrected, markers)) return undefined;
  const [other] = moods.filter((entry) => entry.label !== 'request');
  const mood = (other?.label ?? 'question') as Mood;
  const score = rounded(other?.score ?? 0);
  if (mood === 'past') return { intent: 'history', entities, score, mood };
  if (mood === 'question' || mood === 'lookup') {
    // "How do I add a user?": the steps (and, for what the bot does itself, the button that does it).
    if (asksHowTo(rules.typed)) return { intent: 'how_to', entities, score, mood };
    // What is there now answers a question about it ("Am I allowed to change the support phone?"
    // is about the admin's rights: their role answers it).
    if (!markers.has('permission')) {
      if (SHOWN_BY_PROFILE.has(intent)) return { intent: 'org_profile', entities, score, mood };
      if (SHOWN_BY_CUSTOMER_CARD.has(intent)) return { intent: 'find_customers', entities, score, mood };
      if (intent === 'update_notification_email') return undefined;
    }
    return { intent: lookupFor(entities, intents), entities, score, mood };
  }
  return { intent: 'none', entities, score: 0, mood };
}

/** "how do I…", "comment faire pour…": asking for the steps, not for the change. */
const HOW_TO_PHRASES = CUES.howTo.map((phrase) => tokenize(phrase).map((token) => token.canonical));

function asksHowTo(words: readonly string[]): boolean {
  return HOW_TO_PHRASES.some((phrase) =>
    words.some((_, start) => phrase.every((word, offset) => words[start + offset] === word)),
  );
}

/** Lookups a question about a change can be answered by. */
const LOOKUPS: ReadonlySet<string> = new Set<Intent>([
  'my_role',
  'user_roles',
  'role_holders',
  'role_permissions',
  'role_for_task',
  'who_can_grant',
]);

/**
 * The lookup that answers a question about a change: the one the intent model ranks best if it
 * ranks one at all, else what the role allows, the person's roles, or the admin's own role.
 */
function lookupFor(entities: Entities, intents: Ranking): Intent {
  const ranked = intents.find((entry) => LOOKUPS.has(entry.label) && entry.score >= 0.05);
  if (ranked) return ranked.label as Intent;
  return entities.roles?.length ? 'role_permissions' : entities.people?.length ? 'user_roles' : 'my_role';
}

/**
 * What a message nobody understood is, when that says more than "did you mean": put off ("nvm"),
 * or for another system. Short chatter ("thanks", "ok") keeps "did you mean": the model calls it
 * out of scope, but telling someone who said thanks that it is not something the bot does is not
 * an answer.
 */
function moodOfNone(words: readonly string[], message: MessageReading): Mood | undefined {
  if (namesOtherSystem(words)) return 'out_of_scope';
  const [top] = message.moods();
  if ((top?.label === 'deferral' && top.score >= 0.5) || markersOf(words).has('deferral')) return 'deferral';
  if (top?.label === 'out_of_scope' && top.score >= 0.9 && words.length >= 3) return 'out_of_scope';
  return undefined;
}

/** Messages that name another system's things are for that system, whatever else they say. */
const ANSWERED_WHATEVER_IS_NAMED: ReadonlySet<Intent | 'none'> = new Set<Intent>(['help', 'cancel', 'set_language']);

export interface RecognizerContext {
  /** The organization's users, to find people in the message. */
  users?: readonly Person[];
  /** The organization's customers (CSP), told apart from people. */
  customers?: readonly CustomerName[];
  /** The learned models; the shipped ones unless a test or an evaluation brings its own. */
  models?: LanguageModels;
}

type Ranking = ReturnType<MessageReading['intents']>;
const rounded = (value: number) => Math.round(value * 100) / 100;

/**
 * What "did you mean" offers: what the intent model clearly leans to, then what the words and the
 * people or roles named came close to (rules.ts), then the model's weaker guesses.
 */
function suggestionsOf(intents: Ranking, rules: RulesReading): Intent[] {
  const ranked = (floor: number) =>
    intents.filter((entry) => entry.label !== 'none' && entry.score >= floor).map((entry) => entry.label as Intent);
  return [...new Set([...ranked(0.4), ...rules.suggestions(), ...ranked(0.1)])].slice(0, 3);
}

/** The score reported: the model's probability, lowered by 10% for each typo forgiven. */
const scoreOf = (probability: number, rules: RulesReading) => rounded(probability * 0.9 ** rules.corrections);

export function recognize(text: string | undefined, context: RecognizerContext = {}): Recognition {
  const users = context.users ?? [];
  // "?" alone, or "???": what can I do here?
  if (text && /^\s*[?¿]+\s*$/.test(text)) return { intent: 'help', entities: {}, score: 1 };
  const rules = readByRules(text, users);
  if (!text || !rules) return { intent: 'none', entities: {}, score: 0 };
  const message = (context.models ?? languageModels()).read(text, users, context.customers ?? []);
  const intents = message.intents(rules.intent);
  const [top, second] = intents as [Ranking[number], Ranking[number] | undefined];
  // "hello", "aide", "menu": a word or two the rules know as a call for help is answered with help,
  // rather than "did you mean" (blind writers labelled a bare greeting either way). Not "Megan?":
  // a colleague named alone is asked about, with the tasks about her.
  const namesSomeone = (rules.entitiesFor('user_roles').people?.length ?? 0) > 0;
  const intent =
    top.label === 'none' && rules.intent === 'help' && rules.typed.length <= 3 && !namesSomeone
      ? 'help'
      : (top.label as Intent | 'none');
  const entities = rules.entitiesFor(intent);
  const none = (mood?: Mood): Recognition => ({
    intent: 'none',
    entities,
    score: 0,
    suggestions: suggestionsOf(intents, rules),
    ...(mood ? { mood } : {}),
  });

  if (!ANSWERED_WHATEVER_IS_NAMED.has(intent) && namesOtherSystem(rules.typed))
    return { ...none(), mood: 'out_of_scope' };
  if (intent === 'none') return none(moodOfNone(rules.typed, message));
  // Help, barely, for words that name a colleague ("Megan?"): what about her is asked.
  if (intent === 'help' && namesSomeone && top.score < CHANGE_CONFIDENCE)
    return {
      intent: 'none',
      entities: rules.entitiesFor('user_roles'),
      score: scoreOf(top.score, rules),
      suggestions: [...new Set<Intent>(['user_roles', ...suggestionsOf(intents, rules)])].slice(0, 3),
      unsure: true,
    };
  // A change written in the negative ("don't remove Lynne") is not a request; a lone verb
  // ("ajouter") has nothing to change.
  if (
    DATA_CHANGING_INTENTS.has(intent) &&
    (rules.negatesChange || (rules.typed.length === 1 && rules.intent === 'none'))
  )
    return none();
  if (DATA_CHANGING_INTENTS.has(intent)) {
    const gated = gateChange(intent, entities, text, rules, message, intents);
    if (gated) {
      if (gated.intent === 'history') withSubject(gated, rules);
      else if (gated.intent !== 'none') gated.entities = rules.entitiesFor(gated.intent);
      return gated;
    }
  }
  // Two close readings, or a change not clearly meant: ask, with both as buttons (for a change, the
  // other is the lookup that answers the same words asked as a question).
  const close = second !== undefined && top.score - second.score < CLOSE_READINGS;
  if (close || (DATA_CHANGING_INTENTS.has(intent) && !clearlyMeant(scoreOf(top.score, rules), rules, entities))) {
    const other =
      close && second.label !== 'none'
        ? (second.label as Intent)
        : SHOWN_BY_CUSTOMER_CARD.has(intent)
          ? 'find_customers'
          : lookupFor(entities, intents);
    const readings = [...new Set<Intent>([intent, ...(DATA_CHANGING_INTENTS.has(intent) || close ? [other] : [])])];
    return { intent: 'none', entities, score: scoreOf(top.score, rules), suggestions: readings, unsure: true };
  }
  const recognition: Recognition = { intent, entities, score: scoreOf(top.score, rules) };
  if (intent === 'history') withSubject(recognition, rules);
  return recognition;
}

function withSubject(recognition: Recognition, rules: RulesReading): void {
  if (recognition.entities.people?.length) return;
  const subject = rules.historySubject();
  if (subject) recognition.entities.subject = subject;
}
