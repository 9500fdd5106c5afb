import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { messageActivity } from '../helpers/activities.js';
import { addRita, RITA, setRoles } from '../helpers/storeChanges.js';
import { TENANT } from '../helpers/people.js';
import { decideIn } from '../../src/accounts/organizationView.js';
import type { OrgSection } from '../../src/domain/policy.js';
import { ROLE_IDS, type RoleId } from '../../src/domain/roles.js';

/**
 * One visibility rule for organization data, on every card: a section of the profile is shown only
 * to whoever the policy lets see it (view_org_section), whatever card it appears on: the profile,
 * the onboarding checklist, the forms, tax exemptions, programs, help, my role. For each role of
 * the catalog, a user holding only that role asks for each of those cards, in English and in
 * French; a value of a section she may not see must not appear anywhere in what the bot sends
 * (text, card, or card data). And the profile card must show what she may see, so hiding
 * everything would fail too.
 */

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
    await addRita(bot.store.organization(TENANT)!, ['report_viewer']);
  });
  after(async () => bot.cleanup());

  const holdOnly = (role: RoleId) => setRoles(bot.store.organization(TENANT)!, RITA.userId, [role]);

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
