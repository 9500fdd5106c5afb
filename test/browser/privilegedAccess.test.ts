import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  say,
  screenshot,
  screenshotCard,
  startPlaygroundSession,
  type PlaygroundSession,
} from '../helpers/playground.js';
import { TENANT } from '../helpers/people.js';
import { storedOrganization } from '../helpers/storedOrganization.js';

/**
 * Privileged access in Microsoft 365 Agents Playground (issue 21), with the playground's user
 * switched between sessions on the same bot data (the playground has no switcher): Alex makes
 * Isaiah a second Global admin, then asks to make Megan a Global admin for 8 hours, with a reason;
 * as Isaiah, the request waits on his "privileged access" page and his Approve makes the change;
 * then his access review takes a privileged role away. The store the bot wrote is read back.
 */
describe('browser: a second Global admin approves, in the playground, as each person', function () {
  this.timeout(300_000);
  let session: PlaygroundSession | undefined;
  let dataDir: string | undefined;

  before(function () {
    if (!browserAvailable()) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session)
      await screenshot(session.page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await session?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * The playground as `as` on the same bot data; the previous session is stopped first. The chat
   * is ready once the playground has told the bot about it (a person the bot already greeted in
   * this chat is not greeted again).
   */
  async function switchTo(as: string): Promise<Page> {
    await session?.stop();
    session = await startPlaygroundSession({ as, keepData: true, ...(dataDir ? { dataDir } : {}) });
    dataDir = session.dataDir;
    await session.page.getByText('conversationUpdate 200').first().waitFor({ timeout: 60_000 });
    return session.page;
  }

  const card = (page: Page, text: string) => page.locator('.ac-adaptiveCard', { hasText: text }).last();

  it('as Alex: Isaiah becomes a second Global admin; giving Megan the role for 8 hours becomes a request, with its reason', async () => {
    const page = await switchTo('alex');
    await say(page, 'make Isaiah a global admin');
    const first = card(page, 'Confirm');
    await first.waitFor({ timeout: 30_000 });
    await first.getByRole('button', { name: 'Confirm' }).click();
    await card(page, 'Roles of Isaiah Langer updated').waitFor({ timeout: 30_000 });

    await say(page, 'make Megan a global admin for 8 hours');
    const ask = card(page, 'Ask for approval');
    await ask.waitFor({ timeout: 30_000 });
    assert.ok((await ask.innerText()).includes('Until'), await ask.innerText());
    await ask.getByLabel('Why? (the other Global admins will see it)').fill('Quarter-end billing migration');
    await screenshotCard(ask, 'privileged-ask-approval');
    await ask.getByRole('button', { name: 'Ask for approval' }).click();
    const sent = card(page, 'Request sent for approval');
    await sent.waitFor({ timeout: 30_000 });
    await screenshotCard(sent, 'privileged-request-sent');
    const stored = await storedOrganization(dataDir!, TENANT);
    assert.deepEqual(
      stored.accessRequests.map((request) => request.status),
      ['pending'],
    );
    assert.ok(!stored.users.find((user) => user.id === 'u-megan')!.roles.includes('global_admin'));
  });

  it('as Isaiah: the request waits on his privileged-access page; his Approve gives Megan the role until its end', async () => {
    const page = await switchTo('isaiah');
    await say(page, 'privileged access');
    const approval = card(page, 'Alex Wilber asks for your approval');
    await approval.waitFor({ timeout: 30_000 });
    assert.ok((await approval.innerText()).includes('Quarter-end billing migration'));
    await screenshotCard(approval, 'privileged-approval');
    await approval.getByRole('button', { name: 'Approve' }).click();
    const approved = card(page, 'Approved: the change is made');
    await approved.waitFor({ timeout: 30_000 });
    const megan = (await storedOrganization(dataDir!, TENANT)).users.find((user) => user.id === 'u-megan')!;
    assert.ok(megan.roles.includes('global_admin'));
    assert.equal(megan.temporaryRoles?.[0]?.roleId, 'global_admin');
  });

  it("as Isaiah: an access review takes Megan's privileged role away", async () => {
    const page = session!.page;
    await say(page, 'review access');
    const review = card(page, 'Access review: who keeps a privileged role?');
    await review.waitFor({ timeout: 30_000 });
    // A compact choice is a combo box in Teams and the playground: open it, pick "Remove".
    await review.getByRole('combobox', { name: /^Megan Bowen/ }).click();
    await page.getByRole('option', { name: 'Remove' }).click();
    await screenshotCard(review, 'access-review');
    await review.getByRole('button', { name: 'Save my review' }).click();
    const saved = card(page, 'Review saved');
    await saved.waitFor({ timeout: 30_000 });
    const stored = await storedOrganization(dataDir!, TENANT);
    assert.ok(!stored.users.find((user) => user.id === 'u-megan')!.roles.includes('global_admin'));
    assert.ok(
      stored.audit.some((entry) => entry.action === 'access_review.answered' && entry.actor.userId === 'u-isaiah'),
    );
  });
});
