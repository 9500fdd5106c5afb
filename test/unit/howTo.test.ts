import assert from 'node:assert/strict';
import { HOW_TO_TOPICS } from '../../src/domain/howToTopics.js';
import { howToAnswer, howToIds, searchHowTo } from '../../src/i18n/howToCollection.js';
import { LANGUAGES } from '../../src/i18n/index.js';

/** The how-to collection (locales/howto/, docs/how-to.md): complete, sourced, and found by the questions it answers. */
describe('how-to answers: the collection and its search', () => {
  for (const language of LANGUAGES) {
    it(`${language}: one answer per topic, each with its steps and a learn.microsoft.com page in that language`, () => {
      assert.deepEqual(howToIds(language).sort(), HOW_TO_TOPICS.map((topic) => topic.id).sort());
      for (const id of howToIds(language)) {
        const answer = howToAnswer(language, id)!;
        assert.ok(answer.steps.length >= 1, id);
        assert.ok(answer.source.includes(language === 'fr' ? '/fr-fr/' : '/en-us/'), `${id}: ${answer.source}`);
      }
    });

    it(`${language}: each answer is what its own question finds`, () => {
      for (const id of howToIds(language)) {
        const { question } = howToAnswer(language, id)!;
        assert.equal(searchHowTo(language, question).answer?.id, id, question);
      }
    });
  }

  it('questions as admins type them, typos and missing accents included', () => {
    assert.equal(searchHowTo('en', 'how do i reset another users pasword').answer?.id, 'reset_user_password');
    assert.equal(searchHowTo('fr', 'comment reinitialiser mon mot de passe').answer?.id, 'reset_own_password');
    assert.equal(searchHowTo('fr', 'comment ouvrir un ticket au support').answer?.id, 'support_ticket');
    assert.equal(searchHowTo('en', 'how to become a control panel vendor').answer?.id, 'enroll_cpv');
  });

  it('a question the collection does not cover gets no answer (the closest, at most three)', () => {
    for (const [language, question] of [
      ['en', 'how to bake a cake'],
      ['fr', 'comment faire une raclette'],
      ['en', 'how do I cancel an azure subscription'],
    ] as const) {
      const { answer, closest } = searchHowTo(language, question);
      assert.equal(answer, undefined, question);
      assert.ok(closest.length <= 3);
    }
  });
});
