import { ROLE_IDS, type RoleId } from '../domain/roles.js';
import { LANGUAGES, loadLocale } from '../i18n/index.js';
import { canonical, tokenize, type Token } from './tokens.js';

/**
 * The catalog roles a message names: the official English and French names from the locale
 * files, plus the short forms and variants admins use ("GA", "billing admin", "admin facturation",
 * "agent du support"). Plurals, feminine forms, articles and "de/du/des" inside a name do not
 * matter ("les administratrices générales", "administrateur de la facturation").
 *
 * A one-word short form ("billing", "sales", "compliance") is a weak mention: it names the role
 * in "remove billing from Megan", but "who can manage billing" is about a task, not the role.
 */
const ALIASES: Partial<Record<RoleId, string[]>> = {
  global_admin: [
    'ga',
    'gas',
    'global administrator',
    'global admin',
    'admin global',
    'admin general',
    'tenant admin',
    'company admin',
    'super admin',
  ],
  user_management_admin: [
    'uma',
    'user admin',
    'user management admin',
    'admin des utilisateurs',
    'admin gestion des utilisateurs',
    'admin de gestion des utilisateurs',
    'user manager',
  ],
  admin_agent: ['admin agent', 'agent admin', 'aobo agent', 'agent d admin'],
  sales_agent: ['sales', 'sales agent', 'agent commercial', 'commercial', 'agent des ventes', 'sales rep'],
  helpdesk_agent: [
    'helpdesk',
    'help desk agent',
    'helpdesk agent',
    'support agent',
    'agent du support',
    'agent support',
    'agent de support',
    'agent helpdesk',
    'agent du support technique',
  ],
  billing_admin: [
    'billing',
    'billing admin',
    'admin facturation',
    'admin de facturation',
    'facturation',
    'admin billing',
    'droits de facturation',
  ],
  account_admin: ['account admin', 'admin de compte', 'admin du compte'],
  mpn_partner_admin: [
    'mpn admin',
    'partner admin',
    'maicpp admin',
    'admin mpn',
    'admin partenaire',
    'mpn partner admin',
  ],
  business_profile_admin: ['business profile admin', 'profile admin', 'admin du profil', 'admin profil entreprise'],
  referrals_admin: [
    'referral admin',
    'referrals admin',
    'admin des references',
    'admin references',
    'admin referrals',
    'admin referral',
  ],
  referrals_user: ['referral user', 'utilisateur des references'],
  cosell_solution_admin: ['co sell admin', 'cosell admin', 'admin co sell', 'solution admin', 'co sell solution admin'],
  incentives_admin: [
    'incentive admin',
    'incentives admin',
    'admin incentives',
    'admin des incitations',
    'admin primes',
    'admin des primes',
    'admin de primes',
  ],
  incentives_user: ['incentive user', 'utilisateur des incitations'],
  executive_report_viewer: [
    'executive viewer',
    'executive report viewer',
    'lecteur de rapports executifs',
    'lecteur de rapports de la direction',
  ],
  report_viewer: [
    'report viewer',
    'reports viewer',
    'lecteur de rapports',
    'visionneuse de rapports',
    'lecteur des rapports',
  ],
  compliance_admin: ['compliance', 'compliance admin', 'admin conformite', 'admin de la conformite'],
  default_user: ['default user', 'basic user', 'utilisateur standard'],
};

/** Words skipped inside a role name: articles and prepositions ("administrateur *de la* facturation"). */
const IGNORED = new Set<string>(
  [
    'the',
    'a',
    'an',
    'our',
    'my',
    'all',
    'of',
    'role',
    'le',
    'la',
    'les',
    'l',
    'un',
    'une',
    'des',
    'de',
    'du',
    'd',
    'nos',
    'notre',
    'mes',
    'mon',
  ].map(canonical),
);

export interface RoleMention {
  roleId: RoleId;
  /** Token positions the name covers. */
  start: number;
  end: number;
  /** A one-word short form: weaker evidence than a full name. */
  weak: boolean;
  /** Written in the plural ("the global admins"): a question about who holds it, more likely. */
  plural: boolean;
}

/** Words that end in "s" in the singular too. */
const ALWAYS_S = new Set(['sales', 'ads', 'access', 'acces']);

function isPlural(word: string): boolean {
  return word.length > 3 && !ALWAYS_S.has(word) && (/[^s]s$/.test(word) || word.endsWith('aux'));
}

function phraseWords(text: string): string[] {
  return tokenize(text)
    .map((token) => token.canonical)
    .filter((word) => !IGNORED.has(word));
}

const PHRASES: { roleId: RoleId; words: string[]; weak: boolean }[] = buildPhrases();

function buildPhrases() {
  const phrases = new Map<string, { roleId: RoleId; words: string[]; weak: boolean }>();
  for (const roleId of ROLE_IDS) {
    const names = [...(ALIASES[roleId] ?? [])];
    for (const language of LANGUAGES) {
      const role = (loadLocale(language).role as Record<string, { name: string }>)[roleId];
      if (role) names.push(role.name);
    }
    for (const name of names) {
      const words = phraseWords(name);
      if (words.length === 0) continue;
      const official = !(ALIASES[roleId] ?? []).includes(name);
      phrases.set(words.join(' '), { roleId, words, weak: words.length === 1 && !official });
    }
  }
  // Longest names first, so "executive report viewer" wins over "report viewer".
  return [...phrases.values()].sort((a, b) => b.words.length - a.words.length);
}

/** Every word that appears in a role name, for the typo corrector's vocabulary. */
export const ROLE_WORDS: ReadonlySet<string> = new Set(PHRASES.flatMap((phrase) => phrase.words));

/**
 * Role mentions in a message's tokens (already typo-corrected). Filler words between the words
 * of a name are skipped; a token used by one mention is not used by another.
 */
export function findRoleMentions(tokens: readonly Token[], taken: ReadonlySet<number> = new Set()): RoleMention[] {
  const content = tokens
    .map((token, index) => ({ word: token.canonical, index, plural: isPlural(token.normalized) }))
    .filter((entry) => !IGNORED.has(entry.word) && !taken.has(entry.index));
  const used = new Set<number>();
  const mentions: RoleMention[] = [];
  for (let position = 0; position < content.length; position++) {
    if (used.has(position)) continue;
    for (const phrase of PHRASES) {
      if (position + phrase.words.length > content.length) continue;
      const span = content.slice(position, position + phrase.words.length);
      if (!phrase.words.every((word, offset) => span[offset]?.word === word)) continue;
      for (let offset = 0; offset < span.length; offset++) used.add(position + offset);
      mentions.push({
        roleId: phrase.roleId,
        start: span[0]!.index,
        end: span[span.length - 1]!.index,
        weak: phrase.weak,
        plural: span.some((entry) => entry.plural),
      });
      position += phrase.words.length - 1;
      break;
    }
  }
  return mentions;
}
