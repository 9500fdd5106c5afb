import assert from 'node:assert/strict';
import { screenshotCard, usePlaygroundSession } from '../helpers/playground.js';
import { TENANT } from '../helpers/people.js';
import { storedOrganization } from '../helpers/storedOrganization.js';

/**
 * The onboarding checklist in Microsoft 365 Agents Playground, as the demo Global admin meets it:
 * pushed when the chat opens (the demo organization's setup is unfinished), then its first two
 * steps walked from the checklist's own buttons: the support details, then tax exemptions.
 */
describe('browser: onboarding checklist in Microsoft 365 Agents Playground', function () {
  this.timeout(180_000);
  const session = usePlaygroundSession();

  async function stored() {
    return (await storedOrganization(session().dataDir, TENANT)).organization;
  }

  it('the checklist comes with the greeting; step 1, the support details, is saved from its button', async () => {
    const page = session().page;
    const checklist = page.locator('.ac-adaptiveCard', { hasText: 'Set up your partner account: 4 of 6 done' }).last();
    await checklist.waitFor({ timeout: 30_000 });
    await screenshotCard(checklist, 'onboarding-checklist');
    await checklist.getByRole('button', { name: 'Review support details' }).click();

    const form = page.locator('.ac-adaptiveCard', { hasText: 'Microsoft sends them to this website' }).last();
    await form.waitFor({ timeout: 30_000 });
    assert.equal(await form.getByLabel('Phone').inputValue(), '+33 1 70 36 42 99');
    await form.getByLabel('Phone').fill('12');
    await form.getByRole('button', { name: 'Save' }).click();
    const withError = page.locator('.ac-adaptiveCard', { hasText: "This isn't a valid phone number" }).last();
    await withError.waitFor({ timeout: 30_000 });
    await withError.getByLabel('Phone').fill('01 70 36 42 90');
    await withError.getByRole('button', { name: 'Save' }).click();

    const saved = page.locator('.ac-adaptiveCard', { hasText: 'Support details saved' }).last();
    await saved.waitFor({ timeout: 30_000 });
    assert.ok((await saved.innerText()).includes('+33 1 70 36 42 90'));
    assert.equal((await stored()).profile.supportProfile?.phone, '+33 1 70 36 42 90');
    await saved.getByRole('button', { name: 'Back to the checklist' }).click();
  });

  it('step 2, tax exemptions: explained, recorded as not applicable, and the checklist moves on', async () => {
    const page = session().page;
    const checklist = page.locator('.ac-adaptiveCard', { hasText: 'Set up your partner account: 4 of 6 done' }).last();
    await checklist.waitFor({ timeout: 30_000 });
    await checklist.getByRole('button', { name: 'Tax exemptions' }).click();

    const tax = page.locator('.ac-adaptiveCard', { hasText: 'one exemption for each CSP tenant' }).last();
    await tax.waitFor({ timeout: 30_000 });
    await screenshotCard(tax, 'tax-exemptions');
    await tax.getByRole('button', { name: 'Not applicable to us' }).click();
    const recorded = page.locator('.ac-adaptiveCard', { hasText: "Recorded: tax exemptions don't apply" }).last();
    await recorded.waitFor({ timeout: 30_000 });
    assert.equal((await stored()).onboarding?.taxExemptions?.state, 'not_applicable');

    await recorded.getByRole('button', { name: 'Back to the checklist' }).click();
    const after = page.locator('.ac-adaptiveCard', { hasText: 'Set up your partner account: 5 of 6 done' }).last();
    await after.waitFor({ timeout: 30_000 });
    assert.ok((await after.innerText()).includes('Not applicable'));
  });
});
