import { ROLE_IDS, type RoleId } from '../domain/roles.js';
import { LANGUAGES, loadLocale } from '../i18n/index.js';
import { words } from './normalize.js';

/**
 * Finds the catalog role an admin means by a few words: the official English and French names
 * from the locale files, plus the short forms admins use. Plurals, articles and a trailing
 * "role" / "rôle" do not matter ("the global admins", "les administrateurs généraux").
 */
const ALIASES: Partial<Record<RoleId, string[]>> = {
  global_admin: ['ga', 'global administrator', 'global admin', 'admin global', 'administrateur global', 'admin general', 'tenant admin', 'company admin'],
  user_management_admin: ['uma', 'user admin', 'user management administrator', 'user administrator', 'admin des utilisateurs', 'administrateur des utilisateurs', 'admin gestion des utilisateurs'],
  admin_agent: ['admin agent', 'agent admin', 'aobo agent', 'agent administrateur'],
  sales_agent: ['sales', 'sales agent', 'agent commercial', 'commercial', 'agent des ventes'],
  helpdesk_agent: ['helpdesk', 'help desk agent', 'support agent', 'agent du support', 'agent support', 'agent de support', 'agent helpdesk'],
  billing_admin: ['billing', 'billing administrator', 'admin facturation', 'administrateur facturation', 'admin de facturation', 'facturation'],
  account_admin: ['account administrator', 'admin de compte', 'administrateur de compte', 'admin du compte'],
  mpn_partner_admin: ['mpn admin', 'partner admin', 'maicpp admin', 'admin mpn', 'administrateur mpn', 'admin partenaire'],
  business_profile_admin: ['business profile admin', 'profile admin', 'admin du profil', 'admin profil entreprise'],
  referrals_admin: ['referral admin', 'admin des references', 'admin references', 'admin referrals'],
  referrals_user: ['referral user', 'utilisateur des references'],
  cosell_solution_admin: ['co sell admin', 'cosell admin', 'admin co sell', 'solution admin'],
  incentives_admin: ['incentive admin', 'admin incentives', 'admin des incitations', 'admin primes', 'admin des primes', 'administrateur des primes'],
  incentives_user: ['incentive user', 'utilisateur des incitations'],
  executive_report_viewer: ['executive viewer', 'executive report viewer', 'lecteur de rapports executifs'],
  report_viewer: ['report viewer', 'reports viewer', 'lecteur de rapports', 'visionneuse de rapports'],
  compliance_admin: ['compliance', 'compliance administrator', 'admin conformite', 'administrateur de la conformite'],
  default_user: ['default', 'basic user', 'utilisateur standard'],
};

const IGNORED = new Set(['the', 'a', 'an', 'our', 'all', 'role', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'nos', 'notre', 'mes', 'my']);

function key(text: string): string {
  return words(text)
    .filter((word) => !IGNORED.has(word))
    .map((word) => word.replace(/(aux|eaux)$/, (ending) => (ending === 'aux' ? 'al' : 'eau')))
    .join(' ');
}

const BY_KEY = buildIndex();

function buildIndex(): Map<string, RoleId> {
  const index = new Map<string, RoleId>();
  for (const roleId of ROLE_IDS) {
    const names = [...(ALIASES[roleId] ?? [])];
    for (const language of LANGUAGES) {
      const role = (loadLocale(language).role as Record<string, { name: string }>)[roleId];
      if (role) names.push(role.name);
    }
    for (const name of names) index.set(key(name), roleId);
  }
  return index;
}

export function findRole(text: string | undefined): RoleId | undefined {
  if (!text) return undefined;
  return BY_KEY.get(key(text));
}
