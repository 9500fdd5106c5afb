import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity, submitActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, MEGAN, NESTOR, OTHER_TENANT, TENANT } from '../helpers/people.js';

/** "Add a user", end to end through the real application and store: what the admin sees, what is saved, what is audited. */
describe('conversation: add a user', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const userByEmail = (email: string) => org().users.find((user) => user.email === email);

  async function openForm(sender = ALEX, text = 'add a user', locale = 'en-US') {
    const [reply] = await bot.send(messageActivity(sender, text, { locale }));
    const card = firstCard(reply as never);
    return { card, flowId: actionData(card, 'add_user.submit').flowId as string };
  }

  async function submit(flowId: string, fields: Record<string, unknown>, sender = ALEX, locale = 'en-US') {
    return invokeCard(await bot.send(executeActivity(sender, 'add_user.submit', { flowId, ...fields }, { locale })));
  }

  it('the form offers only the roles this admin may give, grouped by family with a description each', async () => {
    const asAlex = cardInputs((await openForm(ALEX)).card);
    assert.ok('role_global_admin' in asAlex && 'role_compliance_admin' in asAlex && 'role_billing_admin' in asAlex);
    const nestor = await openForm(NESTOR, 'ajouter un utilisateur');
    const asNestor = cardInputs(nestor.card);
    assert.ok(!('role_global_admin' in asNestor), 'a User management admin cannot give Global admin');
    assert.ok(!('role_compliance_admin' in asNestor));
    assert.ok('role_billing_admin' in asNestor && 'role_report_viewer' in asNestor);
    const familyHeadings = cardTexts((await openForm(ALEX)).card).filter((text) =>
      ['Microsoft Entra', 'Company', 'Developer and marketplace'].includes(text),
    );
    assert.ok(familyHeadings.length >= 2, familyHeadings.join(','));
  });

  it('adds the user as invited, shows a summary with next steps, and audits the change', async () => {
    const { flowId } = await openForm();
    const card = await submit(flowId, {
      displayName: '  Jean   Dupont ',
      email: 'Jean.Dupont@Contoso.com',
      role_billing_admin: 'true',
      role_report_viewer: 'true',
      role_developer: 'false',
    });
    const texts = cardTexts(card);
    assert.equal(texts[0], 'Jean Dupont was added');
    assert.ok(texts.includes('Billing admin and Report viewer'));
    assert.ok(texts.includes('Invited'));
    assert.ok(texts.includes('Add another user') && texts.includes('Change their roles'));
    const saved = userByEmail('jean.dupont@contoso.com');
    assert.equal(saved?.displayName, 'Jean Dupont');
    assert.deepEqual(saved?.roles, ['billing_admin', 'report_viewer']);
    assert.equal(saved?.status, 'invited');
    assert.equal(saved?.createdBy.userId, 'u-alex');
    const entry = org().audit.at(-1);
    assert.equal(entry?.action, 'user.added');
    assert.equal(entry?.outcome, 'applied');
    assert.equal(entry?.actor.userId, 'u-alex');
    assert.equal(entry?.target.id, saved?.id);
  });

  for (const [name, fields, field, message] of [
    [
      'an invalid email',
      { displayName: 'Jean Dupont', email: 'jean.dupont@', role_billing_admin: 'true' },
      'email',
      "This doesn't look like an email address.",
    ],
    [
      'an email already used in the organization',
      { displayName: 'Jean Dupont', email: 'MeganB@contoso.com', role_billing_admin: 'true' },
      'email',
      'Someone in the organization already uses this email address.',
    ],
    [
      'no role chosen',
      { displayName: 'Jean Dupont', email: 'jean@contoso.com', role_billing_admin: 'false' },
      'roles',
      'Choose at least one role: every user has one.',
    ],
    [
      'an empty name',
      { displayName: '   ', email: 'jean@contoso.com', role_billing_admin: 'true' },
      'displayName',
      "Enter the user's full name.",
    ],
    [
      'a name with direction-override characters',
      { displayName: 'Jean \u202Enoisrev', email: 'jean@contoso.com', role_billing_admin: 'true' },
      'displayName',
      'The name contains invisible or control characters.',
    ],
  ] as const) {
    it(`${name}: the same form comes back with the error by the field, the input kept, and nothing saved`, async () => {
      const { flowId } = await openForm();
      const before = org();
      const card = await submit(flowId, fields);
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Add a user');
      assert.ok(
        texts.some((text) => text.startsWith(message)),
        texts.join(' | '),
      );
      const inputs = cardInputs(card);
      assert.equal(inputs.displayName, fields.displayName);
      assert.equal(inputs.email, fields.email);
      if (field !== 'roles') assert.equal(inputs.role_billing_admin, 'true');
      // The error sits right after its field.
      const body = JSON.stringify(card.body);
      if (field !== 'roles') assert.ok(body.indexOf(`"id":"${field}"`) < body.indexOf(message.slice(0, 20)));
      // And by the buttons, where Teams leaves the admin after a submit: the last line says what to fix.
      const label = { email: 'Work email', roles: 'Roles', displayName: 'Full name' }[field];
      const summary = texts.indexOf(`Not added yet: fix ${label} above.`);
      assert.ok(summary > 0, texts.join(' | '));
      assert.deepEqual(texts.slice(summary + 1), ['Add user', 'Cancel']);
      assert.deepEqual(org(), before);
    });
  }

  it('a role the admin may not give (forged toggle) is refused by the field, and nothing is saved', async () => {
    const { flowId } = await openForm(NESTOR);
    const card = await submit(
      flowId,
      { displayName: 'Jean Dupont', email: 'jean@contoso.com', role_global_admin: 'true' },
      NESTOR,
    );
    assert.ok(cardTexts(card).includes("You can't give these roles: Global admin. Untick them or ask a Global admin."));
    assert.equal(userByEmail('jean@contoso.com'), undefined);
    const entry = org().audit.at(-1);
    assert.deepEqual(
      [entry?.outcome, entry?.reason, entry?.actor.userId],
      ['refused', 'role_not_grantable', 'u-nestor'],
    );
  });

  it('a role that does not exist in the catalog is reported, not ignored', async () => {
    const { flowId } = await openForm();
    const card = await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_superuser: 'true',
    });
    assert.ok(cardTexts(card).some((text) => text.includes("roles I don't know (superuser)")));
    assert.equal(userByEmail('jean@contoso.com'), undefined);
  });

  it('a privileged role asks for confirmation first; Back keeps the input; Confirm saves', async () => {
    const { flowId } = await openForm();
    const confirmCard = await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_admin_agent: 'true',
      role_helpdesk_agent: 'true',
    });
    const texts = cardTexts(confirmCard);
    assert.equal(texts[0], 'Confirm a privileged role');
    assert.ok(texts.includes('You are about to give Jean Dupont a privileged role: Admin agent.'));
    assert.equal(userByEmail('jean@contoso.com'), undefined, 'nothing saved before the confirmation');

    const back = invokeCard(await bot.send(executeActivity(ALEX, 'add_user.back', { flowId })));
    assert.equal(cardInputs(back).email, 'jean@contoso.com');
    assert.equal(cardInputs(back).role_admin_agent, 'true');

    await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_admin_agent: 'true',
      role_helpdesk_agent: 'true',
    });
    const done = invokeCard(await bot.send(executeActivity(ALEX, 'add_user.confirm', { flowId })));
    assert.equal(cardTexts(done)[0], 'Jean Dupont was added');
    assert.deepEqual(userByEmail('jean@contoso.com')?.roles, ['admin_agent', 'helpdesk_agent']);
    assert.deepEqual((org().audit.at(-1)?.after as { privilegedRoles: string[] }).privilegedRoles, ['admin_agent']);
  });

  it('clicking Add twice adds the user once, and the second click shows the same summary', async () => {
    const { flowId } = await openForm();
    const fields = { displayName: 'Jean Dupont', email: 'jean@contoso.com', role_billing_admin: 'true' };
    const [first, second] = await Promise.all([submit(flowId, fields), submit(flowId, fields)]);
    assert.deepEqual(first, second);
    assert.equal(org().users.filter((user) => user.email === 'jean@contoso.com').length, 1);
    assert.equal(org().audit.filter((entry) => entry.action === 'user.added').length, 1);
  });

  it('a user without the right to add users is refused when asking, and when forging the submit', async () => {
    const [reply] = await bot.send(messageActivity(LYNNE, 'add a user'));
    assert.equal(
      reply?.text,
      'Your roles don\'t allow that: you need permission to "Add users". Ask Alex Wilber or Nestor Wilke.',
    );
    const card = await submit(
      '6f1c3a52-8a3b-4d7e-9a57-1c2f3e4d5a6b',
      { displayName: 'X', email: 'x@contoso.com', role_global_admin: 'true' },
      LYNNE,
    );
    assert.equal(cardTexts(card)[0], 'This form is closed');
    assert.equal(userByEmail('x@contoso.com'), undefined);
  });

  it('permission is checked again when the change is made: an admin who lost the right meanwhile is refused, and the refusal is audited', async () => {
    const { flowId } = await openForm(NESTOR);
    await bot.store.organization(TENANT)!.change((current, { now }) => ({
      next: {
        ...current,
        users: current.users.map((user) =>
          user.id === 'u-nestor'
            ? { ...user, roles: ['report_viewer' as const], revision: user.revision + 1, updatedAt: now }
            : user,
        ),
      },
      result: undefined,
      audit: [
        {
          actor: { userId: 'u-alex', displayName: 'Alex Wilber' },
          action: 'user.roles_changed',
          target: { type: 'user', id: 'u-nestor' },
          outcome: 'applied',
        },
      ],
    }));
    const card = await submit(
      flowId,
      { displayName: 'Jean Dupont', email: 'jean@contoso.com', role_billing_admin: 'true' },
      NESTOR,
    );
    assert.ok(
      cardTexts(card).some((text) => text.includes('Add users')),
      cardTexts(card).join(' | '),
    );
    assert.equal(userByEmail('jean@contoso.com'), undefined);
    const entry = org().audit.at(-1);
    assert.equal(entry?.outcome, 'refused');
    assert.equal(entry?.action, 'user.added');
    assert.equal(entry?.actor.userId, 'u-nestor');
    assert.equal(entry?.reason, 'missing_permission');
  });

  it('card data naming another tenant or another acting user changes nothing about who acts or where', async () => {
    const { flowId } = await openForm();
    await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_billing_admin: 'true',
      tenantId: OTHER_TENANT,
      actorId: 'u-megan',
      from: { aadObjectId: MEGAN.aadObjectId },
      createdBy: { userId: 'u-megan' },
    });
    const saved = userByEmail('jean@contoso.com');
    assert.equal(saved?.createdBy.userId, 'u-alex');
    assert.equal(org().audit.at(-1)?.actor.userId, 'u-alex');
    assert.equal(bot.store.organization(OTHER_TENANT), undefined);
  });

  it('the Action.Submit fallback runs the same flow and posts the outcome as a message', async () => {
    const { flowId } = await openForm();
    const [reply] = await bot.send(
      submitActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: 'Jean Dupont',
        email: 'jean@contoso.com',
        role_report_viewer: 'true',
      }),
    );
    assert.equal(cardTexts(firstCard(reply as never))[0], 'Jean Dupont was added');
    assert.ok(userByEmail('jean@contoso.com'));
  });

  it('in French: the form, its errors and the summary', async () => {
    const { card, flowId } = await openForm(ALEX, 'Ajouter un utilisateur', 'fr-FR');
    assert.equal(cardTexts(card)[0], 'Ajouter un utilisateur');
    const error = await submit(
      flowId,
      { displayName: 'Jean Dupont', email: 'jean@', role_billing_admin: 'true' },
      ALEX,
      'fr-FR',
    );
    assert.ok(cardTexts(error).some((text) => text.startsWith("Ce n'est pas une adresse e-mail valide.")));
    const done = await submit(
      flowId,
      { displayName: 'Jean Dupont', email: 'jean@contoso.com', role_billing_admin: 'true' },
      ALEX,
      'fr-FR',
    );
    assert.equal(cardTexts(done)[0], 'Utilisateur ajouté : Jean Dupont');
    assert.ok(cardTexts(done).includes('Administrateur de facturation'));
  });

  it('survives a restart in the middle: the form opened before still works after', async () => {
    const { flowId } = await openForm();
    bot = await bot.restart();
    const done = await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_billing_admin: 'true',
    });
    assert.equal(cardTexts(done)[0], 'Jean Dupont was added');
    assert.ok(userByEmail('jean@contoso.com'));
  });

  it('Cancel closes the form; a later click on it changes nothing', async () => {
    const { flowId } = await openForm();
    const cancelled = invokeCard(await bot.send(executeActivity(ALEX, 'flow.cancel', { flowId })));
    assert.equal(cardTexts(cancelled)[0], 'Cancelled: adding a user.');
    const later = await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_billing_admin: 'true',
    });
    assert.equal(cardTexts(later)[0], 'Cancelled: adding a user.');
    assert.equal(userByEmail('jean@contoso.com'), undefined);
  });

  it('typing "annuler" closes the open form', async () => {
    const { flowId } = await openForm();
    const [reply] = await bot.send(messageActivity(ALEX, 'annuler', { locale: 'fr-FR' }));
    assert.equal(reply?.text, "Annulé : ajout d'un utilisateur. Rien n'a été modifié.");
    const later = await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_billing_admin: 'true',
    });
    assert.equal(cardTexts(later)[0], 'This form is closed');
    assert.equal(userByEmail('jean@contoso.com'), undefined);
  });

  it('starting another task closes the unfinished form, and says so', async () => {
    const { flowId } = await openForm();
    const replies = await bot.send(messageActivity(ALEX, 'notification email'));
    assert.equal(replies[0]?.text, 'I closed your unfinished form (adding a user); nothing from it was saved.');
    const later = await submit(flowId, {
      displayName: 'Jean Dupont',
      email: 'jean@contoso.com',
      role_billing_admin: 'true',
    });
    assert.equal(cardTexts(later)[0], 'This form is closed');
  });

  it('in a group chat the form is not posted: the admin is sent to the personal chat', async () => {
    const [reply] = await bot.send(
      messageActivity(ALEX, 'add a user', { conversationType: 'groupChat', conversationId: '19:group@thread.v2' }),
    );
    const card = firstCard(reply as never);
    assert.equal(cardTexts(card)[0], "Let's do this in our personal chat");
    assert.deepEqual(cardInputs(card), {});
    const forged = invokeCard(
      await bot.send(
        executeActivity(
          ALEX,
          'add_user.submit',
          { flowId: 'x', displayName: 'J', email: 'j@contoso.com', role_billing_admin: 'true' },
          { conversationType: 'groupChat', conversationId: '19:group@thread.v2' },
        ),
      ),
    );
    assert.equal(cardTexts(forged)[0], "Let's do this in our personal chat");
    assert.equal(userByEmail('j@contoso.com'), undefined);
  });

  it('a name written as a Markdown link or a template is stored as typed and shown as plain text, never as a link or binding', async () => {
    const { flowId } = await openForm();
    const name = '[Urgent](https://evil.example) ${title}';
    const card = await submit(flowId, { displayName: name, email: 'jean@contoso.com', role_billing_admin: 'true' });
    assert.equal(userByEmail('jean@contoso.com')?.displayName, name);
    const raw = JSON.stringify(card);
    assert.ok(!raw.includes('[Urgent](https'), 'no live Markdown link in the card');
    assert.ok(!raw.includes('${title}'), 'no template binding left in the card');
    assert.equal(cardTexts(card)[0], `${name} was added`, 'shown exactly as typed');
  });

  it('card data of the wrong shape is refused with a clear message', async () => {
    const { flowId } = await openForm();
    for (const data of [
      { flowId, displayName: 42, email: 'jean@contoso.com' },
      { flowId: { $gt: '' } },
      { displayName: 'x' },
    ]) {
      const card = invokeCard(await bot.send(executeActivity(ALEX, 'add_user.submit', data)));
      assert.equal(cardTexts(card)[0], "I couldn't read this card", JSON.stringify(data));
    }
    const unknownVerb = invokeCard(await bot.send(executeActivity(ALEX, 'users.drop_all', { flowId })));
    assert.equal(cardTexts(unknownVerb)[0], "I couldn't read this card");
  });
});
