import { ORG_SECTIONS, type OrgSection } from '../src/domain/policy.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { commandAction } from '../src/bot/cardActions.js';
import { countryName } from '../src/accounts/countries.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { MemberTurn } from '../src/bot/turn.js';
import type { OrganizationFile } from '../src/store/schema.js';

/**
 * "Show our company profile": the organization profile as Partner Center's account settings show
 * it (legal info, verification, contacts, support profile, locations with their PartnerIDs,
 * tenants, identifiers). A section the admin's roles may not see is left out, not shown empty;
 * verification and programs are open to every user.
 */
type Fact = { title: string; value: string };

type Profile = OrganizationFile['organization']['profile'];

/** A contact on one line, as typed (escape it for a card): "Alex Wilber · alexw@contoso.com · +33 …". */
export function contactLine(person: { firstName: string; lastName: string; email: string; phone?: string } | undefined): string {
  if (!person) return '';
  return [`${person.firstName} ${person.lastName}`.trim(), person.email, person.phone].filter(Boolean).join(' · ');
}

/** The support profile on one line, as typed (escape it for a card). */
export function supportLine(support: Profile['supportProfile']): string {
  return support ? [support.website, support.email, support.phone].filter(Boolean).join(' · ') : '';
}

const contact = (person: Parameters<typeof contactLine>[0]) => escapeMarkdown(contactLine(person));

function sectionFacts(turn: MemberTurn, section: OrgSection, profile: Profile, tenantId: string): Fact[] {
  const { t } = turn;
  const fact = (key: string, value: string | undefined): Fact[] => (value ? [{ title: t.t(`orgProfile.field.${key}`), value }] : []);
  switch (section) {
    case 'legal': {
      const address = profile.legal.address;
      const where = address ? [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' '), address.state, address.country].filter(Boolean).join(', ') : undefined;
      return [...fact('legalName', escapeMarkdown(profile.legal.legalName)), ...fact('address', where && escapeMarkdown(where))];
    }
    case 'verification':
      return fact('verification', t.t('orgProfile.verificationValue', { label: t.t(`verification.${profile.verification.status}.label`), meaning: t.t(`verification.${profile.verification.status}.meaning`) }));
    case 'primary_contact':
      return fact('primaryContact', contact(profile.primaryContact));
    case 'legal_contact':
      return fact('legalContact', contact(profile.legalContact));
    case 'support_profile': {
      const support = profile.supportProfile;
      return fact('support', support && escapeMarkdown(supportLine(support)));
    }
    case 'locations':
      return profile.locations.map((location) => ({
        title: t.t('orgProfile.field.location'),
        value: escapeMarkdown(
          [
            location.name,
            t.t('orgProfile.partnerId', { id: location.partnerId }),
            countryName(location.country, t.language),
            t.t(`orgProfile.locationStatus.${location.status}`),
            location.cspTenantId === tenantId && t.t('orgProfile.associated'),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      }));
    case 'tenants':
      return profile.tenants.map((tenant) => ({
        title: t.t('orgProfile.field.tenant'),
        value: escapeMarkdown(
          [`${tenant.name}${tenant.defaultDomain ? ` (${tenant.defaultDomain})` : ''}`, tenant.country && countryName(tenant.country, t.language), tenant.primary && t.t('orgProfile.primaryTenant')].filter(Boolean).join(' · '),
        ),
      }));
    case 'identifiers': {
      const ids = profile.identifiers;
      return [...fact('partnerId', ids?.partnerId), ...fact('cspPartnerId', ids?.cspPartnerId), ...fact('publisherId', ids?.publisherId && escapeMarkdown(ids.publisherId)), ...fact('sellerId', ids?.sellerId && escapeMarkdown(ids.sellerId))];
    }
    default:
      return [];
  }
}

export async function showOrgProfile(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const profile = document.organization.profile;
  const visible = ORG_SECTIONS.filter((section) => section !== 'programs' && decideIn(document, turn.user, { type: 'view_org_section', section }).allowed);
  const facts = visible.flatMap((section) => sectionFacts(turn, section, profile, document.organization.tenantId));
  const may = (section: OrgSection) => decideIn(document, turn.user, { type: 'update_org_section', section }).allowed;
  const hidden = ORG_SECTIONS.length - 1 - visible.length;
  await sendCard(
    turn,
    noticeCard({
      title: t.t('orgProfile.title', { name: escapeMarkdown(document.organization.displayName) }),
      facts,
      note: hidden > 0 ? t.t('orgProfile.someHidden') : t.t('orgProfile.whereToChange'),
      // What this admin may keep right from here; everything else is changed in Partner Center.
      actions: [
        ...(may('support_profile') ? [commandAction(t.t('orgProfile.action.support'), 'update_support_profile')] : []),
        ...(may('primary_contact') ? [commandAction(t.t('orgProfile.action.contact'), 'update_primary_contact')] : []),
        ...(may('locations') ? [commandAction(t.t('orgProfile.action.partnerId'), 'associate_partner_id')] : []),
      ],
    }),
  );
}
