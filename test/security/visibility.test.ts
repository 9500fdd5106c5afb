import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { messageActivity, type Sender } from '../helpers/activities.js';
import { TENANT } from '../helpers/people.js';
import { decideIn } from '../../src/accounts/organizationView.js';
import type { OrgSection } from '../../src/domain/policy.js';
import { ROLE_IDS, type RoleId } from '../../src/domain/roles.js';
import type { UserRecord } from '../../src/store/schema.js';

/**
 * One visibility rule for organization data, on every card: a section of the profile is shown only
 * to whoever the policy lets see it (view_org_section), whatever card it appears on: the profile,
 * the onboarding checklist, the forms, tax exemptions, programs, help, my role. For each role of
 * the catalog, a user holding only that role asks for each of those cards, in English and in
 * French; a value of a section she may not see must not appear anywhere in what the bot sends
 * (text, card, or card data). And the profile card must show what she may see, so hiding
 * everything would fail too.
 */
const RITA: Sender & { userId: string } = {
  userId: 'u-rita',
  name: 'Rita Role',
  aadObjectId: '5e0b7c1d-9a2f-4c3e-8d41-6f7a8b9c0d12',
};
const ADMIN_ACTOR = { userId: 'u-alex', displayName: 'Alex Wilber' };

/** Values of the demo organization that belong to one section each, and appear nowhere else. */
const MARKERS: readonly { section: OrgSection; value: string }[] = [
  { section: 'legal', value: '18 rue de Londres' },
  { section: 'primary_contact', value: '+33 1 70 36 42 00' },
  { section: 'legal_contact', value: 'pattif@contoso.com' },
  { section: 'support_profile', value: 'support@contoso.com' },
  { section: 'support_profile', value: '+33 1 70 36 42 99' },
  { section: 'locations', value: '6104522' },
  { section: 'locations', value: 'Montréal' },
  { section: 'tenants', value: 'contoso.onmicrosoft.com' },
  { section: 'identifiers', value: 'contoso-cloud' },
  { section: 'identifiers', value: '81342076' },
];

const CARDS: Record<'en-US' | 'fr-FR', readonly string[]> = {
  'en-US': [
    'hello',
    'help',
    'company profile',
    'get started',
    'tax exemptions',
    'programs',
    'what is my role',
    'associate our PartnerID',
    'update our support details',
    'update the primary contact',
    'history',
  ],
  'fr-FR': [
    'aide',
    "profil de l'entreprise",
    'mise en route',
    'exonérations fiscales',
    'programmes',
    'quel est mon rôle',
    'associer notre PartnerID',
    'mettre à jour les détails du support',
  ],
};

describe('security: a card shows organization data only to whom its section is open, for every role', function () {
  this.timeout(120_000);
  let bot: Harness;
  before(async () => {
    bot = await createHarness();
    await bot.store.organization(TENANT)!.change((current, { now }) => {
      const template = current.users.find((user) => user.id === 'u-lynne')!;
      const rita: UserRecord = {
        ...template,
        id: RITA.userId,
        displayName: RITA.name,
        email: 'rita@contoso.com',
        aadObjectId: RITA.aadObjectId,
        roles: ['report_viewer'],
        revision: 0,
        createdAt: now,
        createdBy: ADMIN_ACTOR,
        updatedAt: now,
        updatedBy: ADMIN_ACTOR,
      };
      return {
        next: { ...current, users: [...current.users, rita] },
        result: undefined,
        audit: [
          { actor: ADMIN_ACTOR, action: 'user.added', target: { type: 'user', id: RITA.userId }, outcome: 'applied' },
        ],
      };
    });
  });
  after(async () => bot.cleanup());

  async function holdOnly(role: RoleId): Promise<void> {
    await bot.store.organization(TENANT)!.change((current, { now }) => ({
      next: {
        ...current,
        users: current.users.map((user) =>
          user.id === RITA.userId
            ? { ...user, roles: [role], revision: user.revision + 1, updatedAt: now, updatedBy: ADMIN_ACTOR }
            : user,
        ),
      },
      result: undefined,
      audit: [
        {
          actor: ADMIN_ACTOR,
          action: 'user.roles_changed',
          target: { type: 'user', id: RITA.userId },
          outcome: 'applied',
        },
      ],
    }));
  }

  for (const role of ROLE_IDS) {
    it(role, async () => {
      await holdOnly(role);
      const document = bot.store.organization(TENANT)!.read();
      const rita = document.users.find((user) => user.id === RITA.userId)!;
      const mayRead = (section: OrgSection) => decideIn(document, rita, { type: 'view_org_section', section }).allowed;
      const leaks: string[] = [];
      for (const [locale, messages] of Object.entries(CARDS)) {
        for (const text of messages) {
          // Markdown escapes removed ("contoso\\.com" is still the domain).
          const sent = JSON.stringify(await bot.send(messageActivity(RITA, text, { locale }))).replaceAll('\\\\', '');
          for (const { section, value } of MARKERS)
            if (!mayRead(section) && sent.includes(value)) leaks.push(`"${text}" shows ${section} (${value})`);
          if (text === 'company profile')
            for (const { section, value } of MARKERS)
              if (mayRead(section) && !sent.includes(value))
                leaks.push(`the profile hides ${section} (${value}), which she may see`);
        }
      }
      assert.deepEqual(leaks, []);
    });
  }
});
