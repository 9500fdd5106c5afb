import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileStateStorage } from '../../src/store/fileStateStorage.js';
import { withTempDir } from '../helpers/tempDir.js';

describe('conversation state storage (files)', () => {
  it('keeps state across a restart, one file per conversation', () =>
    withTempDir(async (dir) => {
      const storage = await FileStateStorage.open(dir);
      await storage.write({
        'msteams/bot/conversations/a': { step: 'roles' },
        'msteams/bot/conversations/b': { step: 'email' },
      });
      const reopened = await FileStateStorage.open(dir);
      const items = await reopened.read(['msteams/bot/conversations/a', 'msteams/bot/conversations/missing']);
      assert.equal(items['msteams/bot/conversations/a']?.step, 'roles');
      assert.equal(items['msteams/bot/conversations/missing'], undefined);
      assert.equal((await readdir(path.join(dir, 'conversations'))).length, 2);
    }));

  it('a turn rewrites only its own conversation file', () =>
    withTempDir(async (dir) => {
      const storage = await FileStateStorage.open(dir);
      await storage.write({ a: { n: 1 }, b: { n: 1 } });
      const folder = path.join(dir, 'conversations');
      const files = await readdir(folder);
      const before = await Promise.all(
        files.map(async (name) => (await import('node:fs/promises')).stat(path.join(folder, name))),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      await storage.write({ a: { n: 2 } });
      const after = await Promise.all(
        files.map(async (name) => (await import('node:fs/promises')).stat(path.join(folder, name))),
      );
      const changed = after.filter((stat, index) => stat.mtimeMs !== before[index]!.mtimeMs);
      assert.equal(changed.length, 1);
    }));

  it('rejects a write whose eTag is stale, like MemoryStorage', () =>
    withTempDir(async (dir) => {
      const storage = await FileStateStorage.open(dir);
      await storage.write({ k: { v: 1 } });
      const first = (await storage.read(['k'])).k;
      await storage.write({ k: { ...first, v: 2 } });
      await assert.rejects(storage.write({ k: { ...first, v: 3 } }), /eTag conflict/);
      assert.equal((await storage.read(['k'])).k.v, 2);
      await storage.write({ k: { v: 4, eTag: '*' } });
      assert.equal((await storage.read(['k'])).k.v, 4);
    }));

  it('deletes, and treats an unreadable state file as no state rather than crashing', () =>
    withTempDir(async (dir) => {
      const storage = await FileStateStorage.open(dir);
      await storage.write({ k: { v: 1 } });
      await storage.delete(['k', 'never-written']);
      assert.deepEqual(await storage.read(['k']), {});
      await storage.write({ j: { v: 1 } });
      const [name] = await readdir(path.join(dir, 'conversations'));
      await writeFile(path.join(dir, 'conversations', name!), '{torn');
      // A torn file is what a crash can leave: the next process reads it as no state.
      assert.deepEqual(await (await FileStateStorage.open(dir)).read(['j']), {});
    }));

  it('answers reads of recent state from memory, each a copy: a turn that changes state without saving it changes nothing', () =>
    withTempDir(async (dir) => {
      const storage = await FileStateStorage.open(dir);
      await storage.write({ k: { flow: { step: 1 } } });
      const first = await storage.read(['k']);
      (first.k.flow as { step: number }).step = 99;
      assert.equal(((await storage.read(['k'])).k.flow as { step: number }).step, 1);
      // What the next process reads from disk is the same.
      assert.equal(((await (await FileStateStorage.open(dir)).read(['k'])).k.flow as { step: number }).step, 1);
    }));
});
