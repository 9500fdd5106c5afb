import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withTempDir } from '../helpers/tempDir.js';
import { spawnBot, waitForExit, waitForListening } from '../helpers/botProcess.js';
import { demoOrganization, DEMO_TENANT_ID } from '../../src/store/demoOrganization.js';
import { messageActivity } from '../helpers/activities.js';
import { ALEX } from '../helpers/people.js';

describe('start-up and shutdown of the real process', function () {
  this.timeout(40_000);

  it('a corrupted store file stops start-up with a message naming the file, and leaves the file untouched', () =>
    withTempDir(async (dir) => {
      const folder = path.join(dir, 'organizations');
      await mkdir(folder);
      const file = path.join(folder, `${DEMO_TENANT_ID}.json`);
      const corrupted = JSON.stringify(demoOrganization('2026-11-20T09:00:00.000Z')).slice(0, 500);
      await writeFile(file, corrupted);
      const exit = await waitForExit(spawnBot({ DATA_DIR: dir, PORT: '0' }));
      assert.equal(exit.code, 1);
      assert.ok(exit.stderr.includes(file), exit.stderr);
      assert.match(exit.stderr, /not valid JSON/);
      assert.equal(await readFile(file, 'utf8'), corrupted);
    }));

  it('a record that fails its schema is named in the message', () =>
    withTempDir(async (dir) => {
      const folder = path.join(dir, 'organizations');
      await mkdir(folder);
      const document = demoOrganization('2026-11-20T09:00:00.000Z');
      const broken = JSON.stringify({
        ...document,
        users: document.users.map((user) => (user.id === 'u-lynne' ? { ...user, roles: ['overlord'] } : user)),
      });
      await writeFile(path.join(folder, `${DEMO_TENANT_ID}.json`), broken);
      const exit = await waitForExit(spawnBot({ DATA_DIR: dir, PORT: '0' }));
      assert.equal(exit.code, 1);
      assert.match(exit.stderr, /users\[5\] \(id u-lynne\)/);
    }));

  it('production mode without credentials refuses to start, saying what is missing', () =>
    withTempDir(async (dir) => {
      const exit = await waitForExit(spawnBot({ DATA_DIR: dir, PORT: '0', NODE_ENV: 'production' }));
      assert.equal(exit.code, 1);
      assert.match(exit.stderr, /no bot credentials are configured/);
      assert.match(exit.stderr, /MicrosoftAppId/);
    }));

  it('half-set credentials refuse to start and name the missing variable', () =>
    withTempDir(async (dir) => {
      const exit = await waitForExit(
        spawnBot({
          DATA_DIR: dir,
          PORT: '0',
          NODE_ENV: 'production',
          MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
          ALLOWED_TENANTS: DEMO_TENANT_ID,
        }),
      );
      assert.equal(exit.code, 1);
      assert.match(exit.stderr, /Missing: MicrosoftAppPassword/);
    }));

  it('serves, logs JSON lines with a request id, and stops cleanly on SIGTERM', () =>
    withTempDir(async (dir) => {
      const child = spawnBot({ DATA_DIR: dir, PORT: '0' });
      const port = await waitForListening(child);
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageActivity(ALEX, 'help')),
      });
      assert.equal(response.status, 200);
      child.kill('SIGTERM');
      const exit = await waitForExit(child);
      assert.equal(exit.code, 0);
      const lines = exit.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(lines.some((line) => line.msg === 'message' && typeof line.requestId === 'string'));
      assert.ok(lines.some((line) => line.msg === 'stopped'));
      assert.ok(!exit.stdout.includes('"text":"help"'), 'message text is not logged');
    }));
});
