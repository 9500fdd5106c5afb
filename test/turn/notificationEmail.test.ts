import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, NESTOR, TENANT } from '../helpers/people.js';

describe('conversation: notification email', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const user = (id: string) =>
    bot.store
      .organization(TENANT)!
      .read()
      .users.find((candidate) => candidate.id === id)!;

  async function openForm(sender: typeof ALEX, text = 'change my notification email', locale = 'en-US') {
    const replies = await bot.send(messageActivity(sender, text, { locale }));
    const card = firstCard(replies.at(-1) as never);
    return { card, flowId: actionData(card, 'notification_email.submit').flowId as string };
  }

  const submit = async (sender: typeof ALEX, flowId: string, email: string, locale = 'en-US') =>
    invokeCard(await bot.send(executeActivity(sender, 'notification_email.submit', { flowId, email }, { locale })));

  it('shows the current address and explains where overdue-invoice notices go', async () => {
    const { card } = await openForm(LYNNE);
    const texts = cardTexts(card);
    assert.equal(texts[0], 'Your notification email');
    assert.ok(texts.includes('lynner@contoso.com'));
    assert.ok(texts.some((text) => text.includes('alternate email') && text.includes('Microsoft Entra ID > Users')));
  });

  it('any user changes their own: current and new are shown before saving; saved and audited on Save', async () => {
    const { flowId } = await openForm(LYNNE);
    const review = await submit(LYNNE, flowId, ' Lynne.Ops@Contoso.com ');
    const texts = cardTexts(review);
    assert.equal(texts[0], 'Change the notification email?');
    assert.deepEqual(texts.slice(texts.indexOf('Current address'), texts.indexOf('Current address') + 4), [
      'Current address',
      'lynner@contoso.com',
      'New address',
      'lynne.ops@contoso.com',
    ]);
    assert.equal(user('u-lynne').notificationEmail, undefined, 'nothing saved before Save');
    const done = invokeCard(await bot.send(executeActivity(LYNNE, 'notification_email.confirm', { flowId })));
    assert.equal(cardTexts(done)[0], 'Notification email updated');
    // The note on overdue-invoice notices was on the form: not repeated on the review and the summary.
    for (const card of [review, done])
      assert.ok(!cardTexts(card).some((text) => text.includes('alternate email')), cardTexts(card).join(' | '));
    assert.equal(user('u-lynne').notificationEmail, 'lynne.ops@contoso.com');
    const entry = bot.store.organization(TENANT)!.read().audit.at(-1);
    assert.equal(entry?.action, 'user.notification_email_changed');
    assert.deepEqual(
      [entry?.before, entry?.after],
      [{ notificationEmail: 'lynner@contoso.com' }, { notificationEmail: 'lynne.ops@contoso.com' }],
    );
  });

  for (const [address, message] of [
    [
      'ops@contoso.onmicrosoft.com',
      "Microsoft doesn't send email to onmicrosoft.com addresses, so notifications would never arrive.",
    ],
    ['not an address', "This doesn't look like an email address."],
    ['LynneR@contoso.com', 'This is already the notification address. Enter a different one.'],
  ] as const) {
    it(`refuses "${address}" with the reason, keeps what was typed, and saves nothing`, async () => {
      const { flowId } = await openForm(LYNNE);
      const card = await submit(LYNNE, flowId, address);
      assert.ok(
        cardTexts(card).some((text) => text.startsWith(message)),
        cardTexts(card).join(' | '),
      );
      assert.equal(cardInputs(card).email, address);
      assert.equal(user('u-lynne').notificationEmail, undefined);
    });
  }

  it('in French, the onmicrosoft.com refusal is explained in French', async () => {
    const { card, flowId } = await openForm(ALEX, 'modifier mon adresse e-mail de notification', 'fr-FR');
    assert.equal(cardTexts(card)[0], 'Votre e-mail de notification');
    const refused = await submit(ALEX, flowId, 'alex@contoso.onmicrosoft.com', 'fr-FR');
    assert.ok(
      cardTexts(refused).some((text) =>
        text.startsWith("Microsoft n'envoie pas d'e-mails aux adresses onmicrosoft.com"),
      ),
    );
  });

  it("naming oneself is one's own address, which anyone may change", async () => {
    const { card } = await openForm(LYNNE, "change Lynne's notification email");
    assert.equal(cardTexts(card)[0], 'Your notification email');
  });

  it("a user admin may change someone else's; a Report viewer may not", async () => {
    const [refused] = await bot.send(messageActivity(LYNNE, "change adele's notification email"));
    assert.match(refused?.text ?? '', /Change other users' notification email/);
    const { card, flowId } = await openForm(NESTOR, "change adele's notification email");
    assert.equal(cardTexts(card)[0], 'Notification email of Adele Vance');
    await submit(NESTOR, flowId, 'adele.sales@contoso.com');
    await bot.send(executeActivity(NESTOR, 'notification_email.confirm', { flowId }));
    assert.equal(user('u-adele').notificationEmail, 'adele.sales@contoso.com');
    assert.equal(bot.store.organization(TENANT)!.read().audit.at(-1)?.actor.userId, 'u-nestor');
  });
});
