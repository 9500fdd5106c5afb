import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileAccountStore } from '../../src/store/fileAccountStore.js';
import { DEMO_TENANT_ID } from '../../src/store/demoOrganization.js';
import { REPO_ROOT } from '../../src/paths.js';
import { ExtendedDocumentSchema, extended, type ExtendedDocument } from '../helpers/extendedDocument.js';
import { SeededRandom } from '../helpers/seededRandom.js';
import { organizationFileIn } from '../helpers/storedOrganization.js';
import { withTempDir } from '../helpers/tempDir.js';

const TSX = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
const TSX_LOADER = pathToFileURL(path.join(TSX, 'dist/loader.mjs')).href;
const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/partsLoop.ts');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);

interface Run {
  /** Complete output lines, in order ("ready", "ack …", "sigterm", "stopped"). */
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** What the acknowledged changes promise: the vendors added, each one's latest version, the counter. */
interface Acknowledged {
  vendors: Map<string, number>;
  counter: number;
}

type StopWhen = (lines: string[]) => boolean;

/**
 * Runs test/fixtures/partsLoop.ts (changes to the parts a later release might add, nothing else)
 * and sends `signal` once `when` says so, given the lines printed so far.
 */
function runAndStop(dataDir: string, prefix: string, signal: NodeJS.Signals, when: StopWhen): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, FIXTURE], {
      cwd: dataDir,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, RUN_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    // Only complete lines count: a line cut by the kill was never fully acknowledged.
    const lines = () => stdout.split('\n').slice(0, -1);
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!sent && lines().includes('ready') && when(lines())) {
        sent = true;
        child.kill(signal);
      }
    });
    child.once('exit', (code, exitSignal) => resolve({ lines: lines(), code, signal: exitSignal, stderr }));
  });
}

function acks(lines: readonly string[]): string[][] {
  return lines.filter((line) => line.startsWith('ack ')).map((line) => line.split(' ').slice(1));
}

function record(acknowledged: Acknowledged, lines: readonly string[]): void {
  for (const [kind, id = '', value] of acks(lines)) {
    const known = acknowledged.vendors.get(id) ?? 0;
    if (kind === 'add') acknowledged.vendors.set(id, known);
    if (kind === 'rename') acknowledged.vendors.set(id, Math.max(known, Number(value)));
    if (kind === 'settings') acknowledged.counter = Math.max(acknowledged.counter, Number(id));
  }
}

/** Each kind of change (add, rename, settings) acknowledged at least `times` times. */
function eachKind(times: number): StopWhen {
  return (lines) => {
    const kinds = acks(lines).map(([kind]) => kind);
    return ['add', 'rename', 'settings'].every((kind) => kinds.filter((each) => each === kind).length >= times);
  };
}

/** Every acknowledged change in the stored document (a later one, written but not acknowledged, may be too). */
function assertHolds(stored: ExtendedDocument, acknowledged: Acknowledged, label: string): void {
  const versions = new Map(stored.vendors.map((vendor) => [vendor.id, vendor.version]));
  const missing = [...acknowledged.vendors].filter(([id, version]) => (versions.get(id) ?? -1) < version);
  assert.deepEqual(missing, [], `${label}: acknowledged vendors missing, or older, after the restart`);
  assert.ok((stored.settings?.counter ?? 0) >= acknowledged.counter, `${label}: settings.counter went back`);
}

async function reopen(dir: string): Promise<ExtendedDocument> {
  // Re-opening validates every record: a torn or invalid file or journal would throw here.
  const store = await FileAccountStore.open(dir, { schema: ExtendedDocumentSchema });
  return extended((await store.current(DEMO_TENANT_ID))!.read());
}

/** The lowdb file alone, without its journal: what a store that ignored the journal would find. */
async function fileAlone(dir: string): Promise<{ vendors?: unknown[]; settings?: unknown }> {
  return JSON.parse(await readFile(organizationFileIn(dir, DEMO_TENANT_ID), 'utf8'));
}

describe('faults: parts other than users, organization and audit, killed and stopped mid-change', function () {
  this.timeout(120_000);

  it(`SIGKILL, ${ROUNDS} rounds (the first before any folding): every acknowledged change survives`, () =>
    withTempDir(async (dir) => {
      const random = new SeededRandom(Number(process.env.CRASH_SEED ?? 11));
      const acknowledged: Acknowledged = { vendors: new Map(), counter: 0 };
      for (let round = 0; round < ROUNDS; round += 1) {
        // Round 0 stops as soon as each kind of change was acknowledged a few times: the journal is
        // far from its folding size, so after the restart these changes can only come from it.
        let deadline = 0;
        const later: StopWhen = () => Date.now() >= (deadline ||= Date.now() + 50 + random.int(500));
        const run = await runAndStop(dir, `r${round}`, 'SIGKILL', round === 0 ? eachKind(3) : later);
        assert.equal(run.signal, 'SIGKILL', `round ${round}: the loop ended on its own: ${run.stderr}`);
        record(acknowledged, run.lines);
        if (round === 0) {
          const file = await fileAlone(dir);
          assert.deepEqual(file.vendors, [], 'round 0: the vendors are in the journal only');
          assert.equal(file.settings, undefined, 'round 0: settings are in the journal only');
        }
        assertHolds(await reopen(dir), acknowledged, `round ${round}`);
      }
      assert.ok(acknowledged.vendors.size > ROUNDS, 'vendors were added');
      assert.ok(
        [...acknowledged.vendors.values()].some((version) => version > 0),
        'vendors were renamed',
      );
      assert.ok(acknowledged.counter > ROUNDS, 'settings were changed');
    }));

  it('SIGTERM: changes in flight are saved, the process exits 0, the parts are there after the restart', () =>
    withTempDir(async (dir) => {
      const run = await runAndStop(dir, 'term', 'SIGTERM', eachKind(3));
      assert.equal(run.code, 0, run.stderr);
      const stop = run.lines.indexOf('sigterm');
      assert.ok(stop >= 0 && run.lines.at(-1) === 'stopped', run.lines.slice(-5).join(' | '));
      assert.ok(acks(run.lines.slice(stop)).length > 0, 'no change in flight finished after SIGTERM');
      const acknowledged: Acknowledged = { vendors: new Map(), counter: 0 };
      record(acknowledged, run.lines);
      // A clean stop flushes the journal; it does not fold it into the file.
      const file = await fileAlone(dir);
      assert.deepEqual(file.vendors, [], 'the vendors are in the journal only');
      assertHolds(await reopen(dir), acknowledged, 'after SIGTERM');
      // And the next process starts from there, and changes the same parts again.
      const again = await runAndStop(dir, 'again', 'SIGTERM', eachKind(3));
      assert.equal(again.code, 0, again.stderr);
      record(acknowledged, again.lines);
      assertHolds(await reopen(dir), acknowledged, 'after the second run');
    }));
});
