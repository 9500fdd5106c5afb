import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { messageActivity, teamsActivity } from '../helpers/activities.js';
import { cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, DIEGO, LYNNE, MEGAN, OTHER_TENANT, PATTI, TENANT } from '../helpers/people.js';
import { makeTempDir } from '../helpers/tempDir.js';
import type { StateStorage } from '../../src/store/fileStateStorage.js';

/** The data of a card's Action.Submit buttons, wherever they sit (each task has its own button). */
function submitData(card: Record<string, unknown>): { command?: string; userId?: string }[] {
  const data: { command?: string; userId?: string }[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Submit') data.push((record.data as { command?: string } | undefined) ?? {});
    Object.values(record).forEach(visit);
  };
  visit(card);
  return data;
}

/** The commands of a card's Action.Submit buttons. */
function submitValues(card: Record<string, unknown>): string[] {
  return submitData(card).map((data) => data.command ?? '');
}

describe('turns through the Teams AI application', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  describe('help', () => {
    it('"help" answers with a card listing each task as a button that sends its words', async () => {
      const [reply] = await bot.send(messageActivity(ALEX, 'help'));
      const card = firstCard(reply as never);
      assert.equal(cardTexts(card)[0], 'What I can do');
      assert.deepEqual(submitValues(card), [
        'onboarding',
        'add_user',
        'assign_roles',
        'update_notification_email',
        'my_role',
        'org_profile',
        'programs',
        'find_customers',
        'history',
      ]);
    });

    it('a help-card button (Action.Submit with { command }) runs its task like typing it', async () => {
      const [reply] = await bot.send(teamsActivity(MEGAN, { type: 'message', value: { command: 'my_role' } }));
      assert.ok(cardTexts(firstCard(reply as never)).includes('Billing admin'));
    });

    it('a malformed or unknown submit is not obeyed: the admin gets the choices again', async () => {
      for (const value of [
        { command: 'drop_tables' },
        { command: ['my_role'] },
        'my_role',
        { nested: { command: 'my_role' } },
        { command: 'role_holders', roleId: 'god' },
        { command: 'user_roles', userId: 42 },
      ]) {
        const [reply] = await bot.send(teamsActivity(MEGAN, { type: 'message', value }));
        assert.ok(
          cardTexts(firstCard(reply as never)).includes(
            "Sorry, I didn't understand that. Here is what I can help with:",
          ),
          JSON.stringify(value),
        );
      }
    });

    it('"aide" from a French Teams client answers in French', async () => {
      const [reply] = await bot.send(messageActivity(ALEX, 'Aide !', { locale: 'fr-FR' }));
      const card = firstCard(reply as never);
      assert.equal(cardTexts(card)[0], 'Ce que je sais faire');
      assert.deepEqual(submitValues(card), [
        'onboarding',
        'add_user',
        'assign_roles',
        'update_notification_email',
        'my_role',
        'org_profile',
        'programs',
        'find_customers',
        'history',
      ]);
      const titles = cardTexts(card);
      for (const title of [
        'Premiers pas',
        'Ajouter un utilisateur',
        'Modifier des rôles',
        'E-mail de notification',
        'Mon rôle',
        "Profil de l'organisation",
        'Programmes',
        'Clients',
        'Historique',
      ]) {
        assert.ok(titles.includes(title), title);
      }
    });

    it("a user's preferred language wins over the client's locale", async () => {
      const [reply] = await bot.send(messageActivity(PATTI, 'help', { locale: 'en-US' }));
      assert.equal(cardTexts(firstCard(reply as never))[0], 'Ce que je sais faire');
    });

    it('text it does not understand gets "did you mean" with the closest tasks and everything else, never silence', async () => {
      const replies = await bot.send(messageActivity(ALEX, 'purple elephant please'));
      assert.equal(replies.length, 1);
      const card = firstCard(replies[0] as never);
      assert.equal(cardTexts(card)[0], 'Did you mean…');
      // "Everything I can do" is the one way to help: no second help button.
      assert.deepEqual(submitValues(card), ['my_role', 'add_user', 'help']);
    });

    it('"did you mean" buttons carry the person the message named, and only start a task when clicked', async () => {
      const replies = await bot.send(messageActivity(ALEX, 'Megan?'));
      const card = firstCard(replies[0] as never);
      const texts = cardTexts(card);
      // Which readings a bare name gets depends on the trained model; the person goes with each.
      assert.ok(['Did you mean…', 'Which one did you mean?'].includes(texts[0] ?? ''), texts.join(' | '));
      assert.ok(texts.includes('What roles does Megan Bowen have?'), texts.join(' | '));
      const withMegan = submitData(card).filter((data) => data.userId === 'u-megan');
      assert.ok(withMegan.length >= 1, JSON.stringify(submitData(card)));
      const [roles] = await bot.send(
        teamsActivity(ALEX, { type: 'message', value: { command: 'user_roles', userId: 'u-megan' } }),
      );
      assert.equal(cardTexts(firstCard(roles as never))[0], 'Roles of Megan Bowen');
    });

    it('offers a person only the tasks they may use: the help card and "did you mean" of a Report viewer', async () => {
      const titles = async (sender: typeof ALEX, text: string) =>
        cardTexts(firstCard((await bot.send(messageActivity(sender, text)))[0] as never));
      const forAlex = await titles(ALEX, 'help');
      const forLynne = await titles(LYNNE, 'help');
      for (const task of ['Add a user', 'Change roles', 'History'])
        assert.ok(forAlex.includes(task) && !forLynne.includes(task), `${task}: ${forLynne.join(' | ')}`);
      for (const task of ['My role', 'Notification email', 'Programs'])
        assert.ok(forLynne.includes(task), `${task}: ${forLynne.join(' | ')}`);
      // "Megan?": her roles and changing them are both refused to a Report viewer, so neither is offered.
      const megan = await titles(LYNNE, 'Megan?');
      assert.ok(!megan.some((text) => text.includes('Megan Bowen')), megan.join(' | '));
    });
  });

  describe('my role', () => {
    it("shows each of the user's roles with what it lets them do, and whom to ask for more", async () => {
      const [reply] = await bot.send(messageActivity(MEGAN, 'What is my role?'));
      const texts = cardTexts(firstCard(reply as never));
      assert.equal(texts[0], 'Your roles in Contoso Cloud Services');
      assert.ok(texts.includes('Billing admin') && texts.includes('Incentives admin'));
      assert.ok(texts.some((text) => text.includes('- Manage billing, invoices and reconciliation files')));
      assert.ok(!texts.includes('Global admin'), 'Megan is not a Global admin');
      assert.ok(
        texts.some((text) => text === 'Need more access? Ask: Alex Wilber and Nestor Wilke.'),
        texts.join(' | '),
      );
    });

    it('tells a Global admin they already have every permission instead of whom to ask', async () => {
      const [reply] = await bot.send(messageActivity(ALEX, 'my role'));
      const texts = cardTexts(firstCard(reply as never));
      assert.equal(texts.at(-1), 'As a Global admin you already have every permission Partner Center gives.');
    });

    it('in French, with the official French role names', async () => {
      const [reply] = await bot.send(messageActivity(MEGAN, 'quel est mon role', { locale: 'fr-FR' }));
      const texts = cardTexts(firstCard(reply as never));
      assert.ok(texts.includes('Administrateur de facturation'));
      assert.ok(texts.includes('Administrateur de primes incitatives'));
    });
  });

  describe('programs', () => {
    it('lists each enrollment with its status, what it means, and who can act when it is not active', async () => {
      const [reply] = await bot.send(messageActivity(LYNNE, 'programs'));
      const texts = cardTexts(firstCard(reply as never));
      assert.ok(texts.includes('Account verification: Authorized'));
      assert.ok(texts.includes('Cloud Solution Provider – direct bill (tier 1)'));
      assert.ok(texts.includes('Qualified'));
      assert.ok(texts.includes('Who can act: Global admin (Alex Wilber)'));
      assert.ok(texts.includes('Pending'));
    });
  });

  describe('who may talk to the bot', () => {
    it('someone from the tenant who is not a user is told who their admins are, and sees nothing else', async () => {
      const stranger = { name: 'Pat Stranger', aadObjectId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
      const replies = await bot.send(messageActivity(stranger, 'my role'));
      assert.equal(replies.length, 1);
      assert.equal(replies[0]?.attachments, undefined);
      assert.equal(
        replies[0]?.text,
        "You aren't a user of Contoso Cloud Services in Partner Center yet, so I can't show you anything. Ask one of your admins to add you: Alex Wilber.",
      );
    });

    it('a tenant the bot does not know gets a polite refusal and no data', async () => {
      const [reply] = await bot.send(messageActivity(ALEX, 'programs', { tenantId: OTHER_TENANT }));
      assert.match(reply?.text ?? '', /isn't set up with me yet/);
      assert.equal(reply?.attachments, undefined);
    });

    it('an activity whose two tenant fields disagree is refused', async () => {
      const [reply] = await bot.send(messageActivity(ALEX, 'programs', { channelDataTenantId: OTHER_TENANT }));
      assert.match(reply?.text ?? '', /two different tenant ids/);
    });

    it('an activity with no Entra object id is refused', async () => {
      const [reply] = await bot.send(messageActivity({ name: 'Alex Wilber' }, 'my role'));
      assert.match(reply?.text ?? '', /can't tell who you are/);
    });

    it('an invited user is linked by the email Teams reports for them, activated and audited', async () => {
      const diego = { name: 'Diego Siciliani', aadObjectId: '7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f09' };
      const lookup = await createHarness({ memberLookup: async () => ({ email: DIEGO.email }) });
      try {
        const [reply] = await lookup.send(messageActivity(diego, 'my role'));
        assert.ok(cardTexts(firstCard(reply as never)).includes('Helpdesk agent'));
        const record = lookup.store.organization(TENANT)!.userById('u-diego');
        assert.equal(record?.status, 'active');
        assert.equal(record?.aadObjectId, diego.aadObjectId);
        const entry = lookup.store.organization(TENANT)!.read().audit.at(-1);
        assert.equal(entry?.action, 'user.linked');
        assert.equal(entry?.target.id, 'u-diego');
      } finally {
        await lookup.cleanup();
      }
    });

    it("nobody can claim an active user's record by the email the roster reports", async () => {
      const impostor = { name: 'Impostor', aadObjectId: '0f0e0d0c-0b0a-4909-8807-0605040302ff' };
      const lookup = await createHarness({ memberLookup: async () => ({ email: MEGAN.email }) });
      try {
        const [reply] = await lookup.send(messageActivity(impostor, 'my role'));
        assert.match(reply?.text ?? '', /aren't a user/);
        assert.equal(lookup.store.organization(TENANT)!.userById('u-megan')?.aadObjectId, MEGAN.aadObjectId);
      } finally {
        await lookup.cleanup();
      }
    });
  });

  describe('welcome', () => {
    const botAdded = (options = {}) =>
      teamsActivity(ALEX, { type: 'conversationUpdate', membersAdded: [{ id: '28:partner-admin-bot' }] }, options);
    const installed = () => teamsActivity(ALEX, { type: 'installationUpdate', action: 'add' });

    it('greets a new personal chat once by name with the help card, even when Teams sends both install events', async () => {
      const [welcome, checklist] = await bot.send(botAdded());
      const texts = cardTexts(firstCard(welcome as never));
      assert.equal(texts[0], "Hi Alex, I'm Partner Admin");
      // The demo organization's setup is unfinished (one Global admin, tax exemptions not recorded).
      assert.match(cardTexts(firstCard(checklist as never))[0] ?? '', /^Set up your partner account: \d of 6 done$/);
      assert.deepEqual(await bot.send(installed()), []);
    });

    it('does not greet when someone else joins the conversation', async () => {
      assert.deepEqual(
        await bot.send(teamsActivity(ALEX, { type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] })),
        [],
      );
    });

    it('remembers it has greeted across a restart (conversation state is on disk)', async () => {
      const dir = await makeTempDir();
      try {
        const first = await createHarness({ dir });
        assert.equal((await first.send(installed())).length, 2, 'greeting and onboarding checklist');
        await first.cleanup();
        const second = await createHarness({ dir });
        assert.deepEqual(await second.send(botAdded()), []);
        await second.cleanup();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('production bootstrap', () => {
  const tenant = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
  const objectId = 'aa3e9c41-2b5d-4f80-9d16-3c8e5a7b1f01';
  const env = {
    MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
    MicrosoftAppPassword: 'test-only',
    ALLOWED_TENANTS: `${tenant},${TENANT}`,
    BOOTSTRAP_ADMINS: `${tenant}:${objectId},${tenant}:second.admin@fabrikam.com`,
  };

  it('creates the organization with the configured Global admins, no demo data, and links the first on first message', async () => {
    const bot = await createHarness({ env });
    try {
      assert.equal(bot.store.organization(TENANT), undefined, 'no demo organization in production');
      const organization = bot.store.organization(tenant)!;
      assert.deepEqual(
        organization.read().users.map((user) => [user.roles, user.status]),
        [
          [['global_admin'], 'invited'],
          [['global_admin'], 'invited'],
        ],
      );
      const [reply] = await bot.send(
        messageActivity({ name: 'Fiona Admin', aadObjectId: objectId }, 'my role', { tenantId: tenant }),
      );
      assert.ok(cardTexts(firstCard(reply as never)).includes('Global admin'));
      const linked = organization.userByObjectId(objectId);
      assert.equal(linked?.status, 'active');
      assert.equal(linked?.displayName, 'Fiona Admin');
    } finally {
      await bot.cleanup();
    }
  });

  it('refuses a tenant that is not on the allow-list', async () => {
    const bot = await createHarness({ env });
    try {
      const [reply] = await bot.send(
        messageActivity(ALEX, 'help', { tenantId: '99999999-4f50-4617-8293-a4b5c6d7e8f9' }),
      );
      assert.match(reply?.text ?? '', /isn't allowed to use this bot/);
    } finally {
      await bot.cleanup();
    }
  });
});

describe('welcome race', () => {
  it('greets once when Teams delivers installationUpdate and conversationUpdate at the same time', async () => {
    const bot = await createHarness();
    try {
      const replies = await Promise.all([
        bot.send(teamsActivity(ALEX, { type: 'installationUpdate', action: 'add' })),
        bot.send(teamsActivity(ALEX, { type: 'conversationUpdate', membersAdded: [{ id: '28:partner-admin-bot' }] })),
      ]);
      const titles = replies.flat().map((reply) => cardTexts(firstCard(reply as never))[0]);
      assert.equal(titles.filter((title) => title === "Hi Alex, I'm Partner Admin").length, 1);
      assert.equal(titles.length, 2, 'one greeting, one checklist');
    } finally {
      await bot.cleanup();
    }
  });
});

describe('conversation state written meanwhile by another instance (eTag conflict)', () => {
  it('the admin is told plainly that the other answer was kept, in their language; nothing is overwritten', async () => {
    let strike = false;
    let state: StateStorage | undefined;
    const bot = await createHarness({
      wrapStorage: (inner) => ({
        ...((state = inner), {}),
        read: (keys) => inner.read(keys),
        delete: (keys) => inner.delete(keys),
        async write(changes) {
          if (strike) {
            strike = false;
            // Another instance saves this conversation's state first.
            for (const [key, item] of Object.entries(changes))
              await inner.write({ [key]: { ...(item as object), eTag: '*', other: 'instance' } });
          }
          return inner.write(changes);
        },
      }),
    });
    try {
      await bot.send(messageActivity(ALEX, 'add a user'));
      strike = true;
      const replies = await bot.send(messageActivity(ALEX, 'ajouter un utilisateur', { locale: 'fr-FR' }));
      assert.match(replies.at(-1)?.text ?? '', /^Cette conversation recevait une autre réponse au même moment/);
      const key = 'msteams/28:partner-admin-bot/conversations/a:7a3e9c41-2b5d-4f80-9d16-3c8e5a7b1f01';
      assert.equal((await state!.read([key]))[key]?.other, 'instance', "the other instance's state is kept");
    } finally {
      await bot.cleanup();
    }
  });
});
