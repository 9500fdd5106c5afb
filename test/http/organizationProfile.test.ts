import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, MEGAN, NESTOR, OTHER_TENANT, PATTI, TENANT } from '../helpers/people.js';
import { storedBytes, storedOrganization } from '../helpers/storedOrganization.js';

/**
 * The organization profile conversations over HTTP, through the real restify server, with what
 * was saved (or not) read back from the file on disk.
 */
describe('HTTP: organization profile and onboarding through the real server', () => {
  let bot: HttpBot;
  beforeEach(async () => {
    bot = await startHttpBot();
  });
  afterEach(async () => bot.stop());

  const onDisk = () => storedOrganization(bot.dir, TENANT);
  const lastCard = (response: { body: { activities: unknown[] } }) =>
    firstCard(response.body.activities.at(-1) as never);

  it('support details: a bad URL and phone are refused (nothing on disk), valid values are saved and audited', async () => {
    const form = lastCard(await bot.post(messageActivity(ALEX, 'update our support details')));
    const { flowId } = actionData(form, 'support_profile.save');
    const before = await storedBytes(bot.dir, TENANT);
    const refused = await bot.post(
      executeActivity(ALEX, 'support_profile.save', {
        flowId,
        website: 'ftp://files.contoso.com',
        email: 'help@contoso.com',
        phone: '+33 12',
      }),
    );
    assert.equal(refused.status, 200);
    assert.ok(cardTexts(refused.body.value).includes('Only a web page address (https://…) can be given to customers.'));
    assert.equal(await storedBytes(bot.dir, TENANT), before);
    const saved = await bot.post(
      executeActivity(ALEX, 'support_profile.save', {
        flowId,
        website: 'https://help.contoso.com',
        email: 'help@contoso.com',
        phone: '+33 1 70 36 42 97',
      }),
    );
    assert.equal(cardTexts(saved.body.value)[0], 'Support details saved');
    const disk = await onDisk();
    assert.equal(disk.organization.profile.supportProfile?.phone, '+33 1 70 36 42 97');
    assert.equal(disk.audit.at(-1)?.action, 'organization.support_profile_changed');
  });

  it('primary contact: saved only after the admin accepts a new verification; the status on disk becomes pending', async () => {
    const { flowId } = actionData(
      lastCard(await bot.post(messageActivity(PATTI, 'changer le contact principal', { locale: 'fr-FR' }))),
      'primary_contact.submit',
    );
    const confirm = await bot.post(
      executeActivity(
        PATTI,
        'primary_contact.submit',
        { flowId, firstName: 'Patti', lastName: 'Fernandez', email: 'pattif@contoso.com', phone: '+33 1 70 36 42 01' },
        { locale: 'fr-FR' },
      ),
    );
    assert.equal(cardTexts(confirm.body.value)[0], 'Changer de contact principal ?');
    assert.equal((await onDisk()).organization.profile.verification.status, 'authorized');
    await bot.post(executeActivity(PATTI, 'primary_contact.confirm', { flowId }, { locale: 'fr-FR' }));
    const disk = await onDisk();
    assert.equal(disk.organization.profile.primaryContact?.firstName, 'Patti');
    assert.equal(disk.organization.profile.verification.status, 'pending');
  });

  it('PartnerID: a location in another country is refused with the reason and the refusal is on disk', async () => {
    const form = lastCard(await bot.post(messageActivity(ALEX, 'add a location')));
    const association = await bot.post(
      executeActivity(ALEX, 'location.save', {
        ...actionData(form, 'location.save'),
        name: 'Contoso Bruxelles',
        city: 'Bruxelles',
        country: 'BE',
        partnerId: '6104540',
      }),
    );
    const location = (await onDisk()).organization.profile.locations.find(
      (candidate) => candidate.partnerId === '6104540',
    )!;
    const refused = await bot.post(
      executeActivity(ALEX, 'partner_id.associate', {
        ...actionData(association.body.value, 'partner_id.associate'),
        locationId: location.id,
        partnerId: '',
      }),
    );
    assert.ok(
      cardTexts(refused.body.value).includes(
        'Contoso Bruxelles is in Belgium, but your Entra tenant is in France. The location must be in the same country or region as the tenant.',
      ),
    );
    const disk = await onDisk();
    assert.equal(
      disk.organization.profile.locations.find((candidate) => candidate.id === location.id)?.cspTenantId,
      undefined,
    );
    assert.deepEqual([disk.audit.at(-1)?.outcome, disk.audit.at(-1)?.reason], ['refused', 'country_mismatch']);
  });

  it('tax exemptions recorded by the Billing admin; history read by the User management admin; refused for a Report viewer', async () => {
    const card = lastCard(await bot.post(messageActivity(MEGAN, 'tax exemptions')));
    await bot.post(
      executeActivity(MEGAN, 'tax_exemptions.record', { ...actionData(card, 'tax_exemptions.record'), state: 'filed' }),
    );
    assert.equal((await onDisk()).organization.onboarding?.taxExemptions?.state, 'filed');
    const history = lastCard(await bot.post(messageActivity(NESTOR, 'history')));
    assert.ok(
      cardTexts(history).some((text) => text.endsWith(' · Megan Bowen: recorded tax exemptions as filed')),
      cardTexts(history).join(' | '),
    );
    const refused = await bot.post(messageActivity(LYNNE, 'history'));
    assert.match(refused.body.activities[0].text, /Your roles don't allow that/);
  });

  it('a user of another tenant gets nothing of this organization and changes nothing', async () => {
    const before = await storedBytes(bot.dir, TENANT);
    for (const text of ['show our company profile', 'historique', 'get started']) {
      const response = await bot.post(messageActivity(ALEX, text, { tenantId: OTHER_TENANT }));
      assert.ok(!JSON.stringify(response.body).includes('Contoso'), text);
    }
    await bot.post(
      executeActivity(ALEX, 'tax_exemptions.record', { flowId: 'x', state: 'filed' }, { tenantId: OTHER_TENANT }),
    );
    assert.equal(await storedBytes(bot.dir, TENANT), before);
  });
});

/**
 * An invited user's first message over HTTP, with botbuilder's own roster call (TeamsInfo.getMember)
 * answered by a stand-in for the Teams service on loopback: the one part of Microsoft's cloud the
 * join needs.
 */
describe('HTTP: an invited user joins through the Teams roster', () => {
  let bot: HttpBot;
  let teams: Server;
  let teamsUrl: string;
  const asked: string[] = [];
  const DIEGO_OBJECT_ID = '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f09';

  before(async () => {
    teams = createServer((request, response) => {
      asked.push(`${request.method} ${request.url}`);
      response.setHeader('content-type', 'application/json');
      if (request.method === 'GET' && /\/v3\/conversations\/[^/]+\/members\//.test(request.url ?? '')) {
        response.end(
          JSON.stringify({
            id: `29:${DIEGO_OBJECT_ID}`,
            name: 'Diego Siciliani',
            aadObjectId: DIEGO_OBJECT_ID,
            email: 'DiegoS@contoso.com',
            userPrincipalName: 'diegos@contoso.com',
          }),
        );
        return;
      }
      response.statusCode = 404;
      response.end('{}');
    });
    await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', resolve));
    teamsUrl = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/`;
  });
  after(async () => new Promise<void>((resolve) => teams.close(() => resolve())));
  beforeEach(async () => {
    bot = await startHttpBot({}, { teamsRoster: true });
  });
  afterEach(async () => bot.stop());

  it('links Diego by the email Teams reports, marks him active, and greets him with his roles', async () => {
    const response = await bot.post(
      messageActivity({ name: 'Diego Siciliani', aadObjectId: DIEGO_OBJECT_ID }, 'hi', { serviceUrl: teamsUrl }),
    );
    assert.equal(response.status, 200);
    assert.ok(
      asked.some((line) => line.startsWith('GET ') && line.includes('/members/')),
      asked.join(', '),
    );
    const greeting = cardTexts(firstCard(response.body.activities[0]));
    assert.equal(greeting[0], 'Welcome to Contoso Cloud Services, Diego Siciliani');
    assert.ok(greeting.includes('Helpdesk agent'));
    const diego = (await storedOrganization(bot.dir, TENANT)).users.find((user) => user.id === 'u-diego');
    assert.deepEqual([diego?.status, diego?.aadObjectId], ['active', DIEGO_OBJECT_ID]);
  });

  it('someone the roster does not match is told who the admins are, and nothing else', async () => {
    const response = await bot.post(
      messageActivity(
        { name: 'Sam', aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f99' },
        'show our company profile',
        { serviceUrl: 'http://127.0.0.1:9/' },
      ),
    );
    // Typing indicators aside, one message.
    const [reply, ...others] = response.body.activities.filter(
      (activity: { type: string }) => activity.type === 'message',
    );
    assert.deepEqual(others, []);
    assert.match(reply.text, /You aren't a user of Contoso Cloud Services.*Alex Wilber/);
    assert.ok(!response.text.includes('6104521'));
  });
});
