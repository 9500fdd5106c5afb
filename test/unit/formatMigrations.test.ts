import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migrateToCurrentFormat } from '../../src/store/formatMigrations.js';
import { loadOrganization } from '../../src/store/fileAccountStore.js';
import { demoOrganization } from '../../src/store/demoOrganization.js';
import { STORE_FORMAT_VERSION } from '../../src/store/schema.js';
import { withTempDir } from '../helpers/tempDir.js';

/**
 * An organization file written by the release before customer accounts (format 1) still opens:
 * it is read as format 2 with no customers, and nothing it said is changed.
 */
describe('store format migrations (src/store/formatMigrations.ts)', () => {
  const formatOne = () => {
    const { customers: _customers, ...rest } = demoOrganization('2026-11-20T09:00:00.000Z');
    return { ...rest, formatVersion: 1 };
  };

  it('format 1 gains an empty customer list and the current format; the rest is as it was', () => {
    const old = formatOne();
    const migrated = migrateToCurrentFormat(old) as Record<string, unknown>;
    assert.equal(migrated.formatVersion, STORE_FORMAT_VERSION);
    assert.deepEqual(migrated.customers, []);
    assert.deepEqual({ ...migrated, customers: undefined, formatVersion: 1 }, { ...old, customers: undefined });
  });

  it('a format-1 file on disk opens as a valid document', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, `${'5c1f8a2e-3b7d-4e96-8a41-0d2f6b9c7e15'}.json`);
      await writeFile(file, JSON.stringify(formatOne()));
      const { document } = await loadOrganization(file);
      assert.equal(document.formatVersion, STORE_FORMAT_VERSION);
      assert.deepEqual(document.customers, []);
      assert.equal(document.users.length, formatOne().users.length);
    }));

  it('a current document, and anything that is not a document, are left as they are', () => {
    const current = demoOrganization('2026-11-20T09:00:00.000Z');
    assert.equal(migrateToCurrentFormat(current), current);
    for (const value of [null, 42, 'x', [1], { formatVersion: 99 }]) assert.equal(migrateToCurrentFormat(value), value);
  });
});
