import assert from 'node:assert/strict';
import { say, screenshotCard, usePlaygroundSession } from '../helpers/playground.js';
import { TENANT } from '../helpers/people.js';
import { storedOrganization } from '../helpers/storedOrganization.js';

/**
 * The guided conversations in Microsoft 365 Agents Playground, as the demo Global admin (Alex
 * Wilber) uses them: typing, filling cards and clicking their buttons in headless Chromium. The
 * store file the bot process wrote is read back to check what was saved.
 */
describe('browser: guided conversations in Microsoft 365 Agents Playground', function () {
  this.timeout(180_000);
  const session = usePlaygroundSession(async (running) => {
    await running.page
      .locator('.ac-adaptiveCard', { hasText: "Hi Alex, I'm Partner Admin" })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  async function storedUsers() {
    return (await storedOrganization(session().dataDir, TENANT)).users;
  }

  it('add a user end to end: the form, a wrong email shown by its field, then the summary replacing the form; the user is in the store', async () => {
    const page = session().page;
    await say(page, 'add a user');
    const form = page.locator('.ac-adaptiveCard', { hasText: 'The new user gets the roles you tick' }).last();
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('Full name').fill('Jean Dupont');
    await form.getByLabel('Work email').fill('jean.dupont@');
    await form.getByRole('checkbox', { name: 'Billing admin', exact: true }).check();
    // Company roles are a click away on a new user's form (the card stays within Teams' height).
    await form.getByText('▸ Company (12 roles)').click();
    await form.getByRole('checkbox', { name: 'Report viewer', exact: true }).check();
    await form.getByRole('button', { name: 'Add user' }).click();

    const withError = page.locator('.ac-adaptiveCard', { hasText: "This doesn't look like an email address" }).last();
    await withError.waitFor({ timeout: 30_000 });
    assert.equal(await withError.getByLabel('Full name').inputValue(), 'Jean Dupont', 'the input is kept');
    assert.ok(await withError.getByRole('checkbox', { name: 'Billing admin', exact: true }).isChecked());
    await screenshotCard(withError, 'add-user-error');

    await withError.getByLabel('Work email').fill('jean.dupont@contoso.com');
    await withError.getByRole('button', { name: 'Add user' }).click();
    const summary = page.locator('.ac-adaptiveCard', { hasText: 'Jean Dupont was added' }).last();
    await summary.waitFor({ timeout: 30_000 });
    const text = await summary.innerText();
    assert.ok(text.includes('Billing admin and Report viewer') && text.includes('Invited'), text);
    // The form was replaced in place: no form is left with its "Add user" button.
    assert.equal(
      await page.locator('.ac-adaptiveCard', { hasText: 'The new user gets the roles you tick' }).count(),
      0,
    );
    await screenshotCard(summary, 'add-user-done');

    const jean = (await storedUsers()).find((user) => user.email === 'jean.dupont@contoso.com');
    assert.deepEqual(
      [jean?.displayName, jean?.status, jean?.roles],
      ['Jean Dupont', 'invited', ['billing_admin', 'report_viewer']],
    );
  });

  it('add a customer end to end: a postal code refused by its field, a likely duplicate named, then the customer saved with its agreement', async () => {
    const page = session().page;
    await say(page, 'add a customer');
    const company = page.locator('.ac-adaptiveCard', { hasText: 'Step 1 of 2' }).last();
    await company.waitFor({ timeout: 30_000 });
    await company.getByLabel('Company legal name').fill('Tailspin Toys SAS');
    await company.getByLabel('Domain (.onmicrosoft.com)').fill('tailspinsas');
    await company.getByLabel('Address').first().fill('3 quai Saint-Antoine');
    await company.getByLabel('City').fill('Lyon');
    await company.getByLabel('Postal code').fill('6900');
    // The country is the organization's own (France) unless chosen.
    await company.getByRole('button', { name: 'Next' }).click();

    const refused = page
      .locator('.ac-adaptiveCard', { hasText: "This isn't a postal code of the country chosen." })
      .last();
    await refused.waitFor({ timeout: 30_000 });
    assert.equal(await refused.getByLabel('Company legal name').inputValue(), 'Tailspin Toys SAS', 'the input is kept');
    await refused.getByLabel('Postal code').fill('69002');
    await refused.getByRole('button', { name: 'Next' }).click();

    const contact = page.locator('.ac-adaptiveCard', { hasText: 'Step 2 of 2' }).last();
    await contact.waitFor({ timeout: 30_000 });
    assert.ok((await contact.innerText()).includes('Perhaps already among your customers: Tailspin Toys SARL'));
    await contact.getByLabel("Contact's first name").fill('Jordan');
    await contact.getByLabel("Contact's last name").fill('Lee');
    await contact.getByLabel("Contact's email").fill('jordan.lee@tailspin.fr');
    await contact.getByLabel('Agreement accepted by').fill('Jordan Lee');
    await contact.getByLabel('Their email').fill('jordan.lee@tailspin.fr');
    await contact.getByLabel('Accepted on').fill('2026-11-02');
    await screenshotCard(contact, 'add-customer-contact');
    await contact.getByRole('button', { name: 'Add customer' }).click();

    const done = page.locator('.ac-adaptiveCard', { hasText: 'Tailspin Toys SAS was added' }).last();
    await done.waitFor({ timeout: 30_000 });
    assert.ok((await done.innerText()).includes('ready to order'));
    await screenshotCard(done, 'add-customer-done');
    const stored = (await storedOrganization(session().dataDir, TENANT)).customers.find(
      (customer) => customer.companyName === 'Tailspin Toys SAS',
    );
    assert.deepEqual(
      [stored?.domains, stored?.address?.postalCode, stored?.address?.country, stored?.agreement?.acceptedOn],
      [['tailspinsas.onmicrosoft.com'], '69002', 'FR', '2026-11-02'],
    );
  });

  it('the security contact saved from its form, then a how-to answer with its steps and source', async () => {
    const page = session().page;
    await say(page, 'change our security contact');
    const form = page.locator('.ac-adaptiveCard', { hasText: 'Whom Microsoft alerts about security incidents' }).last();
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('First name').fill('Security');
    await form.getByLabel('Last name').fill('Team');
    await form.getByLabel('Email').fill('security@contoso.com');
    await form.getByLabel('Phone').fill('+33 1 70 36 42 50');
    await form.getByRole('button', { name: 'Save' }).click();
    const done = page.locator('.ac-adaptiveCard', { hasText: 'Security contact saved' }).last();
    await done.waitFor({ timeout: 30_000 });
    assert.ok((await done.innerText()).includes('security@contoso.com'));
    const stored = await storedOrganization(session().dataDir, TENANT);
    assert.equal(stored.organization.profile.securityContact?.email, 'security@contoso.com');

    await say(page, "how do I reset another user's password?");
    const answer = page.locator('.ac-adaptiveCard', { hasText: "Microsoft's documentation" }).last();
    await answer.waitFor({ timeout: 30_000 });
    // The steps render as a numbered list; the card ends with who may do it.
    assert.match(await answer.innerText(), /Needs Global admin: you have it\./);
    await screenshotCard(answer, 'how-to-answer');
  });

  it('"my role" shows the role card, its permissions grouped by area, each area a click away', async () => {
    const page = session().page;
    await say(page, 'what is my role');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Your roles in Contoso Cloud Services' }).last();
    await card.waitFor({ timeout: 30_000 });
    assert.ok((await card.innerText()).includes('Global admin'));
    await screenshotCard(card, 'my-role');
    assert.equal(await card.getByText('Add users', { exact: true }).isVisible(), false);
    await card.getByText('▸ Users and roles (10)').click();
    await card.getByText('Add users', { exact: true }).waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('change roles: the toggles show her roles; saving shows what changed', async () => {
    const page = session().page;
    await say(page, 'change roles of adele');
    const form = page.locator('.ac-adaptiveCard', { hasText: 'Roles of Adele Vance' }).last();
    await form.waitFor({ timeout: 30_000 });
    assert.ok(await form.getByRole('checkbox', { name: 'Sales agent', exact: true }).isChecked());
    await form.getByRole('checkbox', { name: 'Referrals admin', exact: true }).uncheck();
    await form.getByRole('checkbox', { name: 'Report viewer', exact: true }).check();
    await form.getByRole('button', { name: 'Save roles' }).click();
    const done = page.locator('.ac-adaptiveCard', { hasText: 'Roles of Adele Vance updated' }).last();
    await done.waitFor({ timeout: 30_000 });
    await screenshotCard(done, 'edit-roles-done');
    const adele = (await storedUsers()).find((user) => user.id === 'u-adele');
    assert.deepEqual(adele?.roles, ['sales_agent', 'report_viewer']);
  });

  it('notification email: an onmicrosoft.com address is refused with the reason', async () => {
    const page = session().page;
    await say(page, 'change my notification email');
    const form = page.locator('.ac-adaptiveCard', { hasText: 'Your notification email' }).last();
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('New notification email').fill('alex@contoso.onmicrosoft.com');
    await form.getByRole('button', { name: 'Review' }).click();
    const refused = page
      .locator('.ac-adaptiveCard', { hasText: "Microsoft doesn't send email to onmicrosoft.com addresses" })
      .last();
    await refused.waitFor({ timeout: 30_000 });
    await screenshotCard(refused, 'notification-email-refused');
  });

  it('"who are the global admins" lists them, and what a person typed is shown as typed', async () => {
    const page = session().page;
    await say(page, 'who are the global admins');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Global admin: 1' }).last();
    await card.waitFor({ timeout: 30_000 });
    const text = await card.innerText();
    assert.ok(text.includes('Alex Wilber (alexw@contoso.com)'), text);
    await screenshotCard(card, 'role-holders');
  });

  it('in French after "parle français": the same conversations answer in French', async () => {
    const page = session().page;
    await say(page, 'parle français');
    await page.getByText("D'accord, je vous réponds en français désormais.").first().waitFor({ timeout: 30_000 });
    await say(page, 'quel est mon rôle ?');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Vos rôles chez Contoso Cloud Services' }).last();
    await card.waitFor({ timeout: 30_000 });
    assert.ok((await card.innerText()).includes('Administrateur général'));
    await screenshotCard(card, 'my-role-fr');
  });

  it('natural phrasing, both languages: a one-line role change goes through its confirmation, then is saved', async () => {
    const page = session().page;
    // The test before switched the conversation to French.
    await say(page, 'reply in english please');
    await page.getByText("I'll answer you in English from now on").last().waitFor({ timeout: 30_000 });
    await say(page, 'hey, can you make lynne a billing admn?');
    const confirmation = page.locator('.ac-adaptiveCard', { hasText: 'Change the roles of Lynne Robbins?' }).last();
    await confirmation.waitFor({ timeout: 30_000 });
    assert.ok((await confirmation.innerText()).includes('Billing admin'));
    assert.deepEqual(
      (await storedUsers()).find((user) => user.id === 'u-lynne')?.roles,
      ['report_viewer'],
      'nothing changes before Confirm',
    );
    await screenshotCard(confirmation, 'one-line-confirmation');
    await confirmation.getByRole('button', { name: 'Confirm' }).click();
    await page
      .locator('.ac-adaptiveCard', { hasText: 'Roles of Lynne Robbins updated' })
      .last()
      .waitFor({ timeout: 30_000 });
    assert.deepEqual([...((await storedUsers()).find((user) => user.id === 'u-lynne')?.roles ?? [])].sort(), [
      'billing_admin',
      'report_viewer',
    ]);

    await say(page, 'qui sont les admins globaux ?');
    await page.locator('.ac-adaptiveCard', { hasText: 'Global admin: 1' }).last().waitFor({ timeout: 30_000 });
    await say(page, 'purple elephant');
    const didYouMean = page.locator('.ac-adaptiveCard', { hasText: 'Did you mean' }).last();
    await didYouMean.waitFor({ timeout: 30_000 });
    await screenshotCard(didYouMean, 'did-you-mean');
  });

  it('PartnerID: associating another location shows the move, from and to, and moves only on Confirm; the history says so', async () => {
    const page = session().page;
    await say(page, 'associate our PartnerID');
    // Text of the form alone (the onboarding checklist also says "Associate your PartnerID").
    const form = page.locator('.ac-adaptiveCard', { hasText: 'Choose the location whose PartnerID' }).last();
    await form.waitFor({ timeout: 30_000 });
    await form.getByRole('textbox', { name: 'PartnerID' }).fill('6104522');
    await form.getByRole('button', { name: 'Associate' }).click();

    const move = page.locator('.ac-adaptiveCard', { hasText: 'Move your PartnerID association?' }).last();
    await move.waitFor({ timeout: 30_000 });
    const text = await move.innerText();
    assert.ok(text.includes('Contoso Cloud Services – Paris (HQ) · PartnerID 6104521'), text);
    assert.ok(text.includes('Contoso Cloud Services – Lyon · PartnerID 6104522'), text);
    const linked = async () =>
      (await storedOrganization(session().dataDir, TENANT)).organization.profile.locations.find(
        (location) => location.cspTenantId === TENANT,
      )?.id;
    assert.equal(await linked(), 'loc-paris', 'nothing moves before the admin confirms');
    await screenshotCard(move, 'partner-id-move');
    await move.getByRole('button', { name: 'Move the association' }).click();
    await page
      .locator('.ac-adaptiveCard', { hasText: 'PartnerID 6104522 is now associated with your account' })
      .last()
      .waitFor({ timeout: 30_000 });
    assert.equal(await linked(), 'loc-lyon');

    await say(page, 'history');
    const history = page.locator('.ac-adaptiveCard', { hasText: 'Recent changes in your organization' }).last();
    await history.waitFor({ timeout: 30_000 });
    assert.ok((await history.innerText()).includes('Alex Wilber: associated PartnerID 6104522'));
    await screenshotCard(history, 'history');
  });

  it('remove a user: the picker, then a confirmation naming what is kept; a Global admin role asks for its own confirmation', async () => {
    const page = session().page;
    await say(page, 'remove a user');
    const picker = page.locator('.ac-adaptiveCard', { hasText: 'Who do you want to remove?' }).last();
    await picker.waitFor({ timeout: 30_000 });
    await screenshotCard(picker, 'pick-user');
    await picker.getByLabel('Name or email').fill('diego');
    // One match: straight to the confirmation, in place of the picker.
    await picker.getByRole('button', { name: 'Search' }).click();
    const confirm = page.locator('.ac-adaptiveCard', { hasText: 'Remove Diego Siciliani?' }).last();
    await confirm.waitFor({ timeout: 30_000 });
    await screenshotCard(confirm, 'remove-user-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await storedUsers()).find((user) => user.id === 'u-diego')?.status, 'invited');

    await say(page, 'add a user');
    const form = page.locator('.ac-adaptiveCard', { hasText: 'The new user gets the roles you tick' }).last();
    await form.waitFor({ timeout: 30_000 });
    await form.getByLabel('Full name').fill('Camille Petit');
    await form.getByLabel('Work email').fill('camille.petit@contoso.com');
    await form.getByRole('checkbox', { name: 'Global admin', exact: true }).check();
    await form.getByRole('button', { name: 'Add user' }).click();
    const privileged = page.locator('.ac-adaptiveCard', { hasText: 'Confirm a privileged role' }).last();
    await privileged.waitFor({ timeout: 30_000 });
    await screenshotCard(privileged, 'add-user-confirm-privileged');
    await privileged.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(
      (await storedUsers()).some((user) => user.email === 'camille.petit@contoso.com'),
      false,
    );
  });
});
