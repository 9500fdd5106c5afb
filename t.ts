import { say, screenshot, startPlaygroundSession } from './test/helpers/playground.js';
import { readFile } from 'node:fs/promises';
const s = await startPlaygroundSession();
const page = s.page;
try {
  await page.locator('.ac-adaptiveCard', { hasText: "Hi Alex" }).first().waitFor({ timeout: 30000 });
  await say(page, 'add a user');
  const form = page.locator('.ac-adaptiveCard', { hasText: 'The new user gets the roles' }).last();
  await form.waitFor({ timeout: 30000 });
  await screenshot(page, 'x-form');
  console.log((await form.innerHTML()).slice(0, 3000));
  await form.getByLabel('Full name').fill('Jean Dupont');
  await form.getByLabel('Work email').fill('jean.dupont@contoso.com');
  await form.getByRole('checkbox', { name: 'Billing admin' }).check();
  await form.getByRole('button', { name: 'Add user' }).click();
  await page.waitForTimeout(3000);
  await screenshot(page, 'x-after');
  const cards = await page.locator('.ac-adaptiveCard').allInnerTexts();
  console.log(cards.slice(-2));
  console.log((await readFile(s.dataDir + '/organizations/5c1f8a2e-3b7d-4e96-8a41-0d2f6b9c7e15.json', 'utf8')).includes('jean.dupont'));
} finally { await s.stop(); }
