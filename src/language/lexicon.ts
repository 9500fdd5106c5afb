/**
 * The words the recognizer reads a request by, in English and French, grouped by what they say
 * about the request ("cues"): a verb that adds, one that takes away, a question word, a noun that
 * names a user or a role... The intent is decided from which cues are present (see recognizer.ts),
 * so a new way of saying "remove" is one word added here, for every intent that uses it.
 *
 * Words are written as admins type them; they are folded the way messages are (no accents,
 * singular, masculine) when the lexicon is built. A phrase of several words matches only with its
 * words in that order.
 */
export const CUES = {
  help: ['help', 'aide', 'aider', 'menu', 'command', 'commande', 'option', 'what can you do', 'what do you do', 'que sais tu faire', 'que peux tu faire', 'qu est ce que tu sais faire', 'comment ca marche', 'comment ca fonctionne', 'how do you work', 'how does this work', 'how does it work', 'how does this bot work', 'how to use', 'mode d emploi'],
  greeting: ['hello', 'hi', 'hey', 'bonjour', 'salut', 'coucou', 'bonsoir', 'good morning', 'hi there', 'start', 'commencer'],
  cancel: ['cancel', 'annuler', 'annule', 'annulez', 'stop', 'abort', 'abandon', 'abandonner', 'never mind', 'forget about it', 'nevermind', 'forget it', 'laisse tomber', 'laissez tomber', 'quit', 'quitter', 'arrete', 'arreter'],
  languageCue: ['speak', 'talk', 'reply', 'answer', 'write', 'switch', 'language', 'langue', 'parle', 'parler', 'parlez', 'reponds', 'repondre', 'repondez', 'ecris', 'passe', 'passer', 'passez', 'prefere', 'prefer'],
  add: ['add', 'ad', 'create', 'invite', 'onboard', 'register', 'ajouter', 'ajoute', 'ajoutez', 'creer', 'cree', 'creez', 'inviter', 'invitez', 'enregistrer', 'inscrire'],
  newWord: ['new', 'nouvel', 'nouveau', 'nouvelle'],
  userNoun: ['user', 'usr', 'person', 'people', 'someone', 'somebody', 'anyone', 'member', 'colleague', 'coworker', 'employee', 'hire', 'account', 'utilisateur', 'personne', 'quelqu un', 'membre', 'collegue', 'collaborateur', 'employe', 'salarie', 'compte'],
  grant: ['give', 'make', 'assign', 'grant', 'promote', 'upgrade', 'appoint', 'set', 'attribuer', 'attribue', 'attribuez', 'donner', 'donne', 'donnez', 'nommer', 'nomme', 'nommez', 'fais', 'faites', 'accorder', 'accorde', 'mettre', 'mets', 'promouvoir', 'devient', 'become'],
  remove: ['remove', 'revoke', 'withdraw', 'strip', 'unassign', 'take away', 'retirer', 'retire', 'retirez', 'enlever', 'enleve', 'enlevez', 'oter', 'ote', 'revoquer', 'revoque', 'no longer', 'not anymore', 'anymore', 'no more', 'plus'],
  delete: ['delete', 'kick', 'kick out', 'offboard', 'deactivate', 'disable', 'supprimer', 'supprime', 'supprimez', 'desactiver', 'desactive', 'left the company', 'a quitte'],
  change: ['change', 'update', 'edit', 'modify', 'manage', 'set', 'changer', 'modifier', 'modifie', 'modifiez', 'gerer', 'gere', 'gerez', 'mettre a jour', 'mets a jour', 'maj', 'replace', 'remplacer'],
  roleNoun: ['role', 'permission', 'perm', 'right', 'access', 'privilege', 'droit', 'acces', 'habilitation'],
  notification: ['notification', 'notif', 'alert', 'alerte'],
  emailNoun: ['email', 'e mail', 'mail', 'courriel', 'adresse', 'address'],
  me: ['my', 'me', 'i', 'mine', 'myself', 'am', 'mon', 'ma', 'mes', 'je', 'moi', 'j', 'suis'],
  you: ['you', 'u', 'tu', 'te', 'vous', 'bot'],
  who: ['who', 'whos', 'qui'],
  what: ['what', 'whats', 'wat', 'which', 'where', 'quel', 'quelle', 'que', 'qu', 'quoi', 'c est quoi', 'tell me about'],
  can: ['can', 'could', 'may', 'allowed', 'allow', 'let', 'lets', 'able', 'peut', 'peux', 'peuvent', 'pouvons', 'permet', 'permettent', 'le droit de'],
  doVerb: ['do', 'doe', 'faire', 'fait'],
  need: ['need', 'needed', 'require', 'required', 'necessary', 'should', 'besoin', 'faut', 'necessaire', 'get access', 'how do i get'],
  list: ['list', 'show', 'liste', 'lister', 'affiche', 'afficher', 'montre', 'montrer', 'display', 'voir', 'how many', 'combien'],
  describe: ['describe', 'explain', 'explique', 'expliquer', 'a quoi sert', 'mean', 'signifie', 'what is', 'what is a', 'what does', 'c est quoi'],
  have: ['have', 'has', 'ai', 'avez', 'avons', 'hold', 'got', 'possede', 'ont', 'is', 'est', 'sont', 'are', 'r'],
  programNoun: ['program', 'programme', 'enrolled', 'enrollment', 'enrolment', 'enroll', 'inscrit', 'inscrite', 'inscription', 'enregistre', 'membership', 'publisher'],
  profile: ['profile', 'profil', 'legal', 'juridique', 'raison sociale', 'csp id', 'publisher id', 'seller id', 'verification', 'verified', 'verifie', 'vetting', 'company', 'entreprise', 'organization', 'organisation', 'societe', 'info', 'information', 'detail', 'coordonnee', 'phone', 'telephone', 'website', 'site web', 'identifier', 'identifiant', 'tenant', 'locataire'],
  supportNoun: ['support', 'assistance'],
  contactNoun: ['contact', 'primary contact', 'main contact', 'contact principal', 'interlocuteur', 'interlocuteur principal'],
  partnerIdNoun: ['partnerid', 'partner id', 'mpn id', 'id mpn', 'id partenaire', 'identifiant partenaire', 'identifiant mpn'],
  locationNoun: ['location', 'business location', 'emplacement'],
  associate: ['associate', 'link', 'connect', 'attach', 'associer', 'associe', 'associez', 'lier', 'lie', 'relier', 'relie', 'rattacher', 'rattache'],
  tax: ['tax', 'taxe', 'exemption', 'exoneration', 'fiscal', 'fiscale', 'impot', 'tax exempt'],
  history: ['history', 'historique', 'audit', 'audit log', 'journal', 'log', 'what changed', 'who changed', 'recent change', 'what happened', 'qu est ce qui a change', 'qui a change', 'modification', 'derniere modification', 'changement', 'dernier changement', 'activity', 'activite', 'trail', 'qu est ce qui a ete modifie', 'changed for', 'change for'],
  onboarding: ['onboarding', 'get started', 'getting started', 'premiers pas', 'premier pa', 'first step', 'checklist', 'setup', 'set up', 'configuration initiale', 'configuration', 'a configurer', 'configurer', 'demarrage', 'par ou commencer', 'where do i start', 'where to start', 'do first', 'faire en premier', 'new admin', 'nouvel admin'],
  negation: ['don t', 'do not', 'does not', 'doesn t', 'dont', 'never', 'pas', 'jamais'],
  named: ['named', 'called', 'nomme', 'appele', 'appelee'],
  to: ['to', 'for', 'pour', 'in order to', 'afin de'],
} as const;

export type Cue = keyof typeof CUES;

/** Words that carry no meaning for the recognizer, and are never a person's name. */
export const FILLERS = [
  'a', 'an', 'the', 'to', 'of', 'for', 'in', 'on', 'at', 'as', 'be', 'and', 'or', 'with', 'from', 'this', 'that', 'it', 'its', 'our', 'we', 'us', 'they', 'them',
  'please', 'pls', 'plz', 'here', 'now', 'all', 'some', 'any', 'one', 'by', 'into', 'off', 'away', 'there', 'him', 'her', 'his', 'their', 'thanks', 'thank', 'could', 'would',
  'want', 'like', 'go', 'sent', 'send', 'receive', 'd', 'll', 's', 't', 'also', 'just', 'too', 'so', 'then', 'again', 'an', 'want to', 'partner', 'center', 'centre', 'org', 'will', 'much', 'many',
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'au', 'aux', 'en', 'et', 'ou', 'par', 'sur', 'dans', 'avec', 'ce', 'cet', 'cette', 'ces', 'notre', 'nos', 'votre', 'vos',
  'stp', 'svp', 'merci', 'il', 'elle', 'lui', 'leur', 'y', 'comme', 'tant', 'est ce', 'veux', 'voudrais', 'souhaite', 'pourrais', 'pourriez', 'pouvez', 'ok', 'oui', 'non', 'bien', 'tout', 'tous',
] as const;

export const LANGUAGE_NAMES: Record<string, 'en' | 'fr'> = { english: 'en', anglais: 'en', french: 'fr', francais: 'fr' };

/**
 * Programs as admins name them. "csp" stands for the three CSP enrollments together: an admin
 * asking "are we in CSP" means any of them.
 */
export const PROGRAM_NAMES: Record<string, string> = {
  csp: 'csp',
  'cloud solution provider': 'csp',
  mpn: 'maicpp',
  maicpp: 'maicpp',
  'ai cloud partner program': 'maicpp',
  'microsoft ai cloud partner program': 'maicpp',
  'partner program': 'maicpp',
  'programme partenaire': 'maicpp',
  'microsoft partner network': 'maicpp',
  marketplace: 'commercial_marketplace',
  'commercial marketplace': 'commercial_marketplace',
  'place de marche': 'commercial_marketplace',
  copilot: 'm365_copilot',
  xbox: 'windows_xbox',
  'hardware dev center': 'hardware_dev_center',
  'edge extension': 'edge_extensions',
};
