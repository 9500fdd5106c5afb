import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEnvFile } from '../../src/startupConfig.js';
import { withTempDir } from '../helpers/tempDir.js';

describe('.env file', () => {
  it('is read when present, and never overrides the real environment', () =>
    withTempDir(async (dir) => {
      await writeFile(path.join(dir, '.env'), 'PARTNER_TEST_FROM_FILE=file\nPARTNER_TEST_BOTH=file\n');
      process.env.PARTNER_TEST_BOTH = 'environment';
      try {
        loadEnvFile(dir);
        assert.equal(process.env.PARTNER_TEST_FROM_FILE, 'file');
        assert.equal(process.env.PARTNER_TEST_BOTH, 'environment');
      } finally {
        delete process.env.PARTNER_TEST_FROM_FILE;
        delete process.env.PARTNER_TEST_BOTH;
      }
    }));

  it('is optional', () => withTempDir(async (dir) => loadEnvFile(dir)));
});
