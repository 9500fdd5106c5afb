import { executeActivity, messageActivity } from './activities.js';
import { actionData, cardTexts, firstCard } from './cardText.js';
import { ALEX } from './people.js';

const WORKERS = 12;

/**
 * One admin adding users as fast as the server lets them, each worker in a conversation of its own
 * (open the form, submit it). Every user the server answered "was added" for is acknowledged.
 */
export async function addUsersUntilStopped(
  url: string,
  label: string,
  acknowledged: string[],
  stop: () => boolean,
): Promise<void> {
  const post = async (body: unknown) => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return await response.json();
  };
  await Promise.all(
    Array.from({ length: WORKERS }, async (_unused, worker) => {
      const conversationId = `a:${label}-${worker}`;
      for (let n = 0; !stop(); n += 1) {
        const email = `${label}-${worker}-${n}@contoso.com`;
        try {
          const opened = await post(messageActivity(ALEX, 'add a user', { conversationId }));
          const flowId = actionData(firstCard(opened.activities.at(-1)), 'add_user.submit').flowId;
          const saved = await post(
            executeActivity(
              ALEX,
              'add_user.submit',
              { flowId, displayName: `User ${worker} ${n}`, email, role_referrals_user: 'true' },
              { conversationId },
            ),
          );
          if (cardTexts(saved.value)[0]?.endsWith('was added')) acknowledged.push(email);
        } catch {
          return; // the server went away
        }
      }
    }),
  );
}
