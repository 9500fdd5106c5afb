import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { forEachBackend } from '../helpers/backends.js';
import { messageActivity, teamsActivity } from '../helpers/activities.js';
import { cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, OTHER_TENANT, PATTI, TENANT } from '../helpers/people.js';
import { startTeamsService, type TeamsServiceStandIn } from '../helpers/teamsService.js';

/**
 * Files from the bot (issue 22) over real HTTP, on both backends: "export the history" and
 * "export our customers" offer a consent card in the personal chat; the accept invoke
 * (`fileConsent/invoke`) gives an upload session, here a stand-in on loopback for the user's
 * OneDrive, where the bot PUTs the CSV; the file card then goes to the chat through the Teams
 * service (a stand-in too). The playground cannot show a consent card: this test stands for it.
 */
forEachBackend('HTTP: the history and the customers exported as files, after consent', function (backend) {
  this.timeout(60_000);
  let teams: TeamsServiceStandIn;
  let oneDrive: Server;
  let uploadBase: string;
  const uploads: { path: string; headers: Record<string, unknown>; body: Buffer }[] = [];
  let bot: HttpBot;

  before(async () => {
    teams = await startTeamsService();
    oneDrive = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        uploads.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
        response.statusCode = request.method === 'PUT' ? 201 : 405;
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => oneDrive.listen(0, '127.0.0.1', resolve));
    uploadBase = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}`;
  });
  after(async () => {
    await teams.close();
    await new Promise<void>((resolve) => oneDrive.close(() => resolve()));
  });
  beforeEach(async () => {
    uploads.length = 0;
    teams.received.length = 0;
    bot = await startHttpBot({}, { backend });
  });
  afterEach(async () => bot?.stop());

  const chat = (sender: typeof ALEX) => ({ serviceUrl: teams.url, conversationId: `a:${sender.userId}-personal` });

  /** The consent card the bot answered with. */
  async function ask(sender: typeof ALEX, text: string) {
    const answer = await bot.post(messageActivity(sender, text, chat(sender)));
    const attachment = (
      answer.body.activities as { attachments?: { contentType: string; name: string; content: any }[] }[]
    )
      .flatMap((activity) => activity.attachments ?? [])
      .find((each) => each.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    return { answer, consent: attachment };
  }

  function accept(sender: typeof ALEX, context: unknown, uploadUrl = `${uploadBase}/upload/1`) {
    return bot.post(
      teamsActivity(
        sender,
        {
          type: 'invoke',
          name: 'fileConsent/invoke',
          value: {
            type: 'fileUpload',
            action: 'accept',
            context,
            uploadInfo: {
              name: 'history.csv',
              uploadUrl,
              contentUrl: 'https://contoso-my.sharepoint.com/personal/alexw/Documents/history.csv',
              uniqueId: 'file-1',
              fileType: 'csv',
            },
          },
        },
        { ...chat(sender), expectReplies: false },
      ),
    );
  }

  const rowsOf = (body: Buffer) => parse(body.toString('utf8'), { bom: true }) as string[][];

  it('Alex exports the history: consent, upload of the CSV with what an auditor asks, then the file card', async () => {
    await bot.post(messageActivity(ALEX, 'make Lynne an incentives user', chat(ALEX)));
    const { consent } = await ask(ALEX, 'export the history');
    assert.ok(consent, 'a consent card');
    assert.match(consent.name, /^history-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.deepEqual(consent.content.acceptContext, { export: 'history', params: {} });
    const accepted = await accept(ALEX, consent.content.acceptContext);
    assert.equal(accepted.status, 200);
    assert.equal(uploads.length, 1);
    const [upload] = uploads;
    assert.equal(upload!.headers['content-range'], `bytes 0-${upload!.body.length - 1}/${upload!.body.length}`);
    const rows = rowsOf(upload!.body);
    assert.deepEqual(rows[0], [
      'When (UTC)',
      'Who',
      'What',
      'Action',
      'Target',
      'Before',
      'After',
      'Outcome',
      'Reason refused',
    ]);
    const document = (await bot.store.current(TENANT))!.read();
    const customerEntries = document.audit.filter((entry) => entry.target.type === 'customer').length;
    assert.ok(rows.length > 1 && rows.slice(1).every((row) => row.length === 9));
    assert.ok(rows.some((row) => row[3] === 'organization.seeded'));
    await teams.waitFor(1);
    const fileCards = teams.received.flatMap(
      (each) => (each.body as { attachments?: { contentType: string }[] }).attachments ?? [],
    );
    assert.ok(fileCards.some((each) => each.contentType === 'application/vnd.microsoft.teams.card.file.info'));
    assert.equal(customerEntries, document.audit.filter((entry) => entry.target.type === 'customer').length);
  });

  it("Patti (Account admin) exports the history in French: French headers, and no customer's change, which her roles do not show", async () => {
    const { consent } = await ask(PATTI, "exporte l'historique");
    assert.ok(consent);
    await accept(PATTI, consent.content.acceptContext);
    const rows = rowsOf(uploads[0]!.body);
    assert.equal(rows[0]![0], 'Quand (UTC)');
    assert.ok(!rows.some((row) => row[3]?.startsWith('customer.')), 'no customer entries');
  });

  it('Alex exports the customers: one line each', async () => {
    const { consent } = await ask(ALEX, 'export our customers to csv');
    assert.ok(consent);
    await accept(ALEX, consent.content.acceptContext);
    const rows = rowsOf(uploads[0]!.body);
    const document = (await bot.store.current(TENANT))!.read();
    assert.equal(rows.length, document.customers.length + 1);
    assert.ok(rows.some((row) => row[0] === 'Fabrikam, Inc.'));
  });

  it('refused or forged: Lynne cannot export the history; a tampered upload URL, another tenant, an unknown export change nothing and upload nothing', async () => {
    const lynne = await ask(LYNNE, 'export the history');
    assert.equal(lynne.consent, undefined);
    // Accepting a consent she was never offered: refused, audited.
    await accept(LYNNE, { export: 'history', params: {} });
    assert.equal(uploads.length, 0);
    const refused = (await bot.store.current(TENANT))!
      .read()
      .audit.filter((entry) => entry.action === 'history.exported' && entry.outcome === 'refused');
    assert.ok(refused.length >= 1);

    for (const url of ['http://example.com/upload', 'file:///etc/passwd', 'https://user:pw@evil.example/upload'])
      await accept(ALEX, { export: 'history', params: {} }, url);
    await accept(ALEX, { export: 'history', params: { userId: 'u-alex', tenantId: OTHER_TENANT, extra: 'x' } });
    await accept(ALEX, { export: 'everything', params: {} });
    await accept(ALEX, { export: 'history', params: { userId: 'u-nobody' } });
    assert.deepEqual(
      uploads.map((upload) => upload.path),
      ['/upload/1'],
      'only the well-formed request for Alex himself was uploaded',
    );
  });

  it('a request naming a person and two days: the consent carries her and the days', async () => {
    const { consent } = await ask(ALEX, "export Megan's history from 1 October 2026 to 15 November 2026");
    assert.ok(consent);
    assert.deepEqual(consent.content.acceptContext, {
      export: 'history',
      params: { userId: 'u-megan', from: '2026-10-01', to: '2026-11-15' },
    });
    assert.match(consent.content.description, /Megan Bowen \(from 2026-10-01 to 2026-11-15\)/);
  });

  it('in a group chat the file is not offered: the personal chat is', async () => {
    const answer = await bot.post(
      messageActivity(ALEX, 'export the history', { conversationType: 'groupChat', conversationId: '19:group' }),
    );
    const texts = cardTexts(firstCard(answer.body.activities.at(-1)));
    assert.ok(texts.join(' ').includes('personal chat'), texts.join(' | '));
  });
});
