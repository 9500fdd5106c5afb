import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, teamsActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, NESTOR, TENANT } from '../helpers/people.js';

/**
 * Adding users from a CSV file (issue 22): the file attached in the personal chat is fetched from
 * the URL Teams gives for it (here a stand-in on loopback for Teams' file storage), checked with the
 * add-user form's rules, previewed with every problem by row, and added in one change on Add.
 */
describe('conversation: add users from a file', () => {
  let bot: Harness;
  let files: Server;
  let base: string;
  const served = new Map<string, Buffer>();
  let requests = 0;

  before(async () => {
    files = createServer((request, response) => {
      requests += 1;
      const body = served.get(request.url ?? '');
      response.statusCode = body ? 200 : 404;
      response.end(body ?? '');
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  after(async () => new Promise<void>((resolve) => files.close(() => resolve())));
  beforeEach(async () => {
    bot = await createHarness();
    served.clear();
    requests = 0;
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();

  /** A message with the file attached, as Teams sends it. */
  async function attach(
    name: string,
    content: Buffer | string,
    options: { sender?: typeof ALEX; url?: string; group?: boolean } = {},
  ) {
    const path = `/files/${encodeURIComponent(name)}`;
    served.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
    const replies = await bot.send(
      teamsActivity(
        options.sender ?? ALEX,
        {
          type: 'message',
          text: '',
          attachments: [
            {
              contentType: 'application/vnd.microsoft.teams.file.download.info',
              name,
              content: {
                downloadUrl: options.url ?? `${base}${path}`,
                uniqueId: 'f-1',
                fileType: name.split('.').pop(),
              },
            },
          ],
        },
        options.group ? { conversationType: 'groupChat', conversationId: '19:group' } : {},
      ),
    );
    return replies;
  }
  const said = (replies: { text?: string }[]) => replies.map((reply) => reply.text ?? '').join(' | ');
  const preview = (replies: unknown[]) => firstCard(replies.at(-1) as never);

  const team = (count: number) =>
    [
      'Full name,Work email,Roles',
      ...Array.from(
        { length: count },
        (_, index) => `Person ${index + 1},person${index + 1}@contoso.com,Report viewer`,
      ),
    ].join('\n');

  it('a Global admin adds 50 users from one file in three actions: attach, read the preview, Add', async () => {
    const before = org();
    const card = preview(await attach('team.csv', team(50)));
    assert.equal(cardTexts(card)[0], '50 users to add from team.csv');
    assert.equal(org().users.length, before.users.length, 'nothing saved before Add');
    const flowId = actionData(card, 'users_file.add').flowId!;
    const done = invokeCard(await bot.send(executeActivity(ALEX, 'users_file.add', { flowId })));
    assert.equal(cardTexts(done)[0], '50 users added');
    const after = org();
    assert.equal(after.users.length, before.users.length + 50);
    assert.equal(after.organization.revision, before.organization.revision + 1, 'one change');
    assert.equal(
      after.audit.filter((entry) => entry.action === 'user.added').length -
        before.audit.filter((entry) => entry.action === 'user.added').length,
      50,
    );
    assert.equal(after.audit.filter((entry) => entry.action === 'users.imported').length, 1);
    // A second click shows the same outcome and adds no one.
    const again = invokeCard(await bot.send(executeActivity(ALEX, 'users_file.add', { flowId })));
    assert.equal(cardTexts(again)[0], '50 users added');
    assert.equal(org().users.length, before.users.length + 50);
  });

  it('every row problem is shown by its row number before anything is saved; the valid rows can still be added', async () => {
    const file = [
      'Full name,Work email,Roles',
      'Jean Dupont,jean.dupont@contoso.com,Billing admin;Report viewer',
      'Bad Email,not-an-email,Report viewer',
      'Megan Again,meganb@contoso.com,Report viewer',
      'Jean Twice,jean.dupont@contoso.com,Report viewer',
      'Unknown Role,unknown.role@contoso.com,Chief wizard',
      ',no.name@contoso.com,Report viewer',
      'No Role,no.role@contoso.com,',
    ].join('\n');
    const card = preview(await attach('mixed.csv', file));
    const texts = cardTexts(card).join(' | ');
    assert.equal(cardTexts(card)[0], '1 users to add from mixed.csv');
    for (const line of [
      "Row 3: the work email doesn't look like an email address.",
      'Row 4: someone in the account already has this email.',
      'Row 5: the same email as row 2.',
      'Row 6: no role is called Chief wizard.',
      'Row 7: the full name is missing.',
      'Row 8: no role given.',
    ])
      assert.ok(texts.includes(line), `${line} in ${texts}`);
    const flowId = actionData(card, 'users_file.add').flowId!;
    await bot.send(executeActivity(ALEX, 'users_file.add', { flowId }));
    assert.ok(org().users.some((user) => user.email === 'jean.dupont@contoso.com'));
    assert.ok(!org().users.some((user) => user.email === 'unknown.role@contoso.com'));
  });

  it('Excel\'s French file: ";" between fields, a byte-order mark, French headers and role names; a privileged role named', async () => {
    const file =
      "\uFEFFNom complet;E-mail professionnel;Rôles\nÉlodie Martin;elodie.martin@contoso.com;Agent d'administration; Visionneuse de rapports\n";
    const card = preview(await attach('équipe.csv', file));
    const texts = cardTexts(card).join(' | ');
    assert.equal(cardTexts(card)[0], '1 users to add from équipe.csv');
    assert.ok(texts.includes('Privileged roles: Élodie Martin (Admin agent)'), texts);
    await bot.send(executeActivity(ALEX, 'users_file.add', { flowId: actionData(card, 'users_file.add').flowId! }));
    const elodie = org().users.find((user) => user.email === 'elodie.martin@contoso.com');
    assert.deepEqual([...(elodie?.roles ?? [])].sort(), ['admin_agent', 'report_viewer']);
  });

  it('a role the admin may not give is a row problem (a User management admin and Global admin)', async () => {
    const file = 'Full name,Work email,Roles\nJean Dupont,jean.dupont@contoso.com,Global admin\n';
    const card = preview(await attach('ga.csv', file, { sender: NESTOR }));
    assert.ok(cardTexts(card).join(' | ').includes("Row 2: your roles don't let you give Global admin."));
    assert.ok(!JSON.stringify(card).includes('users_file.add'), 'no Add with nothing to add');
  });

  it('limits and files that are not what they should be are answered plainly, and change nothing', async () => {
    const before = org().users.length;
    const cases: [string, Buffer | string, string][] = [
      ['big.csv', team(501), 'This file has 501 people; I add 500 at most from one file. Split it in two.'],
      ['huge.csv', Buffer.alloc(1_048_577, 'a'), 'This file is larger than 1 MB'],
      [
        'latin1.csv',
        Buffer.from('Full name,Work email,Roles\nJos\xe9,jose@contoso.com,Report viewer\n', 'latin1'),
        "This file isn't in UTF-8.",
      ],
      ['empty.csv', '', 'This file has no users in it'],
      ['header-only.csv', 'Full name,Work email,Roles\n', 'This file has no users in it'],
      [
        'extra.csv',
        'Full name,Work email,Roles,Salary\nA B,ab@contoso.com,Report viewer,1\n',
        "I don't know the column Salary.",
      ],
      ['missing.csv', 'Full name,Roles\nA B,Report viewer\n', 'The file needs the column Work email.'],
      ['team.xlsx', 'PK', 'This is an Excel workbook'],
      ['notes.txt', 'hello', 'I read CSV files (.csv) only.'],
    ];
    for (const [name, content, expected] of cases) {
      const replies = await attach(name, content);
      assert.ok(said(replies).includes(expected), `${name}: ${said(replies)}`);
    }
    assert.equal(org().users.length, before);
  });

  it('a download URL that is not one Teams would give is not fetched; a group chat does not read the file', async () => {
    requests = 0;
    for (const url of [
      'http://example.com/team.csv',
      'file:///etc/passwd',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      const replies = await attach('team.csv', team(2), { url });
      assert.ok(said(replies).includes("I couldn't download this file from Teams."), said(replies));
    }
    assert.equal(requests, 0);
    const group = await attach('team.csv', team(2), { group: true });
    assert.ok(said(group).includes('I read files in our personal chat only'), said(group));
    assert.equal(requests, 0);
  });

  it('"add users from a file" explains the columns and offers the template as a file', async () => {
    const replies = await bot.send(teamsActivity(ALEX, { type: 'message', text: 'add users from a file' }));
    const texts = cardTexts(firstCard(replies[0] as never));
    assert.equal(texts[0], 'Add users from a file');
    const consent = replies
      .flatMap(
        (reply) =>
          (reply as { attachments?: { contentType: string; content: { acceptContext: unknown } }[] }).attachments ?? [],
      )
      .find((attachment) => attachment.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    assert.deepEqual(consent?.content.acceptContext, { export: 'users_template', params: {} });
  });

  it('a Global admin in the file, where a second Global admin must approve it, is a row problem that points to the form', async () => {
    const nestor = org().users.find((user) => user.id === 'u-nestor')!;
    await bot.store
      .organization(TENANT)!
      .change((current, { now }) =>
        changeRoles(current, 'u-alex', 'u-nestor', [...nestor.roles, 'global_admin'], nestor.revision, now),
      );
    const file =
      'Full name,Work email,Roles\nJean Dupont,jean.dupont@contoso.com,Global admin\nAnna Lee,anna.lee@contoso.com,Report viewer\n';
    const card = preview(await attach('ga.csv', file));
    const texts = cardTexts(card).join(' | ');
    assert.ok(texts.includes("Row 2: the Global admin role needs a second Global admin's approval here"), texts);
    assert.equal(cardTexts(card)[0], '1 users to add from ga.csv');
  });
});
