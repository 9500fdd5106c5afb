import assert from 'node:assert/strict';
import { spawnBot, waitForExit, waitForListening } from '../helpers/botProcess.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { makeStorePlace, onPostgres, type StorePlace } from '../helpers/backends.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, MEGAN, TENANT } from '../helpers/people.js';
import { startTeamsService } from '../helpers/teamsService.js';
import { changeRoles } from '../../src/accounts/changeRoles.js';
import { UNTHROTTLED } from '../helpers/unthrottled.js';
import { addUsersUntilStopped } from '../helpers/addUsersLoad.js';

/**
 * Two bot processes on one PostgreSQL database, as two App Service instances behind a load
 * balancer: a conversation may go to either for each activity. Real processes (src/index.ts),
 * real HTTP, a real server; each test gets a schema of its own.
 */
onPostgres('faults: two bot processes on one PostgreSQL database', function () {
  this.timeout(120_000);
  let place: StorePlace;
  let children: ReturnType<typeof spawnBot>[];

  beforeEach(async () => {
    place = await makeStorePlace('postgres');
    children = [];
  });
  afterEach(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await place.drop();
  });

  async function instance(): Promise<{ url: string; child: ReturnType<typeof spawnBot> }> {
    const child = spawnBot({ ...place.env, PORT: '0', ...UNTHROTTLED });
    children.push(child);
    return { url: `http://127.0.0.1:${await waitForListening(child)}`, child };
  }

  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  async function stored() {
    const opened = await place.open();
    try {
      return (await opened.store.current(TENANT))!.read();
    } finally {
      await opened.close();
    }
  }

  it('a form opened through one instance is saved through the other; the same message sent to both is handled once', async () => {
    // Started one after the other, then both: the second finds the demo organization already there.
    const a = await instance();
    const b = await instance();
    const opened = await post(a.url, messageActivity(ALEX, 'add a user'));
    const { flowId } = actionData(firstCard(opened.body.activities.at(-1)), 'add_user.submit');
    const saved = await post(
      b.url,
      executeActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: 'Camille Petit',
        email: 'camille.petit@contoso.com',
        role_referrals_user: 'true',
      }),
    );
    assert.equal(cardTexts(saved.body.value)[0], 'Camille Petit was added');
    // Clicked again on the first instance: the outcome it already had, not a second user.
    const again = await post(
      a.url,
      executeActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: 'Camille Petit',
        email: 'camille.petit@contoso.com',
        role_referrals_user: 'true',
      }),
    );
    assert.equal(cardTexts(again.body.value)[0], 'Camille Petit was added');
    const document = await stored();
    assert.equal(document.users.filter((user) => user.email === 'camille.petit@contoso.com').length, 1);
    assert.equal(document.audit.filter((entry) => entry.action === 'user.added').length, 1);

    // Teams sends one message again, to the other instance: one answer in all.
    const message = messageActivity(ALEX, 'what is my role');
    const [first, second] = await Promise.all([post(a.url, message), post(b.url, message)]);
    const answers = [first, second].filter((answer) => (answer.body?.activities?.length ?? 0) > 0);
    assert.equal(answers.length, 1, JSON.stringify([first, second]).slice(0, 500));
  });

  it('concurrent changes through both, one instance killed with SIGKILL mid-write: every acknowledged change is there once', async () => {
    const a = await instance();
    const b = await instance();
    const acknowledged: string[] = [];
    let killedA = false;
    let stopB = false;
    const loadA = addUsersUntilStopped(a.url, 'a', acknowledged, () => killedA);
    const loadB = addUsersUntilStopped(b.url, 'b', acknowledged, () => stopB);
    // Once both have had changes acknowledged (a loaded machine may take a while), A is killed.
    const both = () =>
      acknowledged.some((email) => email.startsWith('a-')) && acknowledged.some((email) => email.startsWith('b-'));
    for (let waited = 0; !both() && waited < 30_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = waitForExit(a.child);
    a.child.kill('SIGKILL');
    killedA = true;
    await Promise.all([loadA, exited]);
    // B goes on alone for a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopB = true;
    await loadB;
    const document = await stored();
    const emails = document.users.map((user) => user.email);
    assert.ok(
      acknowledged.some((email) => email.startsWith('a-')) && acknowledged.some((email) => email.startsWith('b-')),
    );
    assert.deepEqual(
      acknowledged.filter((email) => !emails.includes(email)),
      [],
      'acknowledged, then missing',
    );
    assert.equal(new Set(emails).size, emails.length, 'no user twice');
    const added = document.audit.filter((entry) => entry.action === 'user.added').length;
    assert.equal(added, document.users.length - 9, 'one audit entry per user added');
  });

  it('a time-bound role due while both were down is taken away once, and each person told once', async () => {
    const teams = await startTeamsService();
    try {
      // Megan and Alex talk to the bot once (Teams then lets it write to them), then it stops.
      const first = await instance();
      for (const [sender, conversationId] of [
        [ALEX, 'a:alex-personal'],
        [MEGAN, 'a:megan-personal'],
      ] as const)
        await post(first.url, messageActivity(sender, 'my role', { serviceUrl: teams.url, conversationId }));
      const exited = waitForExit(first.child);
      first.child.kill('SIGTERM');
      await exited;
      // Alex gave Megan the Admin agent role until two seconds from now.
      const until = new Date(Date.now() + 2_000).toISOString();
      const opened = await place.open();
      try {
        const tenant = (await opened.store.current(TENANT))!;
        const megan = tenant.userById('u-megan')!;
        await tenant.change((current, { now }) =>
          changeRoles(current, 'u-alex', 'u-megan', [...megan.roles, 'admin_agent'], megan.revision, now, { until }),
        );
      } finally {
        await opened.close();
      }
      await new Promise((resolve) => setTimeout(resolve, Date.parse(until) - Date.now() + 200));
      // Two instances start together: each sweeps every organization at start-up.
      await Promise.all([instance(), instance()]);
      await teams.waitFor(2, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const document = await stored();
      assert.ok(!document.users.find((user) => user.id === 'u-megan')!.roles.includes('admin_agent'));
      assert.equal(document.audit.filter((entry) => entry.action === 'user.role_expired').length, 1);
      assert.deepEqual(teams.received.map((each) => each.conversation).sort(), ['a:alex-personal', 'a:megan-personal']);
    } finally {
      await teams.close();
    }
  });
});
