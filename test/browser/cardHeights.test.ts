import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_TENANT_ID, demoOrganization } from '../../src/store/demoOrganization.js';
import type { AuditEntry } from '../../src/store/schema.js';
import { say, usePlaygroundSession } from '../helpers/playground.js';
import { organizationFileIn } from '../helpers/storedOrganization.js';

/**
 * Teams, like the playground, scrolls to the bottom of a tall card, so a card taller than the
 * window hides what happened. Every card the bot answers with, rendered in the playground at its
 * default window, for the Global admin and the Report viewer, in English and French: at most
 * 1,000 px tall.
 */
const LIMIT_PX = 1000;

/** Sends `text` and answers the height of the card it brought (undefined for a text-only reply). */
async function heightOfAnswer(page: Page, text: string): Promise<number | undefined> {
  const cards = page.locator('.ac-adaptiveCard');
  const before = await cards.count();
  await say(page, text);
  for (let waited = 0; waited < 15_000; waited += 250) {
    if ((await cards.count()) > before) break;
    await page.waitForTimeout(250);
  }
  if ((await cards.count()) === before) return undefined;
  // Let the last card finish laying out before measuring it.
  await page.waitForTimeout(300);
  return (await cards.last().boundingBox())?.height;
}

async function tallest(page: Page, messages: readonly string[]): Promise<string[]> {
  const tooTall: string[] = [];
  let answered = 0;
  for (const message of messages) {
    const height = await heightOfAnswer(page, message);
    if (height === undefined) continue;
    answered += 1;
    if (height > LIMIT_PX) tooTall.push(`"${message}": ${Math.round(height)} px`);
  }
  assert.ok(answered >= messages.length / 2, `only ${answered} of ${messages.length} messages brought a card`);
  return tooTall;
}

const GLOBAL_ADMIN_ENGLISH = [
  'help',
  'add a user',
  'change roles of adele',
  'make megan a billing admin',
  'what is my role',
  'what roles does isaiah have',
  'who are the global admins',
  'what can a billing admin do',
  'get started',
  'company profile',
  'programs',
  'history',
  'change my notification email',
  'update our support details',
  'show our customers',
  'find fabrikam',
  'add a customer',
  "fabrikam's users",
  'invite a customer to a reseller relationship',
  'change our security contact',
  'update our legal business profile',
  'my notification preferences',
  "how do I reset another user's password?",
  'make isaiah a global admin until friday 18:00',
  'privileged access',
  'review access',
  "extend isaiah's access by a day",
  'purple elephant',
];

const GLOBAL_ADMIN_FRENCH = [
  'aide',
  'ajouter un utilisateur',
  "modifier les rôles d'Isaiah",
  'quel est mon rôle',
  'mise en route',
  "profil de l'entreprise",
  'programmes',
  'historique',
  'liste des clients',
  'ajouter un client',
  'utilisateurs de tailspin',
  'contact de sécurité',
  'comment ouvrir un ticket de support ?',
  "donne le rôle agent d'administration à Megan pour 2 heures",
  'accès privilégiés',
  'revue des accès',
];

const REPORT_VIEWER = [
  'help',
  'what is my role',
  'get started',
  'company profile',
  'programs',
  'make me a global admin',
  'privileged access',
];

const REPORT_VIEWER_FRENCH = [
  'aide',
  'quel est mon rôle',
  'mise en route',
  "profil de l'entreprise",
  'programmes',
  'fais-moi administrateur général',
];

/**
 * The demo organization with a long history of the longest entries (role changes naming several
 * roles), so the history card is measured full: ten entries and its page buttons.
 */
async function withLongHistory(dataDir: string): Promise<void> {
  const document = demoOrganization('2026-11-20T09:00:00.000Z');
  const roles = ['sales_agent', 'referrals_admin', 'billing_admin', 'incentives_admin', 'report_viewer'];
  const changes: AuditEntry[] = Array.from({ length: 25 }, (_, index) => ({
    id: `history-${index}`,
    at: new Date(Date.parse('2026-11-21T09:00:00.000Z') + index * 3_600_000).toISOString(),
    actor: { userId: 'u-alex', displayName: 'Alex Wilber' },
    action: 'user.roles_changed',
    target: { type: 'user', id: 'u-isaiah' },
    outcome: 'applied',
    before: { roles: [] },
    after: { roles, added: roles, removed: [] },
  }));
  const file = organizationFileIn(dataDir, DEMO_TENANT_ID);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ ...document, audit: [...document.audit, ...changes] }, null, 2));
}

describe('browser: every card fits in Teams (at most 1,000 px), as the Global admin', function () {
  this.timeout(240_000);
  const session = usePlaygroundSession(
    async ({ page }) => {
      await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 60_000 });
    },
    { prepare: withLongHistory },
  );

  it('in English', async () => {
    assert.deepEqual(await tallest(session().page, GLOBAL_ADMIN_ENGLISH), []);
  });

  it('in French', async () => {
    const { page } = session();
    await say(page, 'parle français');
    await page.getByText('je vous réponds en français désormais').last().waitFor({ timeout: 30_000 });
    assert.deepEqual(await tallest(page, GLOBAL_ADMIN_FRENCH), []);
  });

  it('in French, with each family of the role picker opened in turn (opening one closes the others)', async () => {
    const { page } = session();
    for (const form of ['ajouter un utilisateur', "modifier les rôles d'Isaiah"]) {
      await heightOfAnswer(page, form);
      const card = page.locator('.ac-adaptiveCard').last();
      const headings = card.locator('.ac-selectable', { hasText: /^[▸▾]/ });
      const count = await headings.count();
      assert.equal(count, 3, `${form}: three families`);
      // The closed ones (▸), in order: without the accordion this would end with all three open.
      for (let index = 0; index < count; index += 1) {
        if (!(await headings.nth(index).innerText()).startsWith('▸')) continue;
        await headings.nth(index).click();
        await page.waitForTimeout(300);
        const height = (await card.boundingBox())?.height ?? 0;
        assert.ok(height <= LIMIT_PX, `${form}, family ${index + 1} opened: ${Math.round(height)} px`);
      }
    }
  });
});

describe('browser: every card fits in Teams (at most 1,000 px), as the Report viewer', function () {
  this.timeout(240_000);
  const session = usePlaygroundSession(
    async ({ page }) => {
      await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 60_000 });
    },
    { as: 'lynne' },
  );

  it('in English', async () => {
    assert.deepEqual(await tallest(session().page, REPORT_VIEWER), []);
  });

  it('in French', async () => {
    const { page } = session();
    await say(page, 'parle français');
    await page.getByText('je vous réponds en français désormais').last().waitFor({ timeout: 30_000 });
    assert.deepEqual(await tallest(page, REPORT_VIEWER_FRENCH), []);
  });
});
