import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, MEGAN, NESTOR, PATTI, TENANT } from '../helpers/people.js';

/**
 * Requests written in one line, in natural wording: they go to a confirmation card (or a form
 * already filled in) and change nothing before the admin confirms; a missing piece is asked for,
 * and only that piece. The store and the audit log say what happened.
 */
describe('conversation: one-line requests', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const user = (id: string) => org().users.find((candidate) => candidate.id === id)!;
  const auditCount = () => org().audit.length;

  async function say(sender: typeof ALEX, text: string, locale = 'en-US') {
    const replies = await bot.send(messageActivity(sender, text, { locale }));
    const withCard = replies.find((reply) => (reply as { attachments?: unknown[] }).attachments?.length);
    return { replies, card: withCard ? firstCard(withCard as never) : undefined };
  }

  it('"make lynne a billing admin" shows exactly what will change, changes nothing until Confirm, then saves and audits', async () => {
    const before = auditCount();
    const { card: proposal } = await say(ALEX, 'make lynne a billing admin');
    const proposed = cardTexts(proposal);
    assert.equal(proposed[0], 'Change the roles of Lynne Robbins?');
    assert.ok(proposed.includes('Gives') && proposed.includes('Billing admin'), proposed.join(' | '));
    assert.ok(
      proposed.includes('Report viewer and Billing admin') || proposed.includes('Report viewer, Billing admin'),
      proposed.join(' | '),
    );
    assert.deepEqual(user('u-lynne').roles, ['report_viewer']);
    assert.equal(auditCount(), before);

    const done = invokeCard(
      await bot.send(executeActivity(ALEX, 'edit_roles.confirm', actionData(proposal, 'edit_roles.confirm'))),
    );
    assert.equal(cardTexts(done)[0], 'Roles of Lynne Robbins updated');
    // What happened, and only that: a role given, none taken away, so no "Removed" line.
    assert.ok(cardTexts(done).includes('Added') && !cardTexts(done).includes('Removed'), cardTexts(done).join(' | '));
    assert.deepEqual([...user('u-lynne').roles].sort(), ['billing_admin', 'report_viewer']);
    const entry = org().audit.at(-1)!;
    assert.equal(entry.action, 'user.roles_changed');
    assert.equal(entry.actor.userId, 'u-alex');
    assert.deepEqual((entry.after as { added: string[] }).added, ['billing_admin']);
  });

  it('asking for a role someone already has, or taking away one they lack, says so and opens nothing', async () => {
    const has = await say(ALEX, 'make Megan a billing admin');
    assert.equal(cardTexts(has.card)[0], 'Megan Bowen already has Billing admin: nothing to change.');
    const lacks = await say(ALEX, 'remove the global admin role from Megan');
    assert.equal(cardTexts(lacks.card)[0], "Megan Bowen doesn't have Global admin: nothing to take away.");
  });

  it('"retire le rôle agent commercial à Adèle", in French, confirms in French and takes only that role away', async () => {
    const { card } = await say(NESTOR, 'retire le rôle agent commercial à Adèle', 'fr-FR');
    const texts = cardTexts(card);
    assert.equal(texts[0], "Modifier les rôles de l'utilisateur Adele Vance ?", texts.join(' | '));
    assert.ok(texts.includes('Retire') && texts.includes('Agent commercial'), texts.join(' | '));
    const done = invokeCard(
      await bot.send(
        executeActivity(NESTOR, 'edit_roles.confirm', actionData(card, 'edit_roles.confirm'), { locale: 'fr-FR' }),
      ),
    );
    assert.ok(cardTexts(done)[0]?.startsWith('Rôles'), cardTexts(done).join(' | '));
    assert.deepEqual(user('u-adele').roles, ['referrals_admin']);
  });

  it('an Account admin asking to take away a Microsoft Entra role is told why not, in French, and nothing changes', async () => {
    // Refused when asked, naming the role at stake and whom to ask.
    const { replies } = await say(PATTI, 'retire le rôle agent commercial à Adèle', 'fr-FR');
    const refusal = (replies[0] as { text?: string }).text ?? '';
    assert.ok(refusal.includes('Agent commercial') && refusal.includes('Demandez à Alex Wilber'), refusal);
    assert.deepEqual([...user('u-adele').roles].sort(), ['referrals_admin', 'sales_agent']);
  });

  it('a privileged role asked in one line is flagged on the confirmation, and the policy still decides at Confirm', async () => {
    const { card } = await say(ALEX, 'promote Adele to global administrator');
    const texts = cardTexts(card);
    assert.ok(
      texts.some((text) => text.includes('Global admin')),
      texts.join(' | '),
    );
    assert.equal((card as { body: { color?: string }[] }).body[0]?.color, 'Warning');
    // Alex loses Global admin before confirming: the confirmation is refused at the change, and audited.
    await bot.store.organization(TENANT)!.change((current, { now }) => ({
      next: {
        ...current,
        users: current.users.map((record) =>
          record.id === 'u-alex'
            ? { ...record, roles: ['billing_admin'], revision: record.revision + 1, updatedAt: now }
            : record,
        ),
      },
      result: undefined,
      audit: [
        {
          actor: { userId: 'u-nestor', displayName: 'Nestor Wilke' },
          action: 'user.roles_changed',
          target: { type: 'user', id: 'u-alex' },
          outcome: 'applied',
        },
      ],
    }));
    const refused = invokeCard(
      await bot.send(executeActivity(ALEX, 'edit_roles.confirm', actionData(card, 'edit_roles.confirm'))),
    );
    assert.ok(!cardTexts(refused)[0]?.includes('updated'), cardTexts(refused).join(' | '));
    assert.ok(!user('u-adele').roles.includes('global_admin'));
    assert.equal(org().audit.at(-1)?.outcome, 'refused');
  });

  it('someone without the right to change roles is refused at once, and nothing is proposed', async () => {
    const { replies, card } = await say(LYNNE, 'make Lynne a global admin');
    assert.equal(card, undefined);
    assert.match((replies[0] as { text?: string }).text ?? '', /ask|Global admin/i);
    assert.deepEqual(user('u-lynne').roles, ['report_viewer']);
  });

  it('"Edit all roles" on the confirmation opens the role editor with the proposed roles ticked', async () => {
    const { card } = await say(ALEX, 'give Isaiah the billing admin role');
    const editor = invokeCard(
      await bot.send(executeActivity(ALEX, 'edit_roles.back', actionData(card, 'edit_roles.back'))),
    );
    const on = Object.entries(cardInputs(editor))
      .filter(([id, value]) => id.startsWith('role_') && value === 'true')
      .map(([id]) => id.slice(5))
      .sort();
    assert.deepEqual(on, ['admin_agent', 'billing_admin', 'helpdesk_agent']);
    assert.deepEqual([...user('u-isaiah').roles].sort(), ['admin_agent', 'helpdesk_agent']);
  });

  it('a missing person is asked for, and only that: the role is kept for the confirmation', async () => {
    const { card: picker } = await say(ALEX, 'make someone a billing admin');
    assert.equal(cardTexts(picker)[0], 'Whose roles do you want to change?');
    const [typed] = await bot.send(messageActivity(ALEX, 'lynne'));
    assert.equal(cardTexts(firstCard(typed as never))[0], 'Change the roles of Lynne Robbins?');
  });

  it('an unknown person gets the picker saying no one matches; a name shared by two users gives a short choice', async () => {
    const { card: unknown } = await say(ALEX, 'make john a billing admin');
    assert.ok(
      cardTexts(unknown).some((text) => text.includes('john')),
      cardTexts(unknown).join(' | '),
    );
    await bot.store.organization(TENANT)!.change((current, { now }) => ({
      next: {
        ...current,
        users: [
          ...current.users,
          {
            ...current.users.find((record) => record.id === 'u-megan')!,
            id: 'u-megan2',
            displayName: 'Megan Carter',
            email: 'meganc@contoso.com',
            aadObjectId: undefined,
            createdAt: now,
            updatedAt: now,
          },
        ],
      },
      result: undefined,
      audit: [
        {
          actor: { userId: 'u-alex', displayName: 'Alex Wilber' },
          action: 'user.added',
          target: { type: 'user', id: 'u-megan2' },
          outcome: 'applied',
        },
      ],
    }));
    const { card: choice } = await say(ALEX, 'make megan a report viewer');
    const texts = cardTexts(choice);
    assert.equal(texts[0], 'Whose roles do you want to change?');
    assert.ok(texts.includes('Megan Bowen') && texts.includes('Megan Carter'), texts.join(' | '));
    const chosen = invokeCard(
      await bot.send(
        executeActivity(ALEX, 'pick_user.choose', { ...actionData(choice, 'pick_user.choose'), userId: 'u-megan2' }),
      ),
    );
    assert.equal(cardTexts(chosen)[0], 'Change the roles of Megan Carter?');
  });

  it('"add Jean Dupont jean.dupont@contoso.com as sales agent" opens the add-user form filled in, and adds nothing yet', async () => {
    const users = org().users.length;
    const { card } = await say(ALEX, 'add Jean Dupont jean.dupont@contoso.com as sales agent');
    const inputs = cardInputs(card);
    assert.equal(inputs.displayName, 'Jean Dupont');
    assert.equal(inputs.email, 'jean.dupont@contoso.com');
    assert.equal(inputs.role_sales_agent, 'true');
    assert.equal(org().users.length, users);
  });

  it('a name typed in lowercase is prefilled capitalized; one with capitals as typed', async () => {
    const lower = await say(ALEX, 'ajoute léa dubois stp', 'fr-FR');
    assert.equal(cardInputs(lower.card).displayName, 'Léa Dubois');
    await say(ALEX, 'cancel');
    const typed = await say(ALEX, 'add Jean McDonald jmd@contoso.com as sales agent');
    assert.equal(cardInputs(typed.card).displayName, 'Jean McDonald');
  });

  it('"change my notif email to ops@contoso.com" goes straight to the review of current and new address; Save saves', async () => {
    const { card } = await say(MEGAN, 'change my notif email to ops@contoso.com');
    const texts = cardTexts(card);
    assert.ok(texts.includes('ops@contoso.com') && texts.includes('meganb@contoso.com'), texts.join(' | '));
    assert.equal(user('u-megan').notificationEmail, undefined);
    const saved = invokeCard(
      await bot.send(
        executeActivity(MEGAN, 'notification_email.confirm', actionData(card, 'notification_email.confirm')),
      ),
    );
    assert.ok(cardTexts(saved)[0]);
    assert.equal(user('u-megan').notificationEmail, 'ops@contoso.com');
  });

  it('a one-line notification email that Microsoft cannot use opens the form with the reason, nothing saved', async () => {
    const { card } = await say(MEGAN, 'set my notification email to megan@contoso.onmicrosoft.com');
    assert.ok(
      cardTexts(card).some((text) => text.includes('onmicrosoft.com')),
      cardTexts(card).join(' | '),
    );
    assert.equal(cardInputs(card).email, 'megan@contoso.onmicrosoft.com');
    assert.equal(user('u-megan').notificationEmail, undefined);
  });

  it('natural questions in both languages get their answers', async () => {
    const cases: [typeof ALEX, string, string, string][] = [
      [ALEX, 'who r the global admins', 'en-US', 'Global admin: 1'],
      [PATTI, 'quel est mon role', 'fr-FR', 'Vos rôles'],
      [ALEX, 'what can Adele do?', 'en-US', 'Roles of Adele Vance'],
      [ALEX, 'wat can a biling admin do', 'en-US', 'What a Billing admin can do'],
      [NESTOR, 'show our company profile', 'en-US', 'Company profile of Contoso Cloud Services'],
      [PATTI, 'premiers pas', 'fr-FR', 'Configurer votre compte partenaire : 4 étapes sur 6'],
    ];
    for (const [sender, text, locale, title] of cases) {
      const { card, replies } = await say(sender, text, locale);
      const first = card ? cardTexts(card)[0] : (replies[0] as { text?: string })?.text;
      assert.ok(first?.startsWith(title), `${text} → ${first}`);
    }
  });

  it('the company profile shows only the sections the asker may see, in natural French', async () => {
    const { card: full } = await say(ALEX, "profil de l'organisation", 'fr-FR');
    const fullTexts = cardTexts(full);
    assert.ok(fullTexts.includes('Contact juridique'), fullTexts.join(' | '));
    assert.ok(
      fullTexts.some((text) => text.startsWith('Autorisée : ')),
      fullTexts.join(' | '),
    );
    const { card: limited } = await say(LYNNE, 'show our company profile');
    const limitedTexts = cardTexts(limited);
    assert.ok(
      !limitedTexts.includes('Legal contact') && !limitedTexts.includes('Legal name'),
      limitedTexts.join(' | '),
    );
    assert.ok(limitedTexts.includes('Verification'), limitedTexts.join(' | '));
  });

  describe('every intent from natural phrasing, in English and in French', () => {
    // [intent, English, French, what the first reply starts with in English, in French]
    const CASES: [string, string, string, string, string][] = [
      ['help', 'hi there, what can you do?', 'bonjour, que sais-tu faire ?', 'What I can do', 'Ce que je sais faire'],
      ['cancel', 'never mind', 'laisse tomber', 'There is nothing to cancel', "Il n'y a rien à annuler"],
      [
        'add_user',
        'can you add a new team member please',
        'peux-tu ajouter un nouveau collaborateur ?',
        'Add a user',
        'Ajouter un utilisateur',
      ],
      [
        'assign_roles',
        'make lynne a billing admin',
        "donne à Lynne le rôle d'agent du support",
        'Change the roles of Lynne Robbins?',
        "Modifier les rôles de l'utilisateur Lynne Robbins ?",
      ],
      [
        'remove_roles',
        'take away sales agent from adele',
        'retire le rôle agent commercial à Adèle',
        'Change the roles of Adele Vance?',
        "Modifier les rôles de l'utilisateur Adele Vance ?",
      ],
      [
        'remove_user',
        'Diego left the company, remove him',
        'supprime Diego Siciliani',
        'Remove Diego Siciliani?',
        'Supprimer Diego Siciliani ?',
      ],
      [
        'update_notification_email',
        'where do my notifications go',
        "changer l'email de notification",
        'Your notification email',
        'Votre e-mail de notification',
      ],
      ['my_role', 'wat is my rol', 'quel est mon role', 'Your roles in', 'Vos rôles chez'],
      [
        'user_roles',
        'what can Adele do?',
        "quels sont les rôles d'Adèle",
        'Roles of Adele Vance',
        "Rôles d'Adele Vance",
      ],
      [
        'role_holders',
        'who r the global admins',
        'qui sont les admins globaux',
        'Global admin: 1',
        'Administrateur général : 1',
      ],
      [
        'role_permissions',
        'wat can a biling admin do',
        "c'est quoi un agent admin ?",
        'What a Billing admin can do',
        "Ce que permet le rôle Agent d'administration",
      ],
      [
        'role_for_task',
        'which role do I need to manage incentives',
        'de quel rôle ai-je besoin pour gérer les primes incitatives',
        'The role you need',
        "Le rôle qu'il vous faut",
      ],
      [
        'programs',
        'are we in the CSP program?',
        'sommes-nous inscrits au CSP ?',
        'Programs of Contoso Cloud Services',
        'Programmes de Contoso Cloud Services',
      ],
      [
        'org_profile',
        'show our company profile',
        "profil de l'organisation",
        'Company profile of Contoso Cloud Services',
        "Profil de l'entreprise Contoso Cloud Services",
      ],
      [
        'onboarding',
        'get started',
        'premiers pas',
        'Set up your partner account: 4 of 6 done',
        'Configurer votre compte partenaire : 4 étapes sur 6',
      ],
      [
        'set_language',
        'talk to me in english',
        'parlez-moi en français svp',
        "OK, I'll answer you in English from now on.",
        'D’accord',
      ],
    ];
    for (const [intent, english, french, englishReply, frenchReply] of CASES) {
      it(`${intent}: "${english}" / "${french}"`, async () => {
        for (const [text, locale, expected] of [
          [english, 'en-US', englishReply],
          [french, 'fr-FR', frenchReply],
        ] as const) {
          const sender = intent === 'set_language' ? MEGAN : ALEX;
          const { card, replies } = await say(sender, text, locale);
          const first = card ? cardTexts(card)[0] : (replies[0] as { text?: string })?.text;
          assert.ok(first?.replace(/’/g, "'").startsWith(expected.replace(/’/g, "'")), `${text} → ${first}`);
        }
      });
    }
  });
});
