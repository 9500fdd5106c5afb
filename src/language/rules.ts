import type { RoleId } from '../domain/roles.js';
import { findPhone, findWebsite } from './contactDetails.js';
import { FuzzyIndex } from './fuzzy.js';
import type { Intent } from './intents.js';
import { CUES, FILLERS, LANGUAGE_NAMES, PROGRAM_NAMES, type Cue } from './lexicon.js';
import { findPeopleMentions, isNameWord, nameOf, type Person } from './peopleMentions.js';
import { findRoleMentions, ROLE_WORDS, type RoleMention } from './roleMentions.js';
import { canonical, isEmail, tokenize, type Token } from './tokens.js';

/**
 * The rules: what a message names (entities) and what its words say (cues), and an intent decided
 * from them by ordered rules. The recognizer (recognizer.ts) takes the entities from here, and the
 * rules' intent as one piece of evidence for the learned intent model (models.ts).
 *
 *  1. Words are folded (case, accents, plurals, feminine forms) and typos of one letter are
 *     corrected against the words the rules know (lexicon, role names, programs).
 *  2. Entities are taken out, most specific first: emails, programs, roles, people of the
 *     organization, a language.
 *  3. The remaining words are read as cues (a verb that adds, a question word, "role", "my"...),
 *     and an intent is decided from the cues and entities by the rules in `decide`, in order.
 */
export interface Entities {
  /** Users of the organization the message names (several when a name is shared). */
  people?: { id: string; name: string }[];
  /** Words that look like a person the organization does not have ("make john a billing admin"). */
  person?: string;
  roles?: RoleId[];
  emails?: string[];
  programs?: string[];
  language?: 'en' | 'fr';
  /** What the admin wants to do, for "which role do I need to ...". */
  task?: string;
  /** A new user's name, as typed ("add Jean Dupont ..."). */
  displayName?: string;
  /** The message is about the admin writing it ("make me a billing admin", "enlève-moi ce rôle"), naming nobody else. */
  self?: boolean;
  /** What a question about the past is about, when it is not a person ("who changed the primary contact?"). */
  subject?: HistorySubject;
  /** A phone number or a website, for a profile form ("change our support phone to +33 ..."). */
  phone?: string;
  website?: string;
}

/** Parts of the account whose history can be asked for by name. */
export const HISTORY_SUBJECTS = [
  'primary_contact',
  'support_profile',
  'partner_id',
  'notification_email',
  'roles',
] as const;
export type HistorySubject = (typeof HISTORY_SUBJECTS)[number];

/** "Who changed the primary contact?": the part of the account the words name, for the history. */
function historySubjectOf(reading: Reading): HistorySubject | undefined {
  if (reading.has('notification')) return 'notification_email';
  if (reading.has('contactNoun')) return 'primary_contact';
  if (reading.has('supportNoun')) return 'support_profile';
  if (reading.has('partnerIdNoun') || reading.has('locationNoun')) return 'partner_id';
  if (reading.has('roleNoun')) return 'roles';
  return undefined;
}

const MAX_MESSAGE_LENGTH = 300;
const MAX_WORDS = 60;

const FILLER_WORDS = new Set<string>(FILLERS.map((word) => canonical(word)));

interface CuePhrase {
  words: string[];
  cues: Cue[];
}

/** Cue phrases by first word, longest first; a phrase listed under several cues carries them all. */
const CUE_PHRASES = new Map<string, CuePhrase[]>();
for (const [cue, phrases] of Object.entries(CUES) as [Cue, readonly string[]][]) {
  for (const phrase of phrases) {
    const words = tokenize(phrase).map((token) => token.canonical);
    const first = words[0];
    if (!first) continue;
    const list = CUE_PHRASES.get(first) ?? [];
    const existing = list.find((entry) => entry.words.join(' ') === words.join(' '));
    if (existing) existing.cues.push(cue);
    else list.push({ words, cues: [cue] });
    CUE_PHRASES.set(first, list);
  }
}
for (const list of CUE_PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);

const PROGRAM_PHRASES = Object.entries(PROGRAM_NAMES)
  .map(([name, program]) => ({ words: tokenize(name).map((token) => token.canonical), program }))
  .sort((a, b) => b.words.length - a.words.length);

/** Every word the recognizer knows: the typo corrector's vocabulary. */
const VOCABULARY = new FuzzyIndex<string>();
for (const phrases of CUE_PHRASES.values())
  for (const phrase of phrases) for (const word of phrase.words) VOCABULARY.add(word, word);
for (const word of [
  ...FILLER_WORDS,
  ...ROLE_WORDS,
  ...Object.keys(LANGUAGE_NAMES),
  ...PROGRAM_PHRASES.flatMap((phrase) => phrase.words),
])
  VOCABULARY.add(word, word);

const isVocabulary = (word: string) => VOCABULARY.has(word);

/** Words that say nothing of a task ("which role do I need TO ..."), skipped before the task. */
const TASK_LEAD: ReadonlySet<Cue> = new Set([
  'me',
  'you',
  'to',
  'need',
  'can',
  'have',
  'doVerb',
  'userNoun',
  'roleNoun',
  'what',
  'who',
]);

/** A message read: its words, and what each word was found to be. */
class Reading {
  readonly taken = new Set<number>();
  readonly cues = new Map<Cue, number[]>();
  /** The same, by position: which cues each word was read as. */
  private readonly cuesByPosition = new Map<number, Cue[]>();
  corrections = 0;

  constructor(readonly tokens: Token[]) {}

  has(cue: Cue): boolean {
    return this.cues.has(cue);
  }

  first(cue: Cue): number | undefined {
    return this.cues.get(cue)?.[0];
  }

  markCue(cue: Cue, positions: readonly number[]): void {
    this.cues.set(cue, [...(this.cues.get(cue) ?? []), ...positions]);
    for (const position of positions)
      this.cuesByPosition.set(position, [...(this.cuesByPosition.get(position) ?? []), cue]);
  }

  cuesAt(position: number): readonly Cue[] {
    return this.cuesByPosition.get(position) ?? [];
  }

  /** Positions that are neither fillers, cues nor entities: names, and words we do not know. */
  unknown(): number[] {
    return this.tokens.flatMap((token, position) =>
      this.taken.has(position) || FILLER_WORDS.has(token.canonical) ? [] : [position],
    );
  }

  /** How many words carry meaning (not fillers). */
  contentCount(): number {
    return this.tokens.filter((token) => !FILLER_WORDS.has(token.canonical)).length;
  }

  rawText(positions: number[]): string {
    return positions.map((position) => this.tokens[position]?.raw ?? '').join(' ');
  }
}

function correctTypos(reading: Reading, isName: (word: string) => boolean): void {
  reading.tokens.forEach((token, position) => {
    if (isEmail(token.normalized) || VOCABULARY.has(token.canonical) || /\d/.test(token.canonical)) return;
    // A capitalized word inside a sentence is a name ("add Jean Dupont"), not a typo of "mean".
    if (position > 0 && /^\p{Lu}/u.test(token.raw)) return;
    if (isName(token.canonical)) return;
    const [hit] = VOCABULARY.lookup(token.canonical);
    if (!hit) return;
    reading.tokens[position] = { ...token, canonical: hit.word };
    reading.corrections += 1;
  });
}

function matchPhrase(
  tokens: readonly Token[],
  start: number,
  words: readonly string[],
  taken: ReadonlySet<number>,
): boolean {
  return words.every((word, offset) => !taken.has(start + offset) && tokens[start + offset]?.canonical === word);
}

function takeEmails(reading: Reading): string[] {
  const emails: string[] = [];
  reading.tokens.forEach((token, position) => {
    if (!isEmail(token.normalized)) return;
    emails.push(token.normalized);
    reading.taken.add(position);
  });
  return emails;
}

function takePrograms(reading: Reading): string[] {
  const programs: string[] = [];
  const { tokens, taken } = reading;
  for (let position = 0; position < tokens.length; position++) {
    for (const phrase of PROGRAM_PHRASES) {
      if (!matchPhrase(tokens, position, phrase.words, taken)) continue;
      // "our MPN ID" is an identifier of the organization's profile, not the program.
      if (tokens[position + phrase.words.length]?.canonical === 'id') break;
      for (let offset = 0; offset < phrase.words.length; offset++) taken.add(position + offset);
      if (!programs.includes(phrase.program)) programs.push(phrase.program);
      position += phrase.words.length - 1;
      break;
    }
  }
  return programs;
}

function takeRoles(reading: Reading): RoleMention[] {
  const mentions = findRoleMentions(reading.tokens, reading.taken);
  for (const mention of mentions)
    for (let position = mention.start; position <= mention.end; position++) reading.taken.add(position);
  return mentions;
}

function takeLanguage(reading: Reading): 'en' | 'fr' | undefined {
  let language: 'en' | 'fr' | undefined;
  reading.tokens.forEach((token, position) => {
    const named = reading.taken.has(position) ? undefined : LANGUAGE_NAMES[token.canonical];
    if (!named) return;
    language = named;
    reading.taken.add(position);
  });
  return language;
}

function takeCues(reading: Reading): void {
  const { tokens, taken } = reading;
  for (let position = 0; position < tokens.length; position++) {
    if (taken.has(position)) continue;
    const phrase = (CUE_PHRASES.get(tokens[position]!.canonical) ?? []).find((candidate) =>
      matchPhrase(tokens, position, candidate.words, taken),
    );
    if (!phrase) continue;
    const covered = phrase.words.map((_, offset) => position + offset);
    for (const cue of phrase.cues) reading.markCue(cue, covered);
    for (const index of covered) taken.add(index);
    position += phrase.words.length - 1;
  }
  // "take Adele off sales agent": a separable verb.
  const words = tokens.map((token) => token.canonical);
  const take = words.indexOf('take');
  if (take >= 0 && (words.includes('off') || words.includes('away')) && !reading.has('remove'))
    reading.markCue('remove', [take]);
}

/** The words after the question that say what the admin wants to do ("manage incentives"). */
function taskOf(reading: Reading): string | undefined {
  const { tokens } = reading;
  const anchor = reading.first('need') ?? reading.first('can') ?? reading.first('to');
  // Words taken as entities stay in the task ("manage *billing*"), except an email.
  const isLead = (position: number) =>
    FILLER_WORDS.has(tokens[position]!.canonical) ||
    reading.cuesAt(position).some((cue) => TASK_LEAD.has(cue)) ||
    isEmail(tokens[position]!.normalized);
  let start = anchor === undefined ? 0 : anchor + 1;
  while (start < tokens.length && isLead(start)) start++;
  let positions = tokens.map((_, position) => position).filter((position) => position >= start);
  // "je veux gérer les utilisateurs, quel rôle me faut-il ?": the task comes first.
  if (positions.every(isLead))
    positions = tokens.map((_, position) => position).filter((position) => !isLead(position));
  const text = reading.rawText(positions).trim();
  return text || undefined;
}

interface Found {
  emails: string[];
  programs: string[];
  roles: RoleMention[];
  people: { candidates: string[]; text: string; start: number; end: number }[];
  language?: 'en' | 'fr';
}

type Decision = { intent: Intent | 'none' };

/**
 * The rules, most specific first. Each reads like the requests it serves; the labelled set in
 * test/language/ is the judge of any change here.
 */
function decide(reading: Reading, found: Found): Decision {
  const has = (cue: Cue) => reading.has(cue);
  const people = found.people.length > 0;
  const roles = found.roles.length > 0;
  const strongRoles = found.roles.some((mention) => !mention.weak);
  const roleish = roles || has('roleNoun');
  const userish = people || has('userNoun') || found.emails.length > 0;
  const unknown = reading.unknown();
  const content = reading.contentCount();

  if (content === 0) return { intent: 'none' };
  if (has('cancel') && content <= 4) return { intent: 'cancel' };
  if (found.language && !roles && !people && !has('notification') && (has('languageCue') || content <= 2))
    return { intent: 'set_language' };

  // "What changed for Adele?", "historique": the audit log, whoever it is about.
  if (has('history') && !has('add') && !has('grant') && !has('delete')) return { intent: 'history' };
  if (has('tax')) return { intent: 'tax_exemptions' };

  // "Who can give me the billing admin role?", "qui peut me donner le rôle…", "who can I ask for billing
  // access?": the people who may give it. A question, so never the change itself.
  if (has('who') && has('can') && !people && (has('grant') || has('add') || (has('me') && roleish)))
    return { intent: 'who_can_grant' };

  // "I am a new admin, what should I do first?" is not a question about a role.
  if (has('onboarding') && !has('roleNoun') && !roles) return { intent: 'onboarding' };

  // The organization profile: support details, primary contact, PartnerID and locations.
  // "Set the primary contact to Megan": a person may be named as the new contact.
  if (!roles && (has('change') || has('grant')) && has('contactNoun') && !has('notification') && !has('emailNoun'))
    return { intent: 'update_primary_contact' };
  if (!people && !roles) {
    const changes = has('change') || has('grant') || has('add');
    if (has('associate') && (has('partnerIdNoun') || has('locationNoun') || found.programs.length > 0))
      return { intent: 'associate_partner_id' };
    if ((has('add') || has('newWord')) && has('locationNoun') && !has('userNoun')) return { intent: 'add_location' };
    if (changes && has('partnerIdNoun')) return { intent: 'associate_partner_id' };
    if (changes && has('supportNoun') && !has('notification')) return { intent: 'update_support_profile' };
    if (changes && has('contactNoun') && !has('notification')) return { intent: 'update_primary_contact' };
  }

  // Questions about a task ("which role do I need to...", "who can...", "can I...").
  if (!people && !strongRoles && !has('you')) {
    const asksWhichRole = has('what') && has('roleNoun') && (has('need') || has('can') || has('to'));
    const asksWho = has('who') && has('can');
    const asksAccess = has('need') && (has('roleNoun') || has('what'));
    const asksCanI = has('can') && has('me') && hasTaskWords(reading);
    if (asksWhichRole || asksWho || asksAccess || asksCanI) return { intent: 'role_for_task' };
  }
  // "can a sales agent create customers?", "what can a billing admin do": about the role.
  if (roles && !people && has('can') && !has('you') && !has('me')) return { intent: 'role_permissions' };

  if (has('notification')) return { intent: 'update_notification_email' };

  // Requests that change data: a verb of change, and what it changes.
  if (has('add')) {
    if (roleish && people && !has('userNoun')) return { intent: 'assign_roles' };
    if (has('userNoun') || found.emails.length > 0 || (roles && unknown.length > 0)) return { intent: 'add_user' };
    if (roleish && !has('userNoun')) return { intent: 'assign_roles' };
  }
  if (has('delete') || has('remove')) {
    if (roleish) return { intent: 'remove_roles' };
    if (userish) return { intent: 'remove_user' };
  }
  if (has('grant') && roleish) return { intent: 'assign_roles' };
  if (has('need') && people && roles && !has('what')) return { intent: 'assign_roles' };
  if (has('change') && roleish) return { intent: 'assign_roles' };

  if (has('newWord') && has('userNoun')) return { intent: 'add_user' };

  if (has('onboarding')) return { intent: 'onboarding' };

  // Lookups.
  // "show me the billing admins" is about them; "am I a billing admin" is about me.
  if (has('me') && !people && !has('you') && (has('roleNoun') || has('who') || has('can') || (roles && !has('list'))))
    return { intent: 'my_role' };
  if (people && (roleish || has('what') || has('who') || has('can') || has('have') || has('list') || has('describe')))
    return { intent: 'user_roles' };
  if (found.emails.length > 0 && roleish && has('list')) return { intent: 'user_roles' };
  if (roles) {
    const onlyRole =
      content === found.roles.reduce((sum, mention) => sum + (mention.end - mention.start + 1), 0) ||
      unknown.length === 0;
    const plural = found.roles.some((mention) => mention.plural);
    if (has('who') || has('list') || (has('what') && has('userNoun'))) return { intent: 'role_holders' };
    // "do we have a billing admin?"
    if (has('have') && !has('what') && !has('roleNoun') && !has('describe')) return { intent: 'role_holders' };
    if (has('what') || has('describe') || has('doVerb') || has('roleNoun')) return { intent: 'role_permissions' };
    if (onlyRole) return { intent: plural ? 'role_holders' : 'role_permissions' };
  }
  if (has('programNoun') || found.programs.length > 0) return { intent: 'programs' };
  if (has('profile') || has('supportNoun') || has('contactNoun') || has('partnerIdNoun') || has('locationNoun'))
    return { intent: 'org_profile' };
  if (has('help') || (has('greeting') && content <= 2 && unknown.length === 0)) return { intent: 'help' };
  return { intent: 'none' };
}

/** Verbs that can be the task itself ("can I *add* users", "am I allowed to *change* roles"). */
const TASK_VERBS: ReadonlySet<Cue> = new Set(['add', 'change', 'delete', 'remove', 'list']);

/** Whether words follow "can I" that say what to do ("can I *manage incentives*", not "what can I do"). */
function hasTaskWords(reading: Reading): boolean {
  const after = (reading.first('can') ?? 0) + 1;
  return reading.tokens.some(
    (token, position) =>
      position >= after &&
      !FILLER_WORDS.has(token.canonical) &&
      reading.cuesAt(position).every((cue) => TASK_VERBS.has(cue)),
  );
}

function suggestionsFor(reading: Reading, found: Found): Intent[] {
  const suggestions: Intent[] = [];
  const add = (...intents: Intent[]) => suggestions.push(...intents.filter((intent) => !suggestions.includes(intent)));
  if (found.people.length > 0) add('user_roles', 'assign_roles');
  if (found.roles.length > 0) add('role_holders', 'role_permissions');
  if (reading.has('add') || reading.has('userNoun')) add('add_user');
  if (reading.has('remove') || reading.has('delete')) add('remove_user', 'remove_roles');
  if (reading.has('change') || found.emails.length > 0) add('assign_roles', 'update_notification_email');
  if (reading.has('profile') || reading.has('supportNoun') || reading.has('contactNoun'))
    add('org_profile', 'update_support_profile', 'update_primary_contact');
  if (reading.has('partnerIdNoun') || reading.has('locationNoun')) add('associate_partner_id');
  if (reading.has('programNoun')) add('programs');
  add('help', 'my_role', 'add_user');
  return suggestions.slice(0, 3);
}

/** Words by which admins name themselves as the one a change is for ("give *me*", "*my* roles", "donne-*moi*"). */
const SELF_WORDS: ReadonlySet<string> = new Set(
  ['me', 'moi', 'myself', 'my', 'mine', 'mon', 'ma', 'mes', 'm'].map(canonical),
);

/** The longest run of neighbouring capitalized words among the given positions (the first word of the message excepted). */
function capitalizedRun(reading: Reading, positions: readonly number[]): string | undefined {
  let best: number[] = [];
  let run: number[] = [];
  for (const position of positions) {
    const capitalized = position > 0 && /^\p{Lu}\p{Ll}/u.test(reading.tokens[position]!.raw);
    run = capitalized ? (run.length > 0 && run[run.length - 1] === position - 1 ? [...run, position] : [position]) : [];
    if (run.length > best.length) best = run;
  }
  return best.length > 0 && best.length <= 4 ? reading.rawText(best) : undefined;
}

const CHANGE_VERBS: readonly Cue[] = ['add', 'grant', 'remove', 'delete', 'change'];
const SAYS_CHANGE: readonly Cue[] = [...CHANGE_VERBS, 'newWord', 'associate', 'need'];

function negatesChange(reading: Reading): boolean {
  const negations = reading.cues.get('negation') ?? [];
  const verbs = CHANGE_VERBS.flatMap((cue) => reading.cues.get(cue) ?? []);
  const nobody = reading.cues.get('nobody') ?? [];
  const negated = (verb: number) =>
    negations.some((negation) => (verb - negation >= 1 && verb - negation <= 2) || verb === negation - 1) ||
    // "ne supprime personne", but not "n'a plus rien à voir" ("plus" reads as "no longer", a wish).
    (nobody.includes(verb + 1) && reading.tokens[verb]?.canonical !== 'plus');
  // "remove the sales role from Adele but don't delete her account" asks for one change and rules
  // out another: only a message whose every verb of change is negated asks for nothing.
  return verbs.some(negated) && verbs.every(negated);
}

/** What the rules read in a message: their intent, and what it names for whichever intent is chosen. */
export interface RulesReading {
  /** The rules' own intent ("none" when no rule fits). */
  intent: Intent | 'none';
  /** The words as typed, folded but before typo correction ("taxi" is not "tax"). */
  typed: string[];
  /** The words after typo correction ("tomorow" is "tomorrow"). */
  corrected: string[];
  /** Typos forgiven, and people found with a typo. */
  corrections: number;
  /**
   * Whether the change itself is negated ("don't remove Lynne", "never delete Lynne", "ne donne pas
   * le rôle…"): a negation right before or right after the verb of change. "Isaiah doesn't need
   * helpdesk anymore" negates "need", and is a wish to remove the role.
   */
  negatesChange: boolean;
  /** Whether any word says a change: a verb that adds, gives, removes, deletes, changes or links, "new", "need", "no longer"… */
  saysChange: boolean;
  /** What the message names, for the given intent (a task, a new user's name, a phone...). */
  entitiesFor(intent: Intent | 'none'): Entities;
  /** For "none": the intents the message came closest to, by its words. */
  suggestions(): Intent[];
  /** For the history: the part of the account the words name, if any. */
  historySubject(): HistorySubject | undefined;
}

/** Reads a message by the rules; undefined for an empty or overlong message (nothing to read). */
export function readByRules(text: string | undefined, users: readonly Person[]): RulesReading | undefined {
  if (!text || text.length > MAX_MESSAGE_LENGTH * 4) return undefined;
  const tokens = tokenize(text);
  if (
    tokens.length === 0 ||
    tokens.length > MAX_WORDS ||
    tokens.reduce((sum, token) => sum + token.normalized.length + 1, 0) > MAX_MESSAGE_LENGTH
  )
    return undefined;

  const typed = tokens.map((token) => token.canonical);
  const reading = new Reading(tokens);
  correctTypos(reading, (word) => isNameWord(users, word));

  const emails = takeEmails(reading);
  const programs = takePrograms(reading);
  const roles = takeRoles(reading);
  const language = takeLanguage(reading);
  // Fillers and the rules' own words are never names ("make", "give", "the").
  const notNames = new Set(reading.taken);
  reading.tokens.forEach((token, position) => {
    if (FILLER_WORDS.has(token.canonical) || CUE_PHRASES.has(token.canonical)) notNames.add(position);
  });
  for (const position of emails.map((email) => reading.tokens.findIndex((token) => token.normalized === email)))
    notNames.delete(position);
  const people = findPeopleMentions(users, reading.tokens, notNames, isVocabulary);
  for (const mention of people) {
    for (let position = mention.start; position <= mention.end; position++) reading.taken.add(position);
    if (mention.fuzzy) reading.corrections += 1;
  }
  takeCues(reading);

  const found: Found = { emails, programs, roles, people, ...(language ? { language } : {}) };
  const decision = decide(reading, found);

  const named: Entities = {};
  const peopleFound = [...new Set(people.flatMap((mention) => mention.candidates))].flatMap((id) => {
    const name = nameOf(users, id);
    return name ? [{ id, name }] : [];
  });
  if (peopleFound.length > 0) named.people = peopleFound;
  if (roles.length > 0) named.roles = [...new Set(roles.map((mention) => mention.roleId))];
  if (emails.length > 0) named.emails = emails;
  if (programs.length > 0) named.programs = programs;
  if (language) named.language = language;
  if (peopleFound.length === 0 && tokens.some((token) => SELF_WORDS.has(token.canonical))) named.self = true;
  const leftover = reading
    .unknown()
    .filter(
      (position) =>
        !/^\d+$/.test(reading.tokens[position]!.canonical) && !SELF_WORDS.has(reading.tokens[position]!.canonical),
    );

  function entitiesFor(intent: Intent | 'none'): Entities {
    const entities: Entities = { ...named };
    if (intent === 'none') return entities;
    if (intent === 'role_for_task') {
      const task = taskOf(reading);
      if (task) entities.task = task;
    } else if (people[0]) {
      entities.person = people[0].text;
    } else if (intent === 'update_notification_email' && reading.has('me')) {
      // "my notification email": about the admin, whatever other words came with it.
    } else if (intent === 'add_user') {
      // A new user's name: the capitalized words ("Bonjour, nous avons une nouvelle recrue, Camille
      // Petit"), or else the few words that name nobody the organization has ("ajoute léa dubois").
      const name = capitalizedRun(reading, leftover) ?? (leftover.length <= 4 ? reading.rawText(leftover) : '');
      if (name) entities.displayName = name;
    } else if (leftover.length > 0 && leftover.length <= 4) {
      // Words that name nobody the organization has: a person to look for.
      entities.person = reading.rawText(leftover);
    }
    if (intent === 'update_support_profile' || intent === 'update_primary_contact') {
      const phone = findPhone(text!);
      const website = intent === 'update_support_profile' ? findWebsite(text!) : undefined;
      if (phone) entities.phone = phone;
      if (website) entities.website = website;
    }
    return entities;
  }

  return {
    intent: decision.intent,
    typed,
    corrected: reading.tokens.map((token) => token.canonical),
    corrections: reading.corrections,
    negatesChange: negatesChange(reading),
    saysChange: SAYS_CHANGE.some((cue) => reading.has(cue)),
    entitiesFor,
    suggestions: () => suggestionsFor(reading, found),
    historySubject: () => historySubjectOf(reading),
  };
}
