import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { messageActivity } from '../helpers/activities.js';
import { cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, TENANT } from '../helpers/people.js';
import { storedBytes } from '../helpers/storedOrganization.js';

describe('HTTP: the real restify server', () => {
  describe('local mode', () => {
    let bot: HttpBot;
    before(async () => {
      bot = await startHttpBot();
    });
    after(async () => bot.stop());

    it('listens on loopback only', () => {
      assert.match(bot.server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('GET /healthz answers 200 with a small JSON body', async () => {
      const response = await fetch(`${bot.server.url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok', mode: 'local', organizations: 1 });
    });

    it('a Teams message with expectReplies gets its replies in the response body', async () => {
      const response = await bot.post(messageActivity(ALEX, 'help'));
      assert.equal(response.status, 200);
      const [reply] = response.body.activities;
      assert.equal(cardTexts(firstCard(reply))[0], 'What I can do');
    });

    it('answers in French for a French Teams client', async () => {
      const response = await bot.post(messageActivity(ALEX, 'mon rôle', { locale: 'fr-CA' }));
      assert.equal(cardTexts(firstCard(response.body.activities[0]))[0], 'Vos rôles chez Contoso Cloud Services');
    });

    it('a body over the size cap is refused with 413 and changes nothing', async () => {
      const before = await storedBytes(bot.dir, TENANT);
      const response = await bot.post(messageActivity(ALEX, 'x'.repeat(bot.config.maxBodyBytes + 10)));
      assert.equal(response.status, 413);
      assert.equal(await storedBytes(bot.dir, TENANT), before);
    });

    it('a body that is not JSON is refused with 400', async () => {
      const response = await bot.post('{"type": "message", ');
      assert.equal(response.status, 400);
    });

    it('a body that is not an activity is refused with 400', async () => {
      const response = await bot.post({ hello: 'world' });
      assert.ok(response.status >= 400 && response.status < 500, String(response.status));
    });
  });

  describe('production mode (authentication on)', () => {
    let bot: HttpBot;
    before(async () => {
      bot = await startHttpBot({
        MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
        MicrosoftAppPassword: 'test-only-not-a-secret',
        ALLOWED_TENANTS: TENANT,
        HOST: '127.0.0.1',
      });
    });
    after(async () => bot.stop());

    it('a request with no token gets 401, no data and no change', async () => {
      const response = await bot.post(messageActivity(ALEX, 'help', { tenantId: TENANT }));
      assert.equal(response.status, 401);
      assert.ok(!response.text.includes('Contoso') && !response.text.includes('activities'));
    });

    it('a malformed Authorization header gets 401', async () => {
      const response = await bot.post(messageActivity(ALEX, 'help'), { authorization: 'Bearer not.a.jwt' });
      assert.equal(response.status, 401);
      assert.ok(!response.text.includes('stack'));
    });

    it('no demo organization is seeded', () => {
      assert.equal(bot.store.organization(TENANT), undefined);
    });
  });

  describe('health', () => {
    it('reports 503 when the data directory disappears', async () => {
      const bot = await startHttpBot();
      try {
        await rm(bot.dir, { recursive: true, force: true });
        const response = await fetch(`${bot.server.url}/healthz`);
        assert.equal(response.status, 503);
        const body = (await response.json()) as Record<string, unknown>;
        assert.equal(body.status, 'unavailable');
        assert.ok(!JSON.stringify(body).includes(bot.dir), 'no file paths leak');
      } finally {
        await bot.server.close();
      }
    });
  });
});
