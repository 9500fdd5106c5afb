import { ORG_SECTIONS, type OrgSection } from '../src/domain/policy.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { countryName } from '../src/accounts/countries.js';
import type { OrganizationFile } from '../src/store/schema.js';
import { commandAction } from '../src/conversation/cardActions.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { noticeCard } from '../src/conversation/notice.js';
import { contactLine, supportLine } from '../src/conversation/parts/profileLines.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

/**
 * "Show our company profile": the organization profile as Partner Center's account settings show
 * it (legal info, verification, contacts, support profile, locations with their PartnerIDs,
 * tenants, identifiers). A section the admin's roles may not see is left out, not shown empty;
 * verification and programs are open to every user.
 */
type Fact = { title: string; value: string };

type Profile = OrganizationFile['organization']['profile'];

const contact = (person: Parameters<typeof contactLine>[0]) => escapeMarkdown(contactLine(person));

function sectionFacts(turn: MemberTurn, section: OrgSection, profile: Profile, tenantId: string): Fact[] {
  const { t } = turn;
  const fact = (key: string, value: string | undefined): Fact[] =>
    value ? [{ title: t.t(`orgProfile.field.${key}`), value }] : [];
  switch (section) {
    case 'legal': {
      const address = profile.legal.address;
      const where = address
        ? [
            address.line1,
            address.line2,
            [address.postalCode, address.city].filter(Boolean).join(' '),
            address.state,
            address.country && countryName(address.country, t.language),
          ]
            .filter(Boolean)
            .join(', ')
        : undefined;
      return [
        ...fact('legalName', escapeMarkdown(profile.legal.legalName)),
        ...fact('address', where && escapeMarkdown(where)),
      ];
    }
    case 'verification':
      return fact(
        'verification',
        t.t('orgProfile.verificationValue', {
          label: t.t(`verification.${profile.verification.status}.label`),
          meaning: t.t(`verification.${profile.verification.status}.meaning`),
        }),
      );
    case 'primary_contact':
      return fact('primaryContact', contact(profile.primaryContact));
    case 'legal_contact':
      return fact('legalContact', contact(profile.legalContact));
    case 'security_contact':
      return fact('securityContact', contact(profile.securityContact));
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
          [
            `${tenant.name}${tenant.defaultDomain ? ` (${tenant.defaultDomain})` : ''}`,
            tenant.country && countryName(tenant.country, t.language),
            tenant.primary && t.t('orgProfile.primaryTenant'),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      }));
    case 'identifiers': {
      const ids = profile.identifiers;
      return [
        ...fact('partnerId', ids?.partnerId),
        ...fact('cspPartnerId', ids?.cspPartnerId),
        ...fact('publisherId', ids?.publisherId && escapeMarkdown(ids.publisherId)),
        ...fact('sellerId', ids?.sellerId && escapeMarkdown(ids.sellerId)),
      ];
    }
    default:
      return [];
  }
}

async function showOrgProfile(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const profile = document.organization.profile;
  const visible = ORG_SECTIONS.filter(
    (section) => section !== 'programs' && decideIn(document, turn.user, { type: 'view_org_section', section }).allowed,
  );
  const facts = visible.flatMap((section) => sectionFacts(turn, section, profile, document.organization.tenantId));
  const may = (section: OrgSection) => decideIn(document, turn.user, { type: 'update_org_section', section }).allowed;
  const hidden = ORG_SECTIONS.length - 1 - visible.length;
  await turn.sendCard(
    noticeCard({
      title: t.t('orgProfile.title', { name: escapeMarkdown(document.organization.displayName) }),
      facts,
      note: hidden > 0 ? t.t('orgProfile.someHidden') : t.t('orgProfile.whereToChange'),
      // What this admin may keep right from here; everything else is changed in Partner Center.
      actions: [
        ...(may('legal') ? [commandAction(t.t('orgProfile.action.legal'), 'update_legal_profile')] : []),
        ...(may('support_profile') ? [commandAction(t.t('orgProfile.action.support'), 'update_support_profile')] : []),
        ...(may('primary_contact') ? [commandAction(t.t('orgProfile.action.contact'), 'update_primary_contact')] : []),
        ...(may('security_contact')
          ? [commandAction(t.t('orgProfile.action.security'), 'update_security_contact')]
          : []),
        ...(may('locations') ? [commandAction(t.t('orgProfile.action.partnerId'), 'associate_partner_id')] : []),
      ],
    }),
  );
}

export const orgProfile: Conversation = {
  name: 'organization-profile',
  policy: ['view_org_section', 'update_org_section'],
  help: [{ intent: 'org_profile', order: 60 }],
  intents: { org_profile: showOrgProfile },
};
