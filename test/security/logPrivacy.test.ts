import assert from 'node:assert/strict';
import { withTempDir } from '../helpers/tempDir.js';
import { spawnBot, waitForExit, waitForListening } from '../helpers/botProcess.js';
import { startLocalBotFrameworkAuth } from '../helpers/localBotFrameworkAuth.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, TENANT } from '../helpers/people.js';
import { UNTHROTTLED } from '../helpers/unthrottled.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const PASSWORD = 'test-only-not-a-secret-3c9d';
/** An email address whose local part is not masked ("a***@contoso.com" is fine). */
const FULL_EMAIL = /[A-Za-z0-9._%+-]{2,}@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+/g;

/**
 * A full scenario against the real process in production mode (authentication on, keys from a
 * loopback OpenID endpoint), logging at its most verbose: nothing it writes to stdout or stderr
 * may contain a token, the app password, a card payload, a message's text or a full email address.
 */
describe('security: logs keep secrets and personal data out', function () {
  this.timeout(60_000);

  it('a full scenario at LOG_LEVEL=trace leaves no token, password, card payload, message text or full email in the logs', () =>
    withTempDir(async (dir) => {
      const auth = await startLocalBotFrameworkAuth();
      const child = spawnBot({
        DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'trace',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: PASSWORD,
        ALLOWED_TENANTS: TENANT,
        BOOTSTRAP_ADMINS: `${TENANT}:${ALEX.aadObjectId}`,
        BotOpenIdMetadata: auth.overrides.ToBotFromChannelOpenIdMetadataUrl,
        ...UNTHROTTLED,
      });
      const tokens: string[] = [];
      try {
        const url = `http://127.0.0.1:${await waitForListening(child)}`;
        const post = async (activity: Record<string, unknown>, authorization?: string) => {
          const token = auth.token({ aud: APP_ID, serviceurl: activity.serviceUrl as string });
          tokens.push(token);
          const response = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: authorization ?? `Bearer ${token}` },
            body: JSON.stringify(activity),
          });
          const body: any = await response.json().catch(() => undefined);
          return { status: response.status, body };
        };

        const first = await post(messageActivity(ALEX, 'TEXT-MARKER-91b2 what can I do here?'));
        assert.equal(first.status, 200);
        const opened = await post(messageActivity(ALEX, 'add a user'));
        const flowId = actionData(firstCard(opened.body.activities.at(-1)), 'add_user.submit').flowId;
        const added = await post(
          executeActivity(ALEX, 'add_user.submit', {
            flowId,
            displayName: 'Privacy Check',
            email: 'privacy.check@contoso.com',
            role_billing_admin: 'true',
            note: 'CARD-PAYLOAD-7f3a',
          }),
        );
        assert.equal(cardTexts(added.body.value)[0], 'Privacy Check was added');
        const review = await post(messageActivity(ALEX, 'change my notification email to notify.private@contoso.com'));
        const confirm = actionData(firstCard(review.body.activities.at(-1)), 'notification_email.confirm');
        await post(executeActivity(ALEX, 'notification_email.confirm', { ...confirm, extra: 'CARD-PAYLOAD-7f3a' }));
        await post(
          executeActivity(ALEX, 'nope.nope', { secret: 'CARD-PAYLOAD-7f3a', email: 'forged.person@contoso.com' }),
        );
        assert.equal((await post(messageActivity(ALEX, 'help'), 'Bearer GARBAGE-TOKEN-5d1e.eyJ.x')).status, 401);
        assert.equal(
          (
            await post(
              messageActivity(ALEX, 'help'),
              `Bearer ${auth.token({ aud: 'someone-else', serviceurl: 'http://127.0.0.1:9/' })}`,
            )
          ).status,
          401,
        );
      } finally {
        child.kill('SIGTERM');
        await waitForExit(child).catch(() => undefined);
        await auth.close();
      }
      const { stdout, stderr } = child.output();
      const logs = `${stdout}\n${stderr}`;
      assert.ok(stdout.includes('"msg":"user added"'), 'the scenario ran and was logged');
      for (const token of tokens) {
        assert.ok(!logs.includes(token), 'a bearer token is in the logs');
        assert.ok(!logs.includes(token.split('.')[2]!), 'a token signature is in the logs');
      }
      for (const secret of [PASSWORD, 'GARBAGE-TOKEN-5d1e', 'CARD-PAYLOAD-7f3a', 'TEXT-MARKER-91b2', 'Privacy Check']) {
        assert.ok(!logs.includes(secret), `"${secret}" is in the logs`);
      }
      const emails = (logs.match(FULL_EMAIL) ?? []).filter((email) => !email.includes('***'));
      assert.deepEqual(emails, [], 'full email addresses in the logs');
    }));
});
