import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { DEMO_TENANT_ID } from '../../src/store/demoOrganization.js';
import { REPO_ROOT } from '../../src/paths.js';
import { withTempDir } from '../helpers/tempDir.js';

const TSX_LOADER = pathToFileURL(
  path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;
const ROUNDS = 6;

/** Runs the write loop until SIGKILL after `delayMs`; returns the ids it was told were saved. */
function runAndKill(dataDir: string, prefix: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, path.join(REPO_ROOT, 'test/fixtures/writeLoop.ts')],
      {
        cwd: dataDir,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir, RUN_PREFIX: prefix },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      const first = !stdout.includes('ready\n');
      stdout += chunk;
      if (first && stdout.includes('ready\n')) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.once('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`write loop ended on its own: ${stderr}`));
      // Only complete lines count: a line cut by the kill was never fully acknowledged.
      const lines = stdout.split('\n').slice(0, -1);
      resolve(lines.filter((line) => line.startsWith('ack ')).map((line) => line.slice(4)));
    });
  });
}

describe('a kill in the middle of writes', function () {
  this.timeout(90_000);

  it(`loses nothing acknowledged and never leaves a torn file (${ROUNDS} SIGKILLs at random moments)`, () =>
    withTempDir(async (dir) => {
      const acknowledged: string[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        acknowledged.push(...(await runAndKill(dir, `r${round}`, 50 + Math.floor(Math.random() * 400))));
        // Re-opening validates every record of the file: a torn or invalid file would throw here.
        const users = new Set(
          (await (await FileAccountStore.open(dir)).current(DEMO_TENANT_ID))!.read().users.map((user) => user.id),
        );
        const lost = acknowledged.filter((id) => !users.has(id));
        assert.deepEqual(lost, [], `round ${round}: acknowledged but missing after restart`);
      }
      assert.ok(acknowledged.length > 0, 'the loop acknowledged some writes before being killed');
    }));
});
