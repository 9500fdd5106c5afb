import assert from 'node:assert/strict';
import { say, screenshot, usePlaygroundSession } from '../helpers/playground.js';

describe('browser: chatting in Microsoft 365 Agents Playground', function () {
  this.timeout(120_000);
  const session = usePlaygroundSession();

  it('greets the demo Global admin once with the welcome card', async () => {
    const page = session().page;
    const welcome = page.locator('.ac-adaptiveCard', { hasText: "Hi Alex, I'm Partner Admin" });
    await welcome.first().waitFor({ timeout: 30_000 });
    // Both install events have arrived by the time the chat shows; give a second greeting time to appear.
    await page.waitForTimeout(1500);
    assert.equal(await welcome.count(), 1);
    await screenshot(page, 'welcome');
  });

  it('typing "help" shows the help card with a button per task', async () => {
    const page = session().page;
    await say(page, 'help');
    const help = page.locator('.ac-adaptiveCard', { hasText: 'What I can do' }).last();
    await help.waitFor({ timeout: 30_000 });
    assert.equal(await help.getByRole('button', { name: 'My role' }).count(), 1);
    assert.equal(await help.getByRole('button', { name: 'Programs' }).count(), 1);
    await screenshot(page, 'help');
  });

  it('a button on the help card runs its task: "My role" shows the role card', async () => {
    const page = session().page;
    const help = page.locator('.ac-adaptiveCard', { hasText: 'What I can do' }).last();
    await help.getByRole('button', { name: 'My role' }).click();
    const roles = page.locator('.ac-adaptiveCard', { hasText: 'Your roles in Contoso Cloud Services' });
    await roles.waitFor({ timeout: 30_000 });
    assert.ok((await roles.innerText()).includes('Global admin'));
    await screenshot(page, 'my-role');
  });

  it('"programs" shows each enrollment with its status and who can act', async () => {
    const page = session().page;
    await say(page, 'programs');
    const programs = page.locator('.ac-adaptiveCard', { hasText: 'Programs of Contoso Cloud Services' });
    await programs.waitFor({ timeout: 30_000 });
    const text = await programs.innerText();
    assert.ok(text.includes('Qualified') && text.includes('Who can act: Global admin (Alex Wilber)'), text);
    await screenshot(page, 'programs');
  });

  it('text it does not understand gets "did you mean" and the choices again', async () => {
    const page = session().page;
    await say(page, 'purple elephant');
    await page.locator('.ac-adaptiveCard', { hasText: 'Did you mean' }).waitFor({ timeout: 30_000 });
  });
});
