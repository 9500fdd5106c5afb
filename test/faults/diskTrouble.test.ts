import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withTempDir } from '../helpers/tempDir.js';
import { spawnBot, waitForExit, waitForListening } from '../helpers/botProcess.js';
import { executeActivity, messageActivity } from '../helpers/activities.js';
import { actionData, cardTexts, firstCard } from '../helpers/cardText.js';
import { ALEX, TENANT } from '../helpers/people.js';
import { SmallDisk } from '../helpers/smallDisk.js';
import { UNTHROTTLED } from '../helpers/unthrottled.js';
import { demoOrganization } from '../../src/store/demoOrganization.js';
import { storedBytes, storedOrganization } from '../helpers/storedOrganization.js';

/**
 * The real bot process on a real small filesystem that fills up or turns read-only: the admin is
 * told "not saved, nothing changed", the process stays up and /healthz says what is wrong, no
 * half-written file remains, and once the disk is fixed the next change goes through.
 */
describe('faults: disk full or read-only', function () {
  this.timeout(60_000);

  async function withBotOnSmallDisk(
    prepare: (dir: string, disk: SmallDisk) => Promise<void>,
    run: (bot: { url: string; dir: string; disk: SmallDisk }) => Promise<void>,
  ) {
    await withTempDir(async (dir) => {
      const disk = SmallDisk.mount(dir, 2048);
      try {
        await prepare(dir, disk);
        const child = spawnBot({ DATA_DIR: dir, PORT: '0', ...UNTHROTTLED });
        try {
          const port = await waitForListening(child);
          await run({ url: `http://127.0.0.1:${port}`, dir, disk });
          assert.equal(child.exitCode, null, 'the process is still running');
        } finally {
          child.kill('SIGTERM');
          await waitForExit(child).catch(() => undefined);
        }
      } finally {
        disk.unmount();
      }
    });
  }

  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer: any = await response.json().catch(() => undefined);
    return { status: response.status, body: answer };
  };
  const health = async (url: string) => {
    const response = await fetch(`${url}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const organizationFile = (dir: string) => path.join(dir, 'organizations', `${TENANT}.json`);

  async function tryToAddUser(url: string, email: string): Promise<string[]> {
    const opened = await post(url, messageActivity(ALEX, 'add a user'));
    const flowId = actionData(firstCard(opened.body.activities.at(-1)), 'add_user.submit').flowId;
    const submitted = await post(
      url,
      executeActivity(ALEX, 'add_user.submit', {
        flowId,
        displayName: 'Jean Dupont',
        email,
        role_billing_admin: 'true',
      }),
    );
    assert.equal(submitted.status, 200);
    return cardTexts(submitted.body.value);
  }

  async function assertNoTemporaryFiles(dir: string) {
    for (const folder of ['organizations', 'conversations']) {
      const leftovers = (await readdir(path.join(dir, folder))).filter((name) => name.endsWith('.tmp'));
      assert.deepEqual(leftovers, [], `half-written files left in ${folder}`);
    }
  }

  it('full in the middle of a run: "not saved", healthz 503, nothing half-written; freed, the next change is saved', () =>
    withBotOnSmallDisk(
      async () => undefined,
      async ({ url, dir, disk }) => {
        assert.equal((await health(url)).status, 200);
        const before = await storedBytes(dir, TENANT);
        disk.fill();
        const refused = await tryToAddUser(url, 'jean.full@contoso.com');
        assert.equal(refused[0], 'Not saved');
        assert.ok(
          refused.includes("I couldn't save that, so nothing was changed. Please try again in a moment."),
          refused.join(' | '),
        );
        const unhealthy = await health(url);
        assert.equal(unhealthy.status, 503);
        assert.equal(unhealthy.body.status, 'unavailable');
        assert.ok(!JSON.stringify(unhealthy.body).includes(dir), 'no paths in /healthz');
        assert.equal(await storedBytes(dir, TENANT), before, 'the store files are as they were');
        await assertNoTemporaryFiles(dir);
        // Reading still works while the disk is full.
        const myRole = await post(url, messageActivity(ALEX, 'my role'));
        assert.equal(cardTexts(firstCard(myRole.body.activities[0]))[0], 'Your roles in Contoso Cloud Services');

        disk.free();
        const saved = await tryToAddUser(url, 'jean.later@contoso.com');
        assert.equal(saved[0], 'Jean Dupont was added');
        assert.equal((await health(url)).status, 200, 'healthy again after a successful write');
        const users = (await storedOrganization(dir, TENANT)).users.map((user) => user.email);
        assert.ok(users.includes('jean.later@contoso.com') && !users.includes('jean.full@contoso.com'));
      },
    ));

  it('read-only from start-up: the bot starts, answers reads, refuses changes with "not saved", healthz 503; writable again, it saves', () =>
    withBotOnSmallDisk(
      async (dir, disk) => {
        await mkdir(path.join(dir, 'organizations'));
        await mkdir(path.join(dir, 'conversations'));
        await writeFile(organizationFile(dir), JSON.stringify(demoOrganization('2026-11-20T09:00:00.000Z')));
        disk.readOnly();
      },
      async ({ url, dir, disk }) => {
        assert.equal((await health(url)).status, 503);
        const myRole = await post(url, messageActivity(ALEX, 'my role', { locale: 'fr-FR' }));
        assert.equal(cardTexts(firstCard(myRole.body.activities[0]))[0], 'Vos rôles chez Contoso Cloud Services');
        const refused = await tryToAddUser(url, 'jean.ro@contoso.com');
        assert.equal(refused[0], 'Not saved');
        await assertNoTemporaryFiles(dir);
        disk.writable();
        const saved = await tryToAddUser(url, 'jean.rw@contoso.com');
        assert.equal(saved[0], 'Jean Dupont was added');
        assert.equal((await health(url)).status, 200);
      },
    ));
});
