import assert from 'node:assert/strict';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity, teamsActivity } from '../helpers/activities.js';
import { actionData, cardInputs, cardTexts, firstCard, invokeCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, NESTOR, PATTI, TENANT } from '../helpers/people.js';
import type { RoleId } from '../../src/domain/roles.js';

/** Changing roles and removing users: what the admin sees, what the store holds, what the audit log says. */
describe('conversation: change roles and remove users', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const org = () => bot.store.organization(TENANT)!.read();
  const user = (id: string) => org().users.find((candidate) => candidate.id === id)!;
  const onRoles = (card: unknown) =>
    Object.entries(cardInputs(card))
      .filter(([id, value]) => id.startsWith('role_') && value === 'true')
      .map(([id]) => id.slice(5));

  async function openEditor(sender: typeof ALEX, text: string, locale = 'en-US') {
    const [reply] = await bot.send(messageActivity(sender, text, { locale }));
    const card = firstCard(reply as never);
    return { card, flowId: actionData(card, 'edit_roles.save').flowId as string };
  }

  function toggles(roles: RoleId[], card: unknown): Record<string, string> {
    return Object.fromEntries(
      Object.keys(cardInputs(card))
        .filter((id) => id.startsWith('role_'))
        .map((id) => [id, roles.includes(id.slice(5) as RoleId) ? 'true' : 'false']),
    );
  }

  async function save(sender: typeof ALEX, flowId: string, fields: Record<string, string>, locale = 'en-US') {
    return invokeCard(await bot.send(executeActivity(sender, 'edit_roles.save', { flowId, ...fields }, { locale })));
  }

  async function setRoles(userId: string, roles: RoleId[]) {
    await bot.store.organization(TENANT)!.change((current, { now }) => ({
      next: {
        ...current,
        users: current.users.map((record) =>
          record.id === userId
            ? {
                ...record,
                roles,
                revision: record.revision + 1,
                updatedAt: now,
                updatedBy: { userId: 'u-nestor', displayName: 'Nestor Wilke' },
              }
            : record,
        ),
      },
      result: undefined,
      audit: [
        {
          actor: { userId: 'u-nestor', displayName: 'Nestor Wilke' },
          action: 'user.roles_changed',
          target: { type: 'user', id: userId },
          outcome: 'applied',
        },
      ],
    }));
  }

  it('"change roles of Adèle" opens her roles as toggles, switched on for the roles she has', async () => {
    const { card } = await openEditor(ALEX, 'change roles of Adèle');
    assert.equal(cardTexts(card)[0], 'Roles of Adele Vance');
    assert.deepEqual(onRoles(card).sort(), ['referrals_admin', 'sales_agent']);
  });

  it('"assign roles" lists the users; a name typed in the chat picks one; several matches give a choice', async () => {
    const [picker] = await bot.send(messageActivity(ALEX, 'assign roles'));
    const pickerTexts = cardTexts(firstCard(picker as never));
    assert.equal(pickerTexts[0], 'Whose roles do you want to change?');
    assert.ok(pickerTexts.includes('Megan Bowen'));
    // A small organization is listed whole, invited users included.
    assert.equal(cardTexts(firstCard(picker as never)).filter((text) => text === 'Choose').length, 9);
    assert.ok(pickerTexts.includes('Diego Siciliani'));
    const [typed] = await bot.send(messageActivity(ALEX, 'megan'));
    assert.equal(cardTexts(firstCard(typed as never))[0], 'Roles of Megan Bowen');

    const again = await bot.send(messageActivity(ALEX, 'change roles'));
    assert.equal(again[0]?.text, 'I closed your unfinished form (changing roles); nothing from it was saved.');
    const flowId = actionData(firstCard(again[1] as never), 'pick_user.search').flowId as string;
    const several = invokeCard(await bot.send(executeActivity(ALEX, 'pick_user.search', { flowId, query: 'a' })));
    assert.ok(cardTexts(several).includes('Matching users'));
    const chosen = invokeCard(await bot.send(executeActivity(ALEX, 'pick_user.choose', { flowId, userId: 'u-patti' })));
    assert.equal(cardTexts(chosen)[0], 'Roles of Patti Fernandez');
    const third = (await bot.send(messageActivity(ALEX, 'change roles'))).at(-1);
    const none = invokeCard(
      await bot.send(
        executeActivity(ALEX, 'pick_user.search', {
          flowId: actionData(firstCard(third as never), 'pick_user.search').flowId,
          query: 'zebulon',
        }),
      ),
    );
    assert.ok(cardTexts(none).includes('No user matches "zebulon". Check the spelling, or try part of the name.'));
  });

  it('saving applies the difference, shows it, and audits before and after', async () => {
    const { card, flowId } = await openEditor(ALEX, 'change roles of adele');
    const done = await save(ALEX, flowId, toggles(['sales_agent', 'report_viewer'], card));
    const texts = cardTexts(done);
    assert.equal(texts[0], 'Roles of Adele Vance updated');
    assert.deepEqual(texts.slice(texts.indexOf('Added'), texts.indexOf('Added') + 6), [
      'Added',
      'Report viewer',
      'Removed',
      'Referrals admin',
      'Roles now',
      'Sales agent and Report viewer',
    ]);
    assert.deepEqual(user('u-adele').roles, ['sales_agent', 'report_viewer']);
    const entry = org().audit.at(-1);
    assert.equal(entry?.action, 'user.roles_changed');
    assert.deepEqual(entry?.before, { roles: ['sales_agent', 'referrals_admin'] });
    assert.deepEqual((entry?.after as { added: string[]; removed: string[] }).added, ['report_viewer']);
  });

  it('a role whose toggle does not come back is kept (a closed family), never taken away by silence', async () => {
    const { flowId } = await openEditor(ALEX, 'change roles of adele');
    // Only the Microsoft Entra family came back, with Report viewer's toggle from the company family off.
    const done = await save(ALEX, flowId, { role_global_admin: 'false', role_sales_agent: 'true' });
    assert.equal(cardTexts(done).includes('Removed'), false, cardTexts(done).join(' | '));
    assert.deepEqual(user('u-adele').roles, ['sales_agent', 'referrals_admin']);
    // Nothing changed, so the form is still open: now Referrals admin's toggle comes back off.
    const off = await save(ALEX, flowId, { role_referrals_admin: 'false' });
    assert.equal(cardTexts(off)[0], 'Roles of Adele Vance updated');
    assert.deepEqual(user('u-adele').roles, ['sales_agent']);
  });

  it('giving a privileged role asks for a confirmation before anything is saved', async () => {
    const { card, flowId } = await openEditor(ALEX, 'change roles of adele');
    const confirm = await save(
      ALEX,
      flowId,
      toggles(['sales_agent', 'referrals_admin', 'user_management_admin'], card),
    );
    assert.equal(cardTexts(confirm)[0], 'Confirm a privileged role');
    assert.deepEqual(user('u-adele').roles, ['sales_agent', 'referrals_admin']);
    const done = invokeCard(await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId })));
    assert.equal(cardTexts(done)[0], 'Roles of Adele Vance updated');
    assert.ok(user('u-adele').roles.includes('user_management_admin'));
  });

  it('a privileged role can be given for a time: the confirmation asks how long, the outcome says until when', async () => {
    const { card, flowId } = await openEditor(ALEX, 'change roles of adele');
    const confirm = await save(ALEX, flowId, toggles(['sales_agent', 'referrals_admin', 'admin_agent'], card));
    assert.ok(cardTexts(confirm).includes('For 1 day'), cardTexts(confirm).join(' | '));
    const before = Date.now();
    const done = invokeCard(await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId, duration: 'P1D' })));
    assert.ok(cardTexts(done).includes('Until'), cardTexts(done).join(' | '));
    const [temporary] = user('u-adele').temporaryRoles ?? [];
    assert.equal(temporary?.roleId, 'admin_agent');
    assert.equal(temporary?.grantedBy.userId, 'u-alex');
    const end = Date.parse(temporary.until);
    assert.ok(end >= before + 86_400_000 - 1_000 && end <= Date.now() + 86_400_000 + 1_000);
    // A forged duration is not read: nothing is saved.
    const again = await openEditor(ALEX, 'change roles of megan');
    await save(ALEX, again.flowId, toggles(['billing_admin', 'incentives_admin', 'admin_agent'], again.card));
    const forged = invokeCard(
      await bot.send(executeActivity(ALEX, 'edit_roles.confirm', { flowId: again.flowId, duration: 'P99Y' })),
    );
    assert.ok(!user('u-megan').roles.includes('admin_agent'), cardTexts(forged).join(' | '));
  });

  it('the last active Global admin cannot lose the role: refused, nothing saved, refusal audited', async () => {
    const { card, flowId } = await openEditor(ALEX, 'change roles of alex');
    const refused = await save(ALEX, flowId, toggles(['billing_admin'], card));
    assert.ok(
      cardTexts(refused).includes(
        "This is the organization's last active Global admin: add another Global admin first.",
      ),
    );
    assert.deepEqual(user('u-alex').roles, ['global_admin']);
    const entry = org().audit.at(-1);
    assert.deepEqual([entry?.outcome, entry?.reason, entry?.target.id], ['refused', 'last_global_admin', 'u-alex']);
  });

  it('a user keeps at least one role', async () => {
    const { card, flowId } = await openEditor(ALEX, 'change roles of adele');
    const refused = await save(ALEX, flowId, toggles([], card));
    assert.ok(cardTexts(refused).includes('A user must keep at least one role.'));
    assert.deepEqual(user('u-adele').roles, ['sales_agent', 'referrals_admin']);
  });

  it('an Account admin changes company roles only: Entra roles are shown locked, and forging one is refused and audited', async () => {
    const { card, flowId } = await openEditor(PATTI, 'modifier les rôles de Adele', 'fr-FR');
    const inputs = cardInputs(card);
    assert.ok(!('role_sales_agent' in inputs), 'Sales agent (Entra) has no toggle');
    assert.ok('role_referrals_admin' in inputs && 'role_report_viewer' in inputs);
    assert.ok(cardTexts(card).includes('Agent commercial (vous ne pouvez pas modifier ce rôle)'));
    // Untick nothing Entra (it is locked), add a company role: allowed.
    const done = await save(
      PATTI,
      flowId,
      { ...toggles(['referrals_admin', 'report_viewer'], card), role_sales_agent: 'false' },
      'fr-FR',
    );
    assert.equal(cardTexts(done)[0], "Rôles d'Adele Vance mis à jour");
    assert.deepEqual([...user('u-adele').roles].sort(), ['referrals_admin', 'report_viewer', 'sales_agent']);
    // Forged: an Entra role switched on in the card data.
    const second = await openEditor(PATTI, 'modifier les rôles de Adele', 'fr-FR');
    const refused = await save(
      PATTI,
      second.flowId,
      { ...toggles(['referrals_admin', 'report_viewer'], second.card), role_billing_admin: 'true' },
      'fr-FR',
    );
    assert.ok(
      cardTexts(refused).some((text) => text.includes('Administrateur de facturation')),
      cardTexts(refused).join(' | '),
    );
    assert.ok(!user('u-adele').roles.includes('billing_admin'));
    assert.deepEqual([org().audit.at(-1)?.outcome, org().audit.at(-1)?.reason], ['refused', 'company_roles_only']);
  });

  it('a card shown before someone else changed the user is stale: the admin gets the fresh roles, nothing is overwritten', async () => {
    const { card, flowId } = await openEditor(ALEX, 'change roles of adele');
    await setRoles('u-adele', ['sales_agent', 'cosell_solution_admin']);
    const stale = await save(ALEX, flowId, toggles(['sales_agent', 'referrals_admin', 'report_viewer'], card));
    assert.ok(
      cardTexts(stale).includes(
        'Adele Vance was changed by Nestor Wilke after this card was shown. Here are the roles as they are now: review them and save again.',
      ),
    );
    assert.deepEqual(onRoles(stale).sort(), ['cosell_solution_admin', 'sales_agent']);
    assert.deepEqual(user('u-adele').roles, ['sales_agent', 'cosell_solution_admin']);
  });

  it('someone without role rights is refused when asking', async () => {
    const [reply] = await bot.send(messageActivity(LYNNE, 'change roles of adele'));
    assert.match(reply?.text ?? '', /Your roles don't let you give or take away any role\. Ask Alex Wilber, /);
  });

  it('removing a user: confirmation, then the record is kept as removed and audited', async () => {
    const { card } = await openEditor(ALEX, 'change roles of adele');
    const removeButton = (card.actions as { title: string; data?: Record<string, string> }[]).find(
      (action) => action.title === 'Remove this user',
    );
    assert.deepEqual(removeButton?.data, { command: 'remove_user', userId: 'u-adele' });
    const confirmReply = (await bot.send(teamsActivity(ALEX, { type: 'message', value: removeButton?.data }))).at(-1);
    const confirm = firstCard(confirmReply as never);
    assert.equal(cardTexts(confirm)[0], 'Remove Adele Vance?');
    assert.equal(user('u-adele').status, 'active', 'nothing happens before the confirmation');
    const done = invokeCard(
      await bot.send(executeActivity(ALEX, 'remove_user.confirm', actionData(confirm, 'remove_user.confirm'))),
    );
    assert.equal(cardTexts(done)[0], 'Adele Vance was removed');
    assert.equal(user('u-adele').status, 'removed');
    assert.deepEqual(user('u-adele').roles, ['sales_agent', 'referrals_admin'], 'the record keeps what they had');
    assert.equal(org().audit.at(-1)?.action, 'user.removed');
    const [lookup] = await bot.send(messageActivity(ALEX, 'who are the sales agents'));
    assert.ok(!cardTexts(firstCard(lookup as never)).some((text) => text.includes('Adele')));
  });

  it('removing someone with a privileged role is announced to the other Global admins; whom it could not tell is said', async () => {
    // Nestor is a Global admin too, and has never written to the bot: he cannot be told.
    const tenant = bot.store.organization(TENANT)!;
    const nestor = user('u-nestor');
    await tenant.change((current, { now }) =>
      changeRoles(current, 'u-alex', 'u-nestor', [...nestor.roles, 'global_admin'], nestor.revision, now),
    );
    const confirm = firstCard(
      (
        await bot.send(teamsActivity(ALEX, { type: 'message', value: { command: 'remove_user', userId: 'u-isaiah' } }))
      ).at(-1) as never,
    );
    const done = cardTexts(
      invokeCard(
        await bot.send(executeActivity(ALEX, 'remove_user.confirm', actionData(confirm, 'remove_user.confirm'))),
      ),
    );
    assert.equal(done[0], 'Isaiah Langer was removed');
    assert.ok(done.includes('Nestor Wilke'), done.join(' | '));
    assert.ok(
      done.some((text) => text.startsWith('Could not be told')),
      done.join(' | '),
    );
  });

  it('only a Global admin removes a Global admin, and nobody removes themselves', async () => {
    const [byNestor] = await bot.send(messageActivity(NESTOR, 'remove user alex'));
    // The only Global admin cannot remove himself, so no one else can either.
    assert.ok(
      cardTexts(firstCard(byNestor as never)).includes(
        'Only a Global admin can remove a Global admin. No one else in the organization can do it either.',
      ),
    );
    const [self] = await bot.send(messageActivity(ALEX, 'remove user alex'));
    // Alex is the only Global admin: no one else can remove him either.
    assert.ok(
      cardTexts(firstCard(self as never)).includes(
        "You can't remove yourself. No one else in the organization can do it either.",
      ),
    );
    assert.equal(user('u-alex').status, 'active');
  });

  it('a user id from card data that is not in this organization finds nobody', async () => {
    const [picker] = await bot.send(messageActivity(ALEX, 'change roles'));
    const flowId = actionData(firstCard(picker as never), 'pick_user.search').flowId as string;
    const card = invokeCard(
      await bot.send(executeActivity(ALEX, 'pick_user.choose', { flowId, userId: 'u-from-another-tenant' })),
    );
    assert.equal(cardTexts(card)[0], 'Whose roles do you want to change?');
  });
});
