import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withTempDir } from '../helpers/tempDir.js';
import { spawnBot, waitForExit, waitForListening } from '../helpers/botProcess.js';
import { executeActivity, teamsActivity } from '../helpers/activities.js';
import { actionData, firstCard } from '../helpers/cardText.js';
import { ALEX, TENANT } from '../helpers/people.js';
import { SeededRandom } from '../helpers/seededRandom.js';
import { UNTHROTTLED } from '../helpers/unthrottled.js';
import { storedOrganization } from '../helpers/storedOrganization.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);

/**
 * Adding 50 users from a file is one change (issue 22): the bot process is killed with SIGKILL at a
 * random moment just after Add, and the data read back after is all 50 or none, never some; if the
 * bot said they were added, all 50 are there.
 */
describe('faults: a kill during the import of a file of users', function () {
  this.timeout(120_000);
  let files: Server;
  let url: string;
  const csv = [
    'Full name,Work email,Roles',
    ...Array.from({ length: 50 }, (_, index) => `Person ${index + 1},person${index + 1}@contoso.com,Report viewer`),
  ].join('\n');

  before(async () => {
    files = createServer((_request, response) => response.end(csv));
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/team.csv`;
  });
  after(async () => new Promise<void>((resolve) => files.close(() => resolve())));

  const random = new SeededRandom(22);
  for (let round = 1; round <= ROUNDS; round += 1)
    it(`round ${round}: all 50 or none after the kill, and all 50 if the bot said so`, () =>
      withTempDir(async (dir) => {
        const child = spawnBot({ DATA_DIR: dir, PORT: '0', ...UNTHROTTLED });
        const base = `http://127.0.0.1:${await waitForListening(child)}`;
        const post = async (body: unknown) => {
          const response = await fetch(`${base}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const text = await response.text();
          return text ? (JSON.parse(text) as { activities?: unknown[]; value?: unknown }) : {};
        };
        const previewed = await post(
          teamsActivity(ALEX, {
            type: 'message',
            text: '',
            attachments: [
              {
                contentType: 'application/vnd.microsoft.teams.file.download.info',
                name: 'team.csv',
                content: { downloadUrl: url, uniqueId: 'f-1', fileType: 'csv' },
              },
            ],
          }),
        );
        const { flowId } = actionData(firstCard(previewed.activities?.at(-1) as never), 'users_file.add');
        const exited = waitForExit(child);
        let answered = false;
        const click = post(executeActivity(ALEX, 'users_file.add', { flowId }))
          .then((answer) => (answered = JSON.stringify(answer).includes('50 users added')))
          .catch(() => undefined);
        setTimeout(() => child.kill('SIGKILL'), random.int(40));
        await Promise.all([click, exited]);
        const stored = await storedOrganization(dir, TENANT);
        const imported = stored.users.filter((user) => user.email?.startsWith('person')).length;
        assert.ok(imported === 0 || imported === 50, `${imported} of 50 users after the kill`);
        if (answered) assert.equal(imported, 50, 'the bot said they were added');
      }));
});
