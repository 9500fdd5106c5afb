import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { startLocalBotFrameworkAuth, type LocalBotFrameworkAuth } from '../helpers/localBotFrameworkAuth.js';
import { messageActivity } from '../helpers/activities.js';
import { cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, OTHER_TENANT, TENANT } from '../helpers/people.js';
import { demoOrganization } from '../../src/store/demoOrganization.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const OTHER_APP_ID = '99999999-2222-4333-8444-555555555555';

/** Everything the bot keeps on disk, to show that a refused request changed nothing. */
async function snapshot(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const folder of ['organizations', 'conversations']) {
    const names = (await readdir(path.join(dir, folder)).catch(() => [])).sort();
    for (const name of names) parts.push(name, await readFile(path.join(dir, folder, name), 'utf8'));
  }
  return parts.join('\n');
}

describe('security: who may talk to the bot (authentication)', function () {
  this.timeout(20_000);
  let auth: LocalBotFrameworkAuth;
  let bot: HttpBot;

  before(async () => {
    auth = await startLocalBotFrameworkAuth();
    bot = await startHttpBot(
      {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-only-not-a-secret',
        ALLOWED_TENANTS: TENANT,
        HOST: '127.0.0.1',
      },
      { authOverrides: auth.overrides },
    );
    // Production mode seeds no demo data: the organization exists as a hosted one would.
    await bot.store.createOrganization(demoOrganization('2026-11-20T09:00:00.000Z'));
  });
  after(async () => {
    await bot.stop();
    await auth.close();
  });

  // "speak French" would change Alex's stored language if it got through.
  const change = () => messageActivity(ALEX, 'speak French', { tenantId: TENANT });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function assertRefused(headers: Record<string, string>) {
    const before = await snapshot(bot.dir);
    const response = await bot.post(change(), headers);
    assert.equal(response.status, 401, response.text);
    for (const leak of ['Contoso', 'Alex', 'activities', 'stack', '    at ', 'Unauthorized Access', APP_ID]) {
      assert.ok(!response.text.includes(leak), `the 401 body leaks "${leak}": ${response.text}`);
    }
    assert.equal(await snapshot(bot.dir), before, 'a refused request changed what is on disk');
  }

  it('a token signed by the published key, for this app id and this serviceUrl, is accepted (so the refusals below are real)', async () => {
    const activity = messageActivity(ALEX, 'my role', { tenantId: TENANT });
    const response = await bot.post(
      activity,
      bearer(auth.token({ aud: APP_ID, serviceurl: activity.serviceUrl as string })),
    );
    assert.equal(response.status, 200, response.text);
    assert.equal(cardTexts(firstCard(response.body.activities[0]))[0], 'Your roles in Contoso Cloud Services');
    assert.ok(auth.fetches() >= 2, 'botbuilder fetched the OpenID metadata and the keys from the local endpoint');
  });

  it('no Authorization header: 401, nothing changes, nothing leaks', () => assertRefused({}));

  it('an expired token: 401', () =>
    assertRefused(bearer(auth.token({ aud: APP_ID, serviceurl: 'http://127.0.0.1:9/', expiresIn: -3600 }))));

  it('a token for another app id: 401', () =>
    assertRefused(bearer(auth.token({ aud: OTHER_APP_ID, serviceurl: 'http://127.0.0.1:9/' }))));

  it('a token from another issuer: 401', () =>
    assertRefused(
      bearer(auth.token({ aud: APP_ID, serviceurl: 'http://127.0.0.1:9/', iss: 'https://attacker.example' })),
    ));

  it('a token signed with a key that is not published (forged signature): 401', () =>
    assertRefused(bearer(auth.token({ aud: APP_ID, serviceurl: 'http://127.0.0.1:9/' }, auth.strangerKey))));

  it('a valid token for another serviceUrl (replayed from elsewhere): 401', () =>
    assertRefused(bearer(auth.token({ aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/emea/' }))));

  for (const [label, header] of [
    ['not a JWT', 'Bearer not.a.jwt'],
    ['no scheme', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
    ['a Basic header', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['"Bearer" alone', 'Bearer'],
    [
      'an alg=none token',
      `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID })).toString('base64url')}.`,
    ],
    ['8 KB of garbage', `Bearer ${'A'.repeat(8_000)}`],
  ] as const) {
    it(`a malformed Authorization header (${label}): 401`, () => assertRefused({ authorization: header }));
  }

  it('a valid token from a tenant that is not allowed gets a polite refusal in its language, and nothing else', async () => {
    for (const [locale, expected] of [
      ['en-US', /your organization isn't allowed to use this bot/],
      ['fr-FR', /votre organisation n'est pas autorisée à utiliser ce bot/],
    ] as const) {
      const activity = messageActivity(ALEX, 'who are the global admins', { tenantId: OTHER_TENANT, locale });
      const response = await bot.post(
        activity,
        bearer(auth.token({ aud: APP_ID, serviceurl: activity.serviceUrl as string })),
      );
      assert.equal(response.status, 200);
      const [reply] = response.body.activities;
      assert.match(reply.text, expected);
      assert.ok(!JSON.stringify(response.body).includes('Contoso'), 'nothing of the allowed organization');
    }
  });
});

describe('security: local mode listens on loopback only', function () {
  this.timeout(20_000);

  it('the port answers on 127.0.0.1 and refuses connections on every other address of this machine', async () => {
    const bot = await startHttpBot();
    try {
      assert.equal((await fetch(`${bot.server.url}/healthz`)).status, 200);
      const others = Object.values(os.networkInterfaces())
        .flat()
        .filter((address) => address && !address.internal)
        .map((address) => address!.address.split('%')[0]!);
      for (const address of others) {
        const outcome = await new Promise<string>((resolve) => {
          const socket = net.connect({ host: address, port: bot.server.port });
          socket.setTimeout(2_000, () => (socket.destroy(), resolve('timeout')));
          socket.once('connect', () => (socket.destroy(), resolve('connected')));
          socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        });
        assert.notEqual(outcome, 'connected', `the bot answered on ${address}`);
      }
    } finally {
      await bot.stop();
    }
  });

  it('refuses to start in local mode on a non-loopback HOST', async () => {
    await assert.rejects(startHttpBot({ HOST: '0.0.0.0' }), /only listens on loopback/);
  });
});
