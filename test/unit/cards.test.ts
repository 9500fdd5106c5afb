import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { expandCard, UnresolvedBindingError } from '../../src/bot/cards.js';
import { CARDS_DIR } from '../../src/paths.js';
import { adaptiveCardProblems } from '../helpers/adaptiveCards.js';
import { cardTexts } from '../helpers/cardText.js';

/** Sample data for every template in cards/: a template without one fails the suite. */
const SAMPLES: Record<string, object[]> = {
  help: [
    {
      title: 'What I can do',
      intro: 'Pick a task below.',
      footer: 'Type "help" at any time.',
      capabilities: [
        { title: 'My role', description: 'See your roles.', command: 'my_role' },
        { title: 'Programs', description: 'See programs.', command: 'programs' },
      ],
    },
  ],
  'my-role': [
    {
      title: 'Your roles in Contoso',
      noRoles: 'You have no role.',
      roles: [{ name: 'Global admin', family: 'Microsoft Entra role', summary: 'Everything.', canDoHeading: 'What you can do', permissions: '- Add users\n- Remove users' }],
      askAdmins: 'Ask: Megan.',
    },
    { title: 'Your roles in Contoso', noRoles: 'You have no role.', roles: [], askAdmins: 'Ask your Global admin.' },
  ],
  programs: [
    {
      title: 'Programs of Contoso',
      verification: 'Account verification: Authorized',
      verificationMeaning: 'Verified.',
      none: 'No program.',
      programs: [
        { name: 'CSP', status: 'Active', color: 'Good', meaning: 'Working.', since: 'Since June 2, 2021', whoCanAct: '' },
        { name: 'Marketplace', status: 'Qualified', color: 'Accent', meaning: 'Sign.', since: 'Since Oct 28, 2026', whoCanAct: 'Who can act: Global admin' },
      ],
    },
    { title: 'Programs of Contoso', verification: 'Account verification: Not started', verificationMeaning: 'Not yet.', none: 'No program.', programs: [] },
  ],
};

describe('card templates', () => {
  const templates = readdirSync(CARDS_DIR).filter((name) => name.endsWith('.json')).map((name) => name.replace(/\.json$/, ''));

  it('every template has sample data in this test', () => {
    assert.deepEqual(templates.filter((name) => !SAMPLES[name]), []);
  });

  for (const name of templates) {
    it(`${name}: expands with no unresolved binding and passes the Adaptive Cards 1.5 parser`, () => {
      for (const sample of SAMPLES[name] ?? []) {
        const card = expandCard(name, sample);
        assert.deepEqual(adaptiveCardProblems(card), []);
        assert.ok(cardTexts(card).every((text) => text.trim().length > 0), `${name} shows an empty text`);
      }
    });
  }

  it('refuses to render a card with a binding the data did not fill', () => {
    assert.throws(() => expandCard('help', { title: 'x', intro: 'y', capabilities: [] }), UnresolvedBindingError);
  });

  it('shows what a person typed literally, never as a template', () => {
    const card = expandCard('help', {
      title: '${footer}',
      intro: '${if(true, "a", "b")}',
      footer: 'f',
      capabilities: [{ title: '${command}', description: 'd', command: 'my_role' }],
    });
    const texts = cardTexts(card).join('\n');
    assert.match(texts, /^\$\u200D\{footer\}/);
    assert.ok(texts.includes('$\u200D{if(true, "a", "b")}'));
  });

  it('the parser check itself catches a bad card (so the test above can fail)', () => {
    assert.notDeepEqual(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope' }] }), []);
    assert.notDeepEqual(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] }), []);
  });
});
