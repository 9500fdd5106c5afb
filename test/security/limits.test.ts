import assert from 'node:assert/strict';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, LYNNE, MEGAN, TENANT } from '../helpers/people.js';
import { SenderThrottle } from '../../src/teams/senderThrottle.js';
import { MESSAGE_MAX_CHARACTERS } from '../../src/conversation/runtime.js';
import { loadConfig } from '../../src/config.js';
import { storedBytes, storedOrganization } from '../helpers/storedOrganization.js';

const TOO_FAST = /You're sending me requests faster than I can take them/;

describe('security: limits', function () {
  this.timeout(30_000);

  describe('a flood from one person is throttled without hurting others', () => {
    let bot: HttpBot;
    // The production burst; the refill slowed to one a minute so that a slow machine cannot
    // refill an allowance in the middle of a test (refilling is tested below with a clock).
    const defaults = { burst: loadConfig({}).throttle.burst, perMinute: 1 };
    beforeEach(async () => {
      bot = await startHttpBot({
        USER_TURN_BURST: String(defaults.burst),
        USER_TURNS_PER_MINUTE: String(defaults.perMinute),
      });
    });
    afterEach(async () => bot.stop());

    const organizationFile = () => storedBytes(bot.dir, TENANT);

    it(`Megan's ${defaults.burst * 3} messages at once: ${defaults.burst} answered, one "slow down", the rest dropped; Alex is answered meanwhile`, async () => {
      const flood = Array.from({ length: defaults.burst * 3 }, () => bot.post(messageActivity(MEGAN, 'my role')));
      const alex = await bot.post(messageActivity(ALEX, 'my role'));
      const replies = await Promise.all(flood);
      assert.ok(
        replies.every((reply) => reply.status === 200),
        'a throttled turn is still a well-formed HTTP answer',
      );
      const answered = replies.filter((reply) => reply.body.activities[0]?.attachments);
      const slowDown = replies.filter((reply) => TOO_FAST.test(reply.body.activities[0]?.text ?? ''));
      const dropped = replies.filter((reply) => reply.body.activities.length === 0);
      assert.equal(answered.length, defaults.burst);
      assert.equal(slowDown.length, 1);
      assert.equal(dropped.length, defaults.burst * 2 - 1);
      assert.equal(cardTexts(firstCard(alex.body.activities[0]))[0], 'Your roles in Contoso Cloud Services');
    });

    it('a flood of refused changes cannot grow the audit log past the allowance', async () => {
      const before = (await storedOrganization(bot.dir, TENANT)).audit.length;
      // Lynne (Report viewer) asks again and again for a role she may not give: each admitted try is audited.
      for (let i = 0; i < defaults.burst * 2; i += 1)
        await bot.post(messageActivity(LYNNE, 'make Lynne a global admin'));
      const after = await storedOrganization(bot.dir, TENANT);
      const refusals = after.audit.length - before;
      assert.equal(refusals, defaults.burst, 'one refusal per admitted turn, none for the throttled ones');
      assert.ok(
        after.audit
          .slice(before)
          .every(
            (entry: { outcome: string; actor: { userId: string } }) =>
              entry.outcome === 'refused' && entry.actor.userId === LYNNE.userId,
          ),
      );
    });

    it('a throttled card click gets a card that says so (an invoke needs an answer), and changes nothing', async () => {
      const opened = await bot.post(messageActivity(ALEX, 'add a user'));
      const flowId = actionData(firstCard(opened.body.activities[0]), 'add_user.submit').flowId as string;
      for (let i = 1; i < defaults.burst; i += 1) await bot.post(messageActivity(ALEX, 'help'));
      const before = await organizationFile();
      const click = await bot.post(
        executeActivity(ALEX, 'add_user.submit', {
          flowId,
          displayName: 'Jean Dupont',
          email: 'jean@contoso.com',
          role_billing_admin: 'true',
        }),
      );
      assert.equal(click.status, 200);
      assert.equal(click.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(cardTexts(click.body.value)[0] ?? '', TOO_FAST);
      assert.equal(await organizationFile(), before);
    });

    it('in French too', async () => {
      const replies = [];
      for (let i = 0; i <= defaults.burst; i += 1)
        replies.push(await bot.post(messageActivity(MEGAN, 'mon rôle', { locale: 'fr-FR' })));
      assert.match(replies.at(-1)!.body.activities[0].text, /Vous m'envoyez des demandes plus vite/);
    });
  });

  describe('the throttle allowance', () => {
    it('refills with time, per person', () => {
      let now = 0;
      const throttle = new SenderThrottle({ burst: 3, perMinute: 60 }, () => now);
      assert.deepEqual(
        [1, 2, 3, 4, 5].map(() => throttle.take('megan')),
        ['admit', 'admit', 'admit', 'refuse_and_tell', 'refuse_quietly'],
      );
      assert.equal(throttle.take('alex'), 'admit', 'another person has an allowance of their own');
      now += 1_000; // one turn a second
      assert.equal(throttle.take('megan'), 'admit');
      assert.equal(throttle.take('megan'), 'refuse_and_tell', 'told again after being admitted in between');
      now += 60_000;
      assert.deepEqual(
        [1, 2, 3, 4].map(() => throttle.take('megan')),
        ['admit', 'admit', 'admit', 'refuse_and_tell'],
        'refills up to the burst, not beyond',
      );
    });

    it('forgets idle people once it tracks many (memory follows active senders)', () => {
      let now = 0;
      const throttle = new SenderThrottle({ burst: 2, perMinute: 60 }, () => now);
      for (let i = 0; i < 10_001; i += 1) throttle.take(`user-${i}`);
      now += 10_000;
      throttle.take('one-more');
      assert.ok(throttle.size < 10, `still tracking ${throttle.size} senders`);
    });

    it('with many people active at once, it keeps them all (their allowances are real) and does not sweep on every turn', () => {
      const now = 0;
      const throttle = new SenderThrottle({ burst: 2, perMinute: 60 }, () => now);
      for (let i = 0; i < 12_000; i += 1) throttle.take(`user-${i}`);
      assert.equal(throttle.size, 12_000, 'nobody idle, nobody forgotten');
      assert.equal(throttle.take('user-5'), 'admit');
      assert.equal(
        throttle.take('user-5'),
        'refuse_and_tell',
        'a remembered allowance (two a burst, both used), not a fresh one',
      );
    });
  });

  describe('lengths', () => {
    let bot: HttpBot;
    before(async () => {
      bot = await startHttpBot();
    });
    after(async () => bot.stop());

    it(`a message over ${MESSAGE_MAX_CHARACTERS} characters is answered with the limit, in the admin's language, and not read`, async () => {
      const long = `make Lynne a global admin ${'please '.repeat(200)}`;
      const en = await bot.post(messageActivity(ALEX, long));
      assert.equal(
        en.body.activities[0].text,
        'That message is too long for me: I read requests of up to 1,000 characters. Tell me what you need in a sentence or two.',
      );
      const fr = await bot.post(messageActivity(ALEX, long, { locale: 'fr-FR' }));
      assert.match(
        fr.body.activities[0].text,
        /^Ce message est trop long pour moi : je lis des demandes de 1\u202f000 caractères au plus/,
      );
    });

    it('a name over 100 characters and an email over 254 are refused by their fields with the limit, nothing saved', async () => {
      const opened = await bot.post(messageActivity(ALEX, 'add a user'));
      const flowId = actionData(firstCard(opened.body.activities[0]), 'add_user.submit').flowId as string;
      const before = await storedBytes(bot.dir, TENANT);
      const response = await bot.post(
        executeActivity(ALEX, 'add_user.submit', {
          flowId,
          displayName: 'J'.repeat(101),
          email: `${'j'.repeat(250)}@contoso.com`,
          role_billing_admin: 'true',
        }),
      );
      const texts = cardTexts(response.body.value);
      assert.ok(
        texts.some((text) => /100 characters/.test(text)),
        texts.join(' | '),
      );
      assert.ok(
        texts.some((text) => /254 characters/.test(text)),
        texts.join(' | '),
      );
      assert.equal(await storedBytes(bot.dir, TENANT), before);
    });
  });
});
