import { tokenize } from './tokens.js';

/**
 * Words and endings that mark a sentence's mood in English and French, written from the grammar
 * of the two languages (not from corpus lines): putting off ("later", "plus tard"), time to come
 * and things not done yet ("tomorrow", "pas encore"), imagining
 * ("if", "si", the French conditional "-rait"), reporting the past ("who did", "qui a", "last
 * week"), asking whether one may ("am I allowed", "ai-je le droit"), and naming things of IT or
 * Microsoft 365 that this bot does not manage ("distribution list", "licence", "wifi").
 * Used as features (m:deferral…) and, in one hybrid, as a rule that vetoes a change.
 */
export type Marker =
  'deferral' | 'time' | 'hypothetical' | 'past' | 'permission' | 'elsewhere' | 'negation' | 'access_end';

const PHRASES: Record<Marker, readonly string[]> = {
  // Words that put the request itself off: a change is never proposed with one of them.
  deferral: [
    'later',
    'not now',
    'hold on',
    'hold off',
    'wait',
    'no rush',
    'postpone',
    'put off',
    'push back',
    'delay',
    'nvm',
    'never mind',
    'nevermind',
    'forget it',
    'at some point',
    // "keep my email as is": nothing to change.
    'as is',
    'tel quel',
    'telle quelle',
    'plus tard',
    'pas maintenant',
    'attends',
    'attendre',
    'attend',
    'on attend',
    'attendons',
    'attendez',
    'pas la peine',
    'pas de rush',
    'oublie',
    'laisse tomber',
    'reporte',
    'reporter',
    'reportons',
    'repousse',
    'repousser',
    'repoussons',
    'decale',
    'decaler',
    'decalons',
    'on verra',
    'eventually',
    'get back to you',
    'let you know',
    'je reviens vers',
    'je te redis',
    'je vous redis',
    'je te dirai',
    'je vous dirai',
    'i ll ask',
    'i ll check',
    'check with',
    'je vais demander',
    'je vais voir',
    'je vais verifier',
    // The bot sets no reminders: "remind me to review access next week" puts the review off.
    'remind me',
    'reminder to',
    'rappelle moi',
    'rappelez moi',
    'fais moi penser',
    'faites moi penser',
  ],
  // Words of time and of things not done yet: they put a request off ("remove Lynne next week")
  // as often as they describe it ("Rachel starts tomorrow, add her", "no roles for now"); how the
  // sentence is said decides (the mood model), and the bot asks when it is not clearly a request.
  time: [
    'not yet',
    'for now',
    'yet',
    'next week',
    'next month',
    'next quarter',
    'tomorrow',
    'no need',
    'until',
    'pas encore',
    'pour l instant',
    'pour le moment',
    'semaine prochaine',
    'semaine pro',
    'mois prochain',
    'demain',
    'pas besoin',
    'quand',
    'once',
    'une fois que',
    'on garde',
    'leave it as',
    'keep it as',
    // "I'll change it after the migration", "we'll add her in May": a plan of one's own.
    'i ll',
    'we ll',
  ],
  hypothetical: [
    'if',
    'what if',
    'would',
    'could',
    'suppose',
    'imagine',
    'what happens',
    'what would happen',
    'si',
    'et si',
    'que se passe',
    'qu est ce qui se passe',
    'supposons',
    'imaginons',
    'might',
    'peut etre',
  ],
  past: [
    'who did',
    'who touched',
    'touched',
    'messed with',
    'who updated',
    'in the last',
    'over the last',
    'while i was',
    'who has',
    'who had',
    'who was',
    'when was',
    'when did',
    'has anyone',
    'did someone',
    'did anyone',
    'someone has',
    'last week',
    'last month',
    'yesterday',
    'recently',
    'since',
    'qui a',
    'qui m a',
    'qui l a',
    'quelqu un a',
    'depuis quand',
    'depuis',
    'hier',
    'semaine derniere',
    'mois dernier',
    'recemment',
    'a ete',
    'ont ete',
    'was',
    'were',
  ],
  permission: [
    'can i',
    'could i',
    'am i allowed',
    'am i able',
    'do i have',
    'allowed to',
    'permission',
    'rights to',
    'est ce que je peux',
    'je peux',
    'puis je',
    'ai je',
    'j ai le droit',
    'le droit de',
    'les droits pour',
    'droit pour',
    'assez de droit',
    'est ce que j ai',
    'mon role me permet',
    'suis je autorise',
    'suis je autorisee',
    'est ce que je suis autorise',
    'am i permitted',
  ],
  elsewhere: [
    'distribution list',
    'liste de distribution',
    'liste de diffusion',
    'mailing list',
    'dl',
    'group',
    'groupe',
    'team in teams',
    'teams',
    'channel',
    'canal',
    'sharepoint',
    'onedrive',
    'outlook',
    'mailbox',
    'boite mail',
    'licence',
    'license',
    'e5',
    'e3',
    'laptop',
    'pc',
    'ordinateur',
    'printer',
    'imprimante',
    'wifi',
    'vpn',
    'mfa',
    'password',
    'mot de passe',
    'meeting',
    'reunion',
    'calendar',
    'agenda',
    'taxi',
    'translate',
    'traduis',
    'subscription',
    'abonnement',
    'azure',
    'intune',
  ],
  negation: ["don't", 'do not', 'dont', 'never', 'no longer', 'ne', 'pas', 'plus', 'jamais', 'personne', 'rien'],
  // The end of a time-bound access, which a request moves ("push back the end of Patti's access",
  // "no need to wait for it to expire"): these words name the end, they do not put the request off.
  access_end: [
    'wait for it to expire',
    'wait for it to end',
    'wait for the expiry',
    'wait for the expiration',
    'wait until it expires',
    'wait for her access to expire',
    'wait for his access to expire',
    'wait for their access to expire',
    'push back the end',
    'push back the expiry',
    'push back the expiration',
    'delay the expiry',
    'delay the end',
    'expire yet',
    'repousse la fin',
    'repousser la fin',
    'repousse l expiration',
    'decale la fin',
    'decaler la fin',
    'pas la peine d attendre l expiration',
    'pas la peine d attendre la fin',
    'pas la peine d attendre qu il expire',
    'pas la peine d attendre qu elle expire',
    'sans attendre l expiration',
    'sans attendre la fin',
    'attendre l expiration',
    'attendre la fin',
    // "No need to wait": the opposite of putting the request off.
    'no need to wait',
    'pas besoin d attendre',
    'sans attendre',
    'pas la peine d attendre',
  ],
};

const BY_FIRST = new Map<string, { words: string[]; marker: Marker }[]>();
for (const [marker, phrases] of Object.entries(PHRASES) as [Marker, readonly string[]][])
  for (const phrase of phrases) {
    const words = tokenize(phrase).map((token) => token.canonical);
    if (!words[0]) continue;
    BY_FIRST.set(words[0], [...(BY_FIRST.get(words[0]) ?? []), { words, marker }]);
  }
for (const list of BY_FIRST.values()) list.sort((a, b) => b.words.length - a.words.length);

/** Who plans in French ("on", "je", "nous"), and the pronouns that may come between ("on l'ajoutera"). */
const PLANNERS = new Set(['on', 'je', 'j', 'nous']);
const OBJECT_PRONOUNS = new Set(['l', 'le', 'la', 'les', 'lui', 'leur', 'y', 'en']);

/** Whether the word at `position` has a planner before it, perhaps with a pronoun between. */
function plannedBy(words: readonly string[], position: number): boolean {
  const before = words[position - 1] ?? '';
  return PLANNERS.has(before) || (OBJECT_PRONOUNS.has(before) && PLANNERS.has(words[position - 2] ?? ''));
}

/** The markers in a message's canonical words (and the French conditional and future, by their endings). */
export function markersOf(words: readonly string[]): Set<Marker> {
  const found = new Set<Marker>();
  for (let position = 0; position < words.length; position++) {
    const word = words[position]!;
    if (/^[a-z]{4,}(rai|rait|rions|riez|raient)$/.test(word) && !/(vrai|entrai|trai)$/.test(word))
      found.add('hypothetical');
    // "on l'ajoutera", "nous ajouterons": the French future of a plan, said by whoever will do it
    // later: putting the request off. (Not "-erai": folded, "je souhaiterais" reads the same.)
    if (/^[a-z]{3,}(era|erons|ira|irons)$/.test(word) && plannedBy(words, position)) found.add('deferral');
    const phrase = (BY_FIRST.get(word) ?? []).find((candidate) =>
      candidate.words.every((expected, offset) => words[position + offset] === expected),
    );
    if (!phrase) continue;
    found.add(phrase.marker);
    position += phrase.words.length - 1;
  }
  return found;
}

/**
 * Things another system manages, named precisely enough that a change to them is never a change to
 * the Partner Center account: "remove Adele from the marketing distribution list", "add Megan to
 * the Teams channel", "give Isaiah an E5 licence". Narrower than the "elsewhere" marker (which also
 * holds "team", "group"…, fine as a hint for the model but not as a veto: "add a new team member"
 * is a request to this bot).
 */
const OTHER_SYSTEMS = [
  'distribution list',
  'liste de distribution',
  'liste de diffusion',
  'mailing list',
  'in the dl',
  'to the dl',
  'from the dl',
  'dans la dl',
  'de la dl',
  'a la dl',
  'sharepoint',
  'onedrive',
  'outlook',
  'mailbox',
  'boite mail',
  'boite aux lettre',
  'boite partagee',
  'in team',
  'dans team',
  'team channel',
  'canal team',
  'licence',
  'license',
  'laptop',
  'ordinateur',
  'gdap',
  'delegated admin',
  'admin delegue',
  'badge',
  'access card',
  'carte d acces',
  'keycard',
  'parking',
  'payroll',
  'email signature',
  'mail signature',
  'signature mail',
  'signature email',
  'signature de mail',
  'signature d email',
  'local admin',
  'admin local',
  'administrateur local',
  'printer',
  'imprimante',
  'wifi',
  'vpn',
  'taxi',
  'intune',
  'crm',
  'salesforce',
  'hubspot',
  'aws',
  'github',
  'jira',
  'servicenow',
  'server room',
  'salle serveur',
  'salle des serveurs',
  'google',
  'slack',
  'zoom',
  'all staff',
  'security group',
  'groupe de securite',
  'un call',
  'a call',
  'entra',
  'azure ad',
  'active directory',
].map((phrase) => tokenize(phrase).map((token) => token.canonical));

/**
 * Where another system's name is part of this bot's own things: the PartnerID is associated with
 * the Entra tenant ("associate our PartnerID with the Azure AD tenant"), and notifications and
 * customers' support requests go to a mailbox ("my notifications go to a dead mailbox, use
 * alerts@contoso.com", "the support mailbox is now care@contoso.com").
 */
const OWN_CONTEXT: readonly { names: readonly string[][]; when: readonly string[] }[] = [
  {
    names: ['entra', 'azure ad', 'active directory'].map(words),
    when: ['tenant', 'partnerid', 'mpn'].map((word) => words(word)[0]!),
  },
  {
    names: ['mailbox', 'boite mail', 'boite aux lettre'].map(words),
    when: ['notification', 'notif', 'alert', 'alerte', 'support', 'helpdesk', 'customer', 'client'].map(
      (word) => words(word)[0]!,
    ),
  },
];

function words(phrase: string): string[] {
  return tokenize(phrase).map((token) => token.canonical);
}

const containsPhrase = (text: readonly string[], phrase: readonly string[]) =>
  text.some((_, start) => phrase.every((word, offset) => text[start + offset] === word));

export function namesOtherSystem(text: readonly string[]): boolean {
  return OTHER_SYSTEMS.some(
    (phrase) =>
      containsPhrase(text, phrase) &&
      !OWN_CONTEXT.some(
        (context) =>
          context.names.some((name) => name.join(' ') === phrase.join(' ')) &&
          context.when.some((word) => text.includes(word)),
      ),
  );
}
