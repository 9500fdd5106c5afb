import assert from 'node:assert/strict';
import { DATA_CHANGING_INTENTS, INTENTS } from '../../src/language/intents.js';
import { recognize } from '../../src/language/recognizer.js';
import { DEMO_USERS } from '../../src/store/demoOrganization.js';
import { describeMiss, evaluate } from './evaluate.js';
import { HELD_OUT } from './heldOutUtterances.js';
import { LABELLED } from './labelledUtterances.js';

const INTENT_ACCURACY_BAR = 0.97;
const ENTITY_ACCURACY_BAR = 0.97;
/** Wording never tuned on: a lower bar, so that a new utterance there is information, not a failure. */
const HELD_OUT_BAR = 0.85;

describe('the recognizer on the labelled set', () => {
  const evaluation = evaluate(LABELLED);

  it('has at least 300 utterances, every intent and "none", in both languages', () => {
    assert.ok(LABELLED.length >= 300, `${LABELLED.length} utterances`);
    for (const intent of [...INTENTS, 'none'])
      assert.ok(
        LABELLED.some(([, expected]) => expected === intent),
        `no utterance for ${intent}`,
      );
    const french = LABELLED.filter(([text]) => /[àâçéèêëîïôûù]|\b(le|la|les|de|des|mon|quel|qui|est)\b/i.test(text));
    assert.ok(french.length >= 80, `${french.length} French utterances`);
  });

  it(`reads at least ${INTENT_ACCURACY_BAR * 100}% of intents right`, () => {
    const accuracy = evaluation.intentCorrect / evaluation.total;
    assert.ok(
      accuracy >= INTENT_ACCURACY_BAR,
      `accuracy ${(accuracy * 100).toFixed(1)}%\n${evaluation.misses.map(describeMiss).join('\n')}`,
    );
  });

  it(`finds the people, roles, emails, programs and language named, in at least ${ENTITY_ACCURACY_BAR * 100}% of the utterances that name them`, () => {
    const accuracy = evaluation.entitiesCorrect / evaluation.withEntities;
    assert.ok(evaluation.withEntities >= 150, `${evaluation.withEntities} utterances with entities`);
    assert.ok(
      accuracy >= ENTITY_ACCURACY_BAR,
      `entity accuracy ${(accuracy * 100).toFixed(1)}%\n${evaluation.entityMisses.map(describeMiss).join('\n')}`,
    );
  });

  it('never reads an out-of-scope utterance as a request to change data', () => {
    assert.deepEqual(evaluation.outOfScopeActed.map(describeMiss), []);
  });
});

describe('the recognizer on wording it was not tuned on', () => {
  it(`reads at least ${HELD_OUT_BAR * 100}% of the held-out utterances right, and acts on none of the out-of-scope ones`, () => {
    const evaluation = evaluate(HELD_OUT);
    const accuracy = evaluation.intentCorrect / evaluation.total;
    assert.ok(
      accuracy >= HELD_OUT_BAR,
      `held-out accuracy ${(accuracy * 100).toFixed(1)}%\n${evaluation.misses.map(describeMiss).join('\n')}`,
    );
    assert.deepEqual(evaluation.outOfScopeActed.map(describeMiss), []);
  });
});

describe('the recognizer never acts on a guess', () => {
  const users = DEMO_USERS;
  const dataChanging = (text: string) => DATA_CHANGING_INTENTS.has(recognize(text, { users }).intent);

  it('reads no data change into chatter, commands of other apps, or negations', () => {
    const texts = [
      'delete',
      'remove it',
      'give',
      'make it so',
      'add more',
      'set',
      'change',
      'update',
      'supprimer',
      'ajouter',
      'donne',
      'please',
      'remove the watermark',
      'delete the channel',
      'add a tab',
      'create a team',
      'give feedback',
      'make a call',
      'set a reminder for Adele',
      "don't make Megan a billing admin",
      'never delete Lynne',
      'ne donne pas le rôle administrateur général à Lynne',
      'do not add a user',
      // A word one letter from a role ("killing" / "billing") is a typo forgiven, which lowers the
      // score: not enough to propose a change on.
      'ugh quarter end is killing me',
      'ne supprime personne aujourd’hui',
      'when was isaiah given admin agent',
    ];
    assert.deepEqual(texts.filter(dataChanging), []);
  });

  it('reads a request to change data only with both the change and what it changes', () => {
    assert.equal(recognize('make Megan a billing admin', { users }).intent, 'assign_roles');
    assert.equal(recognize('make Megan', { users }).intent, 'none');
    assert.equal(recognize('remove Megan', { users }).intent, 'remove_user');
    assert.equal(recognize('remove', { users }).intent, 'none');
  });

  it('gives "did you mean" suggestions for what it does not understand, from what the message named', () => {
    const megan = recognize('Megan', { users });
    assert.equal(megan.intent, 'none');
    assert.deepEqual(
      megan.entities.people?.map((person) => person.id),
      ['u-megan'],
    );
    assert.ok(megan.suggestions?.includes('user_roles'), megan.suggestions?.join(', '));
    // A role named with nothing else is a question about it, never a change.
    assert.ok(['role_holders', 'role_permissions'].includes(recognize('billing admin thing', { users }).intent));
    assert.ok((recognize('bake a cake', { users }).suggestions ?? []).length > 0);
  });

  it('refuses messages too long to be a request, without reading them', () => {
    assert.equal(recognize(`make Megan a billing admin ${'please '.repeat(60)}`, { users }).intent, 'none');
    assert.equal(recognize('', { users }).intent, 'none');
    assert.equal(recognize(undefined, { users }).intent, 'none');
  });
});

describe('entities', () => {
  const users = DEMO_USERS;

  it('a one-line add carries the new user name, email and role', () => {
    const recognition = recognize('add Jean Dupont jean.dupont@contoso.com as sales agent', { users });
    assert.equal(recognition.intent, 'add_user');
    assert.deepEqual(recognition.entities, {
      roles: ['sales_agent'],
      emails: ['jean.dupont@contoso.com'],
      displayName: 'Jean Dupont',
    });
    assert.ok(recognition.score > 0.5, `score ${recognition.score}`);
  });

  it('a person is found by name, email, or with a typo, and a typo lowers the score', () => {
    const exact = recognize('make Adele a billing admin', { users });
    const typo = recognize('make Adel a billing admn', { users });
    assert.deepEqual(exact.entities.people, [{ id: 'u-adele', name: 'Adele Vance' }]);
    assert.deepEqual(typo.entities.people, [{ id: 'u-adele', name: 'Adele Vance' }]);
    assert.ok(typo.score < exact.score);
    assert.deepEqual(recognize('remove adelev@contoso.com', { users }).entities.people, [
      { id: 'u-adele', name: 'Adele Vance' },
    ]);
  });

  it('a name shared by two users gives both, for the admin to choose', () => {
    const twins = [
      ...users,
      { id: 'u-adele2', displayName: 'Adele Martin', email: 'adelem@contoso.com', status: 'active' },
    ];
    const recognition = recognize('make adele a billing admin', { users: twins });
    assert.deepEqual(recognition.entities.people?.map((person) => person.id).sort(), ['u-adele', 'u-adele2']);
    assert.equal(recognition.entities.person, 'adele');
    assert.deepEqual(
      recognize('make adele vance a billing admin', { users: twins }).entities.people?.map((person) => person.id),
      ['u-adele'],
    );
  });

  it('removed users are not found; an unknown name is kept as words', () => {
    const removed = users.map((user) => (user.id === 'u-lynne' ? { ...user, status: 'removed' as const } : user));
    const recognition = recognize('make Lynne a billing admin', { users: removed });
    assert.equal(recognition.entities.people, undefined);
    assert.equal(recognition.entities.person, 'Lynne');
  });

  it('the task of "which role do I need" is the words after the question', () => {
    assert.equal(recognize('which role do I need to manage incentives', { users }).entities.task, 'manage incentives');
    assert.equal(
      recognize('quel rôle faut-il pour gérer les primes incitatives', { users }).entities.task,
      'gérer les primes incitatives',
    );
  });
});
