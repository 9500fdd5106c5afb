import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../helpers/botHarness.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE } from '../helpers/people.js';
import { recognize } from '../../src/language/recognizer.js';
import { DEMO_USERS } from '../../src/store/demoOrganization.js';

/**
 * A question is not an order (issue 16): the same words asked about, reported, put off or meant for
 * another system get a lookup, the history, an acknowledgement or a plain "not something I do",
 * in both languages; never a change card, and nothing is left open to confirm.
 */
describe('conversation: what is asked, not only what is named', () => {
  let bot: Harness;
  beforeEach(async () => {
    bot = await createHarness();
  });
  afterEach(async () => bot.cleanup());

  const FR = { locale: 'fr-FR' };
  const ask = async (text: string, options = {}) => (await bot.send(messageActivity(ALEX, text, options)))[0];
  const title = (reply: unknown) => cardTexts(firstCard(reply as never))[0];
  /** Nothing waits for a confirmation: "cancel" finds no open form. */
  const nothingOpen = async () => assert.equal((await ask('cancel'))?.text, 'There is nothing to cancel.');

  it('a question about a change is answered with what the person or role has, not the change', async () => {
    assert.equal(title(await ask('what would happen if I removed Adele?')), 'Roles of Adele Vance');
    await nothingOpen();
    assert.equal(
      title(await ask('if I give Megan the global admin role, could she see invoices?')),
      'What a Global admin can do',
    );
    await nothingOpen();
    assert.equal(
      title(await ask('que se passerait-il si je retirais Isaiah du compte ?', FR)),
      "Rôles d'Isaiah Langer",
    );
    await nothingOpen();
  });

  it('a report of the past is the history of whom it is about', async () => {
    assert.equal(title(await ask('who removed Diego?')), 'What changed for Diego Siciliani');
    assert.equal(title(await ask("qui a changé les rôles d'Adèle ?", FR)), 'Ce qui a changé pour Adele Vance');
    await nothingOpen();
  });

  it('a report about a part of the account is the history of that part only', async () => {
    // One change of roles, so the organization's history holds something the primary contact's must not.
    const proposal = firstCard((await ask('make Lynne a billing admin')) as never);
    await bot.send(executeActivity(ALEX, 'edit_roles.confirm', actionData(proposal, 'edit_roles.confirm')));
    const roles = cardTexts(firstCard((await ask('who changed the roles recently?')) as never));
    assert.equal(roles[0], 'Changes to roles');
    assert.ok(roles.some((text) => text.includes('Lynne Robbins')));
    const contact = cardTexts(firstCard((await ask('qui a modifié le contact principal ?', FR)) as never));
    assert.equal(contact[0], 'Modifications du contact principal');
    assert.ok(contact.includes("Rien n'a encore été enregistré."));
    assert.ok(!contact.some((text) => text.includes('Lynne')));
  });

  it('which role for a task names the role that does it: "pour les factures" is the Billing admin', async () => {
    const answer = cardTexts(firstCard((await ask("j'ai besoin de quel rôle pour les factures", FR)) as never));
    assert.ok(
      answer.some((text) => text.includes('Administrateur de facturation')),
      answer.join(' | '),
    );
    assert.ok(!answer.some((text) => text.includes('adresse de facturation')), answer.join(' | '));
  });

  it('a change put off does nothing, and says so', async () => {
    const later = await ask("I was going to delete Lynne but let's hold off until next week");
    assert.match(later?.text ?? '', /haven't changed anything/);
    assert.equal(later?.attachments, undefined);
    const plusTard = await ask('je voulais supprimer Johanna mais on verra ça plus tard', FR);
    assert.match(plusTard?.text ?? '', /je n'ai rien modifié/);
    await nothingOpen();
  });

  it('a word of time describes a request as often as it puts it off: the request is proposed, "later" is not', async () => {
    const form = JSON.stringify(
      firstCard(
        (await ask(
          'Hey, Rachel Green starts tomorrow in finance, could you add her as financial contributor? rachelg@contoso.com',
        )) as never,
      ),
    );
    assert.match(form, /"value":"Rachel Green"/);
    assert.match(form, /rachelg@contoso\.com/);
    await ask('cancel');
    const later = await ask('ajoute Rachel Green plus tard', FR);
    assert.match(later?.text ?? '', /je n'ai rien modifié/);
    assert.match((await ask('ne supprime personne aujourd’hui', FR))?.text ?? '', /Vous voulez dire|rien modifié/);
    await nothingOpen();
  });

  it('a negation rules out the verb it stands by, not the whole message', async () => {
    assert.equal(
      title(await ask("remove the sales role from Adele but don't delete her account")),
      'Change the roles of Adele Vance?',
    );
    await ask('cancel');
    const dont = await ask("don't delete Adele");
    assert.equal(title(dont) === 'Remove Adele Vance?', false);
    await nothingOpen();
  });

  it('a new name written in lowercase is a new person', async () => {
    const form = JSON.stringify(firstCard((await ask('ajoute zoé lambert svp', FR)) as never));
    assert.match(form, /"value":"(Zoé Lambert|zoé lambert)"/);
  });

  it('a request for another system is said to be out of scope, with what the bot does', async () => {
    const shown = cardTexts(firstCard((await ask('please remove Megan from the sales distribution list')) as never));
    assert.ok(shown.some((text) => text.startsWith("That isn't something I can do")));
    assert.ok(shown.includes('Add a user'));
    const french = cardTexts(firstCard((await ask('retire Adele de la liste de diffusion marketing', FR)) as never));
    assert.ok(
      french.some(
        (text) => text.startsWith('Je ne peux pas m’en occuper') || text.startsWith("Je ne peux pas m'en occuper"),
      ),
    );
    await nothingOpen();
  });

  it('a wish stated as a fact proposes the change, through the usual confirmation', async () => {
    assert.equal(title(await ask("Isaiah doesn't need helpdesk anymore")), 'Change the roles of Isaiah Langer?');
    await ask('cancel');
    assert.equal(title(await ask('Diego never accepted the invite, get rid of him')), 'Remove Diego Siciliani?');
    await ask('cancel');
    // The primary contact changes; nobody is removed.
    const contact = cardTexts(
      firstCard((await ask("le contact principal c'est plus Alex, c'est Nestor", FR)) as never),
    );
    assert.ok(
      contact.some((text) => text.includes('contact principal')),
      contact.join(' | '),
    );
    assert.ok(!contact.some((text) => text.startsWith('Supprimer')), contact.join(' | '));
  });

  it('colloquial verbs are understood: demote, kick out, "passe … en", "suppr"', async () => {
    assert.equal(title(await ask('kick out Diego')), 'Remove Diego Siciliani?');
    await ask('cancel');
    assert.equal(
      title(await ask('passe Patti en admin général', FR)),
      "Modifier les rôles de l'utilisateur Patti Fernandez ?",
    );
    await ask('cancel', FR);
    assert.equal(title(await ask('suppr Johanna stp', FR)), 'Supprimer Johanna Lorenz ?');
  });

  it('a new person is a new person: the add-user form carries the name written, never a colleague', async () => {
    const form = JSON.stringify(
      firstCard((await ask('Bonjour, nous avons une nouvelle recrue, Camille Petit', FR)) as never),
    );
    assert.match(form, /"value":"Camille Petit"/);
    assert.doesNotMatch(form, /Adele/);
  });

  it('casual ways to ask for help and to start', async () => {
    assert.equal(title(await ask('tu sers à quoi ?', FR)), 'Ce que je sais faire');
    const start = cardTexts(firstCard((await ask('how do I get started?')) as never));
    assert.ok(start.length > 0);
    assert.notEqual(start[0], 'Did you mean…');
  });

  it('when the reading is unsure it asks, with the readings as buttons, and changes nothing', async () => {
    // Terse fragments the corpus has few of; which of them the trained model is unsure of may change
    // with the corpus, so the test takes the first the recognizer marks unsure.
    const fragments = ['lynne executive reports', 'Nestor users', 'Diego helpdesk', 'Isaiah helpdesk?', 'patti MPN'];
    const users = DEMO_USERS;
    const unsure = fragments.find((text) => recognize(text, { users }).unsure);
    assert.ok(unsure, 'none of the fragments is read as unsure');
    const readings = recognize(unsure, { users }).suggestions ?? [];
    assert.ok(readings.length >= 1);
    const reply = firstCard((await ask(unsure)) as never);
    assert.equal(cardTexts(reply)[0], 'Which one did you mean?');
    for (const intent of readings) assert.match(JSON.stringify(reply), new RegExp(`"command":"${intent}"`));
    await nothingOpen();
  });

  it('a request about oneself is about the admin writing: "make me a billing admin", "enlève-moi…"', async () => {
    const proposal = cardTexts(firstCard((await ask('make me a billing admin')) as never));
    assert.equal(proposal[0], 'Change the roles of Alex Wilber?');
    assert.ok(proposal.includes('Billing admin'), proposal.join(' | '));
    await ask('cancel');
    // Asked by someone whose roles do not allow it: refused when asked, nothing left open.
    const [refused] = await bot.send(messageActivity(LYNNE, 'give me the helpdesk role'));
    assert.equal(
      refused?.text,
      "Your roles don't let you give or take away: Helpdesk agent. Ask Alex Wilber or Nestor Wilke.",
    );
    assert.equal((await bot.send(messageActivity(LYNNE, 'cancel')))[0]?.text, 'There is nothing to cancel.');
    // A role only a Global admin gives: the refusal says so and names the Global admins, in either language.
    const [globalAdmin] = await bot.send(messageActivity(LYNNE, 'make me a global admin'));
    assert.equal(globalAdmin?.text, 'Only a Global admin can give or take away: Global admin. Ask Alex Wilber.');
    const [french] = await bot.send(messageActivity(LYNNE, 'fais de moi un administrateur général', FR));
    assert.equal(
      french?.text,
      'Seul un administrateur général peut attribuer ou retirer : Administrateur général. Demandez à Alex Wilber.',
    );
    // The same words asked as a question are the people who can give it.
    assert.equal(title(await ask('who can make me a billing admin?')), 'Who can give Billing admin');
  });

  it('a plain request still gets its confirmation', async () => {
    assert.equal(title(await ask('remove Adele')), 'Remove Adele Vance?');
    await ask('cancel');
    assert.equal(title(await ask('retire Megan du compte', FR)), 'Supprimer Megan Bowen ?');
  });
});
