import assert from 'node:assert/strict';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { lastCard } from '../helpers/cardDriver.js';
import { ALEX, NESTOR, PATTI, TENANT } from '../helpers/people.js';

/**
 * What one admin types is shown to others as text, never interpreted: not as an Adaptive Card
 * template expression (${…}), not as i18next interpolation or nesting ({{…}}, $t(…)), not as
 * Markdown (a link, an image, bold). Names are stored as typed and shown escaped.
 */
const NAME = 'Eve [go](https://evil.example) ${organization.displayName} {{domain}} $t(errors.generic) **B**';
const EMAIL = 'eve@contoso.com';

/** The Markdown source of every text an answer shows (messages, TextBlocks, facts), before Teams renders it. */
function markdownOf(body: any): string {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ((record.type === 'TextBlock' || record.type === 'TextRun') && typeof record.text === 'string')
      found.push(record.text);
    if (record.type === undefined && typeof record.title === 'string' && typeof record.value === 'string')
      found.push(record.title, record.value);
    for (const [key, value] of Object.entries(record)) if (key !== 'data') visit(value);
  };
  for (const activity of body?.activities ?? []) {
    if (typeof activity.text === 'string') found.push(activity.text);
    visit(activity.attachments);
  }
  visit(body?.value);
  return found.join('\n');
}

/**
 * As the admin reads it: Markdown escapes removed (as Teams renders them), and the zero-width
 * joiner our card code puts in every "${" of data (so the templating engine can never read it as
 * an expression) taken out, since it shows as nothing.
 */
function asRead(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1').replaceAll('\u200d', '');
}

/** A Markdown link or image that is not escaped. */
const LIVE_MARKDOWN_LINK = /(?<!\\)\[[^\]\\]*(?<!\\)\]\(/;

describe('security: what people type is never interpreted as template or markup', function () {
  this.timeout(30_000);
  let bot: HttpBot;

  before(async () => {
    bot = await startHttpBot();
    const opened = await bot.post(messageActivity(ALEX, 'add a user'));
    const flowId = actionData(firstCard(opened.body.activities[0]), 'add_user.submit').flowId;
    const added = await bot.post(
      executeActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: NAME,
        email: EMAIL,
        role_incentives_user: 'true',
      }),
    );
    assert.match(cardTexts(added.body.value)[0] ?? '', /was added/);
    const stored = bot.store
      .organization(TENANT)!
      .read()
      .users.find((user) => user.email === EMAIL);
    assert.equal(stored?.displayName, NAME, 'stored exactly as typed');
  });
  after(async () => bot.stop());

  function assertShownLiterally(label: string, body: any) {
    const markdown = markdownOf(body);
    const read = asRead(markdown);
    assert.ok(read.includes(NAME), `${label}: the name is not shown exactly as typed: ${read.slice(0, 400)}`);
    const ours =
      /\]\(https:\/\/(learn\.microsoft\.com|partner\.microsoft\.com|aka\.ms|go\.microsoft\.com|teams\.microsoft\.com)[^)]*\)/g;
    assert.ok(
      !LIVE_MARKDOWN_LINK.test(markdown.replace(ours, '')),
      `${label}: a live Markdown link from the name: ${markdown.slice(0, 400)}`,
    );
    assert.ok(!markdown.includes('**B**'), `${label}: bold markup is not escaped`);
    assert.ok(
      !read.includes('Contoso Cloud Services {{') && !read.includes('Something went wrong'),
      `${label}: an expression in the name was evaluated`,
    );
  }

  it('other admins see the name as typed in role lookups, the role editor, the history and the picker (English and French)', async () => {
    let checked = 0;
    for (const [sender, locale] of [
      [NESTOR, 'en-US'],
      [PATTI, 'fr-FR'],
      [ALEX, 'en-US'],
    ] as const) {
      for (const text of [
        'who are the incentives users',
        'what roles does Eve have',
        'what changed for Eve',
        'change roles of Eve',
        'remove a user',
      ]) {
        const response = await bot.post(messageActivity(sender, text, { locale }));
        const said = asRead(markdownOf(response.body));
        // Patti (Account admin) may not see some of these: a refusal says nothing of Eve, which is fine.
        if (!said.includes('Eve')) continue;
        assertShownLiterally(`${sender.name} / ${text}`, response.body);
        checked += 1;
        await bot.post(messageActivity(sender, 'cancel', { locale }));
      }
    }
    assert.ok(checked >= 10, `only ${checked} answers showed the name`);
  });

  it('the name comes back literally in the invoke answer of the role editor', async () => {
    const opened = await bot.post(messageActivity(NESTOR, 'change roles of Eve'));
    const card = lastCard(opened.body.activities)!;
    const flowId = actionData(card, 'edit_roles.save').flowId;
    const saved = await bot.post(
      executeActivity(NESTOR, 'edit_roles.save', { flowId, role_incentives_user: 'true', role_referrals_user: 'true' }),
    );
    assertShownLiterally('role editor save', saved.body);
  });
});
